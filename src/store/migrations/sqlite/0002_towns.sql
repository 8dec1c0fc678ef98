-- 2: the town each call and message was for (one service, many towns).
ALTER TABLE calls ADD COLUMN town TEXT;
ALTER TABLE messages ADD COLUMN town TEXT;

-- 1: calls, messages, unanswered questions. Times are Unix milliseconds (UTC); lists JSON text.
CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    started_at INTEGER NOT NULL,
    ended_at INTEGER NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('sip', 'web')),
    caller_hash TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN
        ('answered', 'transferred', 'message', 'abandoned', 'refused', 'error')),
    turns INTEGER NOT NULL,
    intents TEXT NOT NULL,
    latencies TEXT NOT NULL,
    transcript TEXT
);
CREATE INDEX calls_started_at ON calls (started_at);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    call_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    callback_number TEXT,
    caller_name TEXT,
    transcript TEXT NOT NULL,
    service TEXT,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    done_at INTEGER
);
CREATE INDEX messages_created_at ON messages (created_at);
CREATE TABLE unanswered (
    id INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    town TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX unanswered_created_at ON unanswered (created_at);

-- 1: calls, messages, unanswered questions, and the settings every node shares (the caller-hash salt).
CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('sip', 'web')),
    caller_hash TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN
        ('answered', 'transferred', 'message', 'abandoned', 'refused', 'error')),
    turns INTEGER NOT NULL,
    intents JSONB NOT NULL,
    latencies JSONB NOT NULL,
    transcript JSONB
);
CREATE INDEX calls_started_at ON calls (started_at);
CREATE TABLE messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    call_id TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    callback_number TEXT,
    caller_name TEXT,
    transcript TEXT NOT NULL,
    service TEXT,
    done_at TIMESTAMPTZ
);
CREATE INDEX messages_created_at ON messages (created_at);
CREATE TABLE unanswered (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL,
    town TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX unanswered_created_at ON unanswered (created_at);
CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);

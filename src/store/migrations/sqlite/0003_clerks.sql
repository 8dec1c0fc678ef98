-- 3: the clerks who may log in to the desk (/admin): an argon2 PHC string per name.
CREATE TABLE clerks (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

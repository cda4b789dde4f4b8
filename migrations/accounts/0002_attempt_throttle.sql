-- Sign-in and sign-up attempts per key in fixed windows (subgraphs/accounts/src/store/throttle.rs).
-- A key is a scope and what it counts, e.g. `login:address+email:203.0.113.7|a@b.kz`,
-- `login:address:203.0.113.7`, `login:email:a@b.kz`, `signup:address:203.0.113.7`.
-- Attempts are counted before the password is checked, by one UPSERT ... RETURNING, so
-- concurrent requests cannot get past a limit between reading and writing the count.
CREATE TABLE attempt_throttle (
    throttle_key TEXT PRIMARY KEY,
    attempts     BIGINT NOT NULL,
    window_start TEXT NOT NULL
);

-- Replaced by attempt_throttle: it counted failures per e-mail only, after checking the
-- password, so parallel guesses all got checked and anyone could lock a known e-mail out.
DROP TABLE login_throttle;

-- Customers, their addresses, refresh tokens, login throttling and the wallet ledger.
-- Portable SQL (see migrations/catalog): TEXT ids and times, BIGINT money and flags.

CREATE TABLE customer (
    customer_id   TEXT PRIMARY KEY,
    -- Lower-cased on write, so uniqueness is case-insensitive on both databases.
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    phone         TEXT,
    -- argon2id PHC string; never the password.
    password_hash TEXT NOT NULL,
    -- JSON array of role names.
    roles         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE address (
    address_id  TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customer (customer_id),
    label       TEXT NOT NULL,
    line1       TEXT NOT NULL,
    line2       TEXT,
    city        TEXT NOT NULL,
    postal_code TEXT,
    -- WGS 84 degrees; the delivery subgraph routes couriers to them.
    latitude    DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude   DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    is_default  BIGINT NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    -- Removed addresses stay for orders that were shipped to them.
    removed     BIGINT NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    created_at  TEXT NOT NULL
);

CREATE INDEX address_customer_idx ON address (customer_id);

-- Rotating refresh tokens. Only a SHA-256 of the token is stored. Tokens of one login form a
-- family; presenting a token that was already rotated revokes the whole family (theft signal).
CREATE TABLE refresh_token (
    token_hash  TEXT PRIMARY KEY,
    family_id   TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customer (customer_id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    rotated_at  TEXT,
    revoked_at  TEXT
);

CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);

-- Failed logins per e-mail (known or not, so the answer does not reveal which).
CREATE TABLE login_throttle (
    email        TEXT PRIMARY KEY,
    failures     BIGINT NOT NULL,
    window_start TEXT NOT NULL
);

-- The wallet's cached totals; always equal to the sums over wallet_entry (a test checks it).
-- available = balance - held, never negative thanks to the CHECK and conditional updates.
CREATE TABLE wallet (
    customer_id TEXT PRIMARY KEY REFERENCES customer (customer_id),
    currency    TEXT NOT NULL,
    balance     BIGINT NOT NULL DEFAULT 0,
    held        BIGINT NOT NULL DEFAULT 0,
    CHECK (held >= 0 AND balance >= held)
);

-- Append-only ledger. CREDIT/DEBIT move the balance; HOLD/RELEASE move the held part;
-- CAPTURE turns a hold into a debit.
CREATE TABLE wallet_entry (
    entry_id        TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL REFERENCES wallet (customer_id),
    kind            TEXT NOT NULL CHECK (kind IN ('CREDIT', 'DEBIT', 'HOLD', 'RELEASE', 'CAPTURE')),
    amount          BIGINT NOT NULL CHECK (amount > 0),
    currency        TEXT NOT NULL,
    -- The HOLD a RELEASE or CAPTURE settles.
    hold_id         TEXT REFERENCES wallet_entry (entry_id),
    reference       TEXT NOT NULL,
    idempotency_key TEXT,
    -- Fingerprint of the request, to answer a replayed key with a different input by CONFLICT.
    request_hash    TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (customer_id, idempotency_key)
);

CREATE INDEX wallet_entry_customer_idx ON wallet_entry (customer_id, created_at);

-- A hold is settled (released or captured) at most once.
CREATE UNIQUE INDEX wallet_entry_settles_once ON wallet_entry (hold_id) WHERE hold_id IS NOT NULL;

-- THE SIMULATED CARD GATEWAY's own state (see subgraphs/payments/src/gateway.rs). A real
-- gateway keeps this on its side; the simulation keeps it here for convenience. Payments'
-- own code never reads these tables.

-- The "vault": a token and the outcome class its test card number stands for. The number
-- itself is never stored.
CREATE TABLE sim_gateway_card (
    token      TEXT PRIMARY KEY,
    outcome    TEXT NOT NULL CHECK (outcome IN ('APPROVE', 'DECLINE_CARD', 'DECLINE_FUNDS', 'FAIL_TWICE')),
    created_at TEXT NOT NULL
);

-- Authorizations by the merchant's idempotency key; FAILED counts transient failures so far.
CREATE TABLE sim_gateway_authorization (
    idempotency_key TEXT PRIMARY KEY,
    auth_id         TEXT UNIQUE,
    token           TEXT NOT NULL,
    amount          BIGINT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('FAILED', 'DECLINED', 'AUTHORIZED', 'CAPTURED', 'VOIDED')),
    decline_reason  TEXT,
    attempts        BIGINT NOT NULL,
    refunded        BIGINT NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount),
    updated_at      TEXT NOT NULL
);

CREATE TABLE sim_gateway_refund (
    idempotency_key TEXT PRIMARY KEY,
    refund_id       TEXT NOT NULL,
    auth_id         TEXT NOT NULL,
    amount          BIGINT NOT NULL CHECK (amount > 0),
    created_at      TEXT NOT NULL
);

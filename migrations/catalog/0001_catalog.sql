-- Portable across SQLite and PostgreSQL: TEXT ids, BIGINT money in minor units, times as
-- fixed-width RFC 3339 UTC text (text order = time order), and flags as BIGINT 0/1 because
-- sqlx's Any driver cannot decode SQLite's BOOLEAN.

-- Categories form a tree through parent_id.
CREATE TABLE category (
    category_id TEXT PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    parent_id   TEXT REFERENCES category (category_id),
    -- JSON array of strings; read with the row, so no extra query per category.
    tags        TEXT NOT NULL DEFAULT '[]',
    created_at  TEXT NOT NULL
);

CREATE INDEX category_parent_idx ON category (parent_id);

CREATE TABLE product (
    product_id           TEXT PRIMARY KEY,
    slug                 TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    description          TEXT NOT NULL,
    price_amount         BIGINT NOT NULL CHECK (price_amount >= 0),
    price_currency       TEXT NOT NULL,
    category_id          TEXT NOT NULL REFERENCES category (category_id),
    tags                 TEXT NOT NULL DEFAULT '[]',
    image_url            TEXT,
    -- Kitchen-made items go through the kitchen subgraph after checkout.
    requires_preparation BIGINT NOT NULL DEFAULT 0 CHECK (requires_preparation IN (0, 1)),
    -- Archived products stay resolvable (orders refer to them) but leave listings.
    archived             BIGINT NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE INDEX product_category_idx ON product (category_id);
CREATE INDEX product_name_idx ON product (name, product_id);

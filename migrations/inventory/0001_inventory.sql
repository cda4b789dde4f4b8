-- Stock per product. available = on_hand - reserved; the CHECKs make overselling impossible
-- even if application code were wrong: a conditional UPDATE that would break them fails.
CREATE TABLE stock_item (
    product_id TEXT PRIMARY KEY,
    on_hand    BIGINT NOT NULL CHECK (on_hand >= 0),
    reserved   BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
    updated_at TEXT NOT NULL
);

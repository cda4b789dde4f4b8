-- The ways a product comes: a pizza's size, a phone's storage and colour. Each variant has its
-- own list price, and shops offer (and stock) variants one by one. `options` is a JSON array of
-- [name, value] pairs with the same names in the same order for every variant of a product;
-- `name` is the values joined ("256 GB · Black"), unique within the product, for display and
-- search.
CREATE TABLE product_variant (
    variant_id   TEXT PRIMARY KEY,
    product_id   TEXT NOT NULL REFERENCES product (product_id),
    position     INTEGER NOT NULL CHECK (position >= 0),
    name         TEXT NOT NULL,
    options      TEXT NOT NULL,
    price_amount BIGINT NOT NULL CHECK (price_amount >= 0),
    created_at   TEXT NOT NULL,
    UNIQUE (product_id, name),
    UNIQUE (product_id, position)
);

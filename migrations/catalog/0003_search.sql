-- What catalog knows of stock, kept from inventory's stock events: enough to filter a search
-- to products some shop can still sell, without calling inventory per product.
CREATE TABLE offer_availability (
    offer_id   TEXT PRIMARY KEY,
    product_id TEXT NOT NULL,
    available  BIGINT NOT NULL
);

CREATE INDEX offer_availability_product_idx ON offer_availability (product_id, available);

-- Who created a product: sellers change only their own, admins any.
ALTER TABLE product ADD COLUMN created_by TEXT;

CREATE INDEX product_price_idx ON product (price_amount, product_id);
CREATE INDEX product_created_idx ON product (created_at, product_id);

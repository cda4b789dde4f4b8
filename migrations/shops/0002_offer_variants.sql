-- Offers of product variants: a product with variants is sold variant by variant, each offer
-- naming one (a pizza's size, a phone's storage), with its own price and stock.
ALTER TABLE offer ADD COLUMN variant_id TEXT;

-- One live offer per shop and product, or per shop and variant when the product has variants.
DROP INDEX offer_shop_product_idx;
CREATE UNIQUE INDEX offer_shop_item_idx ON offer (shop_id, product_id, COALESCE(variant_id, '')) WHERE removed = 0;
CREATE INDEX offer_variant_idx ON offer (variant_id);

-- Which variants catalog's products have, kept from its events (none: sold as one thing).
CREATE TABLE variant_ref (
    variant_id TEXT PRIMARY KEY,
    product_id TEXT NOT NULL
);
CREATE INDEX variant_ref_product_idx ON variant_ref (product_id);

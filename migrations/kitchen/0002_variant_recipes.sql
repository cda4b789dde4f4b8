-- How the kitchen makes one variant of a product (a 35 cm pizza bakes longer than a 25 cm
-- one). A line of a variant with no recipe of its own is made by its product's recipe.
CREATE TABLE variant_recipe (
    variant_id   TEXT PRIMARY KEY,
    product_id   TEXT NOT NULL,
    station      TEXT NOT NULL REFERENCES station (name),
    prep_seconds BIGINT NOT NULL CHECK (prep_seconds > 0)
);

-- Which variant an item is, so the kitchen makes the size that was ordered.
ALTER TABLE ticket_item ADD COLUMN variant_id TEXT;

-- A product's pictures, in the order the storefront shows them. `media_key` names the bytes in
-- the media store (the SHA-256 of the picture and its extension, see kit::media), so two
-- products may show the same picture and a key never changes meaning. Uploaded (raster)
-- pictures also have sized WebP variants, stored the same way; bundled vector pictures have
-- none and serve every size from `media_key`.
CREATE TABLE product_image (
    product_id TEXT NOT NULL REFERENCES product (product_id),
    position   INTEGER NOT NULL CHECK (position >= 0),
    media_key  TEXT NOT NULL,
    alt        TEXT NOT NULL,
    thumb_key  TEXT,
    card_key   TEXT,
    full_key   TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (product_id, position)
);

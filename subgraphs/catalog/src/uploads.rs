//! Pictures sellers upload: a PNG, JPEG or WebP by its bytes (not by what the client claims),
//! at most [`MAX_BYTES`] and [`MAX_SIDE`] pixels a side, stored with sized WebP variants next to
//! the original. The router receives the file (GraphQL multipart request spec) and stores it;
//! the mutation names it by its media key.

use crate::store::{self, ProductImage, Variants};
use bytes::Bytes;
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ExtendedColorType, ImageReader, Limits};
use std::io::Cursor;
use vitrine_kit::db::Db;
use vitrine_kit::error::ApiError;
use vitrine_kit::media::{raster_type, MediaStore};

/// Largest picture accepted (the router refuses larger uploads before storing them).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Longest side a picture may have: more is a decompression bomb, not a product photo.
pub const MAX_SIDE: u32 = 8000;
/// Pictures one product may have.
pub const MAX_IMAGES: i64 = 10;
/// Longest side of each variant: the thumbnail, the card in a list, the product page.
const SIDES: [u32; 3] = [160, 480, 1200];

/// `BAD_USER_INPUT` when a product with `count` pictures has no room for another.
fn room_for_one_more(count: i64) -> Result<(), ApiError> {
    if count >= MAX_IMAGES {
        return Err(ApiError::bad_input(format!(
            "a product has at most {MAX_IMAGES} pictures"
        )));
    }
    Ok(())
}

fn unreadable() -> ApiError {
    ApiError::bad_input("the picture cannot be read: send a PNG, JPEG or WebP file")
}

/// Decodes `bytes` within the limits and returns the three variants, WebP encoded.
fn variants(bytes: &[u8]) -> Result<[Vec<u8>; 3], ApiError> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| unreadable())?;
    reader.limits(limits);
    let picture = reader.decode().map_err(|err| match err {
        image::ImageError::Limits(_) => ApiError::bad_input(format!(
            "the picture is too large: at most {MAX_SIDE} pixels a side"
        )),
        _ => unreadable(),
    })?;
    let encode = |side: u32| -> Result<Vec<u8>, ApiError> {
        let sized = if picture.width().max(picture.height()) > side {
            picture.resize(side, side, FilterType::Triangle)
        } else {
            picture.clone()
        };
        let rgba = DynamicImage::ImageRgba8(sized.to_rgba8());
        let mut out = Vec::new();
        WebPEncoder::new_lossless(&mut out)
            .encode(
                rgba.as_bytes(),
                rgba.width(),
                rgba.height(),
                ExtendedColorType::Rgba8,
            )
            .map_err(|err| ApiError::Internal(anyhow::anyhow!("encoding a variant: {err}")))?;
        Ok(out)
    };
    Ok([encode(SIDES[0])?, encode(SIDES[1])?, encode(SIDES[2])?])
}

/// Adds the stored upload `key` as `product_id`'s next picture. `NOT_FOUND` for a key nothing
/// was stored under; `BAD_USER_INPUT` for anything but a readable PNG, JPEG or WebP within the
/// limits, or a product that has [`MAX_IMAGES`] already.
pub async fn add_picture(
    db: &Db,
    media: &MediaStore,
    product_id: &str,
    key: &str,
    alt: &str,
) -> Result<ProductImage, ApiError> {
    let (bytes, _) = media
        .get(key)
        .await?
        .ok_or_else(|| ApiError::not_found("no such upload: send the file with the request"))?;
    if bytes.len() > MAX_BYTES {
        return Err(ApiError::bad_input("the picture is larger than 5 MiB"));
    }
    if raster_type(&bytes).is_none() {
        return Err(ApiError::bad_input(
            "only PNG, JPEG and WebP pictures are accepted",
        ));
    }
    let (count, _) = store::image_slots(db, product_id).await?;
    room_for_one_more(count)?;
    // Decoding is CPU work: off the async workers.
    let [thumb, card, full] = tokio::task::spawn_blocking(move || variants(&bytes))
        .await
        .map_err(|err| ApiError::Internal(anyhow::anyhow!("decoding a picture: {err}")))??;
    let mut keys = Vec::with_capacity(3);
    for variant in [thumb, card, full] {
        keys.push(media.put(Bytes::from(variant), "webp").await?);
    }
    let [thumb, card, full]: [String; 3] = keys.try_into().expect("three variants");
    let mut tx = db.begin_write().await?;
    // Counted again where it is written: two uploads at nine pictures must not make eleven
    // (the first count spares decoding a picture that could not be added).
    let (count, position) = store::image_slots(&mut *tx, product_id).await?;
    room_for_one_more(count)?;
    let image = ProductImage {
        product_id: product_id.to_string(),
        position,
        media_key: key.to_string(),
        alt: alt.to_string(),
        variants: Some(Variants { thumb, card, full }),
    };
    let at = vitrine_kit::time::to_db(vitrine_kit::time::now());
    if !store::add_image(&mut *tx, &image, &at).await? {
        // PostgreSQL: another upload took the same position first.
        return Err(ApiError::Conflict(
            "another picture was added to this product at the same moment; try again".into(),
        ));
    }
    tx.commit().await?;
    Ok(image)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbImage::from_pixel(width, height, image::Rgb([200, 40, 40]));
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(picture)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn a_product_has_room_for_ten_pictures() {
        assert!(room_for_one_more(MAX_IMAGES - 1).is_ok());
        assert!(matches!(
            room_for_one_more(MAX_IMAGES),
            Err(ApiError::BadUserInput(_))
        ));
    }

    #[test]
    fn variants_shrink_to_their_side_keep_the_shape_and_never_grow() {
        let [thumb, card, full] = variants(&png(1600, 800)).unwrap();
        let side = |bytes: &[u8]| {
            let decoded = image::load_from_memory(bytes).unwrap();
            (decoded.width(), decoded.height())
        };
        assert_eq!(side(&thumb), (160, 80));
        assert_eq!(side(&card), (480, 240));
        assert_eq!(side(&full), (1200, 600));
        let [small, ..] = variants(&png(100, 50)).unwrap();
        assert_eq!(side(&small), (100, 50));
        assert_eq!(raster_type(&thumb), Some("webp"));
    }

    #[test]
    fn garbage_and_giants_are_refused_clearly() {
        assert!(matches!(
            variants(b"\x89PNG\r\n\x1a\nnot really"),
            Err(ApiError::BadUserInput(_))
        ));
        // A real PNG one pixel high and 8 001 wide: refused by its size, not decoded.
        match variants(&png(MAX_SIDE + 1, 1)) {
            Err(ApiError::BadUserInput(message)) => assert!(message.contains("too large"), "{message}"),
            other => panic!("{other:?}"),
        }
    }
}

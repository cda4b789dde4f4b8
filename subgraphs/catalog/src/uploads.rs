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
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
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

/// Pictures decoded at once: each may take up to about 450 MiB and a core for tens of
/// seconds (an 8000 × 8000 picture), and a decode goes on after its request gave up, so
/// without a bound a seller's uploads took every core and gigabytes. One a core.
#[derive(Clone)]
pub struct Decoding(Arc<Semaphore>);

/// How long a picture waits for a place before its request is refused (`RATE_LIMITED`).
const WAIT_FOR_PLACE: Duration = Duration::from_secs(5);

/// A place among the decodes running at once, held until its decode returns.
struct DecodePlace {
    _permit: OwnedSemaphorePermit,
}

impl Decoding {
    pub fn one_a_core() -> Decoding {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Decoding::at_once(cores)
    }

    pub fn at_once(decodes: usize) -> Decoding {
        Decoding(Arc::new(Semaphore::new(decodes.max(1))))
    }

    /// Waits up to [`WAIT_FOR_PLACE`] for a place; the waiting request holds no picture yet.
    async fn place(&self) -> Result<DecodePlace, ApiError> {
        match tokio::time::timeout(WAIT_FOR_PLACE, self.0.clone().acquire_owned()).await {
            Ok(place) => Ok(DecodePlace {
                _permit: place.expect("the semaphore is never closed"),
            }),
            Err(_) => Err(ApiError::RateLimited(
                "other pictures are being processed; try again in a moment".into(),
            )),
        }
    }
}

impl DecodePlace {
    /// Runs `decode` off the async workers, keeping the place until it returns, even if the
    /// caller stopped waiting.
    async fn run<T: Send + 'static>(
        self,
        decode: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        tokio::task::spawn_blocking(move || {
            let _place = self;
            decode()
        })
        .await
        .map_err(|err| ApiError::Internal(anyhow::anyhow!("decoding a picture: {err}")))
    }
}

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
    decoding: &Decoding,
    product_id: &str,
    key: &str,
    alt: &str,
) -> Result<ProductImage, ApiError> {
    let place = decoding.place().await?;
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
    let [thumb, card, full] = place.run(move || variants(&bytes)).await??;
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

    #[tokio::test]
    async fn pictures_decode_at_most_so_many_at_once_and_a_place_outlives_its_caller() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let decoding = Decoding::at_once(2);
        let (running, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let decodes = (0..6).map(|_| {
            let (decoding, running, most) = (decoding.clone(), running.clone(), most.clone());
            tokio::spawn(async move {
                let place = decoding.place().await.unwrap();
                place
                    .run(move || {
                        most.fetch_max(running.fetch_add(1, SeqCst) + 1, SeqCst);
                        std::thread::sleep(Duration::from_millis(50));
                        running.fetch_sub(1, SeqCst);
                    })
                    .await
                    .unwrap();
            })
        });
        for decode in decodes.collect::<Vec<_>>() {
            decode.await.unwrap();
        }
        assert_eq!(most.load(SeqCst), 2, "two at once, never more");
        // A caller that stops waiting leaves its decode holding the place until it ends.
        let (release, finished) = std::sync::mpsc::channel::<()>();
        let abandoned = decoding.place().await.unwrap().run(move || finished.recv());
        let abandoned = tokio::spawn(abandoned);
        tokio::time::sleep(Duration::from_millis(20)).await;
        abandoned.abort();
        let other = decoding.place().await.unwrap();
        assert!(
            tokio::time::timeout(Duration::from_millis(100), decoding.place())
                .await
                .is_err(),
            "both places taken: the abandoned decode still holds one"
        );
        release.send(()).unwrap();
        assert!(decoding.place().await.is_ok());
        drop(other);
    }

    #[tokio::test(start_paused = true)]
    async fn a_picture_that_finds_no_place_in_time_is_refused() {
        let decoding = Decoding::at_once(1);
        let _busy = decoding.place().await.unwrap();
        match decoding.place().await {
            Err(ApiError::RateLimited(message)) => assert!(message.contains("try again"), "{message}"),
            Err(other) => panic!("refused with {other:?}"),
            Ok(_) => panic!("a second place with one"),
        }
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

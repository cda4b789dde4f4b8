//! The demo catalog's pictures: Twemoji illustrations bundled in the binary
//! (`media/demo/README.md` has their licence), stored in the media store and listed as each
//! demo product's first picture on every start for a product that has none, so an existing
//! data directory gets them too.

use crate::store::{self, ProductImage};
use bytes::Bytes;
use std::collections::HashSet;
use vitrine_kit::db::Db;
use vitrine_kit::demo::{product_id, PRODUCTS};
use vitrine_kit::media::MediaStore;

macro_rules! pictures {
    ($($code:literal),* $(,)?) => {
        /// Every bundled picture, by its Unicode code point.
        const PICTURES: &[(&str, &[u8])] = &[
            $(($code, include_bytes!(concat!("../media/demo/", $code, ".svg")))),*
        ];
    };
}

pictures!(
    "1f4f1", "1f4bb", "1f3a7", "1f50a", "1f4fb", "1f508", "1f4fa", "1f4fd", "1f509", "1f9f9", "1f4a1",
    "1f4e1", "1f514", "1f3ae", "1f579", "1f5b1", "1f50c", "1f50b", "1f4f2", "1f4be", "1f392", "1f355",
    "1f354", "1f357", "1f96c", "1f35f", "1f363", "1f371", "1f957", "1fad2", "1f963", "1f370", "1f36e",
    "1f369", "1f34b", "1f964", "1f4a7", "1f95b", "1f4e6",
);

/// The picture of a demo product (its code point) and what it shows.
fn demo_picture(slug: &str, category: &str) -> (&'static str, &'static str) {
    match slug {
        "airpods-pro-2" | "sony-wh1000xm5" | "galaxy-buds-fe" => ("1f3a7", "headphones"),
        "jbl-charge-5" => ("1f50a", "a loudspeaker"),
        "marshall-emberton" => ("1f4fb", "a radio speaker"),
        "sonos-era-100" => ("1f508", "a speaker"),
        "epson-projector" => ("1f4fd", "a projector"),
        "yandex-station-2" => ("1f509", "a smart speaker"),
        "mi-robot-vacuum" => ("1f9f9", "a broom"),
        "hue-starter-kit" => ("1f4a1", "a light bulb"),
        "aqara-hub-m2" => ("1f4e1", "an antenna"),
        "ring-doorbell" => ("1f514", "a bell"),
        "switch-oled" | "steam-deck-oled" => ("1f579", "a joystick"),
        "logitech-g-pro" => ("1f5b1", "a computer mouse"),
        "anker-65w" | "usb-c-cable" => ("1f50c", "a plug"),
        "powerbank-20k" => ("1f50b", "a battery"),
        "magsafe-case" => ("1f4f2", "a phone"),
        "sd-card-256" => ("1f4be", "a memory card"),
        "laptop-backpack" => ("1f392", "a backpack"),
        "burger-chicken" => ("1f357", "fried chicken"),
        "burger-veggie" => ("1f96c", "leafy greens"),
        "fries" => ("1f35f", "french fries"),
        "roll-dragon" | "roll-california" => ("1f371", "a box of rolls"),
        "salad-greek" => ("1fad2", "olives"),
        "poke-salmon" => ("1f963", "a bowl"),
        "cheesecake" => ("1f370", "a slice of cake"),
        "tiramisu" => ("1f36e", "a dessert"),
        "baursaks" => ("1f369", "doughnuts"),
        "lemonade" => ("1f34b", "a lemon"),
        "cola-05" => ("1f964", "a cup with a straw"),
        "water-05" => ("1f4a7", "a water drop"),
        "ayran" => ("1f95b", "a glass of milk"),
        _ => match category {
            "smartphones" => ("1f4f1", "a mobile phone"),
            "laptops" => ("1f4bb", "a laptop"),
            "tv-video" => ("1f4fa", "a television"),
            "gaming" => ("1f3ae", "a game controller"),
            "pizza" => ("1f355", "a slice of pizza"),
            "burgers" => ("1f354", "a burger"),
            "sushi" => ("1f363", "sushi"),
            "salads" => ("1f957", "a salad"),
            _ => ("1f4e6", "a parcel"),
        },
    }
}

/// Gives every demo product without a picture its illustration. Returns how many got one.
pub async fn seed_demo_pictures(db: &Db, media: &MediaStore) -> anyhow::Result<usize> {
    let pictured: HashSet<String> = store::products_with_images(db).await?.into_iter().collect();
    let now = vitrine_kit::time::to_db(vitrine_kit::time::now());
    let mut added = 0;
    for product in PRODUCTS {
        let id = product_id(product.slug);
        if pictured.contains(&id) {
            continue;
        }
        let (code, shows) = demo_picture(product.slug, product.category);
        let Some((_, svg)) = PICTURES.iter().find(|(c, _)| *c == code) else {
            anyhow::bail!("no bundled picture {code} for {}", product.slug);
        };
        let key = media.put(Bytes::from_static(svg), "svg").await?;
        let image = ProductImage {
            product_id: id,
            position: 0,
            media_key: key,
            alt: format!("{} (illustration: {shows})", product.name),
            variants: None,
        };
        // Another process starting beside this one may have given it first.
        if store::add_image(db, &image, &now).await? {
            added += 1;
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_product_has_a_bundled_picture() {
        for product in PRODUCTS {
            let (code, _) = demo_picture(product.slug, product.category);
            assert!(
                PICTURES.iter().any(|(c, _)| *c == code),
                "{}: {code} is not bundled",
                product.slug
            );
        }
        for (code, svg) in PICTURES {
            assert!(svg.starts_with(b"<svg"), "{code} is not an SVG");
        }
    }
}

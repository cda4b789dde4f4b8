//! The demo shop: an electronics store (seed 004) with an automated kitchen's menu (seed 000).
//! Each subgraph seeds only its own slice (catalog: products and categories; inventory: stock)
//! and derives the same ids from the slugs, so no subgraph reads another's tables.

use crate::ids::stable_id;

pub struct DemoCategory {
    pub slug: &'static str,
    pub name: &'static str,
    pub parent: Option<&'static str>,
    pub tags: &'static [&'static str],
}

pub struct DemoProduct {
    pub slug: &'static str,
    pub name: &'static str,
    pub category: &'static str,
    /// Whole tenge; stored as tiyn.
    pub price_tenge: i64,
    pub description: &'static str,
    pub tags: &'static [&'static str],
    pub requires_preparation: bool,
    pub stock: i64,
}

impl DemoCategory {
    pub fn id(&self) -> String {
        category_id(self.slug)
    }
}

impl DemoProduct {
    pub fn id(&self) -> String {
        product_id(self.slug)
    }
}

pub fn category_id(slug: &str) -> String {
    stable_id("cat", slug)
}

pub fn product_id(slug: &str) -> String {
    stable_id("prd", slug)
}

const fn cat(
    slug: &'static str,
    name: &'static str,
    parent: Option<&'static str>,
    tags: &'static [&'static str],
) -> DemoCategory {
    DemoCategory {
        slug,
        name,
        parent,
        tags,
    }
}

#[allow(clippy::too_many_arguments)]
const fn item(
    slug: &'static str,
    name: &'static str,
    category: &'static str,
    price_tenge: i64,
    description: &'static str,
    tags: &'static [&'static str],
    requires_preparation: bool,
    stock: i64,
) -> DemoProduct {
    DemoProduct {
        slug,
        name,
        category,
        price_tenge,
        description,
        tags,
        requires_preparation,
        stock,
    }
}

pub const CATEGORIES: &[DemoCategory] = &[
    cat("electronics", "Electronics", None, &["tech"]),
    cat(
        "smartphones",
        "Smartphones",
        Some("electronics"),
        &["mobile", "phones"],
    ),
    cat("laptops", "Laptops", Some("electronics"), &["computers"]),
    cat("audio", "Audio", Some("electronics"), &["sound", "music"]),
    cat("tv-video", "TV & Video", Some("electronics"), &["home-cinema"]),
    cat("smart-home", "Smart Home", Some("electronics"), &["iot"]),
    cat("gaming", "Gaming", Some("electronics"), &["games", "consoles"]),
    cat(
        "accessories",
        "Accessories",
        Some("electronics"),
        &["cables", "chargers"],
    ),
    cat("kitchen", "Kitchen", None, &["food", "prepared"]),
    cat("pizza", "Pizza", Some("kitchen"), &["hot"]),
    cat("burgers", "Burgers", Some("kitchen"), &["hot"]),
    cat("sushi", "Sushi & Rolls", Some("kitchen"), &["japanese"]),
    cat("salads", "Salads & Bowls", Some("kitchen"), &["healthy"]),
    cat("desserts", "Desserts", Some("kitchen"), &["sweet"]),
    cat("drinks", "Drinks", Some("kitchen"), &["cold"]),
];

pub const PRODUCTS: &[DemoProduct] = &[
    item(
        "galaxy-s24",
        "Samsung Galaxy S24",
        "smartphones",
        419_990,
        "6.2\" Dynamic AMOLED, Snapdragon 8 Gen 3, triple camera.",
        &["samsung", "android", "5g"],
        false,
        25,
    ),
    item(
        "galaxy-a55",
        "Samsung Galaxy A55 256 GB",
        "smartphones",
        199_990,
        "Mid-range phone with a 120 Hz screen and IP67 body.",
        &["samsung", "android"],
        false,
        40,
    ),
    item(
        "iphone-15",
        "Apple iPhone 15",
        "smartphones",
        449_990,
        "A16 Bionic, 48 MP camera, USB-C.",
        &["apple", "ios", "5g"],
        false,
        30,
    ),
    item(
        "iphone-15-pro",
        "Apple iPhone 15 Pro 256 GB",
        "smartphones",
        649_990,
        "Titanium body, A17 Pro, 5x telephoto.",
        &["apple", "ios", "5g"],
        false,
        12,
    ),
    item(
        "pixel-8",
        "Google Pixel 8 128 GB",
        "smartphones",
        329_990,
        "Tensor G3, seven years of updates.",
        &["google", "android"],
        false,
        15,
    ),
    item(
        "redmi-note-13",
        "Xiaomi Redmi Note 13 Pro",
        "smartphones",
        149_990,
        "200 MP camera and 67 W charging.",
        &["xiaomi", "android"],
        false,
        60,
    ),
    item(
        "macbook-air-m3",
        "Apple MacBook Air 13\" M3 16 GB",
        "laptops",
        689_990,
        "Fanless laptop with 18 hours of battery.",
        &["apple", "macos", "ultrabook"],
        false,
        10,
    ),
    item(
        "macbook-pro-14",
        "Apple MacBook Pro 14\" M3 Pro",
        "laptops",
        1_099_990,
        "Liquid Retina XDR display, 18 GB memory.",
        &["apple", "macos", "pro"],
        false,
        5,
    ),
    item(
        "thinkpad-x1",
        "Lenovo ThinkPad X1 Carbon Gen 12",
        "laptops",
        899_990,
        "1.1 kg business laptop with a legendary keyboard.",
        &["lenovo", "windows", "business"],
        false,
        7,
    ),
    item(
        "zenbook-14",
        "ASUS Zenbook 14 OLED",
        "laptops",
        499_990,
        "2.8K OLED screen, Core Ultra 7.",
        &["asus", "windows", "oled"],
        false,
        14,
    ),
    item(
        "rog-strix-g16",
        "ASUS ROG Strix G16",
        "laptops",
        799_990,
        "RTX 4070 gaming laptop with a 240 Hz panel.",
        &["asus", "gaming", "windows"],
        false,
        6,
    ),
    item(
        "ideapad-slim-5",
        "Lenovo IdeaPad Slim 5",
        "laptops",
        349_990,
        "Everyday laptop, Ryzen 7, 16 GB.",
        &["lenovo", "windows"],
        false,
        22,
    ),
    item(
        "airpods-pro-2",
        "Apple AirPods Pro 2",
        "audio",
        119_990,
        "Active noise cancellation, USB-C case.",
        &["apple", "wireless", "anc"],
        false,
        50,
    ),
    item(
        "sony-wh1000xm5",
        "Sony WH-1000XM5",
        "audio",
        179_990,
        "Over-ear headphones with class-leading ANC.",
        &["sony", "wireless", "anc"],
        false,
        20,
    ),
    item(
        "jbl-charge-5",
        "JBL Charge 5",
        "audio",
        74_990,
        "Waterproof portable speaker, 20 h playback.",
        &["jbl", "speaker", "portable"],
        false,
        35,
    ),
    item(
        "marshall-emberton",
        "Marshall Emberton II",
        "audio",
        84_990,
        "Compact speaker with stereo sound.",
        &["marshall", "speaker"],
        false,
        18,
    ),
    item(
        "galaxy-buds-fe",
        "Samsung Galaxy Buds FE",
        "audio",
        39_990,
        "Comfortable earbuds with ANC.",
        &["samsung", "wireless"],
        false,
        45,
    ),
    item(
        "sonos-era-100",
        "Sonos Era 100",
        "audio",
        139_990,
        "Smart speaker for any room.",
        &["sonos", "speaker", "smart"],
        false,
        9,
    ),
    item(
        "lg-oled-c3-55",
        "LG OLED C3 55\"",
        "tv-video",
        749_990,
        "4K OLED TV with 120 Hz and Dolby Vision.",
        &["lg", "oled", "4k"],
        false,
        8,
    ),
    item(
        "samsung-qled-65",
        "Samsung QLED Q80C 65\"",
        "tv-video",
        629_990,
        "Full-array backlight QLED TV.",
        &["samsung", "qled", "4k"],
        false,
        6,
    ),
    item(
        "xiaomi-tv-a2-43",
        "Xiaomi TV A2 43\"",
        "tv-video",
        139_990,
        "Android TV for the bedroom.",
        &["xiaomi", "android-tv"],
        false,
        30,
    ),
    item(
        "chromecast-gtv",
        "Chromecast with Google TV 4K",
        "tv-video",
        34_990,
        "Streaming stick with remote.",
        &["google", "streaming"],
        false,
        40,
    ),
    item(
        "epson-projector",
        "Epson EH-TW740 Projector",
        "tv-video",
        289_990,
        "Full HD projector, 3300 lumens.",
        &["epson", "projector"],
        false,
        4,
    ),
    item(
        "yandex-station-2",
        "Yandex Station 2",
        "smart-home",
        69_990,
        "Smart speaker with Alice voice assistant.",
        &["yandex", "voice", "speaker"],
        false,
        25,
    ),
    item(
        "mi-robot-vacuum",
        "Xiaomi Robot Vacuum S10",
        "smart-home",
        129_990,
        "LiDAR navigation and mopping.",
        &["xiaomi", "cleaning"],
        false,
        12,
    ),
    item(
        "hue-starter-kit",
        "Philips Hue Starter Kit E27",
        "smart-home",
        59_990,
        "Three colour bulbs and a bridge.",
        &["philips", "lighting"],
        false,
        20,
    ),
    item(
        "aqara-hub-m2",
        "Aqara Hub M2",
        "smart-home",
        24_990,
        "Zigbee hub with IR blaster.",
        &["aqara", "zigbee"],
        false,
        30,
    ),
    item(
        "ring-doorbell",
        "Ring Video Doorbell 4",
        "smart-home",
        89_990,
        "1080p doorbell camera with pre-roll.",
        &["ring", "security", "camera"],
        false,
        10,
    ),
    item(
        "ps5-slim",
        "Sony PlayStation 5 Slim",
        "gaming",
        289_990,
        "Console with a 1 TB SSD and disc drive.",
        &["sony", "console"],
        false,
        15,
    ),
    item(
        "xbox-series-x",
        "Microsoft Xbox Series X",
        "gaming",
        279_990,
        "4K console with 1 TB storage.",
        &["microsoft", "console"],
        false,
        10,
    ),
    item(
        "switch-oled",
        "Nintendo Switch OLED",
        "gaming",
        169_990,
        "Hybrid console with a 7\" OLED screen.",
        &["nintendo", "console", "portable"],
        false,
        20,
    ),
    item(
        "dualsense",
        "DualSense Wireless Controller",
        "gaming",
        36_990,
        "Haptic feedback and adaptive triggers.",
        &["sony", "controller"],
        false,
        50,
    ),
    item(
        "steam-deck-oled",
        "Valve Steam Deck OLED 512 GB",
        "gaming",
        329_990,
        "Handheld PC for your Steam library.",
        &["valve", "portable", "pc"],
        false,
        8,
    ),
    item(
        "logitech-g-pro",
        "Logitech G Pro X Superlight 2",
        "gaming",
        69_990,
        "60 g wireless esports mouse.",
        &["logitech", "mouse"],
        false,
        25,
    ),
    item(
        "anker-65w",
        "Anker 735 GaN Charger 65 W",
        "accessories",
        19_990,
        "Three-port fast charger.",
        &["anker", "charger", "usb-c"],
        false,
        100,
    ),
    item(
        "usb-c-cable",
        "Baseus USB-C to USB-C Cable 2 m",
        "accessories",
        3_990,
        "100 W braided cable.",
        &["baseus", "cable", "usb-c"],
        false,
        200,
    ),
    item(
        "powerbank-20k",
        "Xiaomi Power Bank 20000 mAh",
        "accessories",
        12_990,
        "Two-way 22.5 W fast charging.",
        &["xiaomi", "powerbank"],
        false,
        80,
    ),
    item(
        "magsafe-case",
        "Apple iPhone 15 Silicone Case",
        "accessories",
        24_990,
        "MagSafe silicone case.",
        &["apple", "case"],
        false,
        60,
    ),
    item(
        "sd-card-256",
        "SanDisk Extreme microSD 256 GB",
        "accessories",
        17_990,
        "A2 card for phones and consoles.",
        &["sandisk", "storage"],
        false,
        90,
    ),
    item(
        "laptop-backpack",
        "Xiaomi Commuter Backpack",
        "accessories",
        14_990,
        "Water-resistant backpack for 15.6\" laptops.",
        &["xiaomi", "bag"],
        false,
        40,
    ),
    item(
        "pizza-margherita",
        "Pizza Margherita",
        "pizza",
        3_490,
        "Tomato sauce, mozzarella, basil.",
        &["vegetarian", "classic"],
        true,
        500,
    ),
    item(
        "pizza-pepperoni",
        "Pizza Pepperoni",
        "pizza",
        3_990,
        "Spicy pepperoni and mozzarella.",
        &["spicy", "classic"],
        true,
        500,
    ),
    item(
        "pizza-four-cheese",
        "Pizza Four Cheese",
        "pizza",
        4_290,
        "Mozzarella, cheddar, parmesan, blue cheese.",
        &["vegetarian", "cheese"],
        true,
        500,
    ),
    item(
        "pizza-bbq-chicken",
        "Pizza BBQ Chicken",
        "pizza",
        4_490,
        "Chicken, red onion, barbecue sauce.",
        &["chicken"],
        true,
        500,
    ),
    item(
        "pizza-kazy",
        "Pizza with Kazy",
        "pizza",
        4_990,
        "Horse-meat kazy, peppers and mozzarella.",
        &["local", "signature"],
        true,
        300,
    ),
    item(
        "burger-classic",
        "Classic Beef Burger",
        "burgers",
        2_990,
        "Beef patty, cheddar, pickles, house sauce.",
        &["beef", "classic"],
        true,
        500,
    ),
    item(
        "burger-double",
        "Double Smash Burger",
        "burgers",
        3_890,
        "Two smashed patties with double cheese.",
        &["beef", "big"],
        true,
        500,
    ),
    item(
        "burger-chicken",
        "Crispy Chicken Burger",
        "burgers",
        2_690,
        "Fried chicken thigh with coleslaw.",
        &["chicken"],
        true,
        500,
    ),
    item(
        "burger-veggie",
        "Veggie Burger",
        "burgers",
        2_790,
        "Chickpea patty with avocado.",
        &["vegetarian"],
        true,
        300,
    ),
    item(
        "fries",
        "French Fries",
        "burgers",
        990,
        "Crispy fries with sea salt.",
        &["side", "vegetarian"],
        true,
        800,
    ),
    item(
        "roll-philadelphia",
        "Philadelphia Roll (8 pcs)",
        "sushi",
        3_590,
        "Salmon, cream cheese, cucumber.",
        &["salmon", "classic"],
        true,
        400,
    ),
    item(
        "roll-california",
        "California Roll (8 pcs)",
        "sushi",
        3_190,
        "Crab, avocado, tobiko.",
        &["crab"],
        true,
        400,
    ),
    item(
        "roll-dragon",
        "Dragon Roll (8 pcs)",
        "sushi",
        4_290,
        "Eel, avocado, unagi sauce.",
        &["eel", "signature"],
        true,
        300,
    ),
    item(
        "nigiri-set",
        "Nigiri Set (10 pcs)",
        "sushi",
        5_490,
        "Salmon, tuna and shrimp nigiri.",
        &["set"],
        true,
        200,
    ),
    item(
        "salad-caesar",
        "Caesar Salad with Chicken",
        "salads",
        2_490,
        "Romaine, parmesan, croutons, grilled chicken.",
        &["chicken", "classic"],
        true,
        400,
    ),
    item(
        "salad-greek",
        "Greek Salad",
        "salads",
        2_190,
        "Tomato, cucumber, feta, olives.",
        &["vegetarian"],
        true,
        400,
    ),
    item(
        "poke-salmon",
        "Salmon Poke Bowl",
        "salads",
        3_690,
        "Rice, salmon, edamame, mango.",
        &["salmon", "healthy"],
        true,
        300,
    ),
    item(
        "cheesecake",
        "New York Cheesecake",
        "desserts",
        1_890,
        "Baked cheesecake with berry coulis.",
        &["sweet"],
        true,
        200,
    ),
    item(
        "tiramisu",
        "Tiramisu",
        "desserts",
        1_990,
        "Mascarpone, espresso, cocoa.",
        &["sweet", "coffee"],
        true,
        200,
    ),
    item(
        "baursaks",
        "Baursaks with Honey (6 pcs)",
        "desserts",
        990,
        "Fried dough with local honey.",
        &["local", "sweet"],
        true,
        300,
    ),
    item(
        "lemonade",
        "Homemade Lemonade 0.5 l",
        "drinks",
        1_190,
        "Fresh lemons and mint.",
        &["cold", "fresh"],
        true,
        500,
    ),
    item(
        "cola-05",
        "Coca-Cola 0.5 l",
        "drinks",
        590,
        "Chilled bottle.",
        &["cold", "bottled"],
        false,
        1000,
    ),
    item(
        "water-05",
        "Mineral Water Borjomi 0.5 l",
        "drinks",
        690,
        "Sparkling mineral water.",
        &["cold", "bottled"],
        false,
        1000,
    ),
    item(
        "ayran",
        "Ayran 0.5 l",
        "drinks",
        490,
        "Traditional yoghurt drink.",
        &["local", "cold"],
        false,
        600,
    ),
];

/// A marketplace shop of the demo (seed 004: offline electronics stores selling online).
pub struct DemoShop {
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub address: &'static str,
    pub latitude: f64,
    pub longitude: f64,
    /// Which demo products it offers, at what percentage of the list price, with how many units
    /// (as a percentage of the product's demo stock).
    pub offers: fn(&DemoProduct) -> Option<(i64, i64)>,
}

/// The demo seller owns every demo shop.
pub const DEMO_SELLER_EMAIL: &str = "seller@vitrine.kz";

pub const SHOPS: &[DemoShop] = &[
    DemoShop {
        slug: "technodom-dostyk",
        name: "Technodom Dostyk Plaza",
        description: "Electronics megastore in Dostyk Plaza.",
        address: "Samal-2 111, Almaty",
        latitude: 43.2332,
        longitude: 76.9566,
        offers: |p| (!p.requires_preparation && !p.category_is_kitchen()).then_some((100, 100)),
    },
    DemoShop {
        slug: "sulpak-mega",
        name: "Sulpak Mega Alma-Ata",
        description: "Electronics and home appliances in Mega Alma-Ata.",
        address: "Rozybakiev St 247A, Almaty",
        latitude: 43.2019,
        longitude: 76.8924,
        // Every other device, 3 % under list price, half the units.
        offers: |p| (!p.category_is_kitchen() && p.slug.len() % 2 == 0).then_some((97, 50)),
    },
    DemoShop {
        slug: "vitrine-kitchen",
        name: "Vitrine Kitchen",
        description: "The automated kitchen: pizza, burgers, sushi, salads, desserts, drinks.",
        address: "Abay Ave 52, Almaty",
        latitude: 43.2396,
        longitude: 76.9286,
        offers: |p| p.category_is_kitchen().then_some((100, 100)),
    },
];

impl DemoShop {
    pub fn id(&self) -> String {
        stable_id("shp", self.slug)
    }
}

impl DemoProduct {
    fn category_is_kitchen(&self) -> bool {
        CATEGORIES
            .iter()
            .any(|c| c.slug == self.category && c.parent == Some("kitchen"))
    }
}

/// One way a demo product comes (a pizza's size, a phone's storage): its option values and
/// its price and stock relative to the product's. The first variant of a product is the one
/// its shops' plain offers sell (`demo_offers`, so it is at 100 % of both); the others get
/// offers of their own (`demo_variant_offers`).
pub struct DemoVariant {
    pub product: &'static str,
    pub slug: &'static str,
    pub options: &'static [(&'static str, &'static str)],
    /// Percent of the product's list price.
    pub price_percent: i64,
    /// Percent of the product's demo stock.
    pub stock_percent: i64,
    /// Percent of the product's preparation time in the kitchen (a bigger pizza bakes longer).
    pub prep_percent: i64,
}

impl DemoVariant {
    pub fn id(&self) -> String {
        variant_id(self.product, self.slug)
    }

    /// `price_percent` of `price` (tiyn), in whole tenge as a shop would price it.
    pub fn price_of(&self, price: i64) -> i64 {
        price * self.price_percent / 100 / 100 * 100
    }
}

pub fn variant_id(product_slug: &str, variant_slug: &str) -> String {
    stable_id("var", &format!("{product_slug}:{variant_slug}"))
}

const fn variant(
    product: &'static str,
    slug: &'static str,
    options: &'static [(&'static str, &'static str)],
    price_percent: i64,
    stock_percent: i64,
    prep_percent: i64,
) -> DemoVariant {
    DemoVariant {
        product,
        slug,
        options,
        price_percent,
        stock_percent,
        prep_percent,
    }
}

/// A demo pizza's sizes: 30 cm at the list price (the default), 25 cm for 80 % of the price and
/// bake time, 35 cm for 130 %.
macro_rules! pizza_sizes {
    ($slug:literal) => {
        [
            variant($slug, "30", &[("Size", "30 cm")], 100, 100, 100),
            variant($slug, "25", &[("Size", "25 cm")], 80, 100, 80),
            variant($slug, "35", &[("Size", "35 cm")], 130, 100, 130),
        ]
    };
}

const PIZZA_VARIANTS: [[DemoVariant; 3]; 5] = [
    pizza_sizes!("pizza-margherita"),
    pizza_sizes!("pizza-pepperoni"),
    pizza_sizes!("pizza-four-cheese"),
    pizza_sizes!("pizza-bbq-chicken"),
    pizza_sizes!("pizza-kazy"),
];

const PHONE_VARIANTS: [DemoVariant; 6] = [
    variant(
        "iphone-15",
        "128-black",
        &[("Storage", "128 GB"), ("Colour", "Black")],
        100,
        100,
        100,
    ),
    variant(
        "iphone-15",
        "128-blue",
        &[("Storage", "128 GB"), ("Colour", "Blue")],
        100,
        30,
        100,
    ),
    variant(
        "iphone-15",
        "256-black",
        &[("Storage", "256 GB"), ("Colour", "Black")],
        113,
        20,
        100,
    ),
    variant(
        "iphone-15",
        "512-black",
        &[("Storage", "512 GB"), ("Colour", "Black")],
        135,
        10,
        100,
    ),
    variant("galaxy-s24", "128", &[("Storage", "128 GB")], 100, 100, 100),
    variant("galaxy-s24", "256", &[("Storage", "256 GB")], 112, 40, 100),
];

/// Every demo variant, grouped by product, each product's default first.
pub fn demo_variants() -> impl Iterator<Item = &'static DemoVariant> {
    PIZZA_VARIANTS.iter().flatten().chain(PHONE_VARIANTS.iter())
}

/// The variants of one demo product, its default first (none for most products).
pub fn variants_of(product_slug: &str) -> impl Iterator<Item = &'static DemoVariant> + '_ {
    demo_variants().filter(move |v| v.product == product_slug)
}

/// The variant a product's plain demo offers sell: its first.
pub fn default_variant(product_slug: &str) -> Option<&'static DemoVariant> {
    variants_of(product_slug).next()
}

pub fn variant_offer_id(shop_slug: &str, product_slug: &str, variant_slug: &str) -> String {
    stable_id("ofr", &format!("{shop_slug}:{product_slug}:{variant_slug}"))
}

/// Offers of the demo variants other than each product's default, in every shop that sells
/// the product: (offer id, shop, product, variant, price in tiyn, units).
pub fn demo_variant_offers() -> impl Iterator<
    Item = (
        String,
        &'static DemoShop,
        &'static DemoProduct,
        &'static DemoVariant,
        i64,
        i64,
    ),
> {
    demo_offers().flat_map(|(shop, product, price, units)| {
        variants_of(product.slug).skip(1).map(move |v| {
            (
                variant_offer_id(shop.slug, product.slug, v.slug),
                shop,
                product,
                v,
                v.price_of(price),
                units * v.stock_percent / 100,
            )
        })
    })
}

pub fn offer_id(shop_slug: &str, product_slug: &str) -> String {
    stable_id("ofr", &format!("{shop_slug}:{product_slug}"))
}

/// Every demo offer: (shop, product, price in tiyn, units).
pub fn demo_offers() -> impl Iterator<Item = (&'static DemoShop, &'static DemoProduct, i64, i64)> {
    SHOPS.iter().flat_map(|shop| {
        PRODUCTS.iter().filter_map(move |product| {
            (shop.offers)(product).map(|(price_percent, stock_percent)| {
                (
                    shop,
                    product,
                    product.price_tenge * price_percent,
                    product.stock * stock_percent / 100,
                )
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn demo_data_is_large_and_consistent() {
        assert!(PRODUCTS.len() >= 60);
        assert!(CATEGORIES.len() >= 8);
        let slugs: HashSet<_> = CATEGORIES.iter().map(|c| c.slug).collect();
        for p in PRODUCTS {
            assert!(slugs.contains(p.category), "{} has unknown category", p.slug);
            assert!(p.price_tenge > 0 && p.stock >= 0);
        }
        for c in CATEGORIES {
            assert!(c.parent.is_none_or(|parent| slugs.contains(parent)));
        }
        // Every product is sold somewhere; kitchen items only by the kitchen.
        for p in PRODUCTS {
            assert!(
                demo_offers().any(|(_, offered, _, _)| offered.slug == p.slug),
                "{} unsold",
                p.slug
            );
        }
        assert!(
            demo_offers().all(|(shop, p, _, _)| (shop.slug == "vitrine-kitchen") == p.category_is_kitchen())
        );
        let product_slugs: HashSet<_> = PRODUCTS.iter().map(|p| p.slug).collect();
        assert_eq!(product_slugs.len(), PRODUCTS.len(), "duplicate product slug");
        // Variants name demo products, differ within a product, and offer in shops that sell it.
        let mut variant_ids = HashSet::new();
        for v in demo_variants() {
            assert!(
                product_slugs.contains(v.product),
                "{} has unknown product",
                v.slug
            );
            assert!(
                variant_ids.insert(v.id()),
                "duplicate variant {}:{}",
                v.product,
                v.slug
            );
            let names: Vec<_> = variants_of(v.product)
                .map(|w| w.options.iter().map(|o| o.0).collect::<Vec<_>>())
                .collect();
            assert!(
                names.windows(2).all(|w| w[0] == w[1]),
                "{} variants name different options",
                v.product
            );
        }
        assert!(variants_of("pizza-margherita").count() == 3 && variants_of("iphone-15").count() == 4);
        for p in PRODUCTS {
            assert!(default_variant(p.slug).is_none_or(|v| v.price_percent == 100 && v.stock_percent == 100));
        }
        assert!(demo_variant_offers().all(|(_, _, p, v, price, _)| p.slug == v.product && price > 0));
    }
}

use vitrine_kit::money::Money;

#[derive(Debug, Clone)]
pub struct Shop {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
    pub owner_id: String,
    pub opening_hours: String,
}

#[derive(Debug, Clone)]
pub struct Offer {
    pub id: String,
    pub shop_id: String,
    pub product_id: String,
    /// The variant it sells, when the product has variants.
    pub variant_id: Option<String>,
    pub price: Money,
    pub active: bool,
}

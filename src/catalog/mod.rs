//! Retailers' catalogs: the products a retailer publishes (a `catalog.json`, docs/catalog-format.md
//! with its JSON Schema docs/catalog.schema.json, or a folder of garment files), read with every
//! bad entry refused on its own, located, and the rest kept. The store keeps the products with
//! their price and stock history (`store::products`).

mod read;

pub use read::{
    CATALOG_FORMAT, CATALOG_VERSION, CatalogError, CatalogRead, Product, Refusal, read_path,
};

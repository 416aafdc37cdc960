//! Reading a retailer's catalog: a `catalog.json` (a folder holding one, or the file itself), or
//! a folder of garment files (each one product, its metadata the product's). What makes the
//! whole file unusable (unreadable, not JSON, another format or version, no retailer) is an
//! error; a bad product is refused with where and why, and the others are read.

use crate::garment::{self, Category, Size, check_size_chart, is_currency};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The value of `"format"` in a catalog file.
pub const CATALOG_FORMAT: &str = "anprobe.catalog";
/// The catalog format version this code reads.
pub const CATALOG_VERSION: u64 = 1;
/// The largest catalog file read, bytes.
const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The longest text field, characters.
const MAX_TEXT: usize = 256;

/// One product on offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Product {
    /// The retailer selling it.
    pub retailer: String,
    /// The retailer's stock-keeping unit (one per product, colour variants included).
    pub sku: String,
    /// Its name.
    pub name: String,
    /// Its brand (the retailer's own when not given).
    pub brand: String,
    /// What kind of garment it is.
    pub category: Category,
    /// Its colour as sold (may be empty).
    pub colour: String,
    /// Its material (may be empty).
    pub material: String,
    /// Style tags, lower case (`"office"`, `"linen"`, `"relaxed"`).
    pub tags: Vec<String>,
    /// The price.
    pub price: f64,
    /// ISO 4217 code of the price.
    pub currency: String,
    /// Pieces in stock per size label; `None` when the catalog does not say (every size
    /// counts as available).
    pub stock: Option<BTreeMap<String, u32>>,
    /// The product page (may be empty).
    pub url: String,
    /// The size chart.
    pub sizes: Vec<Size>,
    /// The garment file (3D model), if the product has one.
    pub garment: Option<PathBuf>,
    /// SKUs of the retailer's products it is shown with ("complete the look").
    pub outfits: Vec<String>,
}

/// A product refused, with where and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    /// Where: `catalog.json: products[3].price`, `shirt.glb`.
    pub pointer: String,
    /// Why, e.g. `must be a positive number, not -5`.
    pub message: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}

/// What a catalog holds: the products read and those refused.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CatalogRead {
    /// The products that are valid, in file order.
    pub products: Vec<Product>,
    /// The products refused, each with where and why.
    pub refused: Vec<Refusal>,
}

/// Why a catalog cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The path cannot be read.
    #[error("{path}: cannot be read: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is larger than a catalog may be.
    #[error("{path}: {bytes} bytes: a catalog file may have at most {MAX_BYTES}")]
    TooLarge {
        /// The path.
        path: PathBuf,
        /// Its size.
        bytes: u64,
    },
    /// The file is not a catalog.
    #[error("{path}: {message}")]
    Invalid {
        /// The path.
        path: PathBuf,
        /// What is wrong, located (`line 3 column 5: expected value`, `format: …`).
        message: String,
    },
    /// A folder with neither a catalog.json nor garment files.
    #[error("{path}: no catalog.json and no garment file (.glb, .gltf) in it")]
    Empty {
        /// The folder.
        path: PathBuf,
    },
}

/// Reads a catalog: a catalog file, a folder holding `catalog.json`, or a folder of garment
/// files.
pub fn read_path(path: &Path) -> Result<CatalogRead, CatalogError> {
    let io = |source| CatalogError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        let file = path.join("catalog.json");
        if file.is_file() {
            return read_file(&file);
        }
        return read_garment_folder(path);
    }
    read_file(path)
}

/// Reads a `catalog.json`.
fn read_file(path: &Path) -> Result<CatalogRead, CatalogError> {
    let invalid = |message: String| CatalogError::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let bytes = std::fs::metadata(path)
        .map_err(|source| CatalogError::Io {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    if bytes > MAX_BYTES {
        return Err(CatalogError::TooLarge {
            path: path.to_path_buf(),
            bytes,
        });
    }
    let text = std::fs::read_to_string(path).map_err(|source| CatalogError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let root: Value = serde_json::from_str(&text).map_err(|e| {
        invalid(format!(
            "not JSON: line {} column {}: {e}",
            e.line(),
            e.column()
        ))
    })?;
    let Some(root) = root.as_object() else {
        return Err(invalid("the catalog must be a JSON object".into()));
    };
    match root.get("format").and_then(Value::as_str) {
        Some(CATALOG_FORMAT) => {}
        other => {
            return Err(invalid(format!(
                "format: {} is not \"{CATALOG_FORMAT}\"",
                other.map_or("missing".into(), |f| format!("\"{f}\""))
            )));
        }
    }
    match root.get("version").and_then(Value::as_u64) {
        Some(CATALOG_VERSION) => {}
        other => {
            return Err(invalid(format!(
                "version: {} is not {CATALOG_VERSION} (this Anprobe reads version {CATALOG_VERSION})",
                other.map_or("missing".into(), |v| v.to_string())
            )));
        }
    }
    for key in root.keys() {
        if !["format", "version", "retailer", "currency", "products"].contains(&key.as_str()) {
            return Err(invalid(format!(
                "{key}: unknown key (format, version, retailer, currency, products)"
            )));
        }
    }
    let retailer = match root.get("retailer").and_then(Value::as_str).map(str::trim) {
        Some(r) if !r.is_empty() && r.chars().count() <= MAX_TEXT => r.to_string(),
        _ => return Err(invalid("retailer: a non-empty name is required".into())),
    };
    let currency = match root.get("currency") {
        None => None,
        Some(Value::String(c)) if is_currency(c) => Some(c.clone()),
        Some(other) => {
            return Err(invalid(format!(
                "currency: {other} is not an ISO 4217 code such as \"EUR\""
            )));
        }
    };
    let Some(items) = root.get("products").and_then(Value::as_array) else {
        return Err(invalid("products: a list of products is required".into()));
    };
    let base = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let mut out = CatalogRead::default();
    let mut seen: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("{name}: products[{i}]");
        match product(item, &retailer, currency.as_deref(), base) {
            Ok(p) if seen.iter().any(|s| s.eq_ignore_ascii_case(&p.sku)) => {
                out.refused.push(Refusal {
                    pointer: format!("{at}.sku"),
                    message: format!("\"{}\" is listed twice", p.sku),
                });
            }
            Ok(p) => {
                seen.push(p.sku.clone());
                out.products.push(p);
            }
            Err((field, message)) => out.refused.push(Refusal {
                pointer: if field.is_empty() {
                    at
                } else {
                    format!("{at}.{field}")
                },
                message,
            }),
        }
    }
    Ok(out)
}

/// Every garment file of a folder, each one product.
fn read_garment_folder(dir: &Path) -> Result<CatalogRead, CatalogError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| CatalogError::Io {
            path: dir.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "glb" || e == "gltf"))
        .collect();
    if files.is_empty() {
        return Err(CatalogError::Empty {
            path: dir.to_path_buf(),
        });
    }
    files.sort();
    let mut out = CatalogRead::default();
    for path in files {
        let shown = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match garment::import_file(&path) {
            Ok(imported) => {
                let m = imported.meta;
                out.products.push(Product {
                    retailer: m.retailer,
                    sku: m.sku,
                    name: m.name,
                    brand: m.brand,
                    category: m.category,
                    colour: m
                        .colourways
                        .first()
                        .map(|c| c.name.clone())
                        .unwrap_or_default(),
                    material: String::new(),
                    tags: Vec::new(),
                    price: m.price,
                    currency: m.currency,
                    stock: None,
                    url: String::new(),
                    sizes: m.sizes,
                    garment: Some(path),
                    outfits: Vec::new(),
                });
            }
            Err(errors) => {
                let first = errors
                    .diagnostics
                    .iter()
                    .find(|d| d.is_error())
                    .map_or_else(|| "cannot be read".to_string(), |d| d.to_string());
                out.refused.push(Refusal {
                    pointer: shown,
                    message: format!("{first} (`anprobe garment validate` lists every problem)"),
                });
            }
        }
    }
    Ok(out)
}

/// One product of a catalog file, or (field, why) it is refused.
fn product(
    item: &Value,
    retailer: &str,
    currency: Option<&str>,
    base: &Path,
) -> Result<Product, (String, String)> {
    let err = |field: &str, message: String| (field.to_string(), message);
    let Some(obj) = item.as_object() else {
        return Err(err("", "a product must be a JSON object".into()));
    };
    const KEYS: [&str; 14] = [
        "sku", "name", "brand", "category", "colour", "material", "tags", "price", "currency",
        "stock", "url", "sizes", "garment", "outfits",
    ];
    if let Some(key) = obj.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(err(key, format!("unknown key ({})", KEYS.join(", "))));
    }
    let text = |field: &str, required: bool| -> Result<String, (String, String)> {
        match obj.get(field) {
            None | Some(Value::Null) if !required => Ok(String::new()),
            Some(Value::String(s)) if s.chars().count() > MAX_TEXT => Err(err(
                field,
                format!("{} characters: at most {MAX_TEXT}", s.chars().count()),
            )),
            Some(Value::String(s)) if !required || !s.trim().is_empty() => Ok(s.trim().into()),
            None => Err(err(field, "required".into())),
            Some(other) => Err(err(field, format!("must be a non-empty text, not {other}"))),
        }
    };
    let sku = text("sku", true)?;
    let name = text("name", true)?;
    let brand = match text("brand", false)? {
        b if b.is_empty() => retailer.to_string(),
        b => b,
    };
    let colour = text("colour", false)?;
    let material = text("material", false)?;
    let url = text("url", false)?;
    let web = url.starts_with("https://") || url.starts_with("http://");
    if !url.is_empty() && !web {
        return Err(err("url", format!("\"{url}\" is not an http(s) address")));
    }
    let price = match obj.get("price").and_then(Value::as_f64) {
        Some(p) if p.is_finite() && p > 0.0 => p,
        _ => {
            let got = obj.get("price").map_or("nothing".into(), |v| v.to_string());
            return Err(err(
                "price",
                format!("must be a positive number, not {got}"),
            ));
        }
    };
    let currency = match (obj.get("currency"), currency) {
        (Some(Value::String(c)), _) if is_currency(c) => c.clone(),
        (None, Some(default)) => default.to_string(),
        (None, None) => {
            return Err(err(
                "currency",
                "required (here or as the catalog's \"currency\")".into(),
            ));
        }
        (Some(other), _) => {
            return Err(err(
                "currency",
                format!("{other} is not an ISO 4217 code such as \"EUR\""),
            ));
        }
    };
    let strings = |field: &str| -> Result<Vec<String>, (String, String)> {
        match obj.get(field) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| match v.as_str().map(str::trim) {
                    Some(s) if !s.is_empty() && s.chars().count() <= MAX_TEXT => Ok(s.to_string()),
                    _ => Err(err(
                        &format!("{field}[{i}]"),
                        format!("must be a non-empty text, not {v}"),
                    )),
                })
                .collect(),
            Some(other) => Err(err(field, format!("must be a list of texts, not {other}"))),
        }
    };
    let tags: Vec<String> = strings("tags")?
        .into_iter()
        .map(|t| t.to_lowercase())
        .collect();
    let outfits = strings("outfits")?;
    // The garment file, relative to the catalog file.
    let garment = match obj.get("garment") {
        None | Some(Value::Null) => None,
        Some(Value::String(g)) if !g.trim().is_empty() => Some(base.join(g.trim())),
        Some(other) => {
            return Err(err("garment", format!("must be a file name, not {other}")));
        }
    };
    // The category and the size chart: the product's own, else its garment file's.
    let from_file = match (&garment, obj.get("sizes")) {
        (Some(path), None) => {
            let imported = garment::import_file(path).map_err(|errors| {
                let first = errors
                    .diagnostics
                    .iter()
                    .find(|d| d.is_error())
                    .map_or_else(|| "cannot be read".into(), |d| d.to_string());
                err("garment", format!("{}: {first}", path.display()))
            })?;
            Some(imported.meta)
        }
        (Some(path), Some(_)) if !path.is_file() => {
            return Err(err("garment", format!("{}: no such file", path.display())));
        }
        _ => None,
    };
    let category = match obj.get("category") {
        Some(v) => serde_json::from_value::<Category>(v.clone()).map_err(|_| {
            err(
                "category",
                format!("{v} is not one of top, shirt, knitwear, bottom, skirt, dress, outerwear"),
            )
        })?,
        None => match &from_file {
            Some(m) => m.category,
            None => return Err(err("category", "required".into())),
        },
    };
    let sizes: Vec<Size> = match (obj.get("sizes"), &from_file) {
        (Some(v), _) => {
            // A product's chart may leave out the finished garment measurements.
            let mut v = v.clone();
            if let Some(sizes) = v.as_array_mut() {
                for size in sizes.iter_mut().filter_map(Value::as_object_mut) {
                    size.entry("garment")
                        .or_insert_with(|| Value::Object(Default::default()));
                }
            }
            serde_json::from_value(v).map_err(|e| err("sizes", format!("not a size chart: {e}")))?
        }
        (None, Some(m)) => m.sizes.clone(),
        (None, None) => {
            return Err(err(
                "sizes",
                "required: a size chart, or a garment file that holds one".into(),
            ));
        }
    };
    if let Some(d) = check_size_chart(category, &sizes)
        .into_iter()
        .find(|d| d.is_error())
    {
        return Err(err(&d.pointer, d.message));
    }
    let stock = match obj.get("stock") {
        None | Some(Value::Null) => None,
        Some(Value::Object(map)) => {
            let mut stock = BTreeMap::new();
            for (label, count) in map {
                if !sizes.iter().any(|s| s.label == *label) {
                    return Err(err(
                        &format!("stock.{label}"),
                        "is not a size of the chart".into(),
                    ));
                }
                let Some(n) = count.as_u64().and_then(|n| u32::try_from(n).ok()) else {
                    return Err(err(
                        &format!("stock.{label}"),
                        format!("must be a whole number of pieces, not {count}"),
                    ));
                };
                stock.insert(label.clone(), n);
            }
            Some(stock)
        }
        Some(other) => {
            return Err(err(
                "stock",
                format!("must map size labels to pieces, not {other}"),
            ));
        }
    };
    Ok(Product {
        retailer: retailer.to_string(),
        sku,
        name,
        brand,
        category,
        colour,
        material,
        tags,
        price,
        currency,
        stock,
        url,
        sizes,
        garment,
        outfits,
    })
}

impl Product {
    /// Whether size `label` can be bought: in stock, or the catalog does not say.
    pub fn available(&self, label: &str) -> bool {
        self.stock
            .as_ref()
            .is_none_or(|s| s.get(label).is_some_and(|&n| n > 0))
    }
}

impl Product {
    /// The product as garment metadata, for what reads a garment's chart by retailer and SKU
    /// (the history's matching, the app's catalog filter): the product's retailer, SKU, name,
    /// brand, category, colour (one colourway, no RGB), price and size chart; the rest as the
    /// format's example has it.
    pub fn meta(&self) -> garment::GarmentMeta {
        let mut meta = garment::garment_meta_example();
        meta.retailer = self.retailer.clone();
        meta.sku = self.sku.clone();
        meta.name = self.name.clone();
        meta.brand = self.brand.clone();
        meta.category = self.category;
        meta.price = self.price;
        meta.currency = self.currency.clone();
        meta.reference_size = self
            .sizes
            .first()
            .map(|s| s.label.clone())
            .unwrap_or_default();
        meta.sizes = self.sizes.clone();
        meta.colourways = if self.colour.is_empty() {
            Vec::new()
        } else {
            vec![garment::Colourway {
                name: self.colour.clone(),
                rgb: String::new(),
            }]
        };
        meta
    }
}

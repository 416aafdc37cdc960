//! The fit vocabulary, defined once: the regions of a garment where it is measured and judged
//! (`chest`, `sleeve`, `inside_leg`, …), the verdicts on how a region fits (`tight` … `loose`,
//! `short` … `long`), and the size chart's finished-garment keys with the region each gives.
//!
//! The garment format (`sizes[].garment`), the fit, the shopper's return feedback in the store,
//! the command line (`--fit REGION=VERDICT`) and the app all use these types; the words the
//! shopper reads are rendered from them (English on the command line, the app's language in the
//! app).

use super::{Category, Size};
use serde::{Deserialize, Serialize};

/// A region of a garment: where ease and strain are measured, a verdict is given and the shopper
/// gives fit feedback on a return.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// Round the chest (bust) at its fullest.
    Chest,
    /// Round the natural waist.
    Waist,
    /// Round the hip (seat) at its fullest.
    Hip,
    /// Across the back from shoulder point to shoulder point.
    Shoulders,
    /// Round the upper arm at its fullest.
    UpperArm,
    /// Round the thigh just below the crotch.
    Thigh,
    /// The garment's length (nape or waist to hem).
    Length,
    /// The sleeve's length, shoulder point to cuff.
    #[serde(alias = "sleeves")]
    Sleeve,
    /// The trouser leg's inside length, crotch to hem.
    InsideLeg,
}

impl Region {
    /// Every region, in report order.
    pub const ALL: [Region; 9] = [
        Region::Chest,
        Region::Waist,
        Region::Hip,
        Region::Shoulders,
        Region::UpperArm,
        Region::Thigh,
        Region::Length,
        Region::Sleeve,
        Region::InsideLeg,
    ];

    /// The name in files, reports and on the command line, e.g. `"upper_arm"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Chest => "chest",
            Region::Waist => "waist",
            Region::Hip => "hip",
            Region::Shoulders => "shoulders",
            Region::UpperArm => "upper_arm",
            Region::Thigh => "thigh",
            Region::Length => "length",
            Region::Sleeve => "sleeve",
            Region::InsideLeg => "inside_leg",
        }
    }

    /// Reads a region's name: its own (`"sleeve"`, `"upper_arm"`), any case, `-` for `_`, and the
    /// spellings older versions stored or accepted (`"sleeves"`).
    pub fn parse(text: &str) -> Option<Region> {
        let text = text.trim().to_ascii_lowercase().replace('-', "_");
        if text == "sleeves" {
            return Some(Region::Sleeve);
        }
        Region::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// Whether the region is a girth (around the body) rather than a length.
    pub fn is_girth(self) -> bool {
        matches!(
            self,
            Region::Chest | Region::Waist | Region::Hip | Region::UpperArm | Region::Thigh
        )
    }

    /// Whether the region is a girth round one limb (measured on its own side of the body).
    pub fn is_limb(self) -> bool {
        matches!(self, Region::UpperArm | Region::Thigh)
    }

    /// Whether the region is a length along the body (compared with the standard length).
    pub fn is_length(self) -> bool {
        matches!(self, Region::Length | Region::Sleeve | Region::InsideLeg)
    }

    /// The feedback a shopper can give on this region of a returned garment: a length is
    /// short, good or long; a girth or the shoulders tight, good or loose.
    pub fn feedback_verdicts(self) -> [Verdict; 3] {
        if self.is_length() {
            [Verdict::Short, Verdict::Good, Verdict::Long]
        } else {
            [Verdict::Tight, Verdict::Good, Verdict::Loose]
        }
    }

    /// The regions a garment of this category is judged on (when it covers them).
    pub fn for_category(category: Category) -> &'static [Region] {
        match category {
            Category::Top
            | Category::Shirt
            | Category::Knitwear
            | Category::Outerwear
            | Category::Dress => &[
                Region::Chest,
                Region::Waist,
                Region::Hip,
                Region::Shoulders,
                Region::UpperArm,
                Region::Length,
                Region::Sleeve,
            ],
            Category::Bottom => &[
                Region::Waist,
                Region::Hip,
                Region::Thigh,
                Region::Length,
                Region::InsideLeg,
            ],
            Category::Skirt => &[Region::Waist, Region::Hip, Region::Length],
        }
    }

    /// The size chart's finished garment value of this region for a size, cm: the first of the
    /// region's [`CHART_KEYS`] the size gives, in table order.
    pub fn chart_value(self, size: &Size) -> Option<f64> {
        CHART_KEYS
            .iter()
            .filter(|k| k.region == Some(self))
            .find_map(|k| size.garment.get(k.key).copied())
            .filter(|v| v.is_finite())
    }
}

/// How one region fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Stretched to (or past) what the fabric gives: too small here.
    Tight,
    /// Close to the body, less ease than designed.
    Snug,
    /// About the designed ease.
    Good,
    /// More ease than designed.
    Relaxed,
    /// Far more ease than designed: too big here.
    Loose,
    /// Shorter than the standard length for this body.
    Short,
    /// The standard length for this body.
    Standard,
    /// Longer than the standard length for this body.
    Long,
}

impl Verdict {
    /// Every verdict, from too small to too big, then the lengths.
    pub const ALL: [Verdict; 8] = [
        Verdict::Tight,
        Verdict::Snug,
        Verdict::Good,
        Verdict::Relaxed,
        Verdict::Loose,
        Verdict::Short,
        Verdict::Standard,
        Verdict::Long,
    ];

    /// The verdicts a shopper gives on a returned garment's region.
    pub const FEEDBACK: [Verdict; 5] = [
        Verdict::Tight,
        Verdict::Loose,
        Verdict::Short,
        Verdict::Long,
        Verdict::Good,
    ];

    /// The name in files, reports and on the command line, e.g. `"tight"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Tight => "tight",
            Verdict::Snug => "snug",
            Verdict::Good => "good",
            Verdict::Relaxed => "relaxed",
            Verdict::Loose => "loose",
            Verdict::Short => "short",
            Verdict::Standard => "standard",
            Verdict::Long => "long",
        }
    }

    /// Reads a verdict's name (any case).
    pub fn parse(text: &str) -> Option<Verdict> {
        let text = text.trim().to_ascii_lowercase();
        Verdict::ALL.into_iter().find(|v| v.as_str() == text)
    }

    /// Whether the region does not fit (a reason against the size).
    pub fn is_problem(self) -> bool {
        matches!(self, Verdict::Tight | Verdict::Loose)
    }
}

/// A finished garment measurement a size chart may give: a key of `sizes[].garment`, in cm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartKey {
    /// The key as written in the file.
    pub key: &'static str,
    /// The fit region whose garment value it gives, if the fit reads it.
    pub region: Option<Region>,
    /// The key this one is another spelling of (`bust` → `chest`), if it is one.
    pub alias_of: Option<&'static str>,
}

impl ChartKey {
    /// The key's own spelling: itself, or the key it is an alias of.
    pub fn canonical(&self) -> &'static str {
        self.alias_of.unwrap_or(self.key)
    }
}

const fn own(key: &'static str, region: Option<Region>) -> ChartKey {
    ChartKey {
        key,
        region,
        alias_of: None,
    }
}

const fn alias(key: &'static str, of: &'static str, region: Option<Region>) -> ChartKey {
    ChartKey {
        key,
        region,
        alias_of: Some(of),
    }
}

/// Every finished garment measurement key the format knows (girths are the full circumference,
/// twice the flat half-width a pattern sheet lists). The validator accepts exactly these, the
/// fit reads a region's value from the first of its keys a size gives (in this order), and the
/// JSON Schema in `docs/garment.schema.json` lists the same keys.
pub const CHART_KEYS: [ChartKey; 29] = [
    own("chest", Some(Region::Chest)),
    alias("bust", "chest", Some(Region::Chest)),
    own("underbust", None),
    own("waist", Some(Region::Waist)),
    own("hip", Some(Region::Hip)),
    alias("hips", "hip", Some(Region::Hip)),
    alias("seat", "hip", Some(Region::Hip)),
    own("hem", None),
    own("length", Some(Region::Length)),
    own("back_length", None),
    own("front_length", None),
    alias("shoulders", "shoulder", Some(Region::Shoulders)),
    own("shoulder", Some(Region::Shoulders)),
    alias("shoulder_width", "shoulder", Some(Region::Shoulders)),
    own("sleeve", Some(Region::Sleeve)),
    alias("sleeve_length", "sleeve", Some(Region::Sleeve)),
    own("upper_arm", Some(Region::UpperArm)),
    alias("bicep", "upper_arm", Some(Region::UpperArm)),
    alias("biceps", "upper_arm", Some(Region::UpperArm)),
    own("cuff", None),
    own("neck", None),
    own("rise", None),
    own("inside_leg", Some(Region::InsideLeg)),
    alias("inseam", "inside_leg", Some(Region::InsideLeg)),
    own("outside_leg", None),
    own("thigh", Some(Region::Thigh)),
    own("knee", None),
    own("leg_opening", None),
    own("skirt_length", None),
];

/// The table entry of a chart key, if the format knows it.
pub fn chart_key(key: &str) -> Option<&'static ChartKey> {
    CHART_KEYS.iter().find(|k| k.key == key)
}

/// The size's finished value for a key in any of its spellings (`"chest"` also finds `"bust"`):
/// the spelling found first in table order, and its value in cm.
pub fn garment_value(size: &Size, canonical: &str) -> Option<(&'static str, f64)> {
    CHART_KEYS
        .iter()
        .filter(|k| k.canonical() == canonical)
        .find_map(|k| size.garment.get(k.key).map(|&v| (k.key, v)))
        .filter(|(_, v)| v.is_finite())
}

/// The keys the format knows, in table order, aliases included (what the JSON Schema lists).
pub fn chart_key_names() -> impl Iterator<Item = &'static str> {
    CHART_KEYS.iter().map(|k| k.key)
}

/// The keys in their own spelling (no aliases), for messages.
pub fn canonical_chart_keys() -> impl Iterator<Item = &'static str> {
    CHART_KEYS
        .iter()
        .filter(|k| k.alias_of.is_none())
        .map(|k| k.key)
}

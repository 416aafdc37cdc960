//! Named profiles (household members), each with its own measurements; one is shown.

pub use crate::body::hair::Style as HairStyle;
use crate::measurements::{Form, Measurements};
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Profiles>();
}

/// One person's measurements under a name: a profile as the app shows and edits it (the store's
/// `store::Profile` is its record, with id and creation date).
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// The name shown in the profile picker and in offered file names (e.g. `"Anna"`).
    pub name: String,
    /// The body's measurements, typed and predicted, that the avatar is built from.
    pub measurements: Measurements,
    /// The avatar's colour.
    pub skin: SkinTone,
    /// The avatar's hair (its colour, or none).
    pub hair: Hair,
    /// How the hair is cut (shown only with hair).
    pub hair_style: HairStyle,
}

/// The avatar's colour: a few skin tones, the mannequin's warm finish (the default) and a
/// neutral grey.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SkinTone {
    /// A warm, light mannequin finish (what every avatar had before the choice).
    #[default]
    Mannequin,
    /// Neutral grey: no skin tone at all.
    Grey,
    /// Light skin.
    Light,
    /// Medium skin.
    Medium,
    /// Tan skin.
    Tan,
    /// Brown skin.
    Brown,
    /// Deep brown skin.
    Deep,
}

impl SkinTone {
    /// Every tone, in the picker's order.
    pub const ALL: [SkinTone; 7] = [
        SkinTone::Mannequin,
        SkinTone::Grey,
        SkinTone::Light,
        SkinTone::Medium,
        SkinTone::Tan,
        SkinTone::Brown,
        SkinTone::Deep,
    ];

    /// The name kept in the store (`medium`).
    pub fn code(self) -> &'static str {
        match self {
            SkinTone::Mannequin => "mannequin",
            SkinTone::Grey => "grey",
            SkinTone::Light => "light",
            SkinTone::Medium => "medium",
            SkinTone::Tan => "tan",
            SkinTone::Brown => "brown",
            SkinTone::Deep => "deep",
        }
    }

    /// The tone of a stored name; an unknown one (a newer version's) is `None`.
    pub fn from_code(code: &str) -> Option<SkinTone> {
        SkinTone::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The surface colour, sRGB 0–1.
    pub fn srgb(self) -> [f32; 3] {
        match self {
            SkinTone::Mannequin => [0.86, 0.80, 0.74],
            SkinTone::Grey => [0.60, 0.60, 0.60],
            SkinTone::Light => [0.93, 0.78, 0.67],
            SkinTone::Medium => [0.80, 0.61, 0.47],
            SkinTone::Tan => [0.68, 0.49, 0.35],
            SkinTone::Brown => [0.49, 0.33, 0.23],
            SkinTone::Deep => [0.31, 0.21, 0.15],
        }
    }
}

/// The avatar's hair: none (the default), or a simple cap ([`crate::body::hair`]) in a colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Hair {
    /// No hair.
    #[default]
    None,
    /// Black.
    Black,
    /// Dark brown.
    DarkBrown,
    /// Light brown.
    Brown,
    /// Blonde.
    Blonde,
    /// Red.
    Red,
    /// Grey.
    Grey,
}

impl Hair {
    /// Every choice, in the picker's order.
    pub const ALL: [Hair; 7] = [
        Hair::None,
        Hair::Black,
        Hair::DarkBrown,
        Hair::Brown,
        Hair::Blonde,
        Hair::Red,
        Hair::Grey,
    ];

    /// The name kept in the store (`dark_brown`).
    pub fn code(self) -> &'static str {
        match self {
            Hair::None => "none",
            Hair::Black => "black",
            Hair::DarkBrown => "dark_brown",
            Hair::Brown => "brown",
            Hair::Blonde => "blonde",
            Hair::Red => "red",
            Hair::Grey => "grey",
        }
    }

    /// The choice of a stored name; an unknown one (a newer version's) is `None`.
    pub fn from_code(code: &str) -> Option<Hair> {
        Hair::ALL.into_iter().find(|h| h.code() == code)
    }

    /// The hair's colour, sRGB 0–1 (none without hair).
    pub fn srgb(self) -> Option<[f32; 3]> {
        Some(match self {
            Hair::None => return None,
            Hair::Black => [0.06, 0.05, 0.05],
            Hair::DarkBrown => [0.19, 0.12, 0.08],
            Hair::Brown => [0.42, 0.28, 0.17],
            Hair::Blonde => [0.80, 0.66, 0.42],
            Hair::Red => [0.55, 0.22, 0.10],
            Hair::Grey => [0.66, 0.65, 0.63],
        })
    }
}

/// Every profile and which one is shown; there is always at least one.
#[derive(Resource, Clone, Debug, PartialEq)]
pub struct Profiles {
    list: Vec<Person>,
    active: usize,
}

impl Default for Profiles {
    fn default() -> Self {
        Profiles::new(
            vec![Person {
                name: "Me".into(),
                measurements: default_measurements(),
                skin: SkinTone::default(),
                hair: Hair::default(),
                hair_style: HairStyle::default(),
            }],
            0,
        )
    }
}

/// The body shown before anything is typed.
pub fn default_measurements() -> Measurements {
    Measurements::new(Form::Female, 168.0)
}

impl Profiles {
    /// Profiles from a list (an empty list gets the default profile) and the active index.
    pub fn new(list: Vec<Person>, active: usize) -> Self {
        if list.is_empty() {
            return Profiles::default();
        }
        let active = active.min(list.len() - 1);
        Profiles { list, active }
    }

    /// Every profile, in the picker's order.
    pub fn list(&self) -> &[Person] {
        &self.list
    }

    /// The shown profile's position in [`Profiles::list`]; always in range.
    pub fn active_index(&self) -> usize {
        self.active
    }

    /// The shown profile.
    pub fn active(&self) -> &Person {
        &self.list[self.active]
    }

    /// The shown profile, to change its name or measurements.
    pub fn active_mut(&mut self) -> &mut Person {
        &mut self.list[self.active]
    }

    /// Shows another profile (ignored when out of range).
    pub fn select(&mut self, index: usize) {
        if index < self.list.len() {
            self.active = index;
        }
    }

    /// Adds a profile with the default body and shows it.
    pub fn add(&mut self, name: &str) {
        self.list.push(Person {
            name: unique_name(&self.list, name),
            measurements: default_measurements(),
            skin: SkinTone::default(),
            hair: Hair::default(),
            hair_style: HairStyle::default(),
        });
        self.active = self.list.len() - 1;
    }

    /// Whether a profile other than the active one is called `name` (trimmed): names tell the
    /// household's profiles apart, in the picker and in the store.
    pub fn taken_by_another(&self, name: &str) -> bool {
        let name = name.trim();
        self.list
            .iter()
            .enumerate()
            .any(|(i, p)| i != self.active && p.name == name)
    }

    /// Renames the active profile; a blank name, or one another profile has, is refused (false).
    pub fn rename_active(&mut self, name: &str) -> bool {
        let name = name.trim();
        if name.is_empty() || self.taken_by_another(name) {
            return false;
        }
        self.list[self.active].name = name.to_owned();
        true
    }

    /// Deletes the active profile unless it is the last one.
    pub fn delete_active(&mut self) {
        if self.list.len() > 1 {
            self.list.remove(self.active);
            self.active = self.active.min(self.list.len() - 1);
        }
    }
}

fn unique_name(list: &[Person], base: &str) -> String {
    let taken = |n: &str| list.iter().any(|p| p.name == n);
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|i| format!("{base} {i}"))
        .find(|n| !taken(n))
        .unwrap_or_default()
}

//! Every string the app shows, in English and German, switchable at runtime.
//!
//! One table per kind of text: [`Msg`] for the UI's own words, [`key_label`] for the
//! measurement names. The [`Lang`] resource says which column is read.

use crate::measurements::{Form, Key, Unit};
use bevy::prelude::*;

/// The language the UI is shown in.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    /// Every language, in the order of the language switch.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// The language's own name, shown in the switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
        }
    }

    /// Short code, as stored in the profiles file.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// Parses [`Lang::code`].
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Translates a message id.
    pub fn t(self, msg: Msg) -> &'static str {
        TABLE[msg as usize][self as usize]
    }
}

/// Declares [`Msg`] and its table from one list, so an id cannot lack a translation.
macro_rules! messages {
    ($($id:ident => $en:literal, $de:literal;)*) => {
        /// A UI string id; [`Lang::t`] gives its text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($id),* }

        impl Msg {
            /// Every message id.
            pub const ALL: &'static [Msg] = &[$(Msg::$id),*];
        }

        const TABLE: &[[&str; 2]] = &[$([$en, $de]),*];
    };
}

messages! {
    Measurements => "Measurements", "Maße";
    Language => "Language", "Sprache";
    Profile => "Profile", "Profil";
    AddProfile => "Add", "Neu";
    RenameProfile => "Rename", "Umbenennen";
    DeleteProfile => "Delete", "Löschen";
    Ok => "OK", "OK";
    Cancel => "Cancel", "Abbrechen";
    NewProfileName => "New profile", "Neues Profil";
    ConfirmDelete => "Delete this profile?", "Dieses Profil löschen?";
    Load => "Load…", "Laden…";
    Save => "Save…", "Speichern…";
    Loaded => "Loaded", "Geladen";
    Saved => "Saved", "Gespeichert";
    LoadFailed => "Could not load the file", "Datei konnte nicht geladen werden";
    SaveFailed => "Could not save the file", "Datei konnte nicht gespeichert werden";
    DialogOpen => "A file dialog is open…", "Ein Dateidialog ist geöffnet…";
    Female => "Female", "Weiblich";
    Male => "Male", "Männlich";
    Assumed => "(assumed)", "(angenommen)";
    Unit => "Unit", "Einheit";
    Predicted => "predicted", "geschätzt";
    Typed => "typed", "eingegeben";
    ResetToPredicted => "Reset to the predicted value", "Auf den geschätzten Wert zurücksetzen";
    ShowTape => "Hover to see where the tape lies; click to keep it shown", "Zeigen, wo das Maßband liegt; Klick hält es sichtbar";
    Front => "Front", "Vorne";
    Side => "Side", "Seite";
    Back => "Back", "Hinten";
    ProfilesCorrupt => "The profiles file was damaged and has been set aside as", "Die Profildatei war beschädigt und wurde beiseitegelegt als";
    ProfilesSaveFailed => "Could not save the profiles", "Profile konnten nicht gespeichert werden";
    NoAvatar => "Fix the errors below to update the avatar", "Bitte die Fehler unten beheben, um den Avatar zu aktualisieren";
    Dismiss => "Dismiss", "Schließen";
    ImportGarmentFile => "Import garment…", "Kleidungsstück importieren…";
    GarmentImported => "Garment imported", "Kleidungsstück importiert";
    GarmentImportFailed => "Could not import the garment", "Kleidungsstück konnte nicht importiert werden";
    DropToImport => "Drop to import", "Loslassen zum Importieren:";
    ImportReading => "Reading", "Lese";
    ImportChecking => "Checking the garment…", "Prüfe das Kleidungsstück…";
    // The right panel's tabs (side.rs).
    TabCatalog => "Catalog", "Katalog";
    TabWishlist => "Wishlist", "Wunschliste";
    TabOrders => "Orders", "Bestellungen";
    TabTimeline => "Timeline", "Verlauf";
    TabPrivacy => "Privacy", "Datenschutz";
    // Catalog, try-on and fit (catalog_ui.rs and the garment modules): add below.
    // Wishlist, orders, timeline, privacy (memory_ui.rs and its modules): add below.
}

/// The name of a measurement, as a tailor would say it.
pub fn key_label(key: Key, lang: Lang) -> &'static str {
    let en = match key {
        Key::Stature => "Height",
        Key::NeckGirth => "Neck",
        Key::ChestGirth => "Bust / chest",
        Key::UnderbustGirth => "Underbust",
        Key::WaistGirth => "Waist",
        Key::HipGirth => "Hip",
        Key::ShoulderWidth => "Shoulder width",
        Key::ArmLength => "Arm length",
        Key::UpperArmGirth => "Upper arm",
        Key::WristGirth => "Wrist",
        Key::InsideLeg => "Inside leg",
        Key::ThighGirth => "Thigh",
        Key::KneeGirth => "Knee",
        Key::CalfGirth => "Calf",
        Key::AnkleGirth => "Ankle",
        Key::HeadGirth => "Head",
        Key::WeightKg => "Weight",
    };
    match lang {
        Lang::En => en,
        // The same names the validation messages use.
        Lang::De => crate::measurements::noun_de(key),
    }
}

/// The name of a torso form.
pub fn form_label(form: Form, lang: Lang) -> &'static str {
    lang.t(match form {
        Form::Female => Msg::Female,
        Form::Male => Msg::Male,
    })
}

/// The symbol of a unit (the same in both languages).
pub fn unit_symbol(unit: Unit) -> &'static str {
    match unit {
        Unit::Cm => "cm",
        Unit::In => "in",
    }
}

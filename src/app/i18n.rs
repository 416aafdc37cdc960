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
    // The right panel's tabs (side.rs).
    TabCatalog => "Catalog", "Katalog";
    TabWishlist => "Wishlist", "Wunschliste";
    TabOrders => "Orders", "Bestellungen";
    TabTimeline => "Timeline", "Verlauf";
    TabPrivacy => "Privacy", "Datenschutz";
    // Catalog, try-on and fit (catalog_ui.rs and the garment modules): add below.
    ViewFabric => "Fabric", "Stoff";
    ViewFitMap => "Fit map", "Passform-Karte";
    Fitting => "Fitting…", "Wird angepasst…";
    Loose => "loose", "locker";
    Good => "good", "passt";
    Tight => "tight", "eng";
    FitMapMeaning => "Blue: the garment stands off the body (from 2 cm; fully blue at 7 cm). Red: the fabric is stretched (fully red at 100 % of its stretch). Green: close to the body without strain.", "Blau: das Kleidungsstück steht vom Körper ab (ab 2 cm; ganz blau bei 7 cm). Rot: der Stoff ist gedehnt (ganz rot bei 100 % seiner Dehnbarkeit). Grün: körpernah ohne Spannung.";
    CatalogLoading => "Reading the catalog…", "Katalog wird gelesen…";
    CatalogProblems => "Some catalog files could not be read", "Einige Katalogdateien konnten nicht gelesen werden";
    Search => "Search", "Suche";
    Retailer => "Retailer", "Händler";
    Category => "Category", "Kategorie";
    AnyChoice => "Any", "Alle";
    MaxPrice => "Max. price", "Höchstpreis";
    FitsMe => "Fits me", "Passt mir";
    ClearFilter => "Clear filters", "Filter zurücksetzen";
    NoMatch => "No garment matches the filters.", "Kein Kleidungsstück passt zu den Filtern.";
    TryOn => "Try on", "Anprobieren";
    TakeOff => "Take off", "Ausziehen";
    Wearing => "Wearing", "Angezogen";
    Size => "Size", "Größe";
    RecommendedMark => "recommended", "empfohlen";
    ChartFits => "Your size by the chart:", "Ihre Größe laut Tabelle:";
    NoChartSize => "No size in the chart fits you", "Keine Größe der Tabelle passt Ihnen";
    Region => "Region", "Bereich";
    BodyCol => "Body", "Körper";
    GarmentCol => "Garment", "Kleidung";
    Ease => "Ease", "Zugabe";
    Strain => "Strain", "Dehnung";
    VerdictCol => "Verdict", "Urteil";
    RecommendedSize => "Recommended size", "Empfohlene Größe";
    NoSizeFits => "No size fits", "Keine Größe passt";
    Confidence => "confidence", "Sicherheit";
    AddToWishlist => "Add to wishlist", "Auf die Wunschliste";
    FitFailed => "Could not fit:", "Anpassen fehlgeschlagen:";
    CatTop => "Top", "Oberteil";
    CatShirt => "Shirt / blouse", "Hemd / Bluse";
    CatKnitwear => "Knitwear", "Strick";
    CatBottom => "Trousers / shorts", "Hose / Shorts";
    CatSkirt => "Skirt", "Rock";
    CatDress => "Dress", "Kleid";
    CatOuterwear => "Outerwear", "Jacke / Mantel";
    RegChest => "Chest", "Brust";
    RegWaist => "Waist", "Taille";
    RegHip => "Hip", "Hüfte";
    RegShoulders => "Shoulders", "Schultern";
    RegUpperArm => "Upper arm", "Oberarm";
    RegThigh => "Thigh", "Oberschenkel";
    RegLength => "Length", "Länge";
    RegSleeve => "Sleeve", "Ärmel";
    RegInsideLeg => "Inside leg", "Schrittlänge";
    Import => "Import…", "Importieren…";
    ImportHint => "Import a retailer's garment file (.glb, .gltf), or drop it onto the window", "Eine Kleidungsdatei eines Händlers importieren (.glb, .gltf) oder auf das Fenster ziehen";
    Importing => "Importing", "Wird importiert:";
    Imported => "Garment imported", "Kleidungsstück importiert";
    ImportFailed => "Could not import the garment", "Kleidungsstück konnte nicht importiert werden";
    SaveOutfitPng => "Save outfit as PNG…", "Outfit als PNG speichern…";
    OutfitSaved => "Outfit picture saved", "Outfit-Bild gespeichert";
    OutfitSaveFailed => "Could not save the outfit picture", "Outfit-Bild konnte nicht gespeichert werden";
    CatalogEnd => "", "";
    // Wishlist, orders, timeline, privacy (memory_ui.rs and its modules): add below.
    MemoryEnd => "", "";
}

/// The name of a measurement, as a tailor would say it.
pub fn key_label(key: Key, lang: Lang) -> &'static str {
    let [en, de] = match key {
        Key::Stature => ["Height", "Körperhöhe"],
        Key::NeckGirth => ["Neck", "Halsumfang"],
        Key::ChestGirth => ["Bust / chest", "Brustumfang"],
        Key::UnderbustGirth => ["Underbust", "Unterbrustumfang"],
        Key::WaistGirth => ["Waist", "Taillenumfang"],
        Key::HipGirth => ["Hip", "Hüftumfang"],
        Key::ShoulderWidth => ["Shoulder width", "Schulterbreite"],
        Key::ArmLength => ["Arm length", "Armlänge"],
        Key::UpperArmGirth => ["Upper arm", "Oberarmumfang"],
        Key::WristGirth => ["Wrist", "Handgelenkumfang"],
        Key::InsideLeg => ["Inside leg", "Schrittlänge"],
        Key::ThighGirth => ["Thigh", "Oberschenkelumfang"],
        Key::KneeGirth => ["Knee", "Knieumfang"],
        Key::CalfGirth => ["Calf", "Wadenumfang"],
        Key::AnkleGirth => ["Ankle", "Knöchelumfang"],
        Key::HeadGirth => ["Head", "Kopfumfang"],
        Key::WeightKg => ["Weight", "Gewicht"],
    };
    match lang {
        Lang::En => en,
        Lang::De => de,
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

//! Every string the app shows, in English and German, switchable at runtime.
//!
//! One table per kind of text: [`Msg`] for the UI's own words, [`key_label`] for the
//! measurement names, [`issue_text`] for the measurements' validation messages (`i18n/issues.rs`).
//! The [`Lang`] resource says which column is read.

mod issues;
mod said;

pub use issues::{issue_text, key_noun_de};
pub use said::Said;

use crate::measurements::{Form, Key, ShapeVar, Unit};
use bevy::prelude::*;

/// The language the UI is shown in.
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (code `en`); the default when no saved setting names a language.
    #[default]
    En,
    /// German (code `de`).
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

    /// Short code, as kept in the store's settings.
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
        pub enum Msg {
            $(
                /// A UI string; its English and German texts follow its name in the
                /// `messages!` list in `app/i18n.rs`.
                $id
            ),*
        }

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
    ProfileNameTaken => "Another profile has this name", "Ein anderes Profil hat diesen Namen";
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
    ResetView => "Reset view", "Ansicht zurücksetzen";
    GuideTitle => "Welcome to Anprobe", "Willkommen bei Anprobe";
    GuideIntro => "Three steps to your first fitting:", "In drei Schritten zur ersten Anprobe:";
    GuideMeasure => "Type your height and your bust/chest, waist and hip girths in the left panel. Everything else is predicted from them (marked “predicted”) until you type it too.", "Tragen Sie links Ihre Körpergröße und Ihren Brust-, Taillen- und Hüftumfang ein. Alles andere wird daraus geschätzt (markiert mit „geschätzt“), bis Sie es auch eingeben.";
    GuideTape => "Measure over underwear, the tape level and snug but not tight. Point at a measurement's name: the avatar shows where the tape lies.", "Messen Sie über der Unterwäsche, das Maßband waagerecht, anliegend, aber nicht einschnürend. Zeigen Sie auf den Namen eines Maßes: Der Avatar zeigt, wo das Maßband liegt.";
    GuideTryOn => "Then pick a garment in the catalog on the right and press “Try on”: the size that fits is chosen, and the fit map shows where it is tight or loose.", "Wählen Sie dann rechts im Katalog ein Kleidungsstück und klicken Sie auf „Anprobieren“: Die passende Größe wird gewählt, und die Passformkarte zeigt, wo es eng oder weit ist.";
    GuideDone => "Got it", "Verstanden";
    GuideAgain => "Show the first-start guide again", "Die Einführung noch einmal zeigen";
    ChooseFile => "Choose a file", "Datei wählen";
    NoFileDialog => "The system's file dialog could not open (no desktop portal reachable). Type the file's path instead:", "Der Dateidialog des Systems ließ sich nicht öffnen (kein Desktop-Portal erreichbar). Bitte stattdessen den Pfad der Datei eingeben:";
    FileTypes => "Files:", "Dateien:";
    FilePath => "Path of the file", "Pfad der Datei";
    OpenFile => "Open", "Öffnen";
    SaveFile => "Save", "Speichern";
    NoFileNamed => "Name a file, not a folder.", "Bitte eine Datei angeben, keinen Ordner.";
    NoSuchFile => "There is no such file.", "Diese Datei gibt es nicht.";
    NoSuchFolder => "The folder does not exist.", "Den Ordner gibt es nicht.";
    CollapsePanel => "Collapse this panel (the 3D view gets the room)", "Diese Leiste einklappen (mehr Platz für die 3D-Ansicht)";
    ExpandPanel => "Open this panel again", "Diese Leiste wieder öffnen";
    ProfilesCorrupt => "The profiles file was damaged and has been set aside as", "Die Profildatei war beschädigt und wurde beiseitegelegt als";
    ProfilesSaveFailed => "Could not save the profiles", "Profile konnten nicht gespeichert werden";
    ProfileNotStored => "The shown profile is not kept in the data store (no data folder, or it could not be written)", "Das gezeigte Profil ist nicht im Datenspeicher (kein Datenordner, oder es ließ sich nicht schreiben)";
    TrunkBreadths => "Trunk breadths (optional)", "Rumpfbreiten (optional)";
    ChestBreadth => "Chest breadth", "Brustbreite";
    ChestDepth => "Chest depth", "Brusttiefe";
    HipBreadth => "Hip breadth", "Hüftbreite";
    Skin => "Skin", "Haut";
    SkinMannequin => "Mannequin", "Schaufensterpuppe";
    SkinGrey => "Neutral grey", "Neutrales Grau";
    SkinLight => "Light", "Hell";
    SkinMedium => "Medium", "Mittel";
    SkinTan => "Tan", "Gebräunt";
    SkinBrown => "Brown", "Braun";
    SkinDeep => "Deep brown", "Dunkelbraun";
    Hair => "Hair", "Haare";
    HairNone => "None", "Keine";
    HairBlack => "Black", "Schwarz";
    HairDarkBrown => "Dark brown", "Dunkelbraun";
    HairBrown => "Light brown", "Hellbraun";
    HairBlonde => "Blonde", "Blond";
    HairRed => "Red", "Rot";
    HairGrey => "Grey", "Grau";
    HairStyle => "Hair style", "Frisur";
    HairShort => "Short", "Kurz";
    HairBob => "Chin-length bob", "Kinnlanger Bob";
    WaistWasAtNavel => "The waist typed earlier was measured at the navel: it is kept as “Waist at navel”, and the natural waist (the narrowest, above the navel, where size charts measure) is predicted until you measure it. Profile:", "Die früher eingegebene Taille wurde am Nabel gemessen: Sie steht jetzt unter „Taille am Nabel“, und die natürliche Taille (die schmalste Stelle über dem Nabel, dort messen Größentabellen) wird geschätzt, bis Sie sie messen. Profil:";
    ProfilesAdopted => "The profiles were moved into the data store; the old profiles file was kept as", "Die Profile wurden in den Datenspeicher übernommen; die alte Profildatei wurde aufbewahrt als";
    NoAvatar => "Fix the errors below to update the avatar", "Bitte die Fehler unten beheben, um den Avatar zu aktualisieren";
    Dismiss => "Dismiss", "Schließen";
    ImportGarmentFile => "Import garment…", "Kleidungsstück importieren…";
    GarmentImported => "Garment imported", "Kleidungsstück importiert";
    GarmentImportFailed => "Could not import the garment", "Kleidungsstück konnte nicht importiert werden";
    DropToImport => "Drop to import", "Loslassen zum Importieren:";
    ImportReading => "Reading", "Lese";
    ImportChecking => "Checking the garment…", "Prüfe das Kleidungsstück…";
    // The right panel's tabs (panels/right_panel.rs).
    TabCatalog => "Catalog", "Katalog";
    TabWishlist => "Wishlist", "Wunschliste";
    TabOrders => "Orders", "Bestellungen";
    TabTimeline => "Timeline", "Verlauf";
    TabPrivacy => "Privacy", "Datenschutz";
    TabStylist => "Stylist", "Stilberatung";
    // Catalog, try-on and fit (panels/catalog.rs and the try-on): add below.
    ViewFabric => "Fabric", "Stoff";
    ViewFitMap => "Fit map", "Passform-Karte";
    Fitting => "Fitting…", "Wird angepasst…";
    Loose => "loose", "locker";
    Good => "good", "passt";
    Tight => "tight", "eng";
    FitMapMeaning => "Each area shows its verdict in the fit table: green good, red too tight (orange snug), blue too loose (light blue relaxed).", "Jeder Bereich zeigt sein Urteil aus der Passformtabelle: grün passt, rot zu eng (orange knapp), blau zu weit (hellblau locker).";
    CatalogLoading => "Reading the catalog…", "Katalog wird gelesen…";
    CatalogProblems => "Some catalog files could not be read", "Einige Katalogdateien konnten nicht gelesen werden";
    Search => "Search", "Suche";
    Category => "Category", "Kategorie";
    AnyChoice => "Any", "Alle";
    MaxPrice => "Max. price", "Höchstpreis";
    FitsMe => "Fits me", "Passt mir";
    ClearFilter => "Clear filters", "Filter zurücksetzen";
    NoMatch => "No garment matches the filters.", "Kein Kleidungsstück passt zu den Filtern.";
    TryOn => "Try on", "Anprobieren";
    TakeOff => "Take off", "Ausziehen";
    Wearing => "Wearing", "Angezogen";
    RecommendedMark => "recommended", "empfohlen";
    ChartFits => "Your size by the chart:", "Ihre Größe laut Tabelle:";
    DrapeFollows => "(the drape on your body follows)", "(die Anprobe an Ihrem Körper folgt)";
    TableStillOf => "The table still shows size", "Die Tabelle zeigt noch Größe";
    NoChartSize => "No size in the chart fits you", "Keine Größe der Tabelle passt Ihnen";
    Region => "Region", "Bereich";
    BodyCol => "Body", "Körper";
    GarmentCol => "Garment", "Kleidung";
    Ease => "Ease", "Zugabe";
    Strain => "Strain", "Dehnung";
    VerdictCol => "Verdict", "Urteil";
    RecommendedSize => "Recommended size", "Empfohlene Größe";
    NoSizeFits => "No size fits", "Keine Größe passt";
    Likely => "likely", "wahrscheinlich";
    RunnerUp => "Next likeliest:", "Danach am wahrscheinlichsten:";
    MeasureNext => "Measure next:", "Als Nächstes messen:";
    DecidesBetween => "it decides between", "entscheidet zwischen";
    And => "and", "und";
    NoSizeWord => "no size", "keiner Größe";
    MeasureNextHint => "Shows where to measure and puts the cursor in the field", "Zeigt, wo gemessen wird, und setzt den Cursor ins Feld";
    AddToWishlist => "Add to wishlist", "Auf die Wunschliste";
    FitFailed => "Could not fit:", "Anpassen fehlgeschlagen:";
    CatTop => "Top", "Oberteil";
    CatShirt => "Shirt / blouse", "Hemd / Bluse";
    CatKnitwear => "Knitwear", "Strick";
    CatBottom => "Trousers / shorts", "Hose / Shorts";
    CatSkirt => "Skirt", "Rock";
    CatDress => "Dress", "Kleid";
    CatOuterwear => "Outerwear", "Jacke / Mantel";
    SaveOutfitPng => "Save outfit as PNG…", "Outfit als PNG speichern…";
    OutfitSaved => "Outfit picture saved", "Outfit-Bild gespeichert";
    OutfitSaveFailed => "Could not save the outfit picture", "Outfit-Bild konnte nicht gespeichert werden";
    // Wishlist, orders, timeline, privacy (the store tabs in panels/): add below.
    // The store in the app (state/store.rs, state/store_actions.rs).
    StoreMovedAside => "The data file was damaged; it was moved aside and kept as", "Die Datendatei war beschädigt; sie wurde beiseitegelegt und aufbewahrt als";
    StoreBackupRestored => "Restored the newest good backup", "Die neueste intakte Sicherung wurde wiederhergestellt";
    StoreReadOnly => "The data folder is read-only: you can look, but changes are not saved", "Der Datenordner ist schreibgeschützt: Ansehen geht, Änderungen werden nicht gespeichert";
    StoreWarning => "Data store", "Datenspeicher";
    StoreOpenFailed => "Wishlist, orders and history could not be opened", "Wunschliste, Bestellungen und Verlauf konnten nicht geöffnet werden";
    StoreNone => "No data folder: wishlist, orders and history are not kept in this window", "Kein Datenordner: Wunschliste, Bestellungen und Verlauf werden in diesem Fenster nicht geführt";
    WishlistAdded => "Added to the wishlist", "Zur Wunschliste hinzugefügt";
    WishlistAlready => "Already on the wishlist", "Schon auf der Wunschliste";
    OtherCurrenciesHidden => "priced in other currencies are hidden by the price limit", "in anderen Währungen sind durch die Preisgrenze ausgeblendet";
    WishlistAddFailed => "Could not add to the wishlist", "Konnte nicht zur Wunschliste hinzugefügt werden";
    WishlistRemoved => "Removed from the wishlist", "Von der Wunschliste entfernt";
    WishlistRemoveFailed => "Could not remove from the wishlist", "Konnte nicht von der Wunschliste entfernt werden";
    OrderRecorded => "Order recorded", "Bestellung erfasst";
    OrderFailed => "Could not record the order", "Bestellung konnte nicht erfasst werden";
    StatusChanged => "Status changed", "Status geändert";
    StatusFailed => "Could not change the status", "Status konnte nicht geändert werden";
    ReturnRecorded => "Return recorded", "Rücksendung erfasst";
    ReturnFailed => "Could not record the return", "Rücksendung konnte nicht erfasst werden";
    ContactRecorded => "Contact recorded", "Kontakt erfasst";
    ContactFailed => "Could not record the contact", "Kontakt konnte nicht erfasst werden";
    ConsentSaved => "Consent saved", "Einwilligung gespeichert";
    ConsentFailed => "Could not change the consent", "Einwilligung konnte nicht geändert werden";
    // Fields shared by the forms.
    Retailer => "Retailer", "Händler";
    Sku => "Article no.", "Artikelnr.";
    ItemName => "Name", "Bezeichnung";
    Size => "Size", "Größe";
    Colour => "Colour", "Farbe";
    Price => "Price", "Preis";
    Currency => "Currency", "Währung";
    Note => "Note", "Notiz";
    Date => "Date", "Datum";
    DateHint => "YYYY-MM-DD (empty: today)", "JJJJ-MM-TT (leer: heute)";
    OrderNumber => "Order no.", "Bestellnr.";
    ReturnWindow => "Return window (days)", "Rückgabefrist (Tage)";
    Optional => "optional", "optional";
    PriceNotNumber => "invalid price: not a number", "ungültiger Preis: keine Zahl";
    WindowNotNumber => "invalid return window: not a whole number of days", "ungültige Rückgabefrist: keine ganze Zahl von Tagen";
    // Wishlist tab.
    WishlistEmpty => "The wishlist is empty. Garments you try on in the catalog can be added here.", "Die Wunschliste ist leer. Im Katalog anprobierte Kleidungsstücke lassen sich hier vormerken.";
    PriceWhenAdded => "when added", "beim Hinzufügen";
    AddedOn => "added", "hinzugefügt am";
    Remove => "Remove", "Entfernen";
    MoveToOrder => "Move to order…", "In Bestellung übernehmen…";
    // Orders tab.
    OrdersEmpty => "No orders yet.", "Noch keine Bestellungen.";
    RecordOrder => "Record an order by hand", "Bestellung von Hand erfassen";
    Record => "Record", "Erfassen";
    StatusOrdered => "ordered", "bestellt";
    StatusDelivered => "delivered", "geliefert";
    StatusKept => "kept", "behalten";
    StatusReturned => "returned", "zurückgeschickt";
    MarkDelivered => "Delivered", "Geliefert";
    MarkKept => "Keep", "Behalten";
    MarkReturned => "Return…", "Zurückschicken…";
    ReturnBy => "return by", "Rückgabe bis";
    DaysLeft => "days left", "Tage übrig";
    DeadlinePassed => "deadline passed", "Frist abgelaufen";
    Reason => "Reason", "Grund";
    FitFeedback => "Fit", "Passform";
    ReturnDate => "Sent back on", "Zurückgeschickt am";
    NoVerdict => "–", "–";
    RegionChest => "Chest", "Brust";
    RegionWaist => "Waist", "Taille";
    RegionHip => "Hip", "Hüfte";
    RegionShoulders => "Shoulders", "Schultern";
    RegionUpperArm => "Upper arm", "Oberarm";
    RegionThigh => "Thigh", "Oberschenkel";
    RegionLength => "Length", "Länge";
    RegionSleeve => "Sleeve", "Ärmel";
    RegionInsideLeg => "Inside leg", "Schrittlänge";
    VerdictTight => "too tight", "zu eng";
    VerdictLoose => "too loose", "zu weit";
    VerdictShort => "too short", "zu kurz";
    VerdictLong => "too long", "zu lang";
    VerdictGood => "good", "passt";
    VerdictSnug => "snug", "knapp";
    VerdictRelaxed => "relaxed", "locker";
    VerdictStandard => "standard length", "Standardlänge";
    // Timeline tab.
    Counterpart => "Retailer or stylist", "Händler oder Stilberatung";
    TimelineCounterpart => "Retailer, stylist or client", "Händler, Stilberatung oder Kundschaft";
    NoCounterparts => "No retailers or stylists yet: record an order or a contact first.", "Noch keine Händler oder Stilberatungen: zuerst eine Bestellung oder einen Kontakt erfassen.";
    WhatHappened => "What happened before", "Was bisher geschah";
    SearchHint => "summary, outcome, garment…", "Zusammenfassung, Ergebnis, Artikel…";
    NothingFound => "Nothing matches the search.", "Nichts passt zur Suche.";
    NothingYet => "Nothing recorded yet.", "Noch nichts erfasst.";
    AddContact => "Add a contact", "Kontakt hinzufügen";
    Channel => "Channel", "Kanal";
    Kind => "Who", "Wer";
    Summary => "Summary", "Zusammenfassung";
    Outcome => "Outcome", "Ergebnis";
    ChannelShop => "in the shop", "im Laden";
    ChannelPhone => "phone", "Telefon";
    ChannelMail => "mail", "E-Mail";
    ChannelChat => "chat", "Chat";
    ChannelStylistSession => "stylist session", "Stilberatungstermin";
    KindRetailer => "retailer", "Händler";
    KindStylist => "stylist", "Stilberatung";
    KindClient => "client", "Kundin/Kunde";
    EventOrder => "Order", "Bestellung";
    EventReturn => "Return", "Rücksendung";
    // Privacy tab.
    ConsentIntro => "Who may see what. A tick shares that measurement with them; changes are saved at once.", "Wer was sehen darf. Ein Häkchen gibt dieses Maß frei; Änderungen werden sofort gespeichert.";
    History => "History (orders and contacts)", "Verlauf (Bestellungen und Kontakte)";
    PassportFor => "Fit passport of the shown profile for", "Maßpass des gezeigten Profils für";
    PassportExport => "Export…", "Exportieren…";
    PassportSaved => "Fit passport saved", "Maßpass gespeichert";
    PassportFailed => "Could not export the fit passport", "Maßpass konnte nicht exportiert werden";
    BackupIntro => "Everything kept here (profiles, wishlist, orders, returns, contacts, consents):", "Alles, was hier gespeichert ist (Profile, Wunschliste, Bestellungen, Rücksendungen, Kontakte, Einwilligungen):";
    BackupExport => "Export backup…", "Sicherung exportieren…";
    BackupHint => "One JSON file; “Restore backup…” below brings it back: exactly into an empty store, or merged into one that holds records", "Eine JSON-Datei; „Sicherung wiederherstellen…“ darunter holt sie zurück: genau in einen leeren Speicher, oder übernommen in einen, der schon Einträge hat";
    BackupSaved => "Backup saved", "Sicherung gespeichert";
    BackupFailed => "Could not export the backup", "Sicherung konnte nicht exportiert werden";
    NoConsentRows => "Nobody to share with yet: retailers and stylists appear here once you record an order or a contact.", "Noch niemand zum Teilen: Händler und Stilberatungen erscheinen hier, sobald eine Bestellung oder ein Kontakt erfasst ist.";
    // Restore a backup (Privacy tab).
    RestoreBackup => "Restore backup…", "Sicherung wiederherstellen…";
    RestoreHint => "Choose a backup file (made with “Export backup…”): you see what it holds before anything changes", "Eine Sicherungsdatei wählen (erstellt mit „Sicherung exportieren…“): Sie sehen, was sie enthält, bevor sich etwas ändert";
    RestoreReading => "Reading the backup…", "Sicherung wird gelesen…";
    RestoreHolds => "This backup holds:", "Diese Sicherung enthält:";
    RestoreHoldsNothing => "This backup holds nothing.", "Diese Sicherung enthält nichts.";
    RestoreBetween => "Recorded between", "Erfasst zwischen";
    RestoreProfiles => "Profiles", "Profile";
    RestoreSnapshots => "Measurement snapshots", "Maßstände";
    RestoreWishlist => "Wishlist items", "Einträge der Wunschliste";
    RestoreOrders => "Orders", "Bestellungen";
    RestoreOrderItems => "Ordered garments", "Bestellte Artikel";
    RestoreReturns => "Returns", "Rücksendungen";
    RestoreContacts => "Contacts", "Kontakte";
    RestoreConsents => "Consents", "Einwilligungen";
    RestoreInto => "Restore", "Wiederherstellen";
    RestoreIntoHint => "Restores the backup exactly, with its numbering, into this empty store", "Stellt die Sicherung genau, mit ihrer Nummerierung, in diesem leeren Speicher wieder her";
    RestoreMerge => "Merge into this store", "In diesen Speicher übernehmen";
    RestoreMergeHint => "Adds what this store does not hold yet; nothing it holds is added twice or changed", "Fügt hinzu, was dieser Speicher noch nicht enthält; nichts, was er schon enthält, wird doppelt angelegt oder geändert";
    RestoreSameMeans => "Already here, so not added again: a profile of the same name; measurements of the same profile, day and values; a wish of the same retailer, article no., size and colour; an order of the same retailer and order no. (and in it a garment of the same article no. and size, and its return); a contact with the same retailer or stylist, day and text. A retailer or stylist who has a consent here keeps it.", "Schon vorhanden und daher nicht erneut angelegt: ein Profil gleichen Namens; Maße desselben Profils mit gleichem Tag und gleichen Werten; ein Wunsch mit gleichem Händler, gleicher Artikelnummer, Größe und Farbe; eine Bestellung mit gleichem Händler und gleicher Bestellnummer (darin ein Artikel mit gleicher Artikelnummer und Größe, und seine Rücksendung); ein Kontakt mit demselben Händler oder derselben Stilberatung, am gleichen Tag, mit gleichem Text. Wer hier schon eine Einwilligung hat, behält sie.";
    RestoreOnlyIntoEmpty => "“Restore” is offered only while this store is empty.", "„Wiederherstellen“ gibt es nur, solange dieser Speicher leer ist.";
    RestoreAdded => "Added", "Hinzugefügt";
    RestorePresent => "already here", "schon vorhanden";
    RestoreNothing => "nothing", "nichts";
    RestoreDone => "Backup restored", "Sicherung wiederhergestellt";
    RestoreMerged => "Backup merged into this store", "Sicherung in diesen Speicher übernommen";
    RestoreFailed => "Could not restore the backup; nothing was changed", "Die Sicherung konnte nicht wiederhergestellt werden; nichts wurde geändert";
    RestoreMergeFailed => "Could not merge the backup; nothing was changed", "Die Sicherung konnte nicht übernommen werden; nichts wurde geändert";
    RestoreReadFailed => "Could not read the file", "Die Datei konnte nicht gelesen werden";
    RestoreTooLarge => "The file is too large to be a backup", "Die Datei ist zu groß für eine Sicherung";
    RestoreNotJson => "The file is not JSON", "Die Datei ist kein JSON";
    RestoreNotBackup => "The file is not an Anprobe backup", "Die Datei ist keine Anprobe-Sicherung";
    RestoreNewer => "The backup was written by a newer Anprobe: update Anprobe to restore it", "Die Sicherung stammt von einer neueren Anprobe-Version: bitte Anprobe aktualisieren, um sie wiederherzustellen";
    RestoreUnreadable => "The file is not a readable backup", "Die Datei ist keine lesbare Sicherung";
    RestoreBadRecord => "The backup holds a record that cannot be restored", "Die Sicherung enthält einen Eintrag, der sich nicht wiederherstellen lässt";
    RestoreLine => "line", "Zeile";
    RestoreColumn => "column", "Spalte";
    RestoreFormat => "format", "Format";
    RestoreExpected => "expected", "erwartet";
    RestoreVersion => "backup version", "Sicherungsversion";
    RestoreReadsUpTo => "this Anprobe reads up to", "diese Anprobe liest bis";
    RestoreReturnButStatus => "has a return, but its status is", "hat eine Rücksendung, aber den Status";
    // Measurement history (left panel).
    HistorySection => "History", "Maßverlauf";
    HistoryTooShort => "The history shows from two snapshots on: each day you change the measurements keeps one.", "Der Verlauf erscheint ab zwei Ständen: Jeder Tag, an dem Sie die Maße ändern, behält einen.";
    HistorySnapshots => "Snapshots, newest first", "Stände, neueste zuerst";
    HistoryGoBack => "Go back to this", "Diesen Stand übernehmen";
    HistoryGoBackHint => "Makes these the current measurements, saved as today's snapshot: the earlier ones stay in the history", "Macht diese zu den aktuellen Maßen, gespeichert als Stand von heute: Die früheren bleiben im Verlauf";
    HistoryCurrent => "current", "aktuell";
    HistorySameAsNow => "same as now", "wie jetzt";
    HistoryFirst => "first snapshot", "erster Stand";
    HistoryNoChange => "measurements unchanged", "Maße unverändert";
    HistoryNew => "new", "neu";
    HistoryDropped => "no longer typed (predicted)", "nicht mehr eingegeben (geschätzt)";
    HistoryForm => "Form", "Körperform";
    HistoryPlotOf => "Plot of", "Diagramm:";
    HistoryWentBack => "Measurements taken back from", "Maße übernommen vom Stand";
    // The Concierge tab.
    TabConcierge => "Concierge", "Concierge";
    ForYou => "For you", "Für Sie";
    Alternatives => "Alternatives", "Alternativen";
    Reminders => "Reminders", "Erinnerungen";
    NoProducts => "No retailer catalogs in your store yet. The concierge ranks the products of the catalogs you add by your own history (kept, returned, wished for); nothing leaves this computer.", "Noch keine Händlerkataloge gespeichert. Der Concierge ordnet die Produkte der Kataloge, die Sie hinzufügen, nach Ihrer eigenen Geschichte (behalten, zurückgeschickt, gewünscht); nichts verlässt diesen Computer.";
    AddSampleCatalog => "Add the sample catalog (6 retailers)", "Beispielkatalog hinzufügen (6 Händler)";
    CatalogCommandHint => "A retailer's catalog: `anprobe catalog add PATH`, later `anprobe catalog update PATH`", "Katalog eines Händlers: `anprobe catalog add PFAD`, später `anprobe catalog update PFAD`";
    ConciergeNeedsBody => "Enter your measurements first: every size is read from your body.", "Geben Sie zuerst Ihre Maße ein: Jede Größe wird von Ihrem Körper abgelesen.";
    ProductsInStore => "products from your retailers' catalogs, ranked by your history", "Produkte aus den Katalogen Ihrer Händler, nach Ihrer Geschichte geordnet";
    NothingToSuggest => "Nothing to suggest yet: keep, return or wish for a few garments of these catalogs and the concierge learns what you like.", "Noch keine Vorschläge: Behalten Sie Kleidungsstücke aus diesen Katalogen, schicken Sie welche zurück oder setzen Sie sie auf die Wunschliste, dann lernt der Concierge, was Ihnen gefällt.";
    NoModel => "no 3D model: size from the chart", "kein 3D-Modell: Größe laut Tabelle";
    AlternativesFor => "Instead of", "Statt";
    NoSubjects => "Put a garment of these catalogs on your wishlist or keep one, and other retailers' alternatives show here.", "Setzen Sie ein Kleidungsstück aus diesen Katalogen auf die Wunschliste oder behalten Sie eines, dann erscheinen hier Alternativen anderer Händler.";
    NoAlternatives => "No other retailer has a garment like it in a size that fits you.", "Kein anderer Händler hat ein ähnliches Kleidungsstück in einer Größe, die Ihnen passt.";
    NoReminders => "No reminders today.", "Heute keine Erinnerungen.";
    DismissReminder => "Dismiss", "Ausblenden";
    ReminderDismissed => "Reminder dismissed", "Erinnerung ausgeblendet";
    ReminderDismissFailed => "Could not dismiss the reminder", "Erinnerung konnte nicht ausgeblendet werden";
    CatalogAdded => "Catalog recorded", "Katalog gespeichert";
    CatalogAddFailed => "Could not record the catalog", "Katalog konnte nicht gespeichert werden";
}

/// The name of a measurement, as a tailor would say it.
pub fn key_label(key: Key, lang: Lang) -> &'static str {
    let en = match key {
        Key::Stature => "Height",
        Key::NeckGirth => "Neck",
        Key::ChestGirth => "Bust / chest",
        Key::UnderbustGirth => "Underbust",
        Key::WaistGirth => "Waist",
        Key::OmphalionGirth => "Waist at navel",
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
        Lang::De => key_noun_de(key),
    }
}

/// The name of a typable breadth or depth of the trunk ("Chest breadth", "Brustbreite").
pub fn caliper_label(var: ShapeVar, lang: Lang) -> &'static str {
    lang.t(match var {
        ShapeVar::ChestBreadth => Msg::ChestBreadth,
        ShapeVar::ChestDepth => Msg::ChestDepth,
        _ => Msg::HipBreadth,
    })
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

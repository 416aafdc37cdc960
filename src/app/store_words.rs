//! The store's refusals in the shopper's language: the field named in the shopper's words and
//! what is wrong with it, from the store's [`Problem`]s and [`Clash`]es (the command line prints
//! their English).

use crate::app::i18n::{Lang, Said, key_label};
use crate::app::panels::labels;
use crate::measurements::Key;
use crate::store::{Clash, Problem, StoreError, one_item_field};

/// The store's error for the shopper, in every language. Forms record one garment per order, so
/// the store's `items[0].` prefix is dropped (`invalid items[0].sku` reads `invalid sku`).
pub fn describe(error: &StoreError) -> Said {
    Said::each(|lang| match lang {
        Lang::En => error.one_item_message(),
        Lang::De => german(error),
    })
}

/// A field as the German form names it.
fn field_de(field: &str) -> String {
    let field = one_item_field(field);
    if let Some(key) = Key::parse(field) {
        return key_label(key, Lang::De).to_string();
    }
    match field {
        "order_number" => "Bestellnummer",
        "date" => "Datum",
        "sku" => "Artikelnummer",
        "size" => "Größe",
        "price" => "Preis",
        "currency" => "Währung",
        "return_window_days" => "Rückgabefrist",
        "retailer" => "Händler",
        "counterpart" => "Gegenüber",
        "summary" => "Inhalt",
        "name" => "Name",
        "created" => "Angelegt am",
        "taken" => "Gemessen am",
        "added" => "Hinzugefügt am",
        "fit" => "Passform",
        "items" => "Artikel",
        "ids" => "Wunschliste",
        "measurements" => "Maße",
        "language" => "Sprache",
        other => other,
    }
    .to_string()
}

fn german(error: &StoreError) -> String {
    match error {
        StoreError::Invalid { field, problem } => problem_de(&field_de(field), problem),
        StoreError::NotFound { what, id } => format!("{} #{id} nicht gefunden", what_de(what)),
        StoreError::Conflict(clash) => clash_de(clash),
        StoreError::TooNew {
            path,
            found,
            supported,
        } => format!(
            "{}: von einer neueren Anprobe-Version geschrieben (Datenformat {found}; diese Version \
             liest bis {supported}). Die Datei blieb unverändert: bitte Anprobe aktualisieren.",
            path.display()
        ),
        StoreError::ReadOnly { path } => format!(
            "Speichern in {} nicht möglich: Ordner oder Datei ist schreibgeschützt. Nichts wurde \
             geschrieben; Ihre Daten bleiben lesbar.",
            path.display()
        ),
        StoreError::DiskFull { path } => format!(
            "Speichern in {} nicht möglich: der Datenträger ist voll. Nichts wurde geschrieben; \
             bitte Platz schaffen und erneut versuchen.",
            path.display()
        ),
        StoreError::Checksum { table, id, .. } => format!(
            "Ein Eintrag hat seine Prüfsumme nicht bestanden: er wurde auf der Festplatte verändert \
             (Tabelle {table}, Zeile {id}). `anprobe data check` ausführen; beim nächsten Öffnen \
             wird die neueste gute Sicherung wiederhergestellt."
        ),
        StoreError::NoConsent(who) => {
            format!("Keine Einwilligung für „{who}“: nichts darf geteilt werden")
        }
        StoreError::NoDataDir => "Kein Datenordner gefunden (kein Home-Verzeichnis): \
                                  --data-dir ORDNER angeben oder ANPROBE_DATA_DIR setzen"
            .into(),
        StoreError::Io { path, source, .. } => {
            format!("{}: {}", path.display(), io_de(source))
        }
        StoreError::Import(detail) => format!("Sicherung nicht lesbar: {detail}"),
        StoreError::Sqlite(e) => format!("Datenbankfehler: {e}"),
    }
}

fn problem_de(field: &str, problem: &Problem) -> String {
    match problem {
        Problem::Empty => format!("{field} darf nicht leer sein"),
        Problem::NotFinite => format!("{field} muss eine Zahl sein"),
        Problem::Negative(amount) => {
            format!(
                "{field} darf nicht negativ sein ({})",
                labels::decimal(*amount, Lang::De)
            )
        }
        Problem::TooLarge(amount) => format!(
            "{field}: {} ist unplausibel groß",
            labels::decimal(*amount, Lang::De)
        ),
        Problem::UnknownCurrency(code) => format!(
            "{field}: „{code}“ ist kein bekannter Währungscode nach ISO 4217 (z. B. EUR, USD, \
             GBP, CHF, SEK, JPY)"
        ),
        Problem::NotSize(label) => format!(
            "{field}: „{label}“ ist keine Größenangabe (z. B. M, XL, S/M, 38, EU 42, 32/34)"
        ),
        Problem::NotDate { typed, .. } => {
            format!("{field}: „{typed}“ ist kein Datum (JJJJ-MM-TT, z. B. 2026-12-05)")
        }
        Problem::TooManyDays(max) => format!("{field}: höchstens {max} Tage"),
        Problem::NoItems => "Eine Bestellung braucht mindestens einen Artikel".into(),
        Problem::NotRegionVerdict(part) => {
            format!("{field}: „{part}“ hat nicht die Form Bereich=Urteil")
        }
        Problem::UnknownRegion(region) => format!("{field}: unbekannter Bereich „{region}“"),
        Problem::UnknownVerdict(verdict) => format!("{field}: unbekanntes Urteil „{verdict}“"),
        Problem::GivenTwice(region) => format!(
            "{field}: {} ist doppelt angegeben",
            labels::region(*region, Lang::De)
        ),
        Problem::ReturnBeforeOrder { returned, ordered } => {
            format!("Das Rückgabedatum {returned} liegt vor dem Bestelldatum {ordered}")
        }
        Problem::NoneGiven => "Kein Eintrag der Wunschliste gewählt".into(),
        Problem::NoValues => "Die Messung enthält keine Werte".into(),
        Problem::Implausible(value) => format!(
            "{field}: {} ist kein plausibler Messwert (positive Zahl in cm, das Gewicht in kg)",
            labels::decimal(*value, Lang::De)
        ),
    }
}

fn clash_de(clash: &Clash) -> String {
    match clash {
        Clash::NotEmpty(_) => {
            "Eine Sicherung wird nur in einen leeren Datenspeicher zurückgespielt; dieser enthält \
             schon Daten"
                .into()
        }
        Clash::UnknownSnapshotKey { snapshot, key } => {
            format!("Messung #{snapshot} enthält ein unbekanntes Maß „{key}“")
        }
        Clash::ProfileExists { name, .. } => format!("Ein Profil namens „{name}“ gibt es schon"),
        Clash::NoBackupBeforeUpgrade { path, error } => format!(
            "{} wird ohne Sicherung nicht aktualisiert: {error}",
            path.display()
        ),
        Clash::UpgradeReadOnly {
            path,
            found,
            latest,
        } => format!(
            "{} hat Datenformat {found} und muss auf {latest} aktualisiert werden, aber der \
             Ordner ist schreibgeschützt",
            path.display()
        ),
        Clash::AlreadyReturned { date, .. } => {
            format!("Dieser Artikel wurde schon am {date} zurückgeschickt")
        }
        Clash::DuplicateOrder {
            number, retailer, ..
        } => format!("Die Bestellung {number} bei {retailer} ist schon erfasst"),
        Clash::StaysReturned(_) => {
            "Für diesen Artikel ist eine Rücksendung erfasst: er bleibt zurückgeschickt".into()
        }
        Clash::MixedRetailers { first, other } => format!(
            "Die Einträge sind von verschiedenen Händlern ({}, {}): eine Bestellung geht an einen \
             Händler",
            first.1, other.1
        ),
        Clash::NoStore(None) => "Kein Datenordner geöffnet: nichts wurde gespeichert".into(),
        Clash::NoStore(Some(why)) => {
            format!("Kein Datenspeicher ({why}): nichts wurde gespeichert")
        }
        Clash::Unusable => "Der Datenspeicher ist nicht mehr benutzbar".into(),
    }
}

/// The store's names of rows (`NotFound`), in German.
fn what_de(what: &str) -> &str {
    match what {
        "order item" => "Bestellposition",
        "order" => "Bestellung",
        "wishlist item" => "Wunschlisteneintrag",
        "profile" => "Profil",
        "contact" => "Kontakt",
        "measurement snapshot" => "Messung",
        other => other,
    }
}

pub(crate) fn io_de(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "nicht gefunden".into(),
        ErrorKind::PermissionDenied => "keine Berechtigung".into(),
        ErrorKind::AlreadyExists => "existiert schon".into(),
        ErrorKind::StorageFull => "der Datenträger ist voll".into(),
        ErrorKind::ReadOnlyFilesystem => "schreibgeschütztes Dateisystem".into(),
        _ => format!("Ein-/Ausgabefehler ({error})"),
    }
}

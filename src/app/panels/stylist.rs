//! The Stylist tab: the shopper invites a stylist (sees exactly what that stylist will receive,
//! then hands over a ticket and, separately, a one-time code), follows the session — each
//! proposal tried on at once, accepted or rejected, the chat, the notes pinned — and ends it;
//! a stylist joins a shopper's session with ticket and code, sees what was shared (the rest
//! predicted), proposes garments from their catalog in a size, points the shopper's camera, pins
//! notes and chats. [`stylist_tab`] draws from [`StylistSession`] and returns
//! [`SessionAction`]s.

use super::right_panel::RightPanelTab;
use super::store_tab::StoreTabs;
use super::{PanelSystems, labels};
use crate::app::i18n::{Lang, form_label, key_label};
use crate::app::state::stylist_session::{
    ChatLine, Hosting, Joined, SessionAction, SessionOutcome, StylistSession, assumed_stature,
};
use crate::app::state::tryon::Catalog;
use crate::measurements::{Form, Key, Measurements};
use crate::session::link::Relay;
use crate::session::pin::{Facing, Spot};
use crate::session::protocol::{Message, View};
use crate::session::record::Outcome;
use crate::session::share::body_for;
use crate::store::{Consent, Contact, CounterpartKind, OpenProposal};
use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use bevy_egui::egui::{self, Color32, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        stylist_system
            .in_set(PanelSystems::RightPanel)
            .run_if(RightPanelTab::Stylist.shown()),
    );
}

/// English or German.
fn tr(lang: Lang, en: &'static str, de: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::De => de,
    }
}

/// What the tab's fields hold between frames.
#[derive(Default)]
pub struct StylistForm {
    /// The stylist to invite.
    pub stylist: String,
    /// No relay (this network only).
    pub local: bool,
    /// The ticket pasted to join.
    pub ticket: String,
    /// The code typed to join.
    pub code: String,
    /// The stylist's own name when joining.
    pub name: String,
    /// The chat line being written.
    pub chat: String,
    /// The garment to propose (SKU) and its size.
    pub propose: Option<(String, String)>,
    /// The note with a proposal.
    pub note: String,
    /// The note to pin.
    pub pin: String,
    /// Where to pin it.
    pub spot: Spot,
    /// On which side of the body.
    pub facing: Facing,
}

/// What the tab reads.
pub struct StylistView<'a> {
    /// The UI's language.
    pub lang: Lang,
    /// The session, if any.
    pub session: &'a StylistSession,
    /// What the last session left to say.
    pub outcome: &'a SessionOutcome,
    /// The consents (the stylists among them are offered).
    pub consents: &'a [Consent],
    /// The stylists paired before (they come back without a code), by name.
    pub paired: &'a [String],
    /// The shopper's measurements as typed (what a consent shares is shown from them).
    pub measurements: &'a Measurements,
    /// The catalog (what a stylist proposes from).
    pub catalog: &'a Catalog,
    /// Proposals left open by earlier sessions, to decide on.
    pub open: &'a [OpenProposal],
}

#[derive(bevy::ecs::system::SystemParam)]
struct StylistInputs<'w> {
    session: Res<'w, StylistSession>,
    outcome: Res<'w, SessionOutcome>,
    profiles: Res<'w, crate::app::state::profiles::Profiles>,
    catalog: Res<'w, Catalog>,
    actions: MessageWriter<'w, SessionAction>,
}

/// What the tab read from the store, and at which revision.
#[derive(Default)]
struct StoreRead {
    revision: Option<u64>,
    consents: Vec<Consent>,
    paired: Vec<String>,
    open: Vec<OpenProposal>,
}

fn stylist_system(
    mut tabs: StoreTabs,
    mut inputs: StylistInputs,
    mut form: Local<StylistForm>,
    mut read: Local<StoreRead>,
) -> Result {
    let mut asked = Vec::new();
    tabs.show(RightPanelTab::Stylist, |ui, lang, store, _, _| {
        // Read again only when the store changed, as the store's tabs do.
        if read.revision != Some(store.revision()) {
            *read = StoreRead {
                revision: Some(store.revision()),
                consents: store.read(|s| s.consents()).unwrap_or_default(),
                paired: paired_names(store),
                open: store.read(|s| s.open_proposals()).unwrap_or_default(),
            };
        }
        let view = StylistView {
            lang,
            session: &inputs.session,
            outcome: &inputs.outcome,
            consents: &read.consents,
            paired: &read.paired,
            measurements: &inputs.profiles.active().measurements,
            catalog: &inputs.catalog,
            open: &read.open,
        };
        stylist_tab(ui, &view, &mut form, &mut asked);
    })?;
    inputs.actions.write_batch(asked);
    Ok(())
}

/// The names of the stylists paired before, as the store keeps them.
pub fn paired_names(store: &crate::app::state::store::ShopperStore) -> Vec<String> {
    let mut names: Vec<String> = store
        .read(|s| s.paired_stylists())
        .unwrap_or_default()
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Draws the tab; what was asked goes to `out`.
pub fn stylist_tab(
    ui: &mut egui::Ui,
    view: &StylistView,
    form: &mut StylistForm,
    out: &mut Vec<SessionAction>,
) {
    match view.session {
        StylistSession::Idle => idle(ui, view, form, out),
        StylistSession::Hosting(h) => hosting(ui, view, h, form, out),
        StylistSession::Joined(j) => {
            // The ticket and the one-time code served this session: the next one brings its own
            // (a code is burned once used), so the join form starts empty afterwards.
            form.ticket.clear();
            form.code.clear();
            joined(ui, view, j, form, out)
        }
    }
}

fn heading(ui: &mut egui::Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(text).strong().size(15.0));
}

fn idle(
    ui: &mut egui::Ui,
    view: &StylistView,
    form: &mut StylistForm,
    out: &mut Vec<SessionAction>,
) {
    let lang = view.lang;
    if let Some(said) = &view.outcome.0
        && !said.is_empty()
    {
        ui.label(RichText::new(said).italics());
        ui.separator();
    }
    super::open_proposals::still_to_decide(ui, lang, view.open, out);
    heading(ui, tr(lang, "Invite a stylist", "Stilberatung einladen"));
    let stylists: Vec<&Consent> = view
        .consents
        .iter()
        .filter(|c| c.kind == CounterpartKind::Stylist)
        .collect();
    ui.horizontal_wrapped(|ui| {
        for c in &stylists {
            let picked = form.stylist.eq_ignore_ascii_case(&c.counterpart);
            if ui.selectable_label(picked, &c.counterpart).clicked() {
                form.stylist = c.counterpart.clone();
            }
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "Stylist", "Stilberater/in"));
        ui.add(
            egui::TextEdit::singleline(&mut form.stylist)
                .hint_text(tr(
                    lang,
                    "name, as in Privacy",
                    "Name, wie unter Datenschutz",
                ))
                .desired_width(180.0),
        )
        .labelled_by(label.id);
    });
    let stylist = form.stylist.trim().to_string();
    if !stylist.is_empty() {
        let consent = view
            .consents
            .iter()
            .find(|c| c.counterpart.eq_ignore_ascii_case(&stylist));
        shared_preview(ui, lang, &stylist, consent, view.measurements);
    }
    ui.checkbox(
        &mut form.local,
        tr(
            lang,
            "This network only (no relay)",
            "Nur dieses Netzwerk (ohne Relay)",
        ),
    );
    let invite = ui.add_enabled(
        !stylist.is_empty(),
        egui::Button::new(tr(lang, "Invite", "Einladen")),
    );
    if invite.clicked() {
        out.push(SessionAction::Invite {
            stylist,
            relay: relay(form.local),
        });
    }
    if !view.paired.is_empty() {
        ui.label(
            RichText::new(tr(
                lang,
                "Recognised without a code:",
                "Ohne Code wiedererkannt:",
            ))
            .small(),
        );
        for name in view.paired {
            ui.horizontal(|ui| {
                ui.label(name);
                if ui.small_button(tr(lang, "Forget", "Vergessen")).clicked() {
                    out.push(SessionAction::Forget(name.clone()));
                }
            });
        }
    }
    ui.separator();
    heading(
        ui,
        tr(
            lang,
            "Join a session (stylists)",
            "An einer Sitzung teilnehmen (Stilberatung)",
        ),
    );
    super::field_row(
        ui,
        tr(lang, "Ticket", "Ticket"),
        &mut form.ticket,
        "anprobe1…",
    );
    super::field_row(ui, tr(lang, "Code", "Code"), &mut form.code, "123-456");
    super::field_row(ui, tr(lang, "Your name", "Ihr Name"), &mut form.name, "");
    let join = ui.add_enabled(
        !form.ticket.trim().is_empty(),
        egui::Button::new(tr(lang, "Join", "Teilnehmen")),
    );
    if join.clicked() {
        out.push(SessionAction::Join {
            ticket: form.ticket.trim().to_string(),
            code: form.code.trim().to_string(),
            name: form.name.trim().to_string(),
            relay: relay(form.local),
        });
    }
}

/// "End session", at the foot of a session.
fn end_button(ui: &mut egui::Ui, lang: Lang, out: &mut Vec<SessionAction>) {
    ui.add_space(8.0);
    if ui
        .button(tr(lang, "End session", "Sitzung beenden"))
        .clicked()
    {
        out.push(SessionAction::End);
    }
}

/// The body's form and each measurement shared, a line each.
fn body_lines<'a>(
    ui: &mut egui::Ui,
    lang: Lang,
    form: Form,
    values: impl IntoIterator<Item = (&'a Key, &'a f64)>,
) {
    ui.label(format!("• {}", form_label(form, lang)));
    for (key, value) in values {
        ui.label(format!(
            "• {}: {}",
            key_label(*key, lang),
            value_text(*key, *value, lang)
        ));
    }
}

/// A measurement with its unit, in the UI's number format.
fn value_text(key: Key, value: f64, lang: Lang) -> String {
    let unit = if key == Key::WeightKg { "kg" } else { "cm" };
    format!("{} {unit}", labels::decimal(value, lang))
}

fn relay(local: bool) -> Relay {
    if local { Relay::Off } else { Relay::Default }
}

/// Exactly what the stylist will receive: the form and the consented measurements.
fn shared_preview(
    ui: &mut egui::Ui,
    lang: Lang,
    stylist: &str,
    consent: Option<&Consent>,
    measurements: &Measurements,
) {
    let title = match lang {
        Lang::En => format!("What {stylist} will see"),
        Lang::De => format!("Was {stylist} sehen wird"),
    };
    ui.label(RichText::new(title).strong());
    // Exactly what the session will send: the same filter (`session::share`).
    let Message::Body { form, values } = body_for(measurements, consent) else {
        unreachable!("body_for makes a body")
    };
    body_lines(ui, lang, form, &values);
    let rest = if values.is_empty() {
        tr(
            lang,
            "No measurement: consent to some in the Privacy tab. The stylist's Anprobe predicts the body from the form alone.",
            "Keine Maße: erlauben Sie welche im Tab Datenschutz. Anprobe der Stilberatung schätzt den Körper nur aus der Form.",
        )
    } else {
        tr(
            lang,
            "Nothing else: no other measurement, no orders, no contacts. The rest is predicted on their side.",
            "Sonst nichts: keine weiteren Maße, keine Bestellungen, keine Kontakte. Der Rest wird dort geschätzt.",
        )
    };
    ui.label(RichText::new(rest).small());
}

fn chat(
    ui: &mut egui::Ui,
    lang: Lang,
    lines: &[ChatLine],
    other: &str,
    form: &mut StylistForm,
    out: &mut Vec<SessionAction>,
) {
    heading(ui, tr(lang, "Chat", "Chat"));
    for line in lines {
        let who = if line.mine {
            tr(lang, "You", "Sie")
        } else {
            other
        };
        ui.label(format!("{who}: {}", line.text));
    }
    ui.horizontal(|ui| {
        let field = ui.add(egui::TextEdit::singleline(&mut form.chat).desired_width(200.0));
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button(tr(lang, "Send", "Senden")).clicked() || enter)
            && !form.chat.trim().is_empty()
        {
            out.push(SessionAction::Say(form.chat.trim().to_string()));
            form.chat.clear();
        }
    });
}

fn outcome_text(lang: Lang, outcome: &Outcome) -> (String, Color32) {
    match outcome {
        Outcome::Open => (
            tr(lang, "waiting for a decision", "noch nicht entschieden").into(),
            Color32::GRAY,
        ),
        Outcome::Accepted => (
            tr(lang, "accepted", "angenommen").into(),
            Color32::from_rgb(60, 160, 80),
        ),
        Outcome::Rejected => (
            tr(lang, "rejected", "abgelehnt").into(),
            Color32::from_rgb(200, 120, 40),
        ),
        Outcome::Invalid(why) => (
            format!(
                "{}: {why}",
                tr(
                    lang,
                    "refused, the file is invalid",
                    "abgewiesen, die Datei ist ungültig"
                )
            ),
            Color32::from_rgb(200, 40, 40),
        ),
    }
}

fn hosting(
    ui: &mut egui::Ui,
    view: &StylistView,
    h: &Hosting,
    form: &mut StylistForm,
    out: &mut Vec<SessionAction>,
) {
    let lang = view.lang;
    heading(
        ui,
        &match lang {
            Lang::En => format!("Session with {}", h.stylist),
            Lang::De => format!("Sitzung mit {}", h.stylist),
        },
    );
    if h.ticket.is_empty() {
        ui.label(tr(
            lang,
            "Opening the connection…",
            "Verbindung wird geöffnet …",
        ));
    } else if !h.connected {
        ui.label(
            RichText::new(tr(
                lang,
                "Ticket — send it to the stylist",
                "Ticket — senden Sie es der Stilberatung",
            ))
            .strong(),
        );
        ui.label(RichText::new(&h.ticket).monospace().small());
        if ui
            .button(tr(lang, "Copy ticket", "Ticket kopieren"))
            .clicked()
        {
            ui.ctx().copy_text(h.ticket.clone());
        }
        ui.label(
            RichText::new(tr(
                lang,
                "One-time code — read it out or send it separately",
                "Einmal-Code — vorlesen oder getrennt senden",
            ))
            .strong(),
        );
        ui.horizontal(|ui| {
            ui.label(RichText::new(&h.code).monospace().size(22.0));
            if ui.button(tr(lang, "New code", "Neuer Code")).clicked() {
                out.push(SessionAction::NewCode);
            }
        });
        ui.label(
            RichText::new(tr(
                lang,
                "Good for 10 minutes, for one stylist; a wrong try voids it.",
                "Gilt 10 Minuten für eine Person; ein falscher Versuch macht ihn ungültig.",
            ))
            .small(),
        );
        ui.label(match lang {
            Lang::En => format!("Waiting for {}…", h.stylist),
            Lang::De => format!("Warten auf {} …", h.stylist),
        });
    } else {
        ui.label(
            RichText::new(match lang {
                Lang::En => format!("{} is in the session", h.stylist),
                Lang::De => format!("{} ist in der Sitzung", h.stylist),
            })
            .color(Color32::from_rgb(60, 160, 80)),
        );
    }
    if !h.record.proposals.is_empty() {
        heading(ui, tr(lang, "Proposals", "Vorschläge"));
    }
    for p in &h.record.proposals {
        ui.group(|ui| {
            ui.label(RichText::new(p.text()).strong());
            if !p.note.is_empty() {
                ui.label(RichText::new(format!("“{}”", p.note)).italics());
            }
            if p.outcome == Outcome::Open {
                ui.label(
                    RichText::new(tr(lang, "On your avatar now.", "Jetzt an Ihrem Avatar."))
                        .small(),
                );
                ui.horizontal(|ui| {
                    if ui.button(tr(lang, "Accept", "Annehmen")).clicked() {
                        out.push(SessionAction::Decide {
                            proposal: p.id,
                            accepted: true,
                        });
                    }
                    if ui.button(tr(lang, "Reject", "Ablehnen")).clicked() {
                        out.push(SessionAction::Decide {
                            proposal: p.id,
                            accepted: false,
                        });
                    }
                });
            } else {
                let (text, colour) = outcome_text(lang, &p.outcome);
                ui.label(RichText::new(text).color(colour));
            }
        });
    }
    // This stylist's proposals left open by earlier sessions (this session's are above), to
    // decide on with them: they hear the decision at once.
    let earlier: Vec<OpenProposal> = view
        .open
        .iter()
        .filter(|p| {
            p.stylist.eq_ignore_ascii_case(&h.stylist)
                && !(p.peer == h.record.key && h.record.proposals.iter().any(|q| q.id == p.id))
        })
        .cloned()
        .collect();
    // What the last decision on one of them did ("Accepted: … — on the wishlist").
    if let Some(said) = view.outcome.0.as_deref().filter(|s| !s.is_empty()) {
        ui.label(RichText::new(said).italics());
    }
    super::open_proposals::still_to_decide(ui, lang, &earlier, out);
    if !h.record.notes.is_empty() {
        heading(
            ui,
            tr(lang, "Notes on your avatar", "Notizen an Ihrem Avatar"),
        );
        for note in &h.record.notes {
            ui.label(format!("📌 {note}"));
        }
    }
    if h.connected || !h.chat.is_empty() {
        let stylist = h.stylist.clone();
        chat(ui, lang, &h.chat, &stylist, form, out);
    }
    end_button(ui, lang, out);
}

/// The stylist's own records of earlier sessions with this client: the newest three, each
/// opening to what was proposed, decided and said (all of them in the Timeline tab).
fn earlier_sessions(ui: &mut egui::Ui, lang: Lang, earlier: &[Contact]) {
    if earlier.is_empty() {
        return;
    }
    ui.label(
        RichText::new(match lang {
            Lang::En => format!("Earlier sessions ({})", earlier.len()),
            Lang::De => format!("Frühere Termine ({})", earlier.len()),
        })
        .strong(),
    );
    for contact in earlier.iter().take(3) {
        let c = &contact.record;
        egui::CollapsingHeader::new(format!("{} — {}", c.date, c.summary))
            .id_salt(("earlier-session", contact.id))
            .show(ui, |ui| {
                for line in c.outcome.lines() {
                    ui.label(RichText::new(line).small());
                }
            });
    }
    if earlier.len() > 3 {
        ui.label(
            RichText::new(tr(
                lang,
                "The others are in the Timeline tab.",
                "Die übrigen stehen unter „Verlauf“.",
            ))
            .small()
            .italics(),
        );
    }
}

fn joined(
    ui: &mut egui::Ui,
    view: &StylistView,
    j: &Joined,
    form: &mut StylistForm,
    out: &mut Vec<SessionAction>,
) {
    let lang = view.lang;
    let who = if j.shopper.is_empty() {
        tr(lang, "the shopper", "Kundin/Kunde")
    } else {
        &j.shopper
    };
    heading(
        ui,
        &match lang {
            Lang::En => format!("In {who}'s fitting room"),
            Lang::De => format!("In der Anprobe von {who}"),
        },
    );
    if !j.connected {
        ui.label(tr(lang, "Connecting…", "Verbindung wird aufgebaut …"));
    }
    if let Some((form_shared, values)) = &j.shared {
        ui.label(RichText::new(tr(lang, "Shared with you", "Mit Ihnen geteilt")).strong());
        body_lines(ui, lang, *form_shared, values);
        let mut rest = tr(
            lang,
            "Everything else is predicted.",
            "Alles andere ist geschätzt.",
        )
        .to_string();
        if !values.contains_key(&Key::Stature) {
            let assumed = assumed_stature(*form_shared);
            rest.push_str(&match lang {
                Lang::En => format!(" Height not shared: {assumed} cm assumed."),
                Lang::De => format!(" Körpergröße nicht geteilt: {assumed} cm angenommen."),
            });
        }
        ui.label(RichText::new(rest).small().italics());
    }
    earlier_sessions(ui, lang, &j.earlier);
    if !j.outfit.is_empty() {
        ui.label(RichText::new(tr(lang, "Wearing", "Trägt")).strong());
        for (retailer, sku, size) in &j.outfit {
            ui.label(format!("• {sku} ({retailer}) {size}"));
        }
    }
    heading(
        ui,
        tr(lang, "Propose a garment", "Kleidungsstück vorschlagen"),
    );
    let (sku, size) = form.propose.get_or_insert_with(Default::default);
    // The stylist's own catalog, as a short list to pick from.
    egui::ScrollArea::vertical()
        .id_salt("session-propose")
        .max_height(130.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for entry in &view.catalog.entries {
                let meta = entry.garment.meta();
                let text = format!("{} ({})", meta.name, meta.retailer);
                if ui.selectable_label(*sku == meta.sku, text).clicked() {
                    *sku = meta.sku.clone();
                    *size = entry.chart_size.clone().unwrap_or_default();
                }
            }
        });
    if let Some(entry) = view.catalog.find(sku) {
        ui.horizontal_wrapped(|ui| {
            ui.label(tr(lang, "Size", "Größe"));
            for label in entry.garment.size_labels() {
                if ui.selectable_label(*size == label, &label).clicked() {
                    *size = label;
                }
            }
        });
    }
    ui.add(
        egui::TextEdit::singleline(&mut form.note)
            .hint_text(tr(lang, "why (optional)", "warum (optional)"))
            .desired_width(240.0),
    );
    let (sku, size) = form.propose.clone().unwrap_or_default();
    if ui
        .add_enabled(
            j.connected && !sku.is_empty() && !size.is_empty(),
            egui::Button::new(tr(lang, "Propose", "Vorschlagen")),
        )
        .clicked()
    {
        out.push(SessionAction::Propose {
            sku,
            size,
            note: form.note.trim().to_string(),
        });
        form.note.clear();
    }
    for sent in &j.sent {
        let (text, colour) = if sent.outcome == Outcome::Open && !sent.arrived {
            (
                tr(lang, "sending…", "wird gesendet …").to_string(),
                Color32::GRAY,
            )
        } else {
            outcome_text(lang, &sent.outcome)
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{} — {}:", sent.name, sent.size));
            ui.label(RichText::new(text).color(colour));
        });
    }
    heading(ui, tr(lang, "Show", "Zeigen"));
    ui.horizontal(|ui| {
        for (view_to, en, de) in [
            (View::Front, "Front", "Vorne"),
            (View::Side, "Side", "Seite"),
            (View::Back, "Back", "Hinten"),
        ] {
            if ui
                .add_enabled(j.connected, egui::Button::new(tr(lang, en, de)))
                .clicked()
            {
                out.push(SessionAction::Look(view_to));
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(tr(lang, "Pin at", "Anheften an"));
        for spot in Spot::ALL {
            ui.selectable_value(&mut form.spot, spot, spot_label(spot, lang));
        }
    });
    ui.horizontal(|ui| {
        for (facing, en, de) in [
            (Facing::Front, "front", "vorne"),
            (Facing::Back, "back", "hinten"),
        ] {
            ui.selectable_value(&mut form.facing, facing, tr(lang, en, de));
        }
    });
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut form.pin)
                .hint_text(tr(lang, "a note on the avatar", "eine Notiz am Avatar"))
                .desired_width(180.0),
        );
        let ready = j.connected && !form.pin.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new(tr(lang, "Pin", "Anheften")))
            .clicked()
        {
            out.push(SessionAction::Pin {
                text: form.pin.trim().to_string(),
                spot: form.spot,
                facing: form.facing,
            });
            form.pin.clear();
        }
        if ui
            .add_enabled(
                ready,
                egui::Button::new(tr(lang, "Pin where I click", "Anheften per Klick")),
            )
            .clicked()
        {
            out.push(SessionAction::ArmPin(Some(form.pin.trim().to_string())));
            form.pin.clear();
        }
    });
    if let Some(text) = &j.armed {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(match lang {
                    Lang::En => format!("Click the avatar where \"{text}\" goes (Esc: cancel)"),
                    Lang::De => {
                        format!("Klicken Sie auf den Avatar, wo „{text}“ hin soll (Esc: abbrechen)")
                    }
                })
                .italics(),
            );
            let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
            if ui.button(tr(lang, "Cancel", "Abbrechen")).clicked() || escape {
                form.pin = text.clone();
                out.push(SessionAction::ArmPin(None));
            }
        });
    }
    let other = who.to_string();
    chat(ui, lang, &j.chat, &other, form, out);
    end_button(ui, lang, out);
}

/// A spot's name (the shoulder and the thigh are the left ones).
pub(crate) fn spot_label(spot: Spot, lang: Lang) -> &'static str {
    match spot {
        Spot::Shoulder => tr(lang, "shoulder", "Schulter"),
        Spot::Chest => tr(lang, "chest", "Brust"),
        Spot::Waist => tr(lang, "waist", "Taille"),
        Spot::Hip => tr(lang, "hip", "Hüfte"),
        Spot::Thigh => tr(lang, "thigh", "Oberschenkel"),
    }
}

//! The Stylist tab in two headless apps on this machine — a shopper's and a stylist's, each with
//! its own store and the sample catalog — joined over a real session (iroh, no relay): the
//! shopper sees exactly what the stylist will receive and invites; the stylist types ticket and
//! code and sees the shopper's body from the shared measurement (the rest predicted, the height
//! assumed); a proposal is worn on the shopper's avatar at once, in its size, and the stylist
//! sees the same outfit; "Accept" puts it
//! on the wishlist and tells the stylist; the chat goes both ways; a consent revoked in the
//! store during the session empties what the stylist sees at once; "End session" writes the
//! session to the shopper's timeline under the stylist, and the stylist's app keeps its own
//! record under the client (who is never asked for consent in the stylist's Privacy tab); a
//! proposal left undecided stays in the shopper's tab with its garment file, to try on and decide
//! after the session. In German, the tab shows no English of its own.

use super::{app_with_catalog, shown};
use anprobe::app::i18n::{Lang, key_label};
use anprobe::app::panels::stylist::{StylistForm, StylistView, paired_names, stylist_tab};
use anprobe::app::state::stylist_session::{SessionAction, SessionOutcome, StylistSession};
use anprobe::app::{Catalog, Profiles, ShopperStore, TryOn};
use anprobe::measurements::Key;
use anprobe::session::record::Outcome;
use anprobe::store::Channel;
use bevy::prelude::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};

struct Tab {
    app: App,
    form: StylistForm,
    lang: Lang,
}

impl Tab {
    fn frame(&mut self, ui: &mut bevy_egui::egui::Ui) {
        let world = self.app.world();
        let consents = world
            .resource::<ShopperStore>()
            .read(|s| s.consents())
            .unwrap_or_default();
        let paired = paired_names(world.resource::<ShopperStore>());
        let open = world
            .resource::<ShopperStore>()
            .read(|s| s.open_proposals())
            .unwrap_or_default();
        let view = StylistView {
            lang: self.lang,
            session: world.resource::<StylistSession>(),
            outcome: world.resource::<SessionOutcome>(),
            consents: &consents,
            paired: &paired,
            measurements: &world.resource::<Profiles>().active().measurements,
            catalog: world.resource::<Catalog>(),
            open: &open,
        };
        let mut out = Vec::new();
        stylist_tab(ui, &view, &mut self.form, &mut out);
        self.app.world_mut().write_message_batch(out);
    }
}

fn harness(app: App, lang: Lang) -> Harness<'static, Tab> {
    Harness::builder()
        .with_size([440.0, 2400.0])
        .build_ui_state(
            |ui, tab: &mut Tab| tab.frame(ui),
            Tab {
                app,
                form: StylistForm::default(),
                lang,
            },
        )
}

/// Updates both apps (and redraws both tabs) until `done` holds.
fn run_both_until(
    shopper: &mut Harness<'_, Tab>,
    stylist: &mut Harness<'_, Tab>,
    what: &str,
    done: impl Fn(&World, &World) -> bool,
) {
    let started = Instant::now();
    while !done(shopper.state().app.world(), stylist.state().app.world()) {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}"
        );
        shopper.state_mut().app.update();
        stylist.state_mut().app.update();
        shopper.run();
        stylist.run();
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn hosting(world: &World) -> Option<&anprobe::app::state::stylist_session::Hosting> {
    match world.resource::<StylistSession>() {
        StylistSession::Hosting(h) => Some(h),
        _ => None,
    }
}

fn joined(world: &World) -> Option<&anprobe::app::state::stylist_session::Joined> {
    match world.resource::<StylistSession>() {
        StylistSession::Joined(j) => Some(j),
        _ => None,
    }
}

#[test]
fn a_session_between_a_shoppers_app_and_a_stylists_app() {
    let (_, mut shopper_app) = app_with_catalog("stylist-tab-shopper");
    shopper_app
        .world_mut()
        .resource_mut::<ShopperStore>()
        .change(|s| s.set_consent(&crate::session::consent(vec![Key::ChestGirth])))
        .unwrap();
    shopper_app
        .world_mut()
        .resource_mut::<Profiles>()
        .active_mut()
        .measurements
        .set(Key::ChestGirth, 93.6);
    shopper_app.update();
    let chest = Some(93.6);
    let (_, stylist_app) = app_with_catalog("stylist-tab-stylist");
    let mut shopper = harness(shopper_app, Lang::En);
    let mut stylist = harness(stylist_app, Lang::En);

    // The shopper picks the stylist and sees what they will receive: the form and the chest
    // alone, nothing else.
    shopper.get_by_label("Studio Vera").click();
    shopper.run();
    let texts = shown(&shopper);
    assert!(
        texts.iter().any(|t| t == "What Studio Vera will see"),
        "{texts:#?}"
    );
    let line = |key: Key| format!("• {}:", key_label(key, Lang::En));
    assert!(
        texts.iter().any(|t| t.starts_with(&line(Key::ChestGirth))),
        "{texts:#?}"
    );
    for other in [Key::Stature, Key::HipGirth, Key::WaistGirth] {
        assert!(
            !texts.iter().any(|t| t.starts_with(&line(other))),
            "{texts:#?}"
        );
    }
    shopper.get_by_label("This network only (no relay)").click();
    shopper.run();
    shopper.get_by_label("Invite").click();
    shopper.run();
    run_both_until(&mut shopper, &mut stylist, "the ticket", |s, _| {
        hosting(s).is_some_and(|h| !h.ticket.is_empty())
    });
    let (ticket, code) = {
        let h = hosting(shopper.state().app.world()).unwrap();
        (h.ticket.clone(), h.code.clone())
    };
    let texts = shown(&shopper);
    assert!(
        texts.contains(&ticket) && texts.contains(&code),
        "{texts:#?}"
    );

    // The stylist advised this shopper before: their own record of that session is kept.
    let client = shopper
        .state()
        .app
        .world()
        .resource::<Profiles>()
        .active()
        .name
        .clone();
    let before = stylist
        .state_mut()
        .app
        .world_mut()
        .resource_mut::<ShopperStore>()
        .change(|s| {
            s.add_contact(&anprobe::store::NewContact {
                counterpart: client.clone(),
                kind: anprobe::store::CounterpartKind::Client,
                channel: Channel::StylistSession,
                date: "2026-11-20".into(),
                summary: "Stylist session: 1 proposal (1 rejected), 0 chat messages, 0 notes"
                    .into(),
                outcome: "Rejected: Wool Coat in M".into(),
            })
        })
        .unwrap();

    // The stylist types ticket and code and joins.
    stylist.get_by_label("Ticket").click();
    stylist.run();
    stylist.get_by_label("Ticket").type_text(&ticket);
    stylist.get_by_label("Code").click();
    stylist.run();
    stylist.get_by_label("Code").type_text(&code);
    stylist.get_by_label("Your name").click();
    stylist.run();
    stylist.get_by_label("Your name").type_text("Vera");
    stylist.run();
    stylist.state_mut().form.local = true;
    stylist.get_by_label("Join").click();
    stylist.run();
    run_both_until(&mut shopper, &mut stylist, "the session", |s, g| {
        hosting(s).is_some_and(|h| h.connected) && joined(g).is_some_and(|j| j.shared.is_some())
    });
    // The stylist sees the shopper as a profile of its own: what was shared, a height assumed.
    let person = stylist
        .state()
        .app
        .world()
        .resource::<Profiles>()
        .active()
        .clone();
    assert!(person.name.ends_with("(session)"), "{}", person.name);
    assert_eq!(person.measurements.get(Key::ChestGirth), chest);
    assert_eq!(person.measurements.get(Key::HipGirth), None);
    assert_eq!(person.measurements.get(Key::Stature), Some(162.9));
    stylist.run();
    let texts = shown(&stylist);
    assert!(
        texts.iter().any(|t| t.contains("162.9 cm assumed")),
        "{texts:#?}"
    );
    // The ticket and the used code are gone from the join form (the next session brings its
    // own); the stylist's name stays.
    let form = &stylist.state().form;
    assert_eq!((form.ticket.as_str(), form.code.as_str()), ("", ""));
    assert_eq!(form.name, "Vera");
    // What the stylist proposed to this client before, and what became of it, is in the tab.
    assert!(
        texts.iter().any(|t| t == "Earlier sessions (1)"),
        "{texts:#?}"
    );
    assert_eq!(
        joined(stylist.state().app.world()).unwrap().earlier[0].id,
        before
    );

    // The shopper corrects the chest during the session: the stylist's avatar follows at once.
    shopper
        .state_mut()
        .app
        .world_mut()
        .resource_mut::<Profiles>()
        .active_mut()
        .measurements
        .set(Key::ChestGirth, 95.2);
    run_both_until(&mut shopper, &mut stylist, "the new chest", |_, g| {
        g.resource::<Profiles>()
            .active()
            .measurements
            .get(Key::ChestGirth)
            == Some(95.2)
    });
    let person = stylist
        .state()
        .app
        .world()
        .resource::<Profiles>()
        .active()
        .clone();
    assert_eq!(
        person.measurements.get(Key::HipGirth),
        None,
        "still the consent's keys only"
    );

    // A proposal is worn on the shopper's avatar at once, in the size proposed.
    stylist
        .state()
        .app
        .world()
        .resource::<Catalog>()
        .find("NB-TS-1001")
        .expect("the sample tee");
    stylist
        .state_mut()
        .app
        .world_mut()
        .write_message(SessionAction::Propose {
            sku: "NB-TS-1001".into(),
            size: "L".into(),
            note: "roomier".into(),
        });
    run_both_until(&mut shopper, &mut stylist, "the tee worn", |s, _| {
        s.resource::<TryOn>()
            .get("NB-TS-1001")
            .is_some_and(|w| w.size.as_deref() == Some("L"))
    });
    // The stylist sees the same outfit: the tee on the shopper's body as shared, in L.
    run_both_until(&mut shopper, &mut stylist, "the same outfit", |_, g| {
        g.resource::<TryOn>()
            .get("NB-TS-1001")
            .is_some_and(|w| w.size.as_deref() == Some("L"))
    });
    shopper.run();
    assert!(shown(&shopper).iter().any(|t| t.contains("“roomier”")));
    shopper.get_by_label("Accept").click();
    shopper.run();
    run_both_until(&mut shopper, &mut stylist, "the decision", |_, g| {
        joined(g).is_some_and(|j| {
            j.sent
                .first()
                .is_some_and(|s| s.outcome == Outcome::Accepted)
        })
    });
    run_both_until(&mut shopper, &mut stylist, "the wish", |s, _| {
        s.resource::<ShopperStore>()
            .read(|s| s.list_wishlist())
            .unwrap()
            .iter()
            .any(|w| w.wish.sku == "NB-TS-1001" && w.wish.size == "L")
    });

    // A second proposal the shopper leaves undecided (worn, neither accepted nor rejected).
    stylist
        .state_mut()
        .app
        .world_mut()
        .write_message(SessionAction::Propose {
            sku: "NB-KN-2040".into(),
            size: "M".into(),
            note: "for cold days".into(),
        });
    run_both_until(&mut shopper, &mut stylist, "the knit worn", |s, _| {
        s.resource::<TryOn>()
            .get("NB-KN-2040")
            .is_some_and(|w| w.size.as_deref() == Some("M"))
    });

    // The chat goes both ways.
    stylist
        .state_mut()
        .app
        .world_mut()
        .write_message(SessionAction::Say("the L drapes better".into()));
    run_both_until(&mut shopper, &mut stylist, "the chat", |s, _| {
        hosting(s).is_some_and(|h| h.chat.iter().any(|l| l.text == "the L drapes better"))
    });

    // The session is on the shopper's timeline as it goes, before it ends.
    run_both_until(&mut shopper, &mut stylist, "the timeline entry", |s, _| {
        s.resource::<ShopperStore>()
            .read(|s| s.contacts(Some("Studio Vera")))
            .unwrap()
            .iter()
            .any(|c| c.record.outcome.contains("the L drapes better"))
    });

    // A note pinned at the back of the waist reaches the shopper there, on both avatars.
    stylist.get_by_label("waist").click();
    stylist.run();
    stylist.get_by_label("back").click();
    stylist.run();
    stylist.state_mut().form.pin = "let out the back seam".into();
    stylist.run();
    stylist.get_by_label("Pin").click();
    stylist.run();
    run_both_until(&mut shopper, &mut stylist, "the pinned note", |s, _| {
        hosting(s).is_some_and(|h| h.pins.iter().any(|p| p.text == "let out the back seam"))
    });
    let pinned = hosting(shopper.state().app.world()).unwrap().pins[0].clone();
    let waist = stylist
        .state()
        .app
        .world()
        .resource::<anprobe::app::ShopperBody>();
    let anatomy = anprobe::fit::anatomy::Anatomy::new(waist.avatar.as_ref().unwrap());
    assert!(pinned.at.z < 0.0, "not at the back: {:?}", pinned.at);
    assert!(
        (pinned.at.y - anatomy.waist.origin.y).abs() < 0.02,
        "not at the waist ({}): {:?}",
        anatomy.waist.origin.y,
        pinned.at
    );
    assert_eq!(
        joined(stylist.state().app.world()).unwrap().pins,
        hosting(shopper.state().app.world()).unwrap().pins
    );

    // "Pin where I click": the note waits for a click on the avatar (the 3D view casts the
    // camera's ray through it, `pin::hit`), then goes where the ray met the avatar.
    stylist.state_mut().form.pin = "take in here".into();
    stylist.run();
    stylist.get_by_label("Pin where I click").click();
    stylist.run();
    stylist.state_mut().app.update();
    stylist.run();
    assert_eq!(
        joined(stylist.state().app.world())
            .unwrap()
            .armed
            .as_deref(),
        Some("take in here")
    );
    assert!(
        shown(&stylist)
            .iter()
            .any(|t| t.starts_with("Click the avatar where \"take in here\" goes")),
        "{:#?}",
        shown(&stylist)
    );
    let clicked = {
        let body = stylist
            .state()
            .app
            .world()
            .resource::<anprobe::app::ShopperBody>();
        let avatar = body.avatar.as_ref().unwrap();
        let hip = anprobe::fit::anatomy::Anatomy::new(avatar).hip.origin;
        let camera = Vec3::new(0.0, hip.y, 3.0);
        anprobe::session::pin::hit(&avatar.mesh, camera, hip - camera).unwrap()
    };
    stylist
        .state_mut()
        .app
        .world_mut()
        .write_message(SessionAction::PinAt {
            text: "take in here".into(),
            at: clicked,
        });
    run_both_until(
        &mut shopper,
        &mut stylist,
        "the note pinned by a click",
        |s, _| hosting(s).is_some_and(|h| h.pins.iter().any(|p| p.text == "take in here")),
    );
    let j = joined(stylist.state().app.world()).unwrap();
    assert_eq!(j.armed, None);
    assert_eq!(j.pins.last().unwrap().at, clicked);

    // The consent revoked in the Privacy tab during the session: at once, nothing shared.
    shopper
        .state_mut()
        .app
        .world_mut()
        .resource_mut::<ShopperStore>()
        .change(|s| s.revoke_consent("Studio Vera"))
        .unwrap();
    run_both_until(&mut shopper, &mut stylist, "the consent revoked", |_, g| {
        joined(g).is_some_and(|j| j.shared.as_ref().is_some_and(|(_, v)| v.is_empty()))
    });

    // The shopper ends the session: both sides are idle, the timeline has it.
    shopper.get_by_label("End session").click();
    shopper.run();
    run_both_until(&mut shopper, &mut stylist, "the end", |s, g| {
        matches!(s.resource::<StylistSession>(), StylistSession::Idle)
            && matches!(g.resource::<StylistSession>(), StylistSession::Idle)
    });
    let contacts = shopper
        .state()
        .app
        .world()
        .resource::<ShopperStore>()
        .read(|s| s.contacts(Some("Studio Vera")))
        .unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].record.channel, Channel::StylistSession);
    assert!(
        contacts[0]
            .record
            .summary
            .contains("2 proposals (1 accepted)"),
        "{}",
        contacts[0].record.summary
    );
    // The knit left undecided is kept with the garment file as the stylist sent it; the tee,
    // accepted, is not.
    let store = shopper.state().app.world().resource::<ShopperStore>();
    let open = store.read(|s| s.open_proposals()).unwrap();
    assert_eq!(open.len(), 1, "{open:#?}");
    assert_eq!(
        (
            open[0].sku.as_str(),
            open[0].size.as_str(),
            open[0].note.as_str()
        ),
        ("NB-KN-2040", "M", "for cold days")
    );
    let sent = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/catalog/nordlicht-basics-nb-kn-2040.glb"),
    )
    .unwrap();
    let peer = open[0].peer;
    assert_eq!(
        store
            .read(|s| s.open_proposal_garment(&peer, open[0].id))
            .unwrap(),
        Some(sent)
    );
    shopper.run();
    assert!(shown(&shopper).iter().any(|t| t == "Still to decide (1)"));
    assert!(contacts[0].record.outcome.contains("the L drapes better"));
    // The stylist's app keeps its own record, under the client: what was proposed and decided,
    // the note pinned and the chat (what they see after a restart, in their Timeline tab).
    let mine = stylist
        .state()
        .app
        .world()
        .resource::<ShopperStore>()
        .read(|s| s.contacts(Some(&client)))
        .unwrap();
    assert_eq!(mine.len(), 2, "the earlier session and this one: {mine:#?}");
    let record = &mine.iter().find(|c| c.id != before).unwrap().record;
    assert_eq!(record.kind, anprobe::store::CounterpartKind::Client);
    assert!(
        record.summary.contains("2 proposals (1 accepted)") && record.summary.contains("2 notes"),
        "{}",
        record.summary
    );
    for line in [
        " in L",
        "Note on the avatar: let out the back seam",
        "You: the L drapes better",
    ] {
        assert!(record.outcome.contains(line), "{line}: {}", record.outcome);
    }

    // Vera is invited again and comes back without a code. The knit left open is listed in
    // the session with her and accepted there: her app hears it at once and keeps it on her
    // timeline under the client; the shopper's Anprobe has nothing left to tell her.
    let knit = open[0].name.clone();
    shopper
        .state_mut()
        .app
        .world_mut()
        .write_message(SessionAction::Invite {
            stylist: "Studio Vera".into(),
            relay: anprobe::session::link::Relay::Off,
        });
    run_both_until(&mut shopper, &mut stylist, "the second ticket", |s, _| {
        hosting(s).is_some_and(|h| !h.ticket.is_empty())
    });
    let ticket = hosting(shopper.state().app.world()).unwrap().ticket.clone();
    stylist.get_by_label("Ticket").click();
    stylist.run();
    stylist.get_by_label("Ticket").type_text(&ticket);
    stylist.run();
    stylist.get_by_label("Join").click();
    stylist.run();
    run_both_until(&mut shopper, &mut stylist, "the second session", |s, g| {
        hosting(s).is_some_and(|h| h.connected) && joined(g).is_some_and(|j| j.shared.is_some())
    });
    shopper.run();
    assert!(shown(&shopper).iter().any(|t| t == "Still to decide (1)"));
    shopper.get_by_label("Accept").click();
    shopper.run();
    let heard = |g: &World| {
        g.resource::<ShopperStore>()
            .read(|s| s.contacts(Some(&client)))
            .unwrap()
            .into_iter()
            .find(|c| {
                c.record
                    .summary
                    .starts_with("Decided after the session of ")
            })
    };
    run_both_until(&mut shopper, &mut stylist, "the decision heard", |s, g| {
        heard(g).is_some()
            && s.resource::<ShopperStore>()
                .read(|s| s.decisions_to_tell())
                .unwrap()
                .is_empty()
    });
    let told = heard(stylist.state().app.world()).unwrap();
    assert_eq!(told.record.outcome, format!("Accepted: {knit} in M"));
    assert!(told.record.summary.ends_with(": accepted"));
    stylist.run();
    let texts = shown(&stylist);
    assert!(
        texts.iter().any(|t| t == "Earlier sessions (3)"),
        "{texts:#?}"
    );
    shopper.run();
    let texts = shown(&shopper);
    assert!(
        !texts.iter().any(|t| t.starts_with("Still to decide")),
        "nothing left to decide: {texts:#?}"
    );
    assert!(
        texts.iter().any(|t| t
            == &format!("Accepted: {knit} (Nordlicht Basics, NB-KN-2040) in M — on the wishlist")),
        "{texts:#?}"
    );
    shopper.get_by_label("End session").click();
    shopper.run();
    run_both_until(&mut shopper, &mut stylist, "the second end", |s, g| {
        matches!(s.resource::<StylistSession>(), StylistSession::Idle)
            && matches!(g.resource::<StylistSession>(), StylistSession::Idle)
    });

    // The stylist is recognised next time; the shopper can forget them.
    shopper.run();
    let texts = shown(&shopper);
    assert!(
        texts.iter().any(|t| t == "Recognised without a code:"),
        "{texts:#?}"
    );
    shopper.get_by_label("Forget").click();
    shopper.run();
    shopper.state_mut().app.update();
    let paired = shopper
        .state()
        .app
        .world()
        .resource::<ShopperStore>()
        .read(|s| s.paired_stylists())
        .unwrap();
    assert!(paired.is_empty(), "still paired: {paired:?}");
}

#[test]
fn a_stylist_invited_by_a_new_name_joins_the_consents_with_nothing_shared() {
    let (_, app) = app_with_catalog("stylist-tab-new-name");
    let mut tab = harness(app, Lang::En);
    tab.get_by_label("Stylist").click();
    tab.run();
    tab.get_by_label("Stylist").type_text("Atelier Nord");
    tab.run();
    tab.state_mut().form.local = true;
    tab.get_by_label("Invite").click();
    tab.run();
    tab.state_mut().app.update();
    let consent = tab
        .state()
        .app
        .world()
        .resource::<ShopperStore>()
        .read(|s| s.consent("Atelier Nord"))
        .unwrap()
        .expect("the new stylist in the consents");
    assert_eq!(consent.kind, anprobe::store::CounterpartKind::Stylist);
    assert!(consent.keys.is_empty(), "{consent:?}");
    assert!(!consent.share_orders && !consent.share_contacts);
    assert!(hosting(tab.state().app.world()).is_some());
    tab.run();
    tab.get_by_label("End session").click();
    tab.run();
    tab.state_mut().app.update();
}

#[test]
fn the_stylist_tab_in_german_shows_no_english_of_its_own() {
    let (_, mut app) = app_with_catalog("stylist-tab-german");
    let (dress, file) = kept("atelier-ravel-ar-dr-221.glb", 4, "40");
    keep_open(&mut app, &[(&dress, &file)]);
    let mut tab = harness(app, Lang::De);
    tab.state_mut().form.stylist = "Studio Vera".into();
    tab.run();
    let texts = shown(&tab);
    for english in [
        "Invite a stylist",
        "What Studio Vera will see",
        "Join a session",
        "Your name",
        "Invite",
        "Still to decide (1)",
        "Try on",
        "Accept",
        "Reject",
    ] {
        assert!(
            !texts.iter().any(|t| t == english),
            "{english} in {texts:#?}"
        );
    }
    assert!(
        texts.iter().any(|t| t == "Stilberatung einladen"),
        "{texts:#?}"
    );
    assert!(
        texts.iter().any(|t| t == "Noch zu entscheiden (1)"),
        "{texts:#?}"
    );
}

#[test]
fn a_client_of_the_stylists_own_record_is_not_asked_for_consent() {
    use anprobe::app::panels::privacy::{PrivacyState, privacy_tab};
    use anprobe::store::{CounterpartKind, NewContact};
    let (_, mut app) = super::app_with_store("stylist-tab-client-privacy");
    let contact = |counterpart: &str, kind| NewContact {
        counterpart: counterpart.into(),
        kind,
        channel: Channel::StylistSession,
        date: "2026-12-06".into(),
        summary: "Stylist session: 1 proposal, 0 chat messages, 0 notes".into(),
        outcome: String::new(),
    };
    app.world_mut()
        .resource_mut::<ShopperStore>()
        .change(|s| {
            s.add_contact(&contact("Anna Client", CounterpartKind::Client))?;
            s.add_contact(&contact("Studio Vera", CounterpartKind::Stylist))
        })
        .unwrap();
    let mut harness = Harness::builder()
        .with_size([440.0, 1600.0])
        .build_ui_state(
            |ui, (app, state): &mut (App, PrivacyState)| {
                let mut out = Vec::new();
                privacy_tab(
                    ui,
                    Lang::En,
                    app.world().resource::<ShopperStore>(),
                    state,
                    &mut out,
                );
            },
            (app, PrivacyState::default()),
        );
    harness.run();
    let texts = shown(&harness);
    assert!(
        texts.iter().any(|t| t.contains("Studio Vera")),
        "{texts:#?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("Anna Client")),
        "{texts:#?}"
    );
}

/// The stylist whose proposals the shopper's tests keep open.
const VERA: [u8; 32] = [3u8; 32];

/// A catalog file as a proposal of Studio Vera's kept open (id, size), with its bytes.
fn kept(file: &str, id: u64, size: &str) -> (anprobe::store::OpenProposal, Vec<u8>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/catalog")
        .join(file);
    let bytes = std::fs::read(path).unwrap();
    let meta = anprobe::garment::import_slice(&bytes, None).unwrap().meta;
    let p = anprobe::store::OpenProposal {
        peer: VERA,
        id,
        stylist: "Studio Vera".into(),
        received: "2026-12-05".into(),
        retailer: meta.retailer.clone(),
        sku: meta.sku.clone(),
        name: meta.name.clone(),
        size: size.into(),
        colour: String::new(),
        note: "for the wedding".into(),
        price: meta.price,
        currency: meta.currency.clone(),
    };
    (p, bytes)
}

/// Writes a session of Studio Vera's whose proposals `open` the shopper left undecided.
fn keep_open(app: &mut App, open: &[(&anprobe::store::OpenProposal, &Vec<u8>)]) {
    let session = anprobe::store::NewContact {
        counterpart: "Studio Vera".into(),
        kind: anprobe::store::CounterpartKind::Stylist,
        channel: Channel::StylistSession,
        date: "2026-12-05".into(),
        summary: format!("Stylist session: {} proposals", open.len()),
        outcome: String::new(),
    };
    let keep: Vec<(anprobe::store::OpenProposal, &[u8])> =
        open.iter().map(|(p, b)| ((*p).clone(), &b[..])).collect();
    let ids: Vec<u64> = open.iter().map(|(p, _)| p.id).collect();
    let changes = anprobe::store::OpenChanges {
        keep: &keep,
        decided: &[],
    };
    app.world_mut()
        .resource_mut::<ShopperStore>()
        .change(|s| s.record_session(None, &session, &VERA, &ids, &changes))
        .unwrap();
    app.update();
}

/// Two proposals left open by a session ended before the shopper decided: the tab lists them
/// with the stylist and the day; "Try on" reads the kept garment file into the catalog and puts
/// it on in the proposed size; "Accept" puts it on the wishlist and "Reject" does not, each
/// decision on the stylist's timeline, and neither is offered again.
#[test]
fn a_proposal_left_open_is_tried_on_and_decided_after_the_session() {
    use anprobe::app::{CatalogDir, tryon_plugin};
    let (dir, mut app) = super::app_keeping_store("stylist-tab-open-proposals");
    // An empty catalog: what is tried on comes from the kept file alone.
    let empty = dir.join("no-catalog");
    std::fs::create_dir_all(&empty).unwrap();
    app.insert_resource(CatalogDir(empty))
        .add_plugins(tryon_plugin);
    super::run_app_until(&mut app, "the catalog", |w| w.resource::<Catalog>().loaded);
    let (dress, dress_file) = kept("atelier-ravel-ar-dr-221.glb", 4, "40");
    let (tee, tee_file) = kept("nordlicht-basics-nb-ts-1001.glb", 5, "M");
    keep_open(&mut app, &[(&dress, &dress_file), (&tee, &tee_file)]);
    let mut tab = harness(app, Lang::En);
    tab.run();
    let texts = shown(&tab);
    assert!(
        texts.iter().any(|t| t == "Still to decide (2)"),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with(&dress.name) && t.ends_with(" in 40")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t == "Proposed by Studio Vera on 2026-12-05"),
        "{texts:#?}"
    );

    // Tried on from the kept file, in the size proposed.
    tab.get_all_by_label("Try on").next().unwrap().click();
    tab.run();
    let started = Instant::now();
    while tab
        .state()
        .app
        .world()
        .resource::<TryOn>()
        .get(&dress.sku)
        .is_none_or(|w| w.size.as_deref() != Some("40"))
    {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the dress not worn"
        );
        tab.state_mut().app.update();
        std::thread::sleep(Duration::from_millis(10));
    }

    // Accepted: on the wishlist and the stylist's timeline, no longer open.
    tab.get_all_by_label("Accept").next().unwrap().click();
    tab.run();
    tab.state_mut().app.update();
    tab.run();
    let store = tab.state().app.world().resource::<ShopperStore>();
    let wishes = store.read(|s| s.list_wishlist()).unwrap();
    assert_eq!(wishes.len(), 1);
    assert_eq!(
        (wishes[0].wish.sku.as_str(), wishes[0].wish.size.as_str()),
        (dress.sku.as_str(), "40")
    );
    assert_eq!(
        store.read(|s| s.open_proposals()).unwrap(),
        std::slice::from_ref(&tee)
    );
    let contacts = store.read(|s| s.contacts(Some("Studio Vera"))).unwrap();
    let later = contacts
        .iter()
        .find(|c| {
            c.record
                .summary
                .starts_with("Decided after the session of 2026-12-05: accepted")
        })
        .unwrap_or_else(|| panic!("{contacts:#?}"));
    assert!(
        later.record.outcome.contains(&dress.sku),
        "{}",
        later.record.outcome
    );
    assert!(
        later.record.outcome.contains("for the wedding"),
        "{}",
        later.record.outcome
    );
    let texts = shown(&tab);
    assert!(
        texts.iter().any(|t| t == "Still to decide (1)"),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Accepted: ") && t.ends_with(" in 40 — on the wishlist")),
        "{texts:#?}"
    );

    // Rejected: on the timeline, not on the wishlist; nothing is left to decide.
    tab.get_by_label("Reject").click();
    tab.run();
    tab.state_mut().app.update();
    tab.run();
    let store = tab.state().app.world().resource::<ShopperStore>();
    assert!(store.read(|s| s.open_proposals()).unwrap().is_empty());
    assert_eq!(store.read(|s| s.list_wishlist()).unwrap().len(), 1);
    let contacts = store.read(|s| s.contacts(Some("Studio Vera"))).unwrap();
    assert_eq!(contacts.len(), 3, "{contacts:#?}");
    assert!(
        contacts.iter().any(
            |c| c.record.summary.ends_with(": rejected") && c.record.outcome.contains(&tee.sku)
        ),
        "{contacts:#?}"
    );
    let texts = shown(&tab);
    assert!(
        !texts.iter().any(|t| t.starts_with("Still to decide")),
        "{texts:#?}"
    );
}

//! Wishlist, orders, returns with fit feedback, the timeline per counterpart, and the fit passport.

use super::{StDir, st_body, st_contact, st_open, st_order, st_wish};
use anprobe::garment::{Region, Verdict};
use anprobe::measurements::Key;
use anprobe::store::{
    Channel, Consent, CounterpartKind, DecisionToTell, ItemStatus, LateDecision, NewContact,
    NewOrder, NewWishlistItem, OpenChanges, OpenProposal, StoreError, TimelineEvent, parse_fit,
};

#[test]
fn wishlist_add_list_remove_and_move_to_order() {
    let dir = StDir::new("wishlist");
    let mut store = st_open(&dir.path);
    let a = store.add_wishlist(&st_wish("SKU-A")).unwrap();
    let b = store
        .add_wishlist(&NewWishlistItem {
            added: "2026-03-05".into(),
            size: "32/34".into(),
            ..st_wish("SKU-B")
        })
        .unwrap();
    let c = store.add_wishlist(&st_wish("SKU-C")).unwrap();
    let other = store
        .add_wishlist(&NewWishlistItem {
            retailer: "COS".into(),
            ..st_wish("SKU-D")
        })
        .unwrap();
    let list = store.list_wishlist().unwrap();
    assert_eq!(list[0].id, b, "newest first");
    let item = store.wishlist_item(a).unwrap();
    assert_eq!(
        (
            item.wish.size.as_str(),
            item.wish.currency.as_str(),
            item.wish.price
        ),
        ("M", "EUR", 49.95)
    );

    store.remove_wishlist(c).unwrap();
    assert!(matches!(
        store.remove_wishlist(c),
        Err(StoreError::NotFound { .. })
    ));

    let err = store
        .move_wishlist_to_order(&[a, other], "Z-100", "2026-03-10", None)
        .unwrap_err();
    assert!(err.to_string().contains("different retailers"), "{err}");
    assert_eq!(store.list_wishlist().unwrap().len(), 3, "nothing moved");

    let order_id = store
        .move_wishlist_to_order(&[a, b], "Z-100", "2026-03-10", Some(30))
        .unwrap();
    let order = store.order(order_id).unwrap();
    assert_eq!(order.retailer, "Zalando");
    assert_eq!(order.items.len(), 2);
    assert_eq!(order.items[0].line.colour, "navy");
    assert_eq!(order.items[1].line.size, "32/34");
    assert!(order.items.iter().all(|i| i.status == ItemStatus::Ordered));
    let left: Vec<i64> = store
        .list_wishlist()
        .unwrap()
        .iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(left, [other]);
}

#[test]
fn orders_newest_first_with_status_and_return_deadline() {
    let dir = StDir::new("orders");
    let mut store = st_open(&dir.path);
    let first = store
        .add_order(&st_order("Zalando", "Z-1", "2024-02-20"))
        .unwrap();
    let second = store
        .add_order(&st_order("Zalando", "Z-2", "2024-12-20T18:30:00+01:00"))
        .unwrap();
    let third = store
        .add_order(&st_order("COS", "C-9", "2024-06-01"))
        .unwrap();
    assert!(matches!(
        store.add_order(&st_order("zalando", "Z-1", "2024-03-01")),
        Err(StoreError::Conflict(_))
    ));
    let err = store
        .add_order(&st_order("Zalando", "Z-1", "2024-03-01"))
        .unwrap_err();
    assert!(err.to_string().contains("already recorded"), "{err}");

    let newest: Vec<i64> = store
        .list_orders(10)
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(&newest[..3], [second, third, first]);
    assert_eq!(store.list_orders(1).unwrap().len(), 1);

    let order = store.order(first).unwrap();
    // 2024 is a leap year: 20 Feb + 30 days = 21 Mar.
    assert_eq!(
        order.items[0].return_deadline.as_deref(),
        Some("2024-03-21")
    );
    assert_eq!(order.items[1].return_deadline, None);
    let late = store.order(second).unwrap();
    assert_eq!(late.items[0].return_deadline.as_deref(), Some("2025-01-19"));

    let item = order.items[0].id;
    store.set_item_status(item, ItemStatus::Delivered).unwrap();
    store.set_item_status(item, ItemStatus::Kept).unwrap();
    assert_eq!(
        store.order(first).unwrap().items[0].status,
        ItemStatus::Kept
    );
    assert!(matches!(
        store.set_item_status(9999, ItemStatus::Kept),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(ItemStatus::parse("Delivered"), Some(ItemStatus::Delivered));

    let err = store
        .add_order(&NewOrder {
            items: vec![],
            ..st_order("COS", "C-10", "2024-06-01")
        })
        .unwrap_err();
    assert!(err.to_string().contains("items"), "{err}");
    let ids = store
        .add_orders(&[
            st_order("COS", "C-11", "2024-07-01"),
            st_order("COS", "C-12", "2024-07-02"),
        ])
        .unwrap();
    assert_eq!(ids.len(), 2);
    // A bad order in a batch: none of the batch is recorded.
    let before = store.list_orders(100).unwrap().len();
    let mut bad = st_order("COS", "C-14", "2024-07-02");
    bad.items[1].currency = "XXX".into();
    let err = store
        .add_orders(&[st_order("COS", "C-13", "2024-07-01"), bad])
        .unwrap_err();
    assert!(
        err.to_string().contains("orders[1].items[1].currency"),
        "{err}"
    );
    assert_eq!(store.list_orders(100).unwrap().len(), before);
}

#[test]
fn returns_record_reason_and_fit_per_region() {
    let dir = StDir::new("returns");
    let mut store = st_open(&dir.path);
    let id = store
        .add_order(&st_order("Zalando", "Z-7", "2026-01-10"))
        .unwrap();
    let item = store.order(id).unwrap().items[0].id;
    let fit = parse_fit("chest=tight, sleeves=long, upper-arm=good").unwrap();
    assert_eq!(fit[2], (Region::UpperArm, Verdict::Good));
    assert!(
        parse_fit("elbow=tight")
            .unwrap_err()
            .to_string()
            .contains("elbow")
    );
    assert!(
        parse_fit("chest=huge")
            .unwrap_err()
            .to_string()
            .contains("huge")
    );

    let err = store
        .return_item(item, "2026-01-01", "too small", &fit)
        .unwrap_err();
    assert!(err.to_string().contains("before the order date"), "{err}");
    let err = store
        .return_item(
            item,
            "2026-01-20",
            "x",
            &[
                (Region::Chest, Verdict::Tight),
                (Region::Chest, Verdict::Good),
            ],
        )
        .unwrap_err();
    assert!(err.to_string().contains("chest is given twice"), "{err}");

    store
        .return_item(item, "2026-01-20", "too small", &fit)
        .unwrap();
    let returned = &store.order(id).unwrap().items[0];
    assert_eq!(returned.status, ItemStatus::Returned);
    let record = returned.returned.as_ref().unwrap();
    assert_eq!(record.reason, "too small");
    assert_eq!(record.fit.get(&Region::Chest), Some(&Verdict::Tight));
    assert_eq!(record.fit.get(&Region::Sleeve), Some(&Verdict::Long));
    assert!(matches!(
        store.return_item(item, "2026-01-21", "again", &[]),
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.set_item_status(item, ItemStatus::Kept),
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.return_item(12345, "2026-01-21", "?", &[]),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn timeline_merges_contacts_orders_returns_newest_first_and_searches() {
    let dir = StDir::new("timeline");
    let mut store = st_open(&dir.path);
    let order = store
        .add_order(&st_order("Zalando", "Z-42", "2026-02-01"))
        .unwrap();
    let item = store.order(order).unwrap().items[1].id;
    store
        .return_item(
            item,
            "2026-02-10",
            "sleeves too long",
            &parse_fit("sleeves=long").unwrap(),
        )
        .unwrap();
    store
        .add_contact(&st_contact(
            "Zalando",
            "2026-02-05",
            "asked about the return label",
        ))
        .unwrap();
    store
        .add_contact(&st_contact(
            "zalando",
            "2026-01-15",
            "size advice for linen shirt",
        ))
        .unwrap();
    store
        .add_contact(&NewContact {
            kind: CounterpartKind::Stylist,
            channel: Channel::StylistSession,
            ..st_contact("Mia Stylist", "2026-02-07", "capsule wardrobe")
        })
        .unwrap();
    store
        .add_order(&st_order("COS", "C-1", "2026-02-03"))
        .unwrap();

    let timeline = store.timeline("ZALANDO", None).unwrap();
    let kinds: Vec<(&str, &str)> = timeline
        .iter()
        .map(|e| {
            let kind = match &e.event {
                TimelineEvent::Contact(_) => "contact",
                TimelineEvent::Order(_) => "order",
                TimelineEvent::Return { .. } => "return",
            };
            (e.date.as_str(), kind)
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("2026-02-10", "return"),
            ("2026-02-05", "contact"),
            ("2026-02-01", "order"),
            ("2026-01-15", "contact"),
        ]
    );
    let found = store.timeline("Zalando", Some("SLEEVES")).unwrap();
    assert_eq!(found.len(), 1);
    assert!(matches!(found[0].event, TimelineEvent::Return { .. }));
    assert!(found[0].text().contains("sleeve=long"));
    // The order and its return both name the order number.
    assert_eq!(store.timeline("Zalando", Some("Z-42")).unwrap().len(), 2);
    assert!(
        store
            .timeline("Zalando", Some("capsule"))
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.timeline("Mia Stylist", None).unwrap().len(), 1);
    assert_eq!(
        store.counterparts().unwrap(),
        ["COS", "Mia Stylist", "Zalando"]
    );
    assert_eq!(
        store.contacts(Some("zalando")).unwrap()[0].record.date,
        "2026-02-05"
    );
    assert_eq!(
        Channel::parse("stylist-session"),
        Some(Channel::StylistSession)
    );
}

#[test]
fn fit_passport_holds_only_what_the_consent_allows() {
    let dir = StDir::new("passport");
    let mut store = st_open(&dir.path);
    let ana = store.add_profile("Ana", "2026-01-01").unwrap();
    store
        .add_measurements(ana, &st_body(93.5), "2026-01-02")
        .unwrap();
    store
        .add_order(&st_order("Zalando", "Z-SECRET-ORDER", "2026-01-05"))
        .unwrap();
    store
        .add_order(&st_order("COS", "COS-OTHER-SHOP", "2026-01-06"))
        .unwrap();
    store
        .add_contact(&st_contact("Zalando", "2026-01-07", "private phone call"))
        .unwrap();

    assert!(matches!(
        store.fit_passport(ana, "Zalando"),
        Err(StoreError::NoConsent(_))
    ));
    store
        .set_consent(&Consent {
            counterpart: "Zalando".into(),
            kind: CounterpartKind::Retailer,
            keys: vec![Key::WaistGirth, Key::ChestGirth],
            share_orders: false,
            share_contacts: false,
        })
        .unwrap();
    let json = store.fit_passport(ana, "zalando").unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format"], "anprobe-fit-passport");
    let measurements = value["measurements"].as_object().unwrap();
    assert_eq!(
        measurements.keys().collect::<Vec<_>>(),
        ["chest_girth", "waist_girth"]
    );
    assert_eq!(measurements["chest_girth"], 93.5);
    assert!(value.get("orders").is_none() && value.get("contacts").is_none());
    for absent in [
        "hip_girth",
        "weight_kg",
        "stature",
        "Z-SECRET-ORDER",
        "private phone call",
        "COS-OTHER-SHOP",
        "Ana",
    ] {
        assert!(!json.contains(absent), "{absent} leaked into {json}");
    }

    // Widening the consent: its own orders and contacts, never another retailer's.
    store
        .set_consent(&Consent {
            counterpart: "Zalando".into(),
            kind: CounterpartKind::Retailer,
            keys: vec![Key::HipGirth],
            share_orders: true,
            share_contacts: true,
        })
        .unwrap();
    let json = store.fit_passport(ana, "Zalando").unwrap();
    assert!(json.contains("Z-SECRET-ORDER") && json.contains("private phone call"));
    assert!(!json.contains("COS-OTHER-SHOP") && !json.contains("chest_girth"));
    assert_eq!(store.consents().unwrap().len(), 1);
    assert_eq!(
        store.consent("ZALANDO").unwrap().unwrap().keys,
        [Key::HipGirth]
    );
    assert!(store.revoke_consent("zalando").unwrap());
    assert!(store.consents().unwrap().is_empty());
}

/// A stylist session's record kept up to date while it happens: replaced in place (the same id,
/// one entry on the timeline) together with the ids of the stylist's messages it holds, in one
/// transaction; a contact gone meanwhile is written anew; an invalid record is refused and keeps
/// no id either.
#[test]
fn a_session_record_is_brought_up_to_date_in_place_with_the_ids_it_holds() {
    let dir = StDir::new("contact-update");
    let mut store = st_open(&dir.path);
    let vera = [7u8; 32];
    let first = st_contact("Studio Vera", "2026-12-06", "session: 1 chat message");
    let id = store
        .record_session(None, &first, &vera, &[1], &OpenChanges::default())
        .unwrap();
    let later = st_contact("Studio Vera", "2026-12-06", "session: 3 chat messages");
    assert_eq!(
        store
            .record_session(Some(id), &later, &vera, &[2, 3], &OpenChanges::default())
            .unwrap(),
        id
    );
    let contacts = store.contacts(Some("Studio Vera")).unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].id, id);
    assert_eq!(contacts[0].record.summary, later.summary);
    assert_eq!(store.session_applied().unwrap(), [(vera, vec![1, 2, 3])]);

    let mut bad = later.clone();
    bad.counterpart = " ".into();
    assert!(
        store
            .record_session(Some(id), &bad, &vera, &[4], &OpenChanges::default())
            .is_err()
    );
    assert_eq!(store.session_applied().unwrap(), [(vera, vec![1, 2, 3])]);
    assert_eq!(
        store.contacts(None).unwrap()[0].record.summary,
        later.summary
    );

    // Removed meanwhile: written again as a new contact.
    let again = store
        .record_session(Some(id + 100), &later, &vera, &[], &OpenChanges::default())
        .unwrap();
    assert_ne!(again, id + 100);
    assert_eq!(store.contacts(Some("Studio Vera")).unwrap().len(), 2);

    // A forgotten stylist's ids go with their key.
    store.pair_stylist(&vera, "Studio Vera").unwrap();
    assert!(store.unpair_stylist("studio vera").unwrap());
    assert!(store.session_applied().unwrap().is_empty());
}

fn open_dress(peer: [u8; 32], id: u64) -> OpenProposal {
    OpenProposal {
        peer,
        id,
        stylist: "Studio Vera".into(),
        received: "2026-12-06".into(),
        retailer: "Atelier Ravel".into(),
        sku: format!("AR-DR-{id}"),
        name: "Wrap dress".into(),
        size: "40".into(),
        colour: "ink".into(),
        note: "for the wedding".into(),
        price: 129.0,
        currency: "EUR".into(),
    }
}

/// A proposal the shopper has not decided on is kept with its garment file when the session's
/// record is written (in the same transaction: a refused record keeps none), dropped when it is
/// decided in the session, still there after the store is opened again, and decided later in one
/// write: gone from the open ones, its contact on the stylist's timeline, an accepted garment on
/// the wishlist. Deciding it twice writes nothing the second time.
#[test]
fn open_proposals_are_kept_with_their_files_until_the_shopper_decides() {
    let dir = StDir::new("open-proposals");
    let vera = [9u8; 32];
    let record = st_contact("Studio Vera", "2026-12-06", "Stylist session: 3 proposals");
    let (a, b, c) = (
        open_dress(vera, 4),
        open_dress(vera, 5),
        open_dress(vera, 6),
    );
    let files: [&[u8]; 3] = [b"glTF-four", b"glTF-five", b"glTF-six"];
    {
        let mut store = st_open(&dir.path);
        let mut bad = record.clone();
        bad.counterpart = " ".into();
        let keep = [(a.clone(), files[0])];
        let open = OpenChanges {
            keep: &keep,
            decided: &[],
        };
        assert!(
            store
                .record_session(None, &bad, &vera, &[4], &open)
                .is_err()
        );
        assert!(store.open_proposals().unwrap().is_empty());

        let keep = [
            (a.clone(), files[0]),
            (b.clone(), files[1]),
            (c.clone(), files[2]),
        ];
        let open = OpenChanges {
            keep: &keep,
            decided: &[],
        };
        let id = store
            .record_session(None, &record, &vera, &[4, 5, 6], &open)
            .unwrap();
        // Proposal 6 decided in the session: no longer open.
        let open = OpenChanges {
            keep: &[],
            decided: &[6],
        };
        store
            .record_session(Some(id), &record, &vera, &[], &open)
            .unwrap();
    }
    let mut store = st_open(&dir.path);
    assert_eq!(store.open_proposals().unwrap(), [a.clone(), b.clone()]);
    assert_eq!(
        store.open_proposal_garment(&vera, 5).unwrap().as_deref(),
        Some(files[1])
    );
    assert_eq!(store.open_proposal_garment(&vera, 6).unwrap(), None);

    let later = st_contact(
        "Studio Vera",
        "2026-12-08",
        "Decided after the session: accepted",
    );
    let wish = NewWishlistItem {
        note: "proposed by Studio Vera in a session".into(),
        ..st_wish("AR-DR-4")
    };
    let tell = |id: u64, accepted: bool| DecisionToTell {
        peer: vera,
        stylist: "Studio Vera".into(),
        decision: LateDecision {
            proposal: id,
            accepted,
            garment: "Wrap dress".into(),
            size: "40".into(),
            proposed: "2026-12-06".into(),
            decided: "2026-12-08".into(),
        },
    };
    assert!(
        store
            .decide_open_proposal(&tell(4, true), &later, Some(&wish))
            .unwrap()
    );
    assert_eq!(store.open_proposals().unwrap(), std::slice::from_ref(&b));
    assert_eq!(store.list_wishlist().unwrap().len(), 1);
    assert_eq!(store.contacts(Some("Studio Vera")).unwrap().len(), 2);
    // The decision waits, in the same write, to be told to the stylist.
    assert_eq!(store.decisions_to_tell().unwrap(), [tell(4, true)]);
    // Decided again (another window, a double click): nothing more is written.
    assert!(
        !store
            .decide_open_proposal(&tell(4, false), &later, Some(&wish))
            .unwrap()
    );
    assert_eq!(store.list_wishlist().unwrap().len(), 1);
    assert_eq!(store.contacts(Some("Studio Vera")).unwrap().len(), 2);
    assert_eq!(store.decisions_to_tell().unwrap(), [tell(4, true)]);
    // An invalid contact writes nothing: the proposal stays open, nothing to tell.
    let mut bad = later.clone();
    bad.date = "yesterday".into();
    assert!(
        store
            .decide_open_proposal(&tell(5, false), &bad, None)
            .is_err()
    );
    assert_eq!(store.open_proposals().unwrap(), [b]);
    assert_eq!(store.decisions_to_tell().unwrap().len(), 1);
    // The stylist has it: no longer kept, also after reopening.
    store.decision_told(&vera, 4).unwrap();
    drop(store);
    assert!(st_open(&dir.path).decisions_to_tell().unwrap().is_empty());
}

/// The stylist's side records a decision told after the session once: told again (its answer
/// lost), nothing more is written; another proposal's decision is its own contact.
#[test]
fn a_decision_heard_twice_is_recorded_once() {
    let dir = StDir::new("heard-decisions");
    let ana = [3u8; 32];
    let mut store = st_open(&dir.path);
    let heard = st_contact("Ana", "2026-12-08", "Decided after the session: accepted");
    assert!(store.record_heard_decision(&ana, 7, &heard).unwrap());
    assert!(!store.record_heard_decision(&ana, 7, &heard).unwrap());
    drop(store);
    let mut store = st_open(&dir.path);
    assert!(!store.record_heard_decision(&ana, 7, &heard).unwrap());
    assert_eq!(store.contacts(Some("Ana")).unwrap().len(), 1);
    assert!(store.record_heard_decision(&ana, 8, &heard).unwrap());
    // Another shopper's proposal 7 is another decision.
    assert!(store.record_heard_decision(&[4u8; 32], 7, &heard).unwrap());
    let mut bad = heard.clone();
    bad.date = "soon".into();
    assert!(store.record_heard_decision(&ana, 9, &bad).is_err());
    // Refused whole: proposal 9 can still be recorded.
    assert!(store.record_heard_decision(&ana, 9, &heard).unwrap());
}

/// The stylist's side keeps each client by their key: one who gives a name another client is kept
/// under becomes "Anna (2)" (case ignored), the unnamed ones "Client", "Client (2)"; a client who
/// gives another name later takes their records along to it; all of it survives a reopen.
#[test]
fn a_stylist_keeps_each_client_by_key_under_a_name_of_their_own() {
    let dir = StDir::new("session-clients");
    let (anna, other, third) = ([1u8; 32], [2u8; 32], [3u8; 32]);
    let mut store = st_open(&dir.path);
    assert_eq!(store.session_client(&anna, "Anna").unwrap(), "Anna");
    assert_eq!(store.session_client(&anna, " Anna ").unwrap(), "Anna");
    assert_eq!(store.session_client(&other, "anna").unwrap(), "anna (2)");
    assert_eq!(store.session_client(&third, "Client").unwrap(), "Client");
    let mut session = st_contact("Anna", "2026-12-06", "Stylist session: 1 proposal");
    session.kind = CounterpartKind::Client;
    store.add_contact(&session).unwrap();
    let mut theirs = session.clone();
    theirs.counterpart = "anna (2)".into();
    store.add_contact(&theirs).unwrap();
    // Anna now gives her full name: her record goes with her, the other Anna's stays.
    assert_eq!(
        store.session_client(&anna, "Anna Berg").unwrap(),
        "Anna Berg"
    );
    assert_eq!(store.contacts(Some("Anna Berg")).unwrap().len(), 1);
    assert_eq!(store.contacts(Some("anna (2)")).unwrap().len(), 1);
    assert!(store.contacts(Some("Anna")).unwrap().is_empty());
    // A name kept for another client is not taken over.
    assert_eq!(
        store.session_client(&third, "Anna Berg").unwrap(),
        "Anna Berg (2)"
    );
    drop(store);
    let mut store = st_open(&dir.path);
    assert_eq!(store.session_client(&other, "anna").unwrap(), "anna (2)");
    assert_eq!(
        store.session_client(&anna, "Anna Berg").unwrap(),
        "Anna Berg"
    );
    assert_eq!(store.session_client(&[4u8; 32], "Anna").unwrap(), "Anna");
}

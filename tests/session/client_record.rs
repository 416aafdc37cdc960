//! The stylist's own record of a session: one timeline contact under the client saying what was
//! proposed and what became of it, the notes and the chat.

use anprobe::session::client_record::{
    ChatLine, RecordKeeper, Sent, UNNAMED_CLIENT, client_contact,
};
use anprobe::session::record::Outcome;
use anprobe::store::{Channel, CounterpartKind, Store};

fn sent(id: u64, name: &str, arrived: bool, outcome: Outcome) -> Sent {
    Sent {
        id: Some(id),
        name: name.into(),
        size: "M".into(),
        note: if id == 1 {
            "for the wedding".into()
        } else {
            String::new()
        },
        arrived,
        outcome,
    }
}

#[test]
fn the_record_says_what_became_of_each_proposal_the_notes_and_the_chat() {
    let proposals = [
        sent(1, "Linen Blazer", true, Outcome::Accepted),
        sent(2, "Oxford Shirt", true, Outcome::Rejected),
        sent(3, "Chinos", true, Outcome::Open),
        sent(4, "Raincoat", false, Outcome::Open),
        sent(5, "Scarf", true, Outcome::Invalid("no size chart".into())),
    ];
    let chat = [
        ChatLine {
            mine: true,
            text: "hello".into(),
        },
        ChatLine {
            mine: false,
            text: "hi, the blazer please".into(),
        },
    ];
    let c = client_contact("Anna", &proposals, &["the shoulders"], &chat, "2026-12-06")
        .expect("a session with proposals is recorded");
    assert_eq!(c.counterpart, "Anna");
    assert_eq!(
        (c.kind, c.channel),
        (CounterpartKind::Client, Channel::StylistSession)
    );
    assert_eq!(c.date, "2026-12-06");
    assert_eq!(
        c.summary,
        "Stylist session: 5 proposals (1 accepted, 1 rejected, 1 refused as invalid), \
         2 chat messages, 1 note"
    );
    let lines: Vec<&str> = c.outcome.lines().collect();
    assert_eq!(
        lines,
        [
            "Accepted: Linen Blazer in M — \"for the wedding\"",
            "Rejected: Oxford Shirt in M",
            "Not decided: Chinos in M",
            "Not delivered yet: Raincoat in M",
            "Refused, the file is invalid: Scarf in M (no size chart)",
            "Note on the avatar: the shoulders",
            "You: hello",
            "Anna: hi, the blazer please",
        ]
    );
}

#[test]
fn nothing_is_recorded_before_anything_happened_and_a_nameless_client_gets_a_name() {
    assert_eq!(client_contact("Anna", &[], &[], &[], "2026-12-06"), None);
    let chat = [ChatLine {
        mine: false,
        text: "hello?".into(),
    }];
    let c = client_contact("  ", &[], &[], &chat, "2026-12-06").unwrap();
    assert_eq!(c.counterpart, UNNAMED_CLIENT);
    assert_eq!(c.outcome, format!("{UNNAMED_CLIENT}: hello?"));
}

#[test]
fn the_keeper_writes_one_contact_and_brings_it_up_to_date() {
    let dir = std::env::temp_dir().join(format!("anprobe-keeper-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (mut store, _) = Store::open(&dir).unwrap();
    let mut kept = RecordKeeper::default();
    assert_eq!(kept.contact(), None);
    let peer = [7u8; 32];
    let mut chat = vec![ChatLine {
        mine: true,
        text: "the L drapes better".into(),
    }];
    let first = client_contact("Anna", &[], &[], &chat, "2026-12-06").unwrap();
    kept.keep(&mut store, &first, &peer).unwrap();
    let id = kept.contact().expect("written");
    chat.push(ChatLine {
        mine: false,
        text: "thank you".into(),
    });
    let later = client_contact("Anna", &[], &[], &chat, "2026-12-06").unwrap();
    kept.keep(&mut store, &later, &peer).unwrap();
    assert_eq!(
        kept.contact(),
        Some(id),
        "the same contact, brought up to date"
    );
    let contacts = store.contacts(Some("Anna")).unwrap();
    assert_eq!(contacts.len(), 1, "{contacts:#?}");
    assert!(
        contacts[0].record.outcome.contains("thank you"),
        "{contacts:#?}"
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

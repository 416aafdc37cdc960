//! Stylist sessions without a network: the frames refuse what is too large or not a message of
//! this protocol (and never panic on garbage), a stylist receives only the consented
//! measurements, the one-time code admits one joiner once and is burned by a wrong try, and a
//! dropped connection loses and duplicates nothing; the shopper's side of a whole session.

use anprobe::measurements::{Form, Key, Measurements};
use anprobe::session::delivery::{Inbox, Outbox};
use anprobe::session::pairing::{LIFETIME_S, Pairing, Refusal};
use anprobe::session::protocol::{
    FrameError, MAX_FRAME, MAX_TEXT, Message, VERSION, View, check_length, decode, encode,
};
use anprobe::session::share::body_for;
use anprobe::store::{Consent, CounterpartKind};
use std::collections::BTreeMap;

fn every_kind() -> Vec<Message> {
    vec![
        Message::Hello {
            version: VERSION,
            name: "Ana".into(),
        },
        Message::Body {
            form: Form::Female,
            values: BTreeMap::from([(Key::ChestGirth, 92.0)]),
        },
        Message::Outfit {
            worn: vec![("COS".into(), "C-1".into(), "M".into())],
        },
        Message::Proposal {
            id: 1,
            glb_bytes: 4_200,
            size: "38".into(),
            note: "a softer line at the waist".into(),
        },
        Message::Decision {
            id: 2,
            proposal: 1,
            accepted: true,
            refused: None,
        },
        Message::Chat {
            id: 3,
            text: "Try the 38".into(),
        },
        Message::Pin {
            id: 4,
            at: [0.0, 1.3, 0.1],
            text: "here".into(),
        },
        Message::Look { view: View::Back },
        Message::LateDecision(anprobe::store::LateDecision {
            proposal: 1,
            accepted: false,
            garment: "Wrap Dress".into(),
            size: "40".into(),
            proposed: "2026-12-05".into(),
            decided: "2026-12-07".into(),
        }),
        Message::Noted { proposal: 1 },
        Message::Ack { id: 3 },
        Message::End {
            reason: String::new(),
        },
    ]
}

#[test]
fn every_message_goes_through_one_frame_and_back() {
    for message in every_kind() {
        let frame = encode(&message);
        let len = u32::from_be_bytes(frame[..4].try_into().unwrap()) as usize;
        assert_eq!(len, frame.len() - 4);
        assert_eq!(decode(&frame[4..]).unwrap(), message);
    }
}

#[test]
fn frames_too_large_or_not_messages_are_refused_with_the_reason() {
    // Refused from the declared length alone, before the body is read.
    assert!(matches!(
        check_length(usize::MAX / 2, None),
        Err(FrameError::TooLarge { .. })
    ));
    // A garment frame must be as long as its proposal said.
    assert!(check_length(4_200, Some(4_200)).is_ok());
    assert_eq!(
        check_length(4_201, Some(4_200)).unwrap_err().to_string(),
        "garment: 4201 bytes, the proposal said 4200"
    );
    // A chat frame over the limit of chat frames.
    let padded = format!(
        r#"{{"kind": "chat", "id": 1, "text": "hi"{}}}"#,
        " ".repeat(MAX_FRAME)
    );
    assert!(matches!(
        decode(padded.as_bytes()),
        Err(FrameError::TooLarge { .. })
    ));
    let long = Message::Chat {
        id: 1,
        text: "x".repeat(MAX_TEXT + 1),
    };
    let e = decode(&encode(&long)[4..]).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("chat: {} characters, at most {MAX_TEXT}", MAX_TEXT + 1)
    );
    for (body, says) in [
        ("not json", "not a message: line 1 column 2"),
        (r#"{"kind": "teleport"}"#, "unknown variant `teleport`"),
        (
            r#"{"kind": "ack", "id": 1, "extra": 2}"#,
            "unknown field `extra`",
        ),
        (r#"{"kind": "ack", "id": -1}"#, "invalid value"),
        (
            r#"{"kind": "hello", "version": 9, "name": "x"}"#,
            "protocol version 9: this Anprobe speaks versions 1 to 2",
        ),
        (
            r#"{"kind": "hello", "version": 0, "name": "x"}"#,
            "protocol version 0",
        ),
        (
            r#"{"kind": "late_decision", "proposal": 1, "accepted": true, "garment": "x",
                "size": "M", "proposed": "yesterday", "decided": "2026-12-07"}"#,
            "proposed:",
        ),
        (
            r#"{"kind": "noted", "proposal": 1, "accepted": true}"#,
            "unknown field `accepted`",
        ),
        (
            r#"{"kind": "late_decision", "proposal": 1, "accepted": true, "garment": "x",
                "size": "M", "proposed": "2026-12-05", "decided": "2026-12-07", "note": ""}"#,
            "unknown field `note`",
        ),
        (
            r#"{"kind": "proposal", "id": 1, "glb_bytes": 999999999999, "size": "M", "note": ""}"#,
            "garment: 999999999999 bytes, at most",
        ),
        (
            r#"{"kind": "pin", "id": 1, "at": [0, 1e9, 0], "text": ""}"#,
            "is not a point on the avatar",
        ),
        (
            r#"{"kind": "body", "form": "male", "values": {"chest_girth": -3}}"#,
            "body: chest_girth = -3 is no measurement",
        ),
    ] {
        let e = decode(body.as_bytes()).unwrap_err().to_string();
        assert!(e.contains(says), "{body}: {e}");
    }
}

#[test]
fn a_flood_of_garbage_frames_is_refused_frame_by_frame_without_a_panic() {
    // A fixed generator: the same flood every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let valid = encode(&every_kind()[5]);
    for n in 0..2_000 {
        let len = (next() % 300) as usize;
        let mut body: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        if n % 3 == 0 {
            // A valid frame with bytes flipped.
            body = valid[4..].to_vec();
            let at = (next() as usize) % body.len();
            body[at] = next() as u8;
        }
        let _ = decode(&body);
    }
    // And a good frame after the flood still reads.
    assert_eq!(decode(&valid[4..]).unwrap(), every_kind()[5]);
}

#[test]
fn a_stylist_receives_only_the_consented_measurements() {
    let mut m = Measurements::new(Form::Male, 181.0);
    m.set(Key::ChestGirth, 101.0);
    m.set(Key::WaistGirth, 88.0);
    m.set(Key::WeightKg, 84.0);
    let consent = Consent {
        counterpart: "Studio Vera".into(),
        kind: CounterpartKind::Stylist,
        keys: vec![Key::ChestGirth, Key::Stature],
        share_orders: true,
        share_contacts: true,
    };
    let Message::Body { form, values } = body_for(&m, Some(&consent)) else {
        panic!("a body")
    };
    assert_eq!(form, Form::Male);
    assert_eq!(
        values,
        BTreeMap::from([(Key::Stature, 181.0), (Key::ChestGirth, 101.0)])
    );
    // Revoked (no consent): the form alone.
    let Message::Body { values, .. } = body_for(&m, None) else {
        panic!("a body")
    };
    assert!(values.is_empty());
}

#[test]
fn a_code_admits_one_joiner_once_within_its_lifetime_and_a_wrong_try_burns_it() {
    let mut code = Pairing::new("714-203", 1_000, LIFETIME_S);
    assert!(code.is_open(1_000));
    assert_eq!(code.try_code(" 714-203 ", 1_010), Ok(()));
    assert_eq!(code.try_code("714-203", 1_011), Err(Refusal::Used));

    let mut code = Pairing::new("714-203", 1_000, LIFETIME_S);
    assert_eq!(code.try_code("714-204", 1_010), Err(Refusal::WrongCode));
    assert_eq!(code.try_code("714-203", 1_011), Err(Refusal::Used));
    assert!(!code.is_open(1_011));

    let mut code = Pairing::new("714-203", 1_000, LIFETIME_S);
    assert_eq!(
        code.try_code("714-203", 1_000 + LIFETIME_S),
        Err(Refusal::Expired)
    );
}

#[test]
fn after_a_dropped_connection_nothing_is_lost_or_applied_twice() {
    let mut stylist = Outbox::starting_at(1);
    let mut shopper = Inbox::default();
    let proposals: Vec<Message> = (0..3)
        .map(|k| {
            let id = stylist.next_id();
            stylist.send(Message::Proposal {
                id,
                glb_bytes: 0,
                size: format!("{}", 36 + 2 * k),
                note: String::new(),
            })
        })
        .collect();
    // The first two arrive and are applied; the first ack comes back, then the line drops.
    let mut applied = Vec::new();
    let mut acks = Vec::new();
    for p in &proposals[..2] {
        let (ack, apply) = shopper.receive(p);
        if apply {
            applied.push(p.id().unwrap());
        }
        acks.push(ack.unwrap());
    }
    let Message::Ack { id } = acks[0] else {
        panic!("an ack")
    };
    assert!(stylist.acknowledged(id));
    // Reconnected: the stylist sends again what was not acknowledged (2 and 3).
    let again: Vec<Message> = stylist.unacknowledged().cloned().collect();
    assert_eq!(
        again.iter().map(|m| m.id().unwrap()).collect::<Vec<_>>(),
        [2, 3]
    );
    for p in &again {
        let (ack, apply) = shopper.receive(p);
        if apply {
            applied.push(p.id().unwrap());
        }
        let Some(Message::Ack { id }) = ack else {
            panic!("every copy is acknowledged")
        };
        stylist.acknowledged(id);
    }
    assert_eq!(applied, [1, 2, 3], "each once");
    assert_eq!(stylist.unacknowledged().count(), 0);
    // Messages without an id are applied and not acknowledged.
    assert_eq!(
        shopper.receive(&Message::Look { view: View::Side }),
        (None, true)
    );
}

/// The shopper's side of a whole session over frames: hello first, the body filtered by the
/// consent (again when revoked mid-session), a proposal's garment read as a local import is (a
/// file that fails refused on the shopper's side with the importer's reason), a proposal sent
/// again after a drop applied once, what the stylist sent acknowledged only once the shopper's
/// record holds it, the end.
mod host {
    use super::*;
    use anprobe::session::host::{Event, Host};

    fn frame(m: &Message) -> Vec<u8> {
        encode(m)[4..].to_vec()
    }

    #[test]
    fn a_whole_session_on_the_shoppers_side() {
        let mut m = Measurements::new(Form::Female, 166.0);
        m.set(Key::ChestGirth, 91.0);
        m.set(Key::HipGirth, 99.0);
        let mut host = Host::new("Ana", m, Some(consent(vec![Key::ChestGirth])), 1);
        // Nothing before hello.
        let chat = Message::Chat {
            id: 1,
            text: "hi".into(),
        };
        let e = host.receive(&frame(&chat)).unwrap_err();
        assert_eq!(e.to_string(), "expected hello first, not chat");
        let reply = host
            .receive(&frame(&Message::Hello {
                version: VERSION,
                name: "Vera".into(),
            }))
            .unwrap();
        assert!(matches!(&reply[0], Message::Hello { name, .. } if name == "Ana"));
        let Message::Body { values, .. } = &reply[1] else {
            panic!("the body follows hello")
        };
        assert_eq!(
            values.keys().copied().collect::<Vec<_>>(),
            [Key::ChestGirth]
        );

        // A proposal, its garment as the next frame: read and tried on; acknowledged once the
        // caller recorded it (a crash before that loses nothing: the stylist sends it again).
        let glb = tee();
        let proposal = Message::Proposal {
            id: 2,
            glb_bytes: glb.len() as u64,
            size: "M".into(),
            note: "relaxed".into(),
        };
        assert!(host.receive(&frame(&proposal)).unwrap().is_empty());
        assert!(
            host.check_length(glb.len() + 1).is_err(),
            "the garment's length is fixed"
        );
        assert!(host.receive(&glb).unwrap().is_empty(), "not recorded yet");
        assert_eq!(host.recorded(2), Some(Message::Ack { id: 2 }));
        assert_eq!(host.recorded(2), None, "acknowledged once");
        let events = host.take_events();
        assert!(matches!(&events[0], Event::Joined { name } if name == "Vera"));
        let Event::Proposed {
            id, garment, size, ..
        } = &events[1]
        else {
            panic!("{events:?}")
        };
        assert_eq!((*id, size.as_str()), (2, "M"));
        assert_eq!(garment.meta.sku, "NB-TS-1001");

        // The same proposal again after a drop: acknowledged, not applied twice.
        host.receive(&frame(&proposal)).unwrap();
        assert_eq!(host.receive(&glb).unwrap(), [Message::Ack { id: 2 }]);
        assert!(host.take_events().is_empty());

        // A proposal cut off before its garment arrived (the connection dropped) is not applied:
        // sent again on the next connection, it is.
        host.receive(&frame(&Message::Proposal {
            id: 5,
            glb_bytes: glb.len() as u64,
            size: "L".into(),
            note: String::new(),
        }))
        .unwrap();
        host.reconnected();
        host.receive(&frame(&Message::Hello {
            version: VERSION,
            name: "Vera".into(),
        }))
        .unwrap();
        host.receive(&frame(&Message::Proposal {
            id: 5,
            glb_bytes: glb.len() as u64,
            size: "L".into(),
            note: String::new(),
        }))
        .unwrap();
        assert!(host.receive(&glb).unwrap().is_empty());
        let events = host.take_events();
        assert!(
            matches!(&events[..], [Event::Joined { .. }, Event::Proposed { id: 5, size, .. }] if size == "L"),
            "{events:?}"
        );
        assert_eq!(host.recorded(5), Some(Message::Ack { id: 5 }));

        // A garment that is no garment: refused on the shopper's side, with why.
        let junk = b"glTF but not really".to_vec();
        host.receive(&frame(&Message::Proposal {
            id: 3,
            glb_bytes: junk.len() as u64,
            size: "S".into(),
            note: String::new(),
        }))
        .unwrap();
        let reply = host.receive(&junk).unwrap();
        assert_eq!(
            reply.len(),
            1,
            "the refusal; the ack once recorded: {reply:?}"
        );
        assert_eq!(host.recorded(3), Some(Message::Ack { id: 3 }));
        let Message::Decision {
            proposal,
            accepted,
            refused: Some(why),
            ..
        } = &reply[0]
        else {
            panic!("{reply:?}")
        };
        assert_eq!((*proposal, *accepted), (3, false));
        assert!(!why.is_empty());
        assert!(matches!(
            &host.take_events()[0],
            Event::Refused { id: 3, .. }
        ));

        // The shopper accepts the tee; the decision waits for its ack.
        let decision = host.decide(2, true);
        assert_eq!(
            host.unacknowledged().len(),
            2,
            "the refusal and the decision"
        );
        let id = decision.id().expect("a decision has an id");
        host.receive(&frame(&Message::Ack { id })).unwrap();
        assert_eq!(host.unacknowledged().len(), 1);

        // Chat is shown once; acknowledged once recorded, and every copy after that.
        let chat = Message::Chat {
            id: 4,
            text: "the 38 sits better".into(),
        };
        assert!(host.receive(&frame(&chat)).unwrap().is_empty());
        assert!(
            host.receive(&frame(&chat)).unwrap().is_empty(),
            "a copy before it is recorded: the ack goes when it is"
        );
        assert_eq!(host.recorded(4), Some(Message::Ack { id: 4 }));
        assert_eq!(
            host.receive(&frame(&chat)).unwrap(),
            [Message::Ack { id: 4 }]
        );
        let events = host.take_events();
        assert!(matches!(events[0], Event::Acknowledged { id: got } if got == id));
        assert_eq!(
            events
                .iter()
                .filter(|e| matches!(e, Event::Chat { .. }))
                .count(),
            1
        );

        // Consent revoked mid-session: the body sent at once has no measurement left.
        let Message::Body { values, .. } = host.consent_changed(None) else {
            panic!("a body")
        };
        assert!(values.is_empty());

        // A stylist cannot send what only the shopper sends.
        let e = host
            .receive(&frame(&Message::Outfit { worn: vec![] }))
            .unwrap_err();
        assert_eq!(e.to_string(), "a stylist does not send outfit");

        host.receive(&frame(&Message::End {
            reason: "done".into(),
        }))
        .unwrap();
        assert!(host.is_ended());
        assert!(
            host.receive(&frame(&chat)).is_err(),
            "nothing after the end"
        );
        assert_eq!(host.applied().collect::<Vec<_>>(), [2, 3, 4, 5]);
    }

    /// After the shopper's Anprobe restarted, what its record holds (the ids read back from the
    /// store) is acknowledged when the stylist sends it again, and not applied twice.
    #[test]
    fn what_was_recorded_before_a_restart_is_acknowledged_and_not_applied_again() {
        let mut host =
            Host::new("Ana", Measurements::new(Form::Female, 166.0), None, 1).with_applied([7, 8]);
        host.receive(&frame(&Message::Hello {
            version: VERSION,
            name: "Vera".into(),
        }))
        .unwrap();
        let glb = tee();
        host.receive(&frame(&Message::Proposal {
            id: 7,
            glb_bytes: glb.len() as u64,
            size: "M".into(),
            note: String::new(),
        }))
        .unwrap();
        assert_eq!(host.receive(&glb).unwrap(), [Message::Ack { id: 7 }]);
        let pin = Message::Pin {
            id: 8,
            at: [0.0, 1.3, 0.1],
            text: "here".into(),
        };
        assert_eq!(
            host.receive(&frame(&pin)).unwrap(),
            [Message::Ack { id: 8 }]
        );
        let chat = Message::Chat {
            id: 9,
            text: "new".into(),
        };
        assert!(host.receive(&frame(&chat)).unwrap().is_empty());
        let events = host.take_events();
        assert!(
            matches!(
                &events[..],
                [Event::Joined { .. }, Event::Chat { id: 9, .. }]
            ),
            "{events:?}"
        );
    }
}

/// Decisions the shopper took after a session reach the stylist at their next session: told
/// after hello (before the body), again at every connection until the stylist notes them, and
/// never to a stylist's Anprobe of protocol version 1 (which would refuse the frame), whose
/// session goes on in version 1.
mod late_decisions {
    use super::*;
    use anprobe::session::guest::{Guest, GuestEvent};
    use anprobe::session::host::{Event, Host};
    use anprobe::store::{DecisionToTell, LateDecision};

    fn frame(m: &Message) -> Vec<u8> {
        encode(m)[4..].to_vec()
    }

    fn decided(proposal: u64, accepted: bool) -> DecisionToTell {
        DecisionToTell {
            peer: [5; 32],
            stylist: "Studio Vera".into(),
            decision: LateDecision {
                proposal,
                accepted,
                garment: "Wrap Dress".into(),
                size: "40".into(),
                proposed: "2026-12-05".into(),
                decided: "2026-12-07".into(),
            },
        }
    }

    fn hello(version: u32) -> Message {
        Message::Hello {
            version,
            name: "Vera".into(),
        }
    }

    fn kinds(messages: &[Message]) -> Vec<&'static str> {
        messages.iter().map(Message::kind).collect()
    }

    #[test]
    fn are_told_after_hello_until_noted() {
        let body = Measurements::new(Form::Female, 166.0);
        let mut host =
            Host::new("Ana", body, None, 1).with_decisions(&[decided(4, true), decided(5, false)]);
        // Not live yet: kept for the hello.
        assert_eq!(host.tell(&decided(6, true)), None);
        let reply = host.receive(&frame(&hello(VERSION))).unwrap();
        assert_eq!(
            kinds(&reply),
            [
                "hello",
                "late_decision",
                "late_decision",
                "late_decision",
                "body"
            ]
        );
        // The stylist's side hears them once each and answers noted at once.
        let mut guest = Guest::new("Vera", 1);
        guest.connected();
        let mut answers = Vec::new();
        for m in &reply {
            answers.extend(guest.receive(&frame(m)).unwrap());
        }
        let heard: Vec<LateDecision> = guest
            .take_events()
            .into_iter()
            .filter_map(|e| match e {
                GuestEvent::DecidedLater(d) => Some(d),
                _ => None,
            })
            .collect();
        assert_eq!(
            heard
                .iter()
                .map(|d| (d.proposal, d.accepted))
                .collect::<Vec<_>>(),
            [(4, true), (5, false), (6, true)]
        );
        assert_eq!(heard[1].garment, "Wrap Dress");
        assert_eq!(heard[1].proposed, "2026-12-05");
        assert_eq!(answers.len(), 3);
        // Told again (the connection dropped before its answer came): answered, not reported.
        assert_eq!(guest.receive(&frame(&reply[1])).unwrap().len(), 1);
        assert!(guest.take_events().is_empty());

        // Only the first answer arrives: the other two are told again on the next connection.
        host.receive(&answers[0][4..]).unwrap();
        let events = host.take_events();
        assert!(
            matches!(
                &events[..],
                [Event::Joined { .. }, Event::Noted { proposal: 4 }]
            ),
            "{events:?}"
        );
        host.receive(&answers[0][4..]).unwrap();
        assert!(host.take_events().is_empty(), "noted once");
        host.reconnected();
        let reply = host.receive(&frame(&hello(VERSION))).unwrap();
        assert_eq!(
            kinds(&reply),
            ["hello", "late_decision", "late_decision", "body"]
        );
        assert_eq!(host.untold().collect::<Vec<_>>(), [5, 6]);
        // One decided while the stylist is in session goes at once.
        assert_eq!(
            host.tell(&decided(9, false)).map(|m| m.kind()),
            Some("late_decision")
        );
    }

    #[test]
    fn are_not_sent_to_a_stylist_of_version_1() {
        let body = Measurements::new(Form::Female, 166.0);
        let mut host = Host::new("Ana", body, None, 1).with_decisions(&[decided(4, true)]);
        let reply = host.receive(&frame(&hello(1))).unwrap();
        // The shopper answers in version 1 and keeps the decision for a newer Anprobe.
        assert_eq!(kinds(&reply), ["hello", "body"]);
        assert!(matches!(reply[0], Message::Hello { version: 1, .. }));
        assert_eq!(host.tell(&decided(5, true)), None);
        assert_eq!(host.untold().collect::<Vec<_>>(), [4, 5]);
        // A stylist's Anprobe of version 2 takes a shopper's hello of version 1.
        let mut guest = Guest::new("Vera", 1);
        guest.connected();
        guest.receive(&frame(&reply[0])).unwrap();
        assert!(guest.is_live());
    }
}

mod cli;
mod client_record;
mod network;
mod pairing;
mod pin;

/// The sample catalog's tee, as its file.
fn tee() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/catalog/nordlicht-basics-nb-ts-1001.glb");
    std::fs::read(path).unwrap()
}

/// Studio Vera's consent to see `keys` (no orders, no contacts).
pub(crate) fn consent(keys: Vec<Key>) -> Consent {
    Consent {
        counterpart: "Studio Vera".into(),
        kind: CounterpartKind::Stylist,
        keys,
        share_orders: false,
        share_contacts: false,
    }
}

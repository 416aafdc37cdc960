//! The pairing without a network: SPAKE2 with the code agrees on one key only when both sides
//! hold the same code and see the same two endpoint keys; the ticket goes through a line and
//! back and names what is wrong with a damaged one; the stylist's side of a session as a state
//! machine (hello first, each id applied once, everything unacknowledged sent again after a
//! reconnect, the garment with its proposal).

use anprobe::measurements::Key;
use anprobe::session::guest::{Guest, GuestEvent};
use anprobe::session::opening::{Opening, Why};
use anprobe::session::pake::{Pake, PakeError, Role, new_code, normalise};
use anprobe::session::protocol::{Message, VERSION, decode, encode};
use anprobe::session::ticket::{Ticket, TicketError};
use std::collections::BTreeMap;

const STYLIST: [u8; 32] = [7; 32];
const SHOPPER: [u8; 32] = [9; 32];

/// Both sides run SPAKE2 and exchange proofs: whether each accepts the other's.
fn pair(stylist_code: &str, shopper_code: &str, shopper_seen_by_stylist: [u8; 32]) -> (bool, bool) {
    let (a, to_b) = Pake::start(
        Role::Stylist,
        stylist_code,
        STYLIST,
        shopper_seen_by_stylist,
    );
    let (b, to_a) = Pake::start(Role::Shopper, shopper_code, STYLIST, SHOPPER);
    let a = a.finish(&to_a).unwrap();
    let b = b.finish(&to_b).unwrap();
    (a.check(&b.proof()).is_ok(), b.check(&a.proof()).is_ok())
}

#[test]
fn the_same_code_agrees_a_key_a_wrong_code_or_another_endpoint_does_not() {
    assert_eq!(pair("482-193", "482 193", SHOPPER), (true, true));
    assert_eq!(pair("482-194", "482-193", SHOPPER), (false, false));
    // The stylist reached another endpoint than the ticket's (a machine in the middle): the
    // keys differ even with the right code.
    assert_eq!(pair("482-193", "482-193", [1; 32]), (false, false));
    // A proof is not a key: the stylist's proof does not pass as the shopper's.
    let (a, to_b) = Pake::start(Role::Stylist, "1", STYLIST, SHOPPER);
    let (b, to_a) = Pake::start(Role::Shopper, "1", STYLIST, SHOPPER);
    let (a, b) = (a.finish(&to_a).unwrap(), b.finish(&to_b).unwrap());
    assert_eq!(a.check(&a.proof()), Err(PakeError::Mismatch));
    assert_eq!(b.check(&[0; 32]), Err(PakeError::Mismatch));
    // Garbage instead of a SPAKE2 message.
    let (b, _) = Pake::start(Role::Shopper, "1", STYLIST, SHOPPER);
    assert!(matches!(b.finish(b"no point"), Err(PakeError::Malformed)));
}

#[test]
fn codes_are_six_digits_and_differ() {
    let codes: Vec<String> = (0..20).map(|_| new_code()).collect();
    for code in &codes {
        assert_eq!(code.len(), 7, "{code}");
        assert_eq!(normalise(code).len(), 6);
        assert!(normalise(code).chars().all(|c| c.is_ascii_digit()));
    }
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert!(unique.len() >= 18, "{codes:?}");
}

#[test]
fn a_ticket_goes_through_one_line_and_back_and_a_damaged_one_says_so() {
    let key = iroh::SecretKey::from_bytes(&[5; 32]).public();
    let addr = iroh::EndpointAddr::new(key).with_ip_addr("192.0.2.7:4433".parse().unwrap());
    let ticket = Ticket { addr };
    let line = ticket.to_line();
    assert!(line.starts_with("anprobe1"), "{line}");
    assert!(!line.contains(char::is_whitespace));
    assert_eq!(Ticket::parse(&format!("  {line}\n")).unwrap(), ticket);
    assert_eq!(Ticket::parse("hello"), Err(TicketError::NotATicket));
    let cut = &line[..line.len() - 9];
    let e = Ticket::parse(cut).unwrap_err();
    assert!(matches!(e, TicketError::Damaged(_)), "{e}");
    assert!(e.to_string().contains("copy it again"), "{e}");
    assert!(Ticket::parse(&format!("{line}!")).is_err());
}

#[test]
fn openings_travel_as_json_and_refusals_say_why_in_words() {
    for opening in [
        Opening::Pair {
            pake: vec![1, 2, 3],
        },
        Opening::Resume,
        Opening::Welcome,
        Opening::refused(Why::Busy),
    ] {
        let frame = opening.encode();
        assert_eq!(Opening::decode(&frame[4..]).unwrap(), opening);
    }
    let Opening::Refused { reason, .. } = Opening::refused(Why::Unknown) else {
        panic!()
    };
    assert!(reason.contains("not paired"), "{reason}");
    assert!(Opening::decode(&vec![b' '; 2_000]).is_err());
    assert!(Opening::decode(br#"{"kind":"confirm","proof":[1],"x":1}"#).is_err());
    assert!(Opening::decode(br#"{"kind":"pair"}"#).is_err());
}

fn body(frame: &[u8]) -> &[u8] {
    &frame[4..]
}

#[test]
fn the_stylists_side_says_hello_first_applies_each_id_once_and_resends_after_a_reconnect() {
    let mut guest = Guest::new("Vera", 10);
    let opening = guest.connected();
    assert_eq!(
        decode(body(&opening[0])).unwrap(),
        Message::Hello {
            version: VERSION,
            name: "Vera".into()
        }
    );
    // Nothing but hello is taken before the shopper's hello.
    let body_msg = Message::Body {
        form: anprobe::measurements::Form::Female,
        values: BTreeMap::from([(Key::ChestGirth, 92.0)]),
    };
    assert!(guest.receive(body(&encode(&body_msg))).is_err());
    guest
        .receive(body(&encode(&Message::Hello {
            version: VERSION,
            name: "Ana".into(),
        })))
        .unwrap();
    guest.receive(body(&encode(&body_msg))).unwrap();
    // A proposal: its message and its garment, ids from 10.
    let (id, frames) = guest.propose(b"GLB bytes".to_vec(), "38", "softer");
    assert_eq!(id, 10);
    assert_eq!(frames.len(), 2);
    assert_eq!(body(&frames[1]), b"GLB bytes");
    let (chat, _) = guest.say("see the back");
    assert_eq!(chat, 11);
    assert!(!guest.all_acknowledged());
    // The shopper acknowledges the chat only; the line drops; the reconnect sends hello, then
    // the proposal with its garment again, not the chat.
    guest
        .receive(body(&encode(&Message::Ack { id: 11 })))
        .unwrap();
    let again = guest.connected();
    assert_eq!(again.len(), 3, "hello, proposal, garment");
    assert!(matches!(
        decode(body(&again[1])).unwrap(),
        Message::Proposal { id: 10, .. }
    ));
    assert_eq!(body(&again[2]), b"GLB bytes");
    // A decision arrives twice (resent by the shopper): acknowledged twice, applied once.
    guest
        .receive(body(&encode(&Message::Hello {
            version: VERSION,
            name: "Ana".into(),
        })))
        .unwrap();
    let decision = Message::Decision {
        id: 3,
        proposal: 10,
        accepted: true,
        refused: None,
    };
    for _ in 0..2 {
        let acks = guest.receive(body(&encode(&decision))).unwrap();
        assert_eq!(decode(body(&acks[0])).unwrap(), Message::Ack { id: 3 });
    }
    guest
        .receive(body(&encode(&Message::Ack { id: 10 })))
        .unwrap();
    assert!(guest.all_acknowledged());
    let events = guest.take_events();
    let decisions = events
        .iter()
        .filter(|e| {
            matches!(
                e,
                GuestEvent::Decision {
                    proposal: 10,
                    accepted: true,
                    ..
                }
            )
        })
        .count();
    assert_eq!(decisions, 1, "{events:?}");
    // A shopper cannot send what only a stylist sends.
    let e = guest
        .receive(body(&encode(&Message::Proposal {
            id: 1,
            glb_bytes: 1,
            size: "M".into(),
            note: String::new(),
        })))
        .unwrap_err();
    assert_eq!(e.to_string(), "a shopper does not send proposal");
}

//! Two endpoints on this machine (iroh, no relay) in one test run: a whole session; a wrong code
//! refused and then burned; a third joiner and a used code refused, a paired stylist
//! recognised without a code; the consent filter, also when revoked mid-session; an invalid
//! garment refused on the shopper's side; connections killed mid-session and resumed with
//! nothing lost or applied twice; a proposal made while the shopper was away kept in the store
//! and delivered after both sides started again; a message acknowledged only once the shopper's
//! record holds it, and not applied again after the shopper's restart; a flood of malformed and
//! oversized frames that leaves the shopper serving; a session through a self-hosted relay named
//! by its URL, the ticket stripped of every direct address.

use super::{consent, tee};
use anprobe::measurements::{Form, Key, Measurements};
use anprobe::session::guest::GuestEvent;
use anprobe::session::host::Event;
use anprobe::session::join::{GuestCommand, GuestNotice, GuestService, JoinConfig};
use anprobe::session::kept;
use anprobe::session::link::{self, Relay};
use anprobe::session::opening::Why;
use anprobe::session::protocol::{Message, View};
use anprobe::session::record::SessionLog;
use anprobe::session::serve::{HostCommand, HostConfig, HostNotice, HostService, Paired};
use anprobe::session::ticket::Ticket;
use anprobe::store::{Channel, SessionSide, Store};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

fn body() -> Measurements {
    let mut m = Measurements::new(Form::Female, 166.0);
    m.set(Key::ChestGirth, 91.0);
    m.set(Key::WaistGirth, 72.0);
    m.set(Key::HipGirth, 99.0);
    m
}

/// Waits (at most [`WAIT`]) for a notice of one side that `want` picks; every notice on the way
/// is kept in `seen`, and shown when it never comes.
fn wait_for<N: std::fmt::Debug, T>(
    side: &str,
    seen: &mut Vec<String>,
    next: impl Fn(Duration) -> Option<N>,
    what: &str,
    mut want: impl FnMut(&N) -> Option<T>,
) -> T {
    let until = Instant::now() + WAIT;
    while Instant::now() < until {
        if let Some(n) = next(Duration::from_millis(100)) {
            seen.push(format!("{n:?}"));
            if let Some(t) = want(&n) {
                return t;
            }
        }
    }
    panic!("the {side} side never saw {what}; it saw {seen:#?}")
}

struct Shopper {
    service: HostService,
    ticket: Ticket,
    code: String,
    seen: Vec<String>,
    /// Whether what the stylist sends is recorded at once, as the app does within its frame.
    records: bool,
}

/// The id of what the stylist sent that the shopper's caller records.
fn to_record(notice: &HostNotice) -> Option<u64> {
    match notice {
        HostNotice::Event(
            Event::Proposed { id, .. }
            | Event::Refused { id, .. }
            | Event::Chat { id, .. }
            | Event::Pin { id, .. },
        ) => Some(*id),
        _ => None,
    }
}

impl Shopper {
    fn start(keys: Vec<Key>, paired: Vec<Paired>) -> Shopper {
        Shopper::start_as(keys, paired, link::new_secret())
    }

    /// A shopper's side with the identity `secret` (the same machine again after a restart).
    fn start_as(keys: Vec<Key>, paired: Vec<Paired>, secret: [u8; 32]) -> Shopper {
        Shopper::start_with(keys, paired, secret, vec![], Relay::Off)
    }

    /// … whose record held `applied` of each stylist before (from the store), on `relay`.
    fn start_with(
        keys: Vec<Key>,
        paired: Vec<Paired>,
        secret: [u8; 32],
        applied: Vec<([u8; 32], Vec<u64>)>,
        relay: Relay,
    ) -> Shopper {
        let service = HostService::start(HostConfig {
            relay,
            secret,
            shopper: "Ana".into(),
            stylist: "Studio Vera".into(),
            measurements: body(),
            consents: vec![consent(keys)],
            paired,
            code_lifetime_s: 600,
            next_id: 1,
            pending: vec![],
            applied,
            to_tell: vec![],
        })
        .unwrap();
        match service.notice_within(WAIT) {
            Some(HostNotice::Ready { ticket, code }) => Shopper {
                service,
                ticket,
                code,
                seen: Vec::new(),
                records: true,
            },
            other => panic!("the shopper's side did not start: {other:?}"),
        }
    }

    /// Waits for a notice `want` picks; every notice on the way is kept in `seen`.
    fn wait<T>(&mut self, what: &str, want: impl FnMut(&HostNotice) -> Option<T>) -> T {
        let (service, records) = (&self.service, self.records);
        wait_for(
            "shopper's",
            &mut self.seen,
            |d| Shopper::noticed(service, records, d),
            what,
            want,
        )
    }

    /// The next notice within `time`; what it brings is recorded if the shopper records.
    fn noticed(service: &HostService, records: bool, time: Duration) -> Option<HostNotice> {
        let notice = service.notice_within(time)?;
        if records && let Some(id) = to_record(&notice) {
            service.send(HostCommand::Recorded(vec![id]));
        }
        Some(notice)
    }

    /// Everything noticed within `time`.
    fn drain(&mut self, time: Duration) -> Vec<HostNotice> {
        let until = Instant::now() + time;
        let mut all = Vec::new();
        while Instant::now() < until {
            if let Some(n) =
                Shopper::noticed(&self.service, self.records, Duration::from_millis(50))
            {
                self.seen.push(format!("{n:?}"));
                all.push(n);
            }
        }
        all
    }

    fn send(&self, command: HostCommand) {
        self.service.send(command);
    }
}

struct Stylist {
    service: GuestService,
    seen: Vec<String>,
}

impl Stylist {
    fn join(shopper: &Shopper, code: Option<&str>, secret: [u8; 32]) -> Stylist {
        Stylist::join_keeping(shopper, code, secret, vec![])
    }

    /// Joins with what an earlier run kept unacknowledged.
    fn join_keeping(
        shopper: &Shopper,
        code: Option<&str>,
        secret: [u8; 32],
        pending: Vec<(Message, Option<Vec<u8>>)>,
    ) -> Stylist {
        Stylist::join_via(shopper, code, secret, pending, Relay::Off)
    }

    /// … through `relay`.
    fn join_via(
        shopper: &Shopper,
        code: Option<&str>,
        secret: [u8; 32],
        pending: Vec<(Message, Option<Vec<u8>>)>,
        relay: Relay,
    ) -> Stylist {
        let service = GuestService::start(JoinConfig {
            pending,
            relay,
            secret,
            ticket: shopper.ticket.clone(),
            code: code.map(str::to_string),
            name: "Vera".into(),
            next_id: 1,
            reconnect_for: Duration::from_secs(20),
        })
        .unwrap();
        Stylist {
            service,
            seen: Vec::new(),
        }
    }

    fn wait<T>(&mut self, what: &str, want: impl FnMut(&GuestNotice) -> Option<T>) -> T {
        let service = &self.service;
        wait_for(
            "stylist's",
            &mut self.seen,
            |d| service.notice_within(d),
            what,
            want,
        )
    }

    fn refused(&mut self) -> Why {
        self.wait("a refusal", |n| match n {
            GuestNotice::Refused { why, .. } => Some(*why),
            GuestNotice::Admitted { .. } => panic!("admitted, not refused"),
            _ => None,
        })
    }

    fn admitted(&mut self) -> bool {
        self.wait("admission", |n| match n {
            GuestNotice::Admitted { resumed } => Some(*resumed),
            GuestNotice::Refused { reason, .. } => panic!("refused: {reason}"),
            _ => None,
        })
    }

    fn body_keys(&mut self) -> Vec<Key> {
        self.wait("the body", |n| match n {
            GuestNotice::Event(GuestEvent::Body { values, .. }) => {
                Some(values.keys().copied().collect())
            }
            _ => None,
        })
    }

    fn send(&self, command: GuestCommand) {
        self.service.send(command);
    }

    fn queued(&mut self) -> u64 {
        self.wait("an id", |n| match n {
            GuestNotice::Queued(id) => Some(*id),
            _ => None,
        })
    }

    fn acknowledged(&mut self, want: u64) {
        let seen = format!("Acknowledged {{ id: {want} }}");
        if self.seen.iter().any(|s| s.contains(&seen)) {
            return;
        }
        self.wait("the acknowledgement", |n| {
            matches!(n, GuestNotice::Event(GuestEvent::Acknowledged { id }) if *id == want)
                .then_some(())
        })
    }
}

fn another_code(code: &str) -> String {
    if code == "000-000" {
        "111-111"
    } else {
        "000-000"
    }
    .to_string()
}

#[test]
fn a_whole_session_between_two_endpoints() {
    let mut shopper = Shopper::start(vec![Key::ChestGirth], vec![]);
    let code = shopper.code.clone();
    let mut stylist = Stylist::join(&shopper, Some(&code), link::new_secret());
    assert!(!stylist.admitted());
    stylist.wait("the shopper's hello", |n| {
        matches!(n, GuestNotice::Event(GuestEvent::Welcomed { name }) if name == "Ana")
            .then_some(())
    });
    assert_eq!(stylist.body_keys(), [Key::ChestGirth]);
    let paired = shopper.wait("the pairing", |n| match n {
        HostNotice::Paired(p) => Some(p.name.clone()),
        _ => None,
    });
    assert_eq!(paired, "Studio Vera");

    // The outfit worn reaches the stylist.
    let worn = vec![(
        "Nordlicht".to_string(),
        "NB-TS-1001".to_string(),
        "M".to_string(),
    )];
    shopper.send(HostCommand::Outfit(worn.clone()));
    stylist.wait("the outfit", |n| {
        matches!(n, GuestNotice::Event(GuestEvent::Outfit { worn: w }) if *w == worn).then_some(())
    });

    // The shopper's measurements change: the stylist receives the new body, as consented.
    let mut changed = body();
    changed.set(Key::ChestGirth, 94.5);
    changed.set(Key::HipGirth, 101.0);
    shopper.send(HostCommand::Measurements(changed));
    let values = stylist.wait("the new body", |n| match n {
        GuestNotice::Event(GuestEvent::Body { values, .. }) => Some(values.clone()),
        _ => None,
    });
    assert_eq!(values, [(Key::ChestGirth, 94.5)].into_iter().collect());

    // A proposal travels with its garment, is read on the shopper's side and tried on.
    stylist.send(GuestCommand::Propose {
        garment: tee(),
        size: "M".into(),
        note: "relaxed, for weekends".into(),
    });
    let id = stylist.queued();
    let (sku, size) = shopper.wait("the proposal", |n| match n {
        HostNotice::Event(Event::Proposed {
            id: got,
            garment,
            size,
            note,
            ..
        }) if *got == id => {
            assert_eq!(note, "relaxed, for weekends");
            Some((garment.meta.sku.clone(), size.clone()))
        }
        _ => None,
    });
    assert_eq!((sku.as_str(), size.as_str()), ("NB-TS-1001", "M"));
    stylist.acknowledged(id);
    shopper.send(HostCommand::Decide {
        proposal: id,
        accepted: true,
    });
    stylist.wait("the decision", |n| {
        matches!(n, GuestNotice::Event(GuestEvent::Decision { proposal, accepted: true, refused: None }) if *proposal == id)
            .then_some(())
    });

    // Chat both ways, a pinned note, "look at the back".
    stylist.send(GuestCommand::Say("the M drapes better".into()));
    shopper.wait("the stylist's chat", |n| {
        matches!(n, HostNotice::Event(Event::Chat { text, .. }) if text == "the M drapes better")
            .then_some(())
    });
    shopper.send(HostCommand::Say("thank you".into()));
    stylist.wait("the shopper's chat", |n| {
        matches!(n, GuestNotice::Event(GuestEvent::Chat { text }) if text == "thank you")
            .then_some(())
    });
    stylist.send(GuestCommand::Pin {
        at: [0.0, 1.3, 0.1],
        text: "the shoulder seam sits here".into(),
    });
    shopper.wait("the pin", |n| {
        matches!(n, HostNotice::Event(Event::Pin { text, .. }) if text.contains("shoulder"))
            .then_some(())
    });
    stylist.send(GuestCommand::Look(View::Back));
    shopper.wait("look at the back", |n| {
        matches!(n, HostNotice::Event(Event::Look(View::Back))).then_some(())
    });

    // The stylist ends it; both sides know.
    stylist.send(GuestCommand::End("see you next week".into()));
    shopper.wait("the end", |n| match n {
        HostNotice::Ended { by_stylist, reason } => {
            assert!(by_stylist);
            assert_eq!(reason, "see you next week");
            Some(())
        }
        _ => None,
    });
    stylist.wait("closed", |n| {
        matches!(n, GuestNotice::Closed(_)).then_some(())
    });
}

#[test]
fn a_wrong_code_is_refused_and_burns_the_code() {
    let mut shopper = Shopper::start(vec![], vec![]);
    let code = shopper.code.clone();
    let mut wrong = Stylist::join(&shopper, Some(&another_code(&code)), link::new_secret());
    assert_eq!(wrong.refused(), Why::WrongCode);
    shopper.wait("the refusal", |n| {
        matches!(
            n,
            HostNotice::Refused {
                why: Why::WrongCode,
                ..
            }
        )
        .then_some(())
    });
    // The right code after a wrong try: burned.
    let mut late = Stylist::join(&shopper, Some(&code), link::new_secret());
    assert_eq!(late.refused(), Why::Used);
    // A new code admits.
    shopper.send(HostCommand::NewCode);
    let fresh = shopper.wait("a new code", |n| match n {
        HostNotice::Code(code) => Some(code.clone()),
        _ => None,
    });
    assert_ne!(fresh, code);
    let mut stylist = Stylist::join(&shopper, Some(&fresh), link::new_secret());
    assert!(!stylist.admitted());
}

#[test]
fn nobody_joins_a_session_in_progress_a_used_code_is_refused_and_a_paired_stylist_comes_back() {
    let mut shopper = Shopper::start(vec![Key::ChestGirth], vec![]);
    let code = shopper.code.clone();
    let vera_key = link::new_secret();
    let mut vera = Stylist::join(&shopper, Some(&code), vera_key);
    assert!(!vera.admitted());
    let paired = shopper.wait("the pairing", |n| match n {
        HostNotice::Paired(p) => Some(p.clone()),
        _ => None,
    });
    assert_eq!(paired.key, link::public_key(&vera_key));
    // A third joiner with the same ticket and code, while the session runs.
    let mut third = Stylist::join(&shopper, Some(&code), link::new_secret());
    assert_eq!(third.refused(), Why::Busy);
    // An unknown key without a code.
    let mut unknown = Stylist::join(&shopper, None, link::new_secret());
    assert_eq!(unknown.refused(), Why::Unknown);
    vera.send(GuestCommand::End(String::new()));
    shopper.wait("the end", |n| {
        matches!(n, HostNotice::Ended { .. }).then_some(())
    });
    drop(vera);
    // After the session: the used code is refused, an unknown key without a code too.
    let mut third = Stylist::join(&shopper, Some(&code), link::new_secret());
    assert_eq!(third.refused(), Why::Used);
    let mut unknown = Stylist::join(&shopper, None, link::new_secret());
    assert_eq!(unknown.refused(), Why::Unknown);
    // Vera is recognised by her key: no code, the same consent.
    let mut vera = Stylist::join(&shopper, None, vera_key);
    assert!(!vera.admitted());
    assert_eq!(vera.body_keys(), [Key::ChestGirth]);

    // A shopper who starts again later, with Vera's key kept, recognises her too.
    drop(shopper);
    let mut later = Shopper::start(vec![Key::HipGirth], vec![paired]);
    let mut vera_again = Stylist::join(&later, None, vera_key);
    assert!(!vera_again.admitted());
    assert_eq!(vera_again.body_keys(), [Key::HipGirth]);
    later.wait("Vera joined", |n| {
        matches!(n, HostNotice::Joined { name, .. } if name == "Studio Vera").then_some(())
    });
}

#[test]
fn a_stylist_never_receives_what_the_consent_does_not_name_also_after_revoking_mid_session() {
    let shopper = Shopper::start(vec![Key::ChestGirth, Key::WaistGirth], vec![]);
    let code = shopper.code.clone();
    let mut stylist = Stylist::join(&shopper, Some(&code), link::new_secret());
    stylist.admitted();
    let first = stylist.body_keys();
    assert_eq!(
        first,
        BTreeSet::from([Key::ChestGirth, Key::WaistGirth])
            .into_iter()
            .collect::<Vec<_>>()
    );
    assert!(!first.contains(&Key::HipGirth) && !first.contains(&Key::Stature));
    // Revoked during the session: at once, the form alone.
    shopper.send(HostCommand::Consents(vec![]));
    assert!(stylist.body_keys().is_empty());
    // Narrowed to the hip: only the hip.
    shopper.send(HostCommand::Consents(vec![consent(vec![Key::HipGirth])]));
    assert_eq!(stylist.body_keys(), [Key::HipGirth]);
}

#[test]
fn a_garment_that_fails_validation_is_refused_on_the_shoppers_side() {
    let mut shopper = Shopper::start(vec![], vec![]);
    let code = shopper.code.clone();
    let mut stylist = Stylist::join(&shopper, Some(&code), link::new_secret());
    stylist.admitted();
    let mut broken = tee();
    broken.truncate(broken.len() / 2);
    stylist.send(GuestCommand::Propose {
        garment: broken,
        size: "M".into(),
        note: String::new(),
    });
    let id = stylist.queued();
    let why = stylist.wait("the refusal", |n| match n {
        GuestNotice::Event(GuestEvent::Decision {
            proposal,
            accepted: false,
            refused: Some(why),
        }) if *proposal == id => Some(why.clone()),
        _ => None,
    });
    assert!(!why.is_empty());
    shopper.wait("the invalid garment", |n| {
        matches!(n, HostNotice::Event(Event::Refused { id: got, .. }) if *got == id).then_some(())
    });
    assert!(
        !shopper.seen.iter().any(|s| s.contains("Proposed")),
        "never shown: {:#?}",
        shopper.seen
    );
}

#[test]
fn a_connection_killed_mid_session_resumes_with_nothing_lost_or_applied_twice() {
    let mut shopper = Shopper::start(vec![], vec![]);
    let code = shopper.code.clone();
    let mut stylist = Stylist::join(&shopper, Some(&code), link::new_secret());
    stylist.admitted();
    shopper.wait("the stylist", |n| {
        matches!(n, HostNotice::Joined { .. }).then_some(())
    });

    // The stylist's line drops right after a proposal and a chat were written.
    stylist.send(GuestCommand::Propose {
        garment: tee(),
        size: "L".into(),
        note: String::new(),
    });
    stylist.send(GuestCommand::Say("did it arrive?".into()));
    stylist.send(GuestCommand::Sever);
    let proposal = stylist.queued();
    let chat = stylist.queued();
    stylist.wait("the drop", |n| {
        matches!(n, GuestNotice::Dropped(_)).then_some(())
    });
    assert!(stylist.admitted(), "back in the same session");
    // Recorded on the shopper's side (as the app does within its frame), then acknowledged.
    shopper.wait("the chat", |n| {
        matches!(n, HostNotice::Event(Event::Chat { .. })).then_some(())
    });
    stylist.acknowledged(proposal);
    stylist.acknowledged(chat);

    // The shopper's line drops; a message written meanwhile arrives after the reconnect.
    shopper.send(HostCommand::Sever);
    shopper.send(HostCommand::Say("I am back".into()));
    stylist.wait("the drop", |n| {
        matches!(n, GuestNotice::Dropped(_)).then_some(())
    });
    assert!(stylist.admitted());
    stylist.wait("the chat written while away", |n| {
        matches!(n, GuestNotice::Event(GuestEvent::Chat { text }) if text == "I am back")
            .then_some(())
    });
    shopper.wait("the resumed session", |n| {
        matches!(n, HostNotice::Joined { resumed: true, .. }).then_some(())
    });
    let rest = shopper.drain(Duration::from_millis(1_500));
    let _ = rest;
    let once = |what: &str| shopper.seen.iter().filter(|s| s.contains(what)).count();
    assert_eq!(once("Proposed"), 1, "{:#?}", shopper.seen);
    assert_eq!(once("did it arrive?"), 1, "{:#?}", shopper.seen);
    let chats = stylist
        .seen
        .iter()
        .filter(|s| s.contains("I am back"))
        .count();
    assert_eq!(chats, 1, "{:#?}", stylist.seen);
}

#[test]
fn a_flood_of_malformed_and_oversized_frames_leaves_the_shopper_serving() {
    let mut shopper = Shopper::start(vec![], vec![]);
    let addr = shopper.ticket.addr.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let endpoint = link::bind(&Relay::Off, &link::new_secret(), false)
            .await
            .unwrap();
        let mut floods: Vec<Vec<u8>> = vec![
            u32::MAX.to_be_bytes().to_vec(),
            [&2_000u32.to_be_bytes()[..], &[b'{'; 2_000]].concat(),
            [&5u32.to_be_bytes()[..], b"hello"].concat(),
            [&14u32.to_be_bytes()[..], br#"{"kind":"ack"}"#].concat(),
            [&18u32.to_be_bytes()[..], br#"{"kind":"welcome"}"#].concat(),
            vec![0, 0],
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..14 {
            let len = (state % 200) as usize;
            let junk: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            floods.push(junk);
        }
        for flood in floods {
            let conn = endpoint.connect(addr.clone(), link::ALPN).await.unwrap();
            let (mut send, mut recv) = conn.open_bi().await.unwrap();
            let _ = send.write_all(&flood).await;
            let _ = send.finish();
            // The shopper's side answers with a refusal or closes; it never hangs the test.
            let _ = tokio::time::timeout(Duration::from_secs(25), recv.read_to_end(4_096)).await;
            conn.close(0u32.into(), b"done");
        }
        endpoint.close().await;
    });
    let refusals = shopper.drain(Duration::from_millis(500));
    let refused = shopper
        .seen
        .iter()
        .filter(|s| s.contains("Refused"))
        .count();
    assert!(refused >= 15, "{:#?} {refusals:?}", shopper.seen);
    // Still serving: the real stylist pairs with the code and is in session.
    let code = shopper.code.clone();
    let mut stylist = Stylist::join(&shopper, Some(&code), link::new_secret());
    assert!(!stylist.admitted());
}

#[test]
fn a_proposal_made_while_the_shopper_is_away_is_kept_in_the_store_and_arrives_after_a_restart() {
    let dir = std::env::temp_dir().join(format!("anprobe-outbox-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (mut store, _) = Store::open(&dir).unwrap();
    let shopper_secret = link::new_secret();
    let peer = link::public_key(&shopper_secret);
    let mut shopper = Shopper::start_as(vec![], vec![], shopper_secret);
    let code = shopper.code.clone();
    let vera_key = link::new_secret();
    let mut vera = Stylist::join(&shopper, Some(&code), vera_key);
    vera.admitted();
    let paired = shopper.wait("the pairing", |n| match n {
        HostNotice::Paired(p) => Some(p.clone()),
        _ => None,
    });

    // The shopper's Anprobe closes; the stylist proposes meanwhile; the stylist's store keeps it.
    drop(shopper);
    vera.wait("the drop", |n| {
        matches!(n, GuestNotice::Dropped(_)).then_some(())
    });
    vera.send(GuestCommand::Propose {
        garment: tee(),
        size: "M".into(),
        note: "for Saturday".into(),
    });
    let (message, garment) = vera.wait("the message to keep", |n| match n {
        GuestNotice::Keep {
            message, garment, ..
        } => Some((message.clone(), garment.clone())),
        _ => None,
    });
    let id = message.id().unwrap();
    kept::keep(
        &mut store,
        SessionSide::Stylist,
        &peer,
        &message,
        garment.as_deref(),
    )
    .unwrap();
    drop(vera);
    assert_eq!(
        store.outgoing(SessionSide::Stylist, &peer).unwrap().len(),
        1
    );

    // Both start again: the same shopper, Vera recognised, the proposal read back from the store.
    let mut shopper = Shopper::start_as(vec![], vec![paired], shopper_secret);
    let pending = kept::for_stylist(&store, &peer).unwrap();
    assert_eq!(pending[0].1.as_deref(), Some(tee().as_slice()));
    let mut vera = Stylist::join_keeping(&shopper, None, vera_key, pending);
    assert!(!vera.admitted());
    shopper.wait("the proposal", |n| {
        matches!(n, HostNotice::Event(Event::Proposed { id: got, note, .. }) if *got == id && note == "for Saturday")
            .then_some(())
    });
    vera.acknowledged(id);
    store
        .drop_outgoing(SessionSide::Stylist, &peer, id)
        .unwrap();
    assert!(
        store
            .outgoing(SessionSide::Stylist, &peer)
            .unwrap()
            .is_empty()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A chat line is acknowledged only once the shopper's record holds it (written with its id in
/// one transaction); the shopper's Anprobe closes after writing a line and before its
/// acknowledgement went: the stylist sends it again to the restarted shopper, who acknowledges it
/// without applying it twice.
#[test]
fn a_message_is_acknowledged_once_recorded_and_not_applied_again_after_the_shoppers_restart() {
    let dir = std::env::temp_dir().join(format!("anprobe-applied-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (mut store, _) = Store::open(&dir).unwrap();
    let shopper_secret = link::new_secret();
    let mut shopper = Shopper::start_as(vec![], vec![], shopper_secret);
    shopper.records = false;
    let code = shopper.code.clone();
    let vera_key = link::new_secret();
    let mut vera = Stylist::join(&shopper, Some(&code), vera_key);
    vera.admitted();
    let paired = shopper.wait("the pairing", |n| match n {
        HostNotice::Paired(p) => Some(p.clone()),
        _ => None,
    });
    let mut record = SessionLog::with(&paired.name, paired.key);
    let mut contact = None;

    // Arrived and shown, not recorded: no acknowledgement yet.
    vera.send(GuestCommand::Say("the M drapes better".into()));
    let first = vera.queued();
    let event = shopper.wait("the chat", |n| match n {
        HostNotice::Event(e @ Event::Chat { .. }) => Some(format!("{e:?}")),
        _ => None,
    });
    assert!(event.contains(&format!("id: {first}")), "{event}");
    std::thread::sleep(Duration::from_millis(800));
    let early = format!("Acknowledged {{ id: {first} }}");
    while let Some(n) = vera.service.notice_within(Duration::from_millis(50)) {
        vera.seen.push(format!("{n:?}"));
    }
    assert!(
        !vera.seen.iter().any(|s| s.contains(&early)),
        "acknowledged before it was recorded: {:#?}",
        vera.seen
    );
    record.take(&Event::Chat {
        id: first,
        text: "the M drapes better".into(),
    });
    let ids = record.save(&mut store, &mut contact, "2026-12-06").unwrap();
    assert_eq!(ids, [first]);
    shopper.send(HostCommand::Recorded(ids));
    vera.acknowledged(first);

    // The next line is written to the record; the shopper's Anprobe closes before it says so.
    vera.send(GuestCommand::Say("and the 40 in navy".into()));
    let second = vera.queued();
    shopper.wait("the second chat", |n| {
        matches!(n, HostNotice::Event(Event::Chat { id, .. }) if *id == second).then_some(())
    });
    record.take(&Event::Chat {
        id: second,
        text: "and the 40 in navy".into(),
    });
    record.save(&mut store, &mut contact, "2026-12-06").unwrap();
    drop(shopper);
    drop(vera);

    // Both start again; the stylist's kept line goes again; the shopper acknowledges it and
    // does not apply it (no event, nothing to record).
    let applied = store.session_applied().unwrap();
    assert_eq!(applied, [(paired.key, vec![first, second])]);
    let mut shopper =
        Shopper::start_with(vec![], vec![paired], shopper_secret, applied, Relay::Off);
    shopper.records = false;
    let pending = vec![(
        Message::Chat {
            id: second,
            text: "and the 40 in navy".into(),
        },
        None,
    )];
    let mut vera = Stylist::join_keeping(&shopper, None, vera_key, pending);
    vera.admitted();
    vera.acknowledged(second);
    shopper.drain(Duration::from_millis(500));
    assert!(
        !shopper.seen.iter().any(|s| s.contains("Chat")),
        "applied again: {:#?}",
        shopper.seen
    );
    let contacts = store.contacts(Some("Studio Vera")).unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].record.channel, Channel::StylistSession);
    assert_eq!(
        contacts[0].record.outcome.matches("the 40 in navy").count(),
        1
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A self-hosted relay named by its URL (`--relay http://…`): the shopper's ticket names it, and
/// with every direct address taken out of the ticket the stylist still reaches the shopper —
/// through the relay — pairs, receives the body and chats. (The relay runs on this machine, plain
/// HTTP; the public relays and NATs are out of reach here.)
#[test]
fn a_session_goes_through_a_self_hosted_relay_named_by_its_url() {
    use iroh_relay::server::{RelayConfig, Server, ServerConfig};
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = runtime
        .block_on(async {
            let mut config = ServerConfig::default();
            config.relay = Some(RelayConfig::new((std::net::Ipv4Addr::LOCALHOST, 0)));
            Server::spawn(config).await
        })
        .expect("a relay on this machine");
    let url = format!("http://{}", server.http_addr().expect("plain HTTP"));
    let relay: Relay = url.parse().unwrap();
    let mut shopper = Shopper::start_with(
        vec![Key::ChestGirth],
        vec![],
        link::new_secret(),
        vec![],
        relay.clone(),
    );
    let relays = |t: &Ticket| -> Vec<String> {
        t.addr
            .addrs
            .iter()
            .filter_map(|a| match a {
                iroh::TransportAddr::Relay(u) => Some(u.to_string()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        relays(&shopper.ticket),
        [format!("{url}/")],
        "{:?}",
        shopper.ticket
    );
    let line = shopper.ticket.to_line();
    shopper
        .ticket
        .addr
        .addrs
        .retain(|a| matches!(a, iroh::TransportAddr::Relay(_)));
    assert!(
        shopper.ticket.to_line() != line,
        "direct addresses were in the ticket"
    );

    let code = shopper.code.clone();
    let mut stylist = Stylist::join_via(&shopper, Some(&code), link::new_secret(), vec![], relay);
    assert!(!stylist.admitted());
    assert_eq!(stylist.body_keys(), [Key::ChestGirth]);
    stylist.send(GuestCommand::Say("through the relay".into()));
    let id = stylist.queued();
    shopper.wait("the chat", |n| {
        matches!(n, HostNotice::Event(Event::Chat { text, .. }) if text == "through the relay")
            .then_some(())
    });
    stylist.acknowledged(id);
    drop(stylist);
    drop(shopper);
    runtime.block_on(server.shutdown()).unwrap();
}

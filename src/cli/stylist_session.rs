//! `anprobe session host` and `anprobe session join`: a stylist session without a window, for
//! automation and tests (docs/cli.md). Every event is one JSON object a line, on stdout or in
//! `--events FILE`. The host keeps what the app keeps: the stylist's key once paired, the
//! session on the stylist's timeline, accepted proposals on the wishlist.

use super::open_proposals::{self, DecideArgs, OpenArgs};
use super::session as store_session;
use crate::measurements::Measurements;
use crate::session::client_record::{
    ChatLine, RecordKeeper, Sent, client_contact, client_name, record_heard,
};
use crate::session::guest::GuestEvent;
use crate::session::host::Event;
use crate::session::join::{GuestCommand, GuestNotice, GuestService, JoinConfig};
use crate::session::link::{Relay, short_key};
use crate::session::record::{Outcome, SessionLog};
use crate::session::serve::{
    DEFAULT_CODE_LIFETIME_S, HostCommand, HostConfig, HostNotice, HostService, Paired,
};
use crate::session::ticket::Ticket;
use crate::session::{identity, kept};
use crate::store::{CounterpartKind, SessionSide, Store, date};
use clap::{Args, Subcommand};
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// `anprobe session …`.
#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Host a stylist session as the shopper, without a window.
    ///
    /// Writes the ticket and the one-time code, admits the stylist who proves the code (or a
    /// stylist paired before), shares the body their consent allows, logs every event as JSON
    /// lines, records the session on the stylist's timeline, and exits when the session ends
    /// or --duration runs out.
    Host(HostArgs),
    /// Join a shopper's session as a stylist, without a window.
    ///
    /// Proves the one-time code (without --code: comes back as a stylist paired before), sends
    /// each --propose with its --size and each --say, waits for every acknowledgement (and up
    /// to --wait-decisions seconds for the shopper's decisions), then ends the session. Exit
    /// 0 when everything was acknowledged, 1 when refused (the reason on stderr) or not
    /// everything arrived, 2 for bad usage.
    Join(JoinArgs),
    /// List the proposals stylist sessions left undecided, as JSON (oldest first).
    ///
    /// Each with the stylist, the proposal's id, the day it arrived, the garment (retailer,
    /// SKU, name, colourway, price), the size proposed and the note; with --garments DIR each
    /// garment file too, as the stylist sent it.
    Open(OpenArgs),
    /// Accept or reject a proposal a stylist session left undecided.
    ///
    /// Written as in the app: the decision on that stylist's timeline and, accepted, the garment
    /// on the wishlist, in one write. Exit 1 when no such proposal is open.
    Decide(DecideArgs),
}

/// Arguments of `anprobe session host`.
#[derive(Debug, Args)]
pub struct HostArgs {
    /// The relay: off (LAN or this machine only), default (the public iroh relays) or a URL
    #[arg(long, value_name = "off|default|URL", default_value = "default", value_parser = parse_relay)]
    pub relay: Relay,
    /// Write the ticket to this file (it is printed on stderr too)
    #[arg(long, value_name = "FILE")]
    pub ticket_out: Option<PathBuf>,
    /// Write the one-time code to this file (it is printed on stderr too)
    #[arg(long, value_name = "FILE")]
    pub code_out: Option<PathBuf>,
    /// The stylist invited, as the consent matrix names them (their consent decides what they
    /// see; without one, the body's form alone)
    #[arg(long, value_name = "NAME", default_value = "Stylist")]
    pub stylist: String,
    /// Write the events here instead of stdout (one JSON object a line)
    #[arg(long, value_name = "FILE")]
    pub events: Option<PathBuf>,
    /// Accept every valid proposal at once (on the wishlist, in the record)
    #[arg(long)]
    pub accept_all: bool,
    /// Stop after this many seconds (the session, if any, is ended)
    #[arg(long, value_name = "SECONDS", default_value_t = 3600)]
    pub duration: u64,
    /// The store's profile whose body is shared; default the profile the app shows
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// A measurements file instead of a profile's measurements
    #[arg(long, short = 'm', value_name = "FILE")]
    pub measurements: Option<PathBuf>,
}

/// Arguments of `anprobe session join`.
#[derive(Debug, Args)]
pub struct JoinArgs {
    /// The shopper's ticket (`anprobe1…`)
    pub ticket: String,
    /// The one-time code the shopper gave; without it, come back as a stylist paired before
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// The relay: off, default or a URL
    #[arg(long, value_name = "off|default|URL", default_value = "default", value_parser = parse_relay)]
    pub relay: Relay,
    /// The stylist's name as the shopper sees it
    #[arg(long, value_name = "NAME", default_value = "Stylist")]
    pub name: String,
    /// A garment file (.glb) to propose; give its size with --size, in the same order
    #[arg(long, value_name = "G.glb")]
    pub propose: Vec<PathBuf>,
    /// The size of each --propose, in the same order
    #[arg(long, value_name = "S")]
    pub size: Vec<String>,
    /// A chat message to send (repeatable)
    #[arg(long, value_name = "TEXT")]
    pub say: Vec<String>,
    /// Write the events here instead of stdout (one JSON object a line)
    #[arg(long, value_name = "FILE")]
    pub events: Option<PathBuf>,
    /// After the acknowledgements, wait this long for the shopper's decisions
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub wait_decisions: u64,
}

fn parse_relay(text: &str) -> Result<Relay, String> {
    text.parse()
}

/// Runs a session command.
pub fn run(command: SessionCommand, data_dir: Option<&Path>) -> ExitCode {
    let result = match command {
        SessionCommand::Host(args) => host(&args, data_dir),
        SessionCommand::Join(args) => join(&args, data_dir),
        SessionCommand::Open(args) => {
            open_proposals::open(&args, data_dir).map(|()| ExitCode::SUCCESS)
        }
        SessionCommand::Decide(args) => {
            open_proposals::decide(&args, data_dir).map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("anprobe: {message}");
            ExitCode::from(1)
        }
    }
}

/// One JSON object a line, flushed at once (a script reads it while the session runs).
struct EventLog(Box<dyn Write>);

impl EventLog {
    fn open(path: Option<&Path>) -> Result<EventLog, String> {
        Ok(EventLog(match path {
            Some(path) => Box::new(
                std::fs::File::create(path)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
            ),
            None => Box::new(std::io::stdout()),
        }))
    }

    fn log(&mut self, event: &str, fields: Value) {
        let mut object = json!({ "event": event });
        if let (Some(o), Value::Object(fields)) = (object.as_object_mut(), fields) {
            o.extend(fields);
        }
        let _ = writeln!(self.0, "{object}");
        let _ = self.0.flush();
    }
}

fn identity_in(store: &Store) -> Result<[u8; 32], String> {
    let (key, moved) = identity::load_or_create(store.dir())?;
    if let Some(moved) = moved {
        eprintln!(
            "anprobe: warning: the session identity was damaged; it was moved to {} and a new one made (stylists pair again)",
            moved.display()
        );
    }
    Ok(key)
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    crate::atomic_write::write_atomically(path, format!("{text}\n").as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn host(args: &HostArgs, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    let mut store = store_session::open(data_dir)?;
    let (measurements, source): (Measurements, PathBuf) = super::concierge::measurements(
        &store,
        args.profile.as_deref(),
        args.measurements.as_deref(),
    )?;
    // The stylist knows the shopper by the profile's name, as in the app (their records of the
    // sessions are kept under it); a measurements file has none.
    let shopper = match &args.measurements {
        Some(_) => "Shopper".to_string(),
        None => source.display().to_string(),
    };
    let consents = store
        .consents()
        .map_err(store_session::failure)?
        .into_iter()
        .filter(|c| c.kind == CounterpartKind::Stylist)
        .collect();
    let paired = store
        .paired_stylists()
        .map_err(store_session::failure)?
        .into_iter()
        .map(|(key, name)| Paired { key, name })
        .collect();
    let next_id = store
        .session_next_id(SessionSide::Shopper)
        .map_err(store_session::failure)?;
    let service = HostService::start(HostConfig {
        relay: args.relay.clone(),
        secret: identity_in(&store)?,
        shopper,
        stylist: args.stylist.trim().to_string(),
        measurements,
        consents,
        paired,
        code_lifetime_s: DEFAULT_CODE_LIFETIME_S,
        next_id,
        pending: kept::for_shopper(&store).map_err(store_session::failure)?,
        applied: store.session_applied().map_err(store_session::failure)?,
        to_tell: store.decisions_to_tell().map_err(store_session::failure)?,
    })
    .map_err(|e| format!("the session could not start: {e}"))?;
    let mut log = EventLog::open(args.events.as_deref())?;
    let deadline = Instant::now() + Duration::from_secs(args.duration);
    let mut record = SessionLog::default();
    // The timeline entry as last written, and its id: kept up to date as the session goes.
    let (mut saved, mut contact) = (SessionLog::default(), None);
    let mut next = next_id;
    let mut ending = false;
    let mut stylist_key: Option<[u8; 32]> = None;
    loop {
        if !ending && Instant::now() >= deadline {
            ending = true;
            service.send(HostCommand::End("the session's time ran out".into()));
            if record.is_empty() {
                log.log(
                    "ended",
                    json!({"by": "shopper", "reason": "the session's time ran out"}),
                );
                break;
            }
        }
        if record != saved {
            match record.save(&mut store, &mut contact, &date::today_local()) {
                Ok(ids) if !ids.is_empty() => service.send(HostCommand::Recorded(ids)),
                Ok(_) => {}
                Err(e) => eprintln!("anprobe: warning: {}", store_session::failure(e)),
            }
            saved = record.clone();
        }
        let Some(notice) = service.notice_within(Duration::from_millis(100)) else {
            continue;
        };
        match notice {
            HostNotice::Ready { ticket, code } => {
                let line = ticket.to_line();
                if let Some(path) = &args.ticket_out {
                    write_file(path, &line)?;
                }
                if let Some(path) = &args.code_out {
                    write_file(path, &code)?;
                }
                eprintln!("anprobe: ticket {line}");
                eprintln!("anprobe: one-time code {code}");
                log.log("ready", json!({"relay": args.relay.to_string()}));
            }
            HostNotice::Code(_) => {}
            HostNotice::Paired(Paired { key, name }) => {
                store
                    .pair_stylist(&key, &name)
                    .map_err(store_session::failure)?;
                log.log("paired", json!({"stylist": name, "key": short_key(&key)}));
            }
            HostNotice::Joined { name, key, resumed } => {
                stylist_key = Some(key);
                if record.stylist != name {
                    record = SessionLog::with(&name, key);
                }
                log.log(
                    "joined",
                    json!({"stylist": name, "key": short_key(&key), "resumed": resumed}),
                );
            }
            HostNotice::Event(event) => {
                record.take(&event);
                match event {
                    Event::Proposed { id, size, note, .. } => {
                        let (name, sku, retailer) = record
                            .proposals
                            .last()
                            .map(|p| (p.name.clone(), p.sku.clone(), p.retailer.clone()))
                            .unwrap_or_default();
                        log.log(
                            "proposal",
                            json!({"id": id, "garment": name, "sku": sku,
                               "retailer": retailer, "size": size, "note": note}),
                        );
                        if args.accept_all {
                            service.send(HostCommand::Decide {
                                proposal: id,
                                accepted: true,
                            });
                            let stylist = record.stylist.clone();
                            if let Some(p) = record.decided(id, true) {
                                let wish = p.wish(&stylist, &date::today_local());
                                if let Err(e) = store.add_wishlist(&wish) {
                                    eprintln!(
                                        "anprobe: warning: not on the wishlist: {}",
                                        store_session::failure(e)
                                    );
                                }
                            }
                            log.log("accepted", json!({"proposal": id}));
                        }
                    }
                    Event::Refused { id, why } => {
                        log.log("rejected", json!({"proposal": id, "invalid": why}));
                    }
                    Event::Chat { text, .. } => {
                        log.log("chat", json!({"from": "stylist", "text": text}));
                    }
                    Event::Pin { at, text, .. } => {
                        log.log("pin", json!({"at": at, "text": text}));
                    }
                    Event::Look(view) => log.log("look", json!({"view": view})),
                    Event::Noted { proposal } => {
                        if let Some(key) = &stylist_key
                            && let Err(e) = store.decision_told(key, proposal)
                        {
                            eprintln!("anprobe: warning: {}", store_session::failure(e));
                        }
                        log.log("told", json!({"proposal": proposal}));
                    }
                    Event::Joined { .. } | Event::Acknowledged { .. } | Event::Ended { .. } => {}
                }
            }
            HostNotice::Acknowledged(id) => {
                if let Some(key) = &stylist_key {
                    let _ = store.drop_outgoing(SessionSide::Shopper, key, id);
                }
                log.log("acknowledged", json!({"id": id}));
            }
            HostNotice::Sent(id) => next = next.max(id + 1),
            HostNotice::Keep { stylist, message } => {
                let kept = kept::keep(&mut store, SessionSide::Shopper, &stylist, &message, None);
                if let Err(e) = kept {
                    eprintln!("anprobe: warning: {}", store_session::failure(e));
                }
            }
            HostNotice::Refused { key, why, reason } => {
                log.log("refused", json!({"key": key, "why": why, "reason": reason}));
            }
            HostNotice::Dropped(reason) => log.log("dropped", json!({"reason": reason})),
            HostNotice::Ended { by_stylist, reason } => {
                let by = if by_stylist { "stylist" } else { "shopper" };
                log.log("ended", json!({"by": by, "reason": reason}));
                break;
            }
            HostNotice::Closed(reason) => {
                drop(service);
                return Err(format!("the session closed: {reason}"));
            }
        }
    }
    drop(service);
    store
        .set_session_next_id(SessionSide::Shopper, next)
        .map_err(store_session::failure)?;
    record
        .save(&mut store, &mut contact, &date::today_local())
        .map_err(store_session::failure)?;
    store_session::close(store);
    Ok(ExitCode::SUCCESS)
}

fn join(args: &JoinArgs, data_dir: Option<&Path>) -> Result<ExitCode, String> {
    if args.propose.len() != args.size.len() {
        eprintln!(
            "anprobe: give one --size for each --propose ({} garments, {} sizes)",
            args.propose.len(),
            args.size.len()
        );
        return Ok(ExitCode::from(2));
    }
    let ticket = match Ticket::parse(&args.ticket) {
        Ok(ticket) => ticket,
        Err(e) => {
            eprintln!("anprobe: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut garments = Vec::new();
    for (path, size) in args.propose.iter().zip(&args.size) {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        garments.push((path.clone(), bytes, size.clone()));
    }
    // The stylist's own record of the session (their timeline, under the client): each garment
    // by the name its file gives it (the file's name where it is not a valid garment).
    let mut record = ClientRecord::default();
    let mut store = store_session::open(data_dir)?;
    let next_id = store
        .session_next_id(SessionSide::Stylist)
        .map_err(store_session::failure)?;
    let peer = *ticket.addr.id.as_bytes();
    let pending = kept::for_stylist(&store, &peer).map_err(store_session::failure)?;
    let service = GuestService::start(JoinConfig {
        relay: args.relay.clone(),
        secret: identity_in(&store)?,
        pending,
        ticket,
        code: args.code.clone(),
        name: args.name.trim().to_string(),
        next_id,
        reconnect_for: Duration::from_secs(30),
    })
    .map_err(|e| format!("the session could not start: {e}"))?;
    let mut log = EventLog::open(args.events.as_deref())?;
    // Proposals are queued first, then the chat, in order: the first ids are the proposals.
    let expected = garments.len() + args.say.len();
    let mut queued: Vec<u64> = Vec::new();
    let mut acknowledged: Vec<u64> = Vec::new();
    let mut undecided: Vec<u64> = Vec::new();
    let mut sent = false;
    let mut acknowledged_at: Option<Instant> = None;
    // The shopper's side sends the body after hello and the decisions taken since the last
    // session: the session is not ended before it came.
    let mut body_seen = false;
    let mut next = next_id;
    let give_up = Instant::now() + Duration::from_secs(120);
    let closed = loop {
        if Instant::now() > give_up {
            break "no answer in time".to_string();
        }
        if let Some(at) = acknowledged_at
            && body_seen
            && (undecided.is_empty() || at.elapsed() >= Duration::from_secs(args.wait_decisions))
        {
            service.send(GuestCommand::End(String::new()));
            acknowledged_at = None;
        }
        let Some(notice) = service.notice_within(Duration::from_millis(100)) else {
            continue;
        };
        match notice {
            GuestNotice::Admitted { resumed } => {
                log.log("joined", json!({"resumed": resumed}));
                if !sent {
                    sent = true;
                    for (path, bytes, size) in &garments {
                        record.sent.push(Sent {
                            id: None,
                            name: garment_name(path, bytes),
                            size: size.clone(),
                            note: String::new(),
                            arrived: false,
                            outcome: Outcome::Open,
                        });
                        log.log("proposal", json!({"file": path, "size": size}));
                        service.send(GuestCommand::Propose {
                            garment: bytes.clone(),
                            size: size.clone(),
                            note: String::new(),
                        });
                    }
                    for text in &args.say {
                        service.send(GuestCommand::Say(text.clone()));
                        record.chat.push(ChatLine {
                            mine: true,
                            text: text.clone(),
                        });
                    }
                    record.save(&mut store, &peer);
                    if expected == 0 {
                        acknowledged_at = Some(Instant::now());
                    }
                }
            }
            GuestNotice::Keep {
                message, garment, ..
            } => {
                let kept = kept::keep(
                    &mut store,
                    SessionSide::Stylist,
                    &peer,
                    &message,
                    garment.as_deref(),
                );
                if let Err(e) = kept {
                    eprintln!("anprobe: warning: {}", store_session::failure(e));
                }
            }
            GuestNotice::Queued(id) => {
                next = next.max(id + 1);
                if queued.len() < garments.len() {
                    undecided.push(id);
                    if let Some(sent) = record.sent.get_mut(queued.len()) {
                        sent.id = Some(id);
                    }
                }
                queued.push(id);
            }
            GuestNotice::Event(event) => match event {
                GuestEvent::Acknowledged { id } => {
                    let _ = store.drop_outgoing(SessionSide::Stylist, &peer, id);
                    log.log("acknowledged", json!({"id": id}));
                    // Only this run's messages count (one sent before is acknowledged too).
                    if queued.contains(&id) && !acknowledged.contains(&id) {
                        acknowledged.push(id);
                    }
                    if let Some(sent) = record.sent.iter_mut().find(|s| s.id == Some(id)) {
                        sent.arrived = true;
                        record.save(&mut store, &peer);
                    }
                    if acknowledged.len() == expected {
                        acknowledged_at = Some(Instant::now());
                    }
                }
                GuestEvent::Decision {
                    proposal,
                    accepted,
                    refused,
                } => {
                    undecided.retain(|u| *u != proposal);
                    if let Some(sent) = record.sent.iter_mut().find(|s| s.id == Some(proposal)) {
                        sent.outcome = Outcome::of_decision(accepted, refused.clone());
                        record.save(&mut store, &peer);
                    }
                    let event = if accepted { "accepted" } else { "rejected" };
                    log.log(event, json!({"proposal": proposal, "invalid": refused}));
                }
                GuestEvent::Chat { text } => {
                    log.log("chat", json!({"from": "shopper", "text": text}));
                    record.chat.push(ChatLine { mine: false, text });
                    record.save(&mut store, &peer);
                }
                GuestEvent::DecidedLater(decision) => {
                    if let Err(e) = record_heard(&mut store, &record.shopper, &peer, &decision) {
                        eprintln!("anprobe: warning: {}", store_session::failure(e));
                    }
                    let d = &decision;
                    log.log(
                        "decided_later",
                        json!({"proposal": d.proposal,
                               "decision": if d.accepted { "accepted" } else { "rejected" },
                               "garment": d.garment, "size": d.size,
                               "proposed": d.proposed, "decided": d.decided}),
                    );
                }
                GuestEvent::Body { form, values } => {
                    body_seen = true;
                    let values: serde_json::Map<String, Value> = values
                        .iter()
                        .map(|(k, v)| (k.as_str().to_string(), json!(v)))
                        .collect();
                    log.log("body", json!({"form": form, "values": values}));
                }
                GuestEvent::Outfit { worn } => log.log("outfit", json!({"worn": worn})),
                GuestEvent::Welcomed { name } => {
                    // The client by their key: two who give the same name are two clients.
                    let said = client_name(&name).to_string();
                    let client = store.session_client(&peer, &said).unwrap_or(said);
                    log.log("welcomed", json!({"shopper": name, "client": client}));
                    record.shopper = client;
                    // What was written before the shopper said who they are (the proposals
                    // and chat sent on admission) goes under their name.
                    record.save(&mut store, &peer);
                }
                GuestEvent::Ended { reason } => {
                    log.log("ended", json!({"by": "shopper", "reason": reason}));
                }
            },
            GuestNotice::Refused { why, reason } => {
                log.log("refused", json!({"why": why, "reason": reason}));
                eprintln!("anprobe: refused: {reason}");
                drop(service);
                return Ok(ExitCode::from(1));
            }
            GuestNotice::Dropped(reason) => log.log("dropped", json!({"reason": reason})),
            GuestNotice::Closed(reason) => {
                log.log("closed", json!({"reason": reason}));
                break reason;
            }
        }
    };
    drop(service);
    store
        .set_session_next_id(SessionSide::Stylist, next)
        .map_err(store_session::failure)?;
    store_session::close(store);
    if !sent {
        return Err(closed);
    }
    if acknowledged.len() < expected {
        return Err(format!(
            "{} of the {expected} messages sent were not acknowledged ({closed})",
            expected - acknowledged.len()
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// The stylist's record of a session from the command line, as the app keeps it
/// (`session::client_record`): written to the timeline at each change.
#[derive(Default)]
struct ClientRecord {
    shopper: String,
    sent: Vec<Sent>,
    chat: Vec<ChatLine>,
    kept: RecordKeeper,
}

impl ClientRecord {
    fn save(&mut self, store: &mut Store, peer: &[u8; 32]) {
        let Some(record) = client_contact(
            &self.shopper,
            &self.sent,
            &[],
            &self.chat,
            &date::today_local(),
        ) else {
            return;
        };
        if let Err(e) = self.kept.keep(store, &record, peer) {
            eprintln!("anprobe: warning: {}", store_session::failure(e));
        }
    }
}

/// A garment file's name for the record: its metadata's (read from the file's `bytes`, already
/// read to be sent), else the file's own.
fn garment_name(path: &Path, bytes: &[u8]) -> String {
    match crate::garment::import_slice(bytes, path.parent()) {
        Ok(garment) => garment.meta.name,
        Err(_) => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

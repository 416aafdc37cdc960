//! The shopper's side on the network: an endpoint that takes connections on its own thread,
//! admits a stylist who proves the one-time code (`pake`) or who paired before (their key is
//! known), refuses anyone else before a session message is read, and runs the session
//! (`host::Host`) over the admitted connection. One session at a time: while it lasts (also
//! while its stylist reconnects) nobody else is admitted. The caller — the app or
//! `anprobe session host` — sends [`HostCommand`]s and polls [`HostNotice`]s; it never waits on
//! the network.

use super::host::{Event, Host};
use super::link::{
    self, LinkError, Outlet, Relay, Wake, encode_all, forward_frames, read_opening, write_frames,
};
use super::link::{Shutdown, Side};
use super::opening::{Opening, Why};
use super::pairing::{LIFETIME_S, Pairing, Refusal};
use super::pake::{Pake, Role, new_code};
use super::protocol::Message;
use super::ticket::Ticket;
use crate::measurements::Measurements;
use crate::store::{Consent, DecisionToTell};
use iroh::Endpoint;
use iroh::endpoint::{Connection, RecvStream, SendStream, VarInt};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// A stylist paired before: their endpoint key and the name their consent is under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paired {
    /// The stylist's endpoint key.
    pub key: [u8; 32],
    /// The stylist as the consent matrix names them.
    pub name: String,
}

/// What the shopper's side starts with.
#[derive(Debug, Clone)]
pub struct HostConfig {
    /// Which relay to use.
    pub relay: Relay,
    /// This machine's endpoint identity (kept in the data folder).
    pub secret: [u8; 32],
    /// The shopper's name as the stylist sees it.
    pub shopper: String,
    /// The stylist invited: the name a new pairing is stored under (their consent's).
    pub stylist: String,
    /// The body shared (filtered by each stylist's consent).
    pub measurements: Measurements,
    /// The consents of every stylist (the invited one's and those paired before).
    pub consents: Vec<Consent>,
    /// Stylists paired before: they may reconnect without a code.
    pub paired: Vec<Paired>,
    /// How long a code is good for, seconds.
    pub code_lifetime_s: u64,
    /// Ids of what the shopper sends start here (they only grow, also across sessions).
    pub next_id: u64,
    /// What an earlier run sent each stylist (by key) and was not acknowledged (from the store).
    pub pending: super::kept::PendingByStylist,
    /// The ids of what each stylist (by key) sent that the shopper's record holds (from the
    /// store): a copy sent again is acknowledged, not applied again.
    pub applied: super::kept::AppliedByStylist,
    /// Decisions the shopper took after earlier sessions, not yet noted by their stylists (from
    /// the store): told to each stylist after their hello.
    pub to_tell: Vec<DecisionToTell>,
}

/// What the caller asks the shopper's side to do.
#[derive(Debug, Clone)]
pub enum HostCommand {
    /// Decide on a proposal.
    Decide {
        /// The proposal's id.
        proposal: u64,
        /// Accepted or rejected.
        accepted: bool,
    },
    /// A chat message.
    Say(String),
    /// A decision the shopper took on a stylist's earlier proposal (already in the store): told
    /// at once if that stylist is in session, else at their next hello.
    Tell(DecisionToTell),
    /// What the stylist sent with these ids is written to the shopper's record (with the ids,
    /// in the store): their acknowledgements go.
    Recorded(Vec<u64>),
    /// The consents changed (given, narrowed, revoked): the body is sent again at once.
    Consents(Vec<Consent>),
    /// The shopper's measurements changed: the body (as the consent allows) is sent again at
    /// once.
    Measurements(Measurements),
    /// The outfit worn: (retailer, SKU, size) per garment.
    Outfit(Vec<(String, String, String)>),
    /// Issue a new one-time code (the old one is void).
    NewCode,
    /// End the session (the endpoint keeps listening for a new one).
    End(String),
    /// Drop the connection as a network failure would (the stylist reconnects).
    Sever,
    /// Close everything and stop the thread.
    Shutdown,
}

/// What the shopper's side reports.
#[derive(Debug)]
pub enum HostNotice {
    /// Listening: the ticket to hand over and the one-time code to read out.
    Ready {
        /// The ticket.
        ticket: Ticket,
        /// The code.
        code: String,
    },
    /// A new code was issued.
    Code(String),
    /// A stylist proved the code: their key, to store with their name.
    Paired(Paired),
    /// A stylist is in session (first time or again after a dropped connection).
    Joined {
        /// Their name (the consent's).
        name: String,
        /// Their key.
        key: [u8; 32],
        /// Whether they came back to a session in progress.
        resumed: bool,
    },
    /// What happened in the session.
    Event(Event),
    /// The stylist acknowledged what the shopper sent with this id.
    Acknowledged(u64),
    /// The shopper sent a decision or chat with this id.
    Sent(u64),
    /// A decision or chat to keep until the stylist with this key acknowledges it (in the
    /// store: `Store::keep_outgoing`).
    Keep {
        /// The stylist's key.
        stylist: [u8; 32],
        /// The message.
        message: Message,
    },
    /// A joiner was refused before any session message (`short_key`: their key's start).
    Refused {
        /// The joiner's key, short.
        key: String,
        /// Why.
        why: Why,
        /// What was wrong, in words (for the log).
        reason: String,
    },
    /// The connection dropped; the stylist may reconnect.
    Dropped(String),
    /// The session ended (by either side).
    Ended {
        /// Whether the stylist ended it.
        by_stylist: bool,
        /// Why.
        reason: String,
    },
    /// The endpoint failed or was shut down; nothing more comes.
    Closed(String),
}

/// The running shopper's side.
pub type HostService = Side<HostCommand, HostNotice>;

impl Shutdown for HostCommand {
    fn shutdown() -> HostCommand {
        HostCommand::Shutdown
    }
}

impl Side<HostCommand, HostNotice> {
    /// Starts listening on a thread of its own; the first notice is [`HostNotice::Ready`] or
    /// [`HostNotice::Closed`].
    pub fn start(config: HostConfig) -> std::io::Result<HostService> {
        HostService::start_waking(config, None)
    }

    /// Starts as [`HostService::start`] does; `wake` is called after each notice (the app's
    /// event loop sleeps until then).
    pub fn start_waking(config: HostConfig, wake: Wake) -> std::io::Result<HostService> {
        Side::spawn(
            "anprobe-session-host",
            wake,
            |commands, notices| async move {
                if let Err(e) = serve(config, commands, notices.clone()).await {
                    let _ = notices.send(HostNotice::Closed(e.to_string()));
                }
            },
        )
    }
}

/// What the accepting tasks and the session loop share.
struct Gate {
    pairing: Option<Pairing>,
    paired: HashMap<[u8; 32], String>,
    /// The stylist whose session is in progress, if any.
    live: Option<[u8; 32]>,
    invited: String,
    /// This endpoint's own key.
    own: [u8; 32],
}

/// An admitted connection, handed to the session loop.
struct Admitted {
    conn: Connection,
    send: SendStream,
    recv: RecvStream,
    key: [u8; 32],
    name: String,
}

fn now_s() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

async fn serve(
    config: HostConfig,
    mut commands: UnboundedReceiver<HostCommand>,
    notices: Outlet<HostNotice>,
) -> Result<(), LinkError> {
    let endpoint = link::bind(&config.relay, &config.secret, true).await?;
    if config.relay != Relay::Off {
        // The ticket names the relay once one answers; without one, direct addresses only.
        let _ = tokio::time::timeout(std::time::Duration::from_secs(10), endpoint.online()).await;
    }
    let code = new_code();
    let gate = Arc::new(Mutex::new(Gate {
        pairing: Some(Pairing::new(code.clone(), now_s(), config.code_lifetime_s)),
        paired: config
            .paired
            .iter()
            .map(|p| (p.key, p.name.clone()))
            .collect(),
        live: None,
        invited: config.stylist.clone(),
        own: link::public_key(&config.secret),
    }));
    let mut addr = endpoint.addr();
    if config.relay == Relay::Off {
        // Without a relay the ticket also names this machine's loopback address, so that a
        // stylist's Anprobe on the same machine (or a machine with no other interface) reaches it.
        for bound in endpoint.bound_sockets() {
            let port = bound.port();
            let loopback: std::net::SocketAddr = if bound.is_ipv4() {
                (std::net::Ipv4Addr::LOCALHOST, port).into()
            } else {
                (std::net::Ipv6Addr::LOCALHOST, port).into()
            };
            addr.addrs.insert(iroh::TransportAddr::Ip(loopback));
        }
    }
    let ticket = Ticket { addr };
    let _ = notices.send(HostNotice::Ready { ticket, code });

    let (admitted_tx, mut admitted_rx) = unbounded_channel::<Admitted>();
    let accepting = tokio::spawn(accept_loop(
        endpoint.clone(),
        gate.clone(),
        admitted_tx,
        notices.clone(),
    ));

    let mut session = Session {
        config,
        gate,
        notices,
        host: None,
        link: None,
        outfit: None,
    };
    loop {
        let frame = async {
            match &mut session.link {
                Some(link) => link.frames.recv().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            command = commands.recv() => match command {
                None | Some(HostCommand::Shutdown) => break,
                Some(command) => session.command(command).await,
            },
            Some(admitted) = admitted_rx.recv() => session.admit(admitted).await,
            Some(frame) = frame => session.frame(frame).await,
        }
    }
    accepting.abort();
    if let Some(link) = session.link.take() {
        link.conn
            .close(VarInt::from_u32(0), b"the shopper closed Anprobe");
    }
    endpoint.close().await;
    let _ = session.notices.send(HostNotice::Closed("shut down".into()));
    Ok(())
}

/// Takes connections, runs their opening and hands the admitted ones on.
async fn accept_loop(
    endpoint: Endpoint,
    gate: Arc<Mutex<Gate>>,
    admitted: UnboundedSender<Admitted>,
    notices: Outlet<HostNotice>,
) {
    while let Some(incoming) = endpoint.accept().await {
        let (gate, admitted, notices) = (gate.clone(), admitted.clone(), notices.clone());
        tokio::spawn(async move {
            let Ok(Ok(conn)) = tokio::time::timeout(link::OPENING_TIMEOUT, incoming).await else {
                return;
            };
            let key = *conn.remote_id().as_bytes();
            match opening(&conn, key, &gate, &notices).await {
                Ok(Some(mut a)) => {
                    a.name = gate
                        .lock()
                        .map(|g| g.paired[&key].clone())
                        .unwrap_or_default();
                    let _ = admitted.send(a);
                }
                Ok(None) => {}
                Err(e) => {
                    let _ = notices.send(HostNotice::Refused {
                        key: link::short_key(&key),
                        why: Why::Protocol,
                        reason: e.to_string(),
                    });
                    conn.close(VarInt::from_u32(2), e.to_string().as_bytes());
                }
            }
        });
    }
}

/// Runs one connection's opening: `Some` when the stylist is admitted.
async fn opening(
    conn: &Connection,
    key: [u8; 32],
    gate: &Mutex<Gate>,
    notices: &Outlet<HostNotice>,
) -> Result<Option<Admitted>, LinkError> {
    let (mut send, mut recv) = tokio::time::timeout(link::OPENING_TIMEOUT, conn.accept_bi())
        .await
        .map_err(|_| LinkError::Timeout)?
        .map_err(|e| LinkError::Lost(e.to_string()))?;
    let refuse = |why: Why| {
        let Opening::Refused { reason, .. } = Opening::refused(why) else {
            unreachable!("refused() makes a refusal")
        };
        let _ = notices.send(HostNotice::Refused {
            key: link::short_key(&key),
            why,
            reason,
        });
        why
    };
    let first = read_opening(&mut recv).await?;
    let verdict: Result<(), Why> = match first {
        Opening::Resume => {
            let g = gate.lock().expect("the gate is never poisoned");
            if !g.paired.contains_key(&key) {
                Err(Why::Unknown)
            } else if g.live.is_some_and(|live| live != key) {
                Err(Why::Busy)
            } else {
                Ok(())
            }
        }
        Opening::Pair { pake } => {
            let code = {
                let mut g = gate.lock().expect("the gate is never poisoned");
                if g.live.is_some_and(|live| live != key) {
                    Err(Refusal::Busy)
                } else {
                    g.pairing
                        .as_mut()
                        .ok_or(Refusal::Used)
                        .and_then(|p| p.spend(now_s()))
                }
            };
            match code {
                Err(refusal) => Err(refusal.into()),
                Ok(code) => {
                    let own = gate.lock().expect("the gate is never poisoned").own;
                    pair(&mut send, &mut recv, &code, key, own, pake).await?
                }
            }
        }
        _ => Err(Why::Protocol),
    };
    match verdict {
        Ok(()) => {
            {
                let mut g = gate.lock().expect("the gate is never poisoned");
                if !g.paired.contains_key(&key) {
                    let name = g.invited.clone();
                    g.paired.insert(key, name.clone());
                    let _ = notices.send(HostNotice::Paired(Paired { key, name }));
                }
                g.live = Some(key);
            }
            write_frames(&mut send, &[Opening::Welcome.encode()]).await?;
            Ok(Some(Admitted {
                conn: conn.clone(),
                send,
                recv,
                key,
                name: String::new(),
            }))
        }
        Err(why) => {
            let why = refuse(why);
            let _ = write_frames(&mut send, &[Opening::refused(why).encode()]).await;
            let _ = send.finish();
            // Give the refusal time to arrive before the connection closes.
            let _ = tokio::time::timeout(std::time::Duration::from_secs(2), conn.closed()).await;
            conn.close(VarInt::from_u32(1), b"refused");
            Ok(None)
        }
    }
}

/// The SPAKE2 exchange with a joiner proving `code`: `Ok(Ok(()))` when both proofs hold.
async fn pair(
    send: &mut SendStream,
    recv: &mut RecvStream,
    code: &str,
    stylist: [u8; 32],
    shopper: [u8; 32],
    their_pake: Vec<u8>,
) -> Result<Result<(), Why>, LinkError> {
    let (pake, ours) = Pake::start(Role::Shopper, code, stylist, shopper);
    let Ok(agreed) = pake.finish(&their_pake) else {
        return Ok(Err(Why::WrongCode));
    };
    let challenge = Opening::Challenge {
        pake: ours,
        proof: agreed.proof(),
    };
    write_frames(send, &[challenge.encode()]).await?;
    match read_opening(recv).await {
        Ok(Opening::Confirm { proof }) if agreed.check(&proof).is_ok() => Ok(Ok(())),
        // A wrong proof, or the stylist's side found the shopper's proof wrong and left.
        Ok(_) | Err(LinkError::Lost(_)) | Err(LinkError::Frame(_)) => Ok(Err(Why::WrongCode)),
        Err(e) => Err(e),
    }
}

/// The session in progress, on the loop's side.
struct Session {
    config: HostConfig,
    gate: Arc<Mutex<Gate>>,
    notices: Outlet<HostNotice>,
    host: Option<(Host, [u8; 32], String)>,
    link: Option<Live>,
    outfit: Option<Vec<(String, String, String)>>,
}

struct Live {
    conn: Connection,
    send: SendStream,
    frames: UnboundedReceiver<Result<Vec<u8>, LinkError>>,
}

impl Session {
    fn consent_of(&self, name: &str) -> Option<Consent> {
        self.config
            .consents
            .iter()
            .find(|c| c.counterpart.eq_ignore_ascii_case(name))
            .cloned()
    }

    fn notice(&self, notice: HostNotice) {
        let _ = self.notices.send(notice);
    }

    /// A message with an id the shopper sends: to keep until acknowledged, and its id noticed.
    fn kept(&self, message: &Message) {
        let Some(((_, stylist, _), id)) = self.host.as_ref().zip(message.id()) else {
            return;
        };
        self.notice(HostNotice::Keep {
            stylist: *stylist,
            message: message.clone(),
        });
        self.notice(HostNotice::Sent(id));
    }

    /// A stylist admitted: a new session, or the one in progress resumed on a new connection.
    async fn admit(&mut self, a: Admitted) {
        if let Some(old) = self.link.take() {
            old.conn
                .close(VarInt::from_u32(0), b"replaced by a new connection");
        }
        let resumed = matches!(&self.host, Some((_, key, _)) if *key == a.key);
        if resumed {
            if let Some((host, ..)) = &mut self.host {
                host.reconnected();
            }
        } else {
            let consent = self.consent_of(&a.name);
            let pending = self
                .config
                .pending
                .iter()
                .position(|(key, _)| *key == a.key)
                .map(|i| self.config.pending.remove(i).1)
                .unwrap_or_default();
            let applied = self
                .config
                .applied
                .iter()
                .find(|(key, _)| *key == a.key)
                .map(|(_, ids)| ids.clone())
                .unwrap_or_default();
            let host = Host::new(
                &self.config.shopper,
                self.config.measurements.clone(),
                consent,
                self.config.next_id,
            )
            .with_pending(pending)
            .with_applied(applied)
            .with_decisions(&self.decisions_for(&a.key));
            self.host = Some((host, a.key, a.name.clone()));
        }
        let (tx, frames) = unbounded_channel();
        tokio::spawn(forward_frames(a.recv, tx, true));
        self.link = Some(Live {
            conn: a.conn,
            send: a.send,
            frames,
        });
        self.notice(HostNotice::Joined {
            name: a.name,
            key: a.key,
            resumed,
        });
    }

    /// The decisions taken after earlier sessions on the proposals of the stylist `key`.
    fn decisions_for(&self, key: &[u8; 32]) -> Vec<DecisionToTell> {
        self.config
            .to_tell
            .iter()
            .filter(|d| d.peer == *key)
            .cloned()
            .collect()
    }

    /// What the stylist may see changed (`change` returns the new body): sent at once while
    /// the stylist is in session.
    async fn body_changed(&mut self, change: impl FnOnce(&mut Host) -> Message) {
        let body = self
            .host
            .as_mut()
            .map(|(host, ..)| (change(host), host.is_live()));
        if let Some((body, true)) = body {
            self.send(&[body]).await;
        }
    }

    /// Sends `messages` on the live connection, if any; a failed write drops it.
    async fn send(&mut self, messages: &[super::protocol::Message]) {
        let Some(link) = &mut self.link else {
            return;
        };
        if let Err(e) = write_frames(&mut link.send, &encode_all(messages)).await {
            self.drop_link(&e.to_string(), 3);
        }
    }

    fn drop_link(&mut self, reason: &str, code: u32) {
        if let Some(link) = self.link.take() {
            link.conn.close(VarInt::from_u32(code), reason.as_bytes());
            self.notice(HostNotice::Dropped(reason.to_string()));
        }
    }

    /// The session is over: the connection finishes once what was written arrived.
    fn finish(&mut self, by_stylist: bool, reason: String) {
        if let Some((host, key, _)) = &self.host {
            self.config.next_id = host.next_id();
            // A copy the stylist sends again in a later session is not applied again.
            let ids = host.applied().collect();
            self.config.applied.retain(|(k, _)| k != key);
            self.config.applied.push((*key, ids));
        }
        self.host = None;
        if let Some(mut link) = self.link.take() {
            let _ = link.send.finish();
            tokio::spawn(async move {
                let wait = std::time::Duration::from_secs(5);
                let _ = tokio::time::timeout(wait, link.conn.closed()).await;
                link.conn.close(VarInt::from_u32(0), b"the session ended");
            });
        }
        if let Ok(mut g) = self.gate.lock() {
            g.live = None;
        }
        self.notice(HostNotice::Ended { by_stylist, reason });
    }

    /// A frame (or the end of the connection) from the stylist.
    async fn frame(&mut self, frame: Result<Vec<u8>, LinkError>) {
        let Some((host, ..)) = &mut self.host else {
            return;
        };
        let replies = frame.and_then(|body| host.receive(&body).map_err(LinkError::from));
        let events = host.take_events();
        let ended = host.is_ended();
        match replies {
            Ok(replies) => {
                let mut joined = false;
                for event in events {
                    match event {
                        Event::Joined { .. } => joined = true,
                        Event::Acknowledged { id } => self.notice(HostNotice::Acknowledged(id)),
                        Event::Noted { proposal } => {
                            if let Some((_, key, _)) = &self.host {
                                let key = *key;
                                self.config.to_tell.retain(|d| {
                                    !(d.peer == key && d.decision.proposal == proposal)
                                });
                            }
                            self.notice(HostNotice::Event(Event::Noted { proposal }));
                        }
                        Event::Ended { reason } if ended => {
                            self.finish(true, reason);
                            return;
                        }
                        other => self.notice(HostNotice::Event(other)),
                    }
                }
                for reply in replies.iter().filter(|m| m.id().is_some()) {
                    self.kept(reply);
                }
                self.send(&replies).await;
                if joined && let Some(worn) = self.outfit.clone() {
                    self.send(&[super::protocol::Message::Outfit { worn }])
                        .await;
                }
            }
            Err(e) => self.drop_link(&e.to_string(), 3),
        }
    }

    async fn command(&mut self, command: HostCommand) {
        match command {
            HostCommand::Decide { proposal, accepted } => {
                if let Some((host, ..)) = &mut self.host {
                    let message = host.decide(proposal, accepted);
                    self.kept(&message);
                    self.send(&[message]).await;
                }
            }
            HostCommand::Say(text) => {
                if let Some((host, ..)) = &mut self.host {
                    let message = host.say(&text);
                    self.kept(&message);
                    self.send(&[message]).await;
                }
            }
            HostCommand::Tell(decision) => {
                self.config.to_tell.retain(|d| {
                    !(d.peer == decision.peer && d.decision.proposal == decision.decision.proposal)
                });
                self.config.to_tell.push(decision.clone());
                let now = match &mut self.host {
                    Some((host, key, _)) if *key == decision.peer => host.tell(&decision),
                    _ => None,
                };
                if let Some(message) = now {
                    self.send(&[message]).await;
                }
            }
            HostCommand::Recorded(ids) => {
                let Some((host, ..)) = &mut self.host else {
                    return;
                };
                let acks: Vec<Message> =
                    ids.into_iter().filter_map(|id| host.recorded(id)).collect();
                if host.is_live() {
                    self.send(&acks).await;
                }
            }
            HostCommand::Consents(consents) => {
                self.config.consents = consents;
                let name = self.host.as_ref().map(|(_, _, name)| name.clone());
                let consent = name.and_then(|name| self.consent_of(&name));
                self.body_changed(|host| host.consent_changed(consent))
                    .await;
            }
            HostCommand::Measurements(measurements) => {
                self.config.measurements = measurements.clone();
                self.body_changed(|host| host.measurements_changed(measurements))
                    .await;
            }
            HostCommand::Outfit(worn) => {
                self.outfit = Some(worn.clone());
                if self.host.as_ref().is_some_and(|(h, ..)| h.is_live()) {
                    self.send(&[super::protocol::Message::Outfit { worn }])
                        .await;
                }
            }
            HostCommand::NewCode => {
                let code = new_code();
                if let Ok(mut g) = self.gate.lock() {
                    g.pairing = Some(Pairing::new(
                        code.clone(),
                        now_s(),
                        self.config.code_lifetime_s,
                    ));
                }
                self.notice(HostNotice::Code(code));
            }
            HostCommand::End(reason) => {
                if let Some((host, ..)) = &mut self.host {
                    let message = host.end(&reason);
                    self.send(&[message]).await;
                    self.finish(false, reason);
                }
            }
            HostCommand::Sever => self.drop_link("severed", 4),
            HostCommand::Shutdown => {}
        }
    }
}

/// A code's lifetime when none is configured.
pub const DEFAULT_CODE_LIFETIME_S: u64 = LIFETIME_S;

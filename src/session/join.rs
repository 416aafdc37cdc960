//! The stylist's side on the network: connects to the shopper's endpoint named by a ticket
//! (the connection proves that key), pairs with the one-time code (`pake`) or resumes when paired
//! before, then runs the session (`guest::Guest`) on its own thread. A dropped connection is
//! reopened (resume, no code) and what the shopper has not acknowledged is sent again; the
//! caller — the app or `anprobe session join` — sends [`GuestCommand`]s and polls
//! [`GuestNotice`]s without waiting on the network.

use super::guest::{Guest, GuestEvent};
use super::link::{
    self, LinkError, Outlet, Relay, Wake, forward_frames, read_opening, write_frames,
};
use super::link::{Shutdown, Side};
use super::opening::{Opening, Why};
use super::pake::{Pake, PakeError, Role};
use super::protocol::{Message, View};
use super::ticket::Ticket;
use iroh::Endpoint;
use iroh::endpoint::{Connection, RecvStream, SendStream, VarInt};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

/// What the stylist's side starts with.
#[derive(Debug, Clone)]
pub struct JoinConfig {
    /// Which relay to use.
    pub relay: Relay,
    /// This machine's endpoint identity (kept in the data folder: the shopper recognises it).
    pub secret: [u8; 32],
    /// Where the shopper is.
    pub ticket: Ticket,
    /// The one-time code; `None` to resume as a stylist paired before.
    pub code: Option<String>,
    /// The stylist's name as the shopper sees it.
    pub name: String,
    /// Ids of what the stylist sends start here.
    pub next_id: u64,
    /// How long to keep trying to reconnect after a dropped connection.
    pub reconnect_for: Duration,
    /// What an earlier run sent this shopper and was not acknowledged (from the store).
    pub pending: super::kept::Pending,
}

/// What the caller asks the stylist's side to do.
#[derive(Debug, Clone)]
pub enum GuestCommand {
    /// Propose a garment file's bytes in a size, with a note.
    Propose {
        /// The .glb file.
        garment: Vec<u8>,
        /// The size.
        size: String,
        /// Why.
        note: String,
    },
    /// A chat message.
    Say(String),
    /// A note pinned on the avatar (metres).
    Pin {
        /// Where.
        at: [f32; 3],
        /// The note.
        text: String,
    },
    /// Ask the shopper's camera to a view.
    Look(View),
    /// End the session.
    End(String),
    /// Drop the connection as a network failure would (it is reopened).
    Sever,
    /// Close everything and stop the thread.
    Shutdown,
}

/// What the stylist's side reports.
#[derive(Debug, Clone, PartialEq)]
pub enum GuestNotice {
    /// Admitted by the shopper (again, after a reconnect: `resumed`).
    Admitted {
        /// Whether this was a reconnect.
        resumed: bool,
    },
    /// A proposal, chat or pin to keep until acknowledged (in the store: `Store::keep_outgoing`),
    /// noticed just before its [`GuestNotice::Queued`].
    Keep {
        /// Its id.
        id: u64,
        /// The message.
        message: Message,
        /// A proposal's garment file.
        garment: Option<Vec<u8>>,
    },
    /// A proposal, chat or pin was given this id (in the order the commands came).
    Queued(u64),
    /// What the shopper's side did.
    Event(GuestEvent),
    /// The shopper refused the stylist before the session (the reason in words).
    Refused {
        /// Why.
        why: Why,
        /// In words.
        reason: String,
    },
    /// The connection dropped; reconnecting.
    Dropped(String),
    /// Over: the session ended, the shopper could not be reached, or shut down.
    Closed(String),
}

/// The running stylist's side.
pub type GuestService = Side<GuestCommand, GuestNotice>;

impl Shutdown for GuestCommand {
    fn shutdown() -> GuestCommand {
        GuestCommand::Shutdown
    }
}

impl Side<GuestCommand, GuestNotice> {
    /// Starts joining on a thread of its own.
    pub fn start(config: JoinConfig) -> std::io::Result<GuestService> {
        GuestService::start_waking(config, None)
    }

    /// Starts as [`GuestService::start`] does; `wake` is called after each notice (the app's
    /// event loop sleeps until then).
    pub fn start_waking(config: JoinConfig, wake: Wake) -> std::io::Result<GuestService> {
        Side::spawn(
            "anprobe-session-join",
            wake,
            |commands, notices| async move {
                let end = join(config, commands, notices.clone()).await;
                let _ = notices.send(GuestNotice::Closed(end));
            },
        )
    }
}

/// How one connection ended.
enum Over {
    /// For good, with this reason.
    Closed(String),
    /// Dropped: reconnect.
    Dropped(String),
}

/// The session, across reconnects; returns why it closed.
async fn join(
    config: JoinConfig,
    mut commands: UnboundedReceiver<GuestCommand>,
    notices: Outlet<GuestNotice>,
) -> String {
    let endpoint = match link::bind(&config.relay, &config.secret, false).await {
        Ok(endpoint) => endpoint,
        Err(e) => return e.to_string(),
    };
    let mut guest = Guest::new(&config.name, config.next_id).with_pending(config.pending.clone());
    let mut code = config.code.clone();
    let mut resumed = false;
    let mut dropped_at: Option<Instant> = None;
    let reason = 'session: loop {
        // Opening (or waiting to retry): a proposal, chat or note asked for meanwhile goes to
        // the outbox (sent on connecting, kept by the caller until acknowledged); "look" has
        // no meaning without the shopper; ending or shutting down stops here.
        let opened = {
            let attempt = open(&endpoint, &config, code.take());
            let mut attempt = std::pin::pin!(attempt);
            loop {
                tokio::select! {
                    opened = &mut attempt => break opened,
                    command = commands.recv() => match command {
                        None | Some(GuestCommand::Shutdown) => break 'session "shut down".to_string(),
                        Some(GuestCommand::End(_)) => {
                            break 'session "the stylist ended the session".to_string()
                        }
                        Some(GuestCommand::Look(_) | GuestCommand::Sever) => {}
                        Some(command) => {
                            queue(&mut guest, command, &notices);
                        }
                    },
                }
            }
        };
        let (conn, send, recv) = match opened {
            Ok(Ok(open)) => open,
            Ok(Err((why, reason))) => {
                let _ = notices.send(GuestNotice::Refused {
                    why,
                    reason: reason.clone(),
                });
                break reason;
            }
            Err(e) => match dropped_at {
                Some(at) if at.elapsed() < config.reconnect_for => {
                    tokio::time::sleep(Duration::from_millis(300)).await;
                    continue;
                }
                _ => break e.to_string(),
            },
        };
        let _ = notices.send(GuestNotice::Admitted { resumed });
        resumed = true;
        let over = run(&mut guest, conn, send, recv, &mut commands, &notices).await;
        match over {
            Over::Closed(reason) => break reason,
            Over::Dropped(reason) => {
                let _ = notices.send(GuestNotice::Dropped(reason));
                dropped_at = Some(Instant::now());
            }
        }
    };
    endpoint.close().await;
    reason
}

type Opened = (Connection, SendStream, RecvStream);

/// Connects and runs the opening: the connection, or the shopper's refusal.
async fn open(
    endpoint: &Endpoint,
    config: &JoinConfig,
    code: Option<String>,
) -> Result<Result<Opened, (Why, String)>, LinkError> {
    let connect = endpoint.connect(config.ticket.addr.clone(), link::ALPN);
    let conn = tokio::time::timeout(link::OPENING_TIMEOUT, connect)
        .await
        .map_err(|_| LinkError::Connect("no answer in time".into()))?
        .map_err(|e| LinkError::Connect(e.to_string()))?;
    let (mut send, mut recv) = conn
        .open_bi()
        .await
        .map_err(|e| LinkError::Lost(e.to_string()))?;
    match code {
        None => write_frames(&mut send, &[Opening::Resume.encode()]).await?,
        Some(code) => {
            let stylist = link::public_key(&config.secret);
            let shopper = *config.ticket.addr.id.as_bytes();
            let (pake, ours) = Pake::start(Role::Stylist, &code, stylist, shopper);
            write_frames(&mut send, &[Opening::Pair { pake: ours }.encode()]).await?;
            match read_opening(&mut recv).await? {
                Opening::Challenge {
                    pake: theirs,
                    proof,
                } => {
                    let checked = pake.finish(&theirs).and_then(|agreed| {
                        agreed.check(&proof)?;
                        Ok(agreed.proof())
                    });
                    match checked {
                        Ok(ours) => {
                            write_frames(&mut send, &[Opening::Confirm { proof: ours }.encode()])
                                .await?
                        }
                        Err(PakeError::Mismatch | PakeError::Malformed) => {
                            conn.close(VarInt::from_u32(1), b"the code does not match");
                            let Opening::Refused { reason, .. } = Opening::refused(Why::WrongCode)
                            else {
                                unreachable!("refused() makes a refusal")
                            };
                            return Ok(Err((Why::WrongCode, reason)));
                        }
                    }
                }
                Opening::Refused { reason, refusal } => return Ok(Err((refusal, reason))),
                _ => {
                    return Ok(Err((
                        Why::Protocol,
                        "the shopper's side broke the protocol".into(),
                    )));
                }
            }
        }
    }
    match read_opening(&mut recv).await? {
        Opening::Welcome => Ok(Ok((conn, send, recv))),
        Opening::Refused { reason, refusal } => Ok(Err((refusal, reason))),
        _ => Ok(Err((
            Why::Protocol,
            "the shopper's side broke the protocol".into(),
        ))),
    }
}

/// One connection's life.
async fn run(
    guest: &mut Guest,
    conn: Connection,
    mut send: SendStream,
    recv: RecvStream,
    commands: &mut UnboundedReceiver<GuestCommand>,
    notices: &Outlet<GuestNotice>,
) -> Over {
    let (tx, mut frames) = unbounded_channel();
    tokio::spawn(forward_frames(recv, tx, false));
    if let Err(e) = write_frames(&mut send, &guest.connected()).await {
        return Over::Dropped(e.to_string());
    }
    loop {
        let outgoing = tokio::select! {
            command = commands.recv() => match command {
                None | Some(GuestCommand::Shutdown) => {
                    conn.close(VarInt::from_u32(0), b"the stylist closed Anprobe");
                    return Over::Closed("shut down".into());
                }
                Some(GuestCommand::Sever) => {
                    conn.close(VarInt::from_u32(4), b"severed");
                    return Over::Dropped("severed".into());
                }
                Some(GuestCommand::End(reason)) => {
                    let frame = guest.end(&reason);
                    let _ = write_frames(&mut send, &[frame]).await;
                    let _ = send.finish();
                    let _ = tokio::time::timeout(Duration::from_secs(5), conn.closed()).await;
                    conn.close(VarInt::from_u32(0), b"the session ended");
                    return Over::Closed("the stylist ended the session".into());
                }
                Some(command) => queue(guest, command, notices),
            },
            frame = frames.recv() => {
                let replies = match frame {
                    Some(Ok(body)) => guest.receive(&body).map_err(LinkError::from),
                    Some(Err(e)) => Err(e),
                    None => Err(LinkError::Lost("the stream ended".into())),
                };
                for event in guest.take_events() {
                    let _ = notices.send(GuestNotice::Event(event));
                }
                match replies {
                    Ok(replies) => replies,
                    Err(e) if guest.is_ended() => return Over::Closed(e.to_string()),
                    Err(e) => {
                        conn.close(VarInt::from_u32(3), e.to_string().as_bytes());
                        return Over::Dropped(e.to_string());
                    }
                }
            }
        };
        if let Err(e) = write_frames(&mut send, &outgoing).await {
            return Over::Dropped(e.to_string());
        }
        if guest.is_ended() {
            let _ = send.finish();
            let _ = tokio::time::timeout(Duration::from_secs(2), conn.closed()).await;
            return Over::Closed("the shopper ended the session".into());
        }
    }
}

/// A command's frames (its id noticed).
fn queue(guest: &mut Guest, command: GuestCommand, notices: &Outlet<GuestNotice>) -> Vec<Vec<u8>> {
    let kept = match &command {
        GuestCommand::Propose { garment, .. } => Some(garment.clone()),
        _ => None,
    };
    let (id, frames) = match command {
        GuestCommand::Propose {
            garment,
            size,
            note,
        } => guest.propose(garment, &size, &note),
        GuestCommand::Say(text) => {
            let (id, frame) = guest.say(&text);
            (id, vec![frame])
        }
        GuestCommand::Pin { at, text } => {
            let (id, frame) = guest.pin(at, &text);
            (id, vec![frame])
        }
        GuestCommand::Look(view) => return vec![guest.look(view)],
        GuestCommand::End(_) | GuestCommand::Sever | GuestCommand::Shutdown => return Vec::new(),
    };
    if let Some(message) = frames
        .first()
        .and_then(|f| super::protocol::decode(&f[4..]).ok())
    {
        let _ = notices.send(GuestNotice::Keep {
            id,
            message,
            garment: kept,
        });
    }
    let _ = notices.send(GuestNotice::Queued(id));
    frames
}

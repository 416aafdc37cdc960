//! A stylist session in the app, either side: the shopper invites (the session's network side
//! runs on its own thread, `session::serve`), sees each proposal tried on at once and decides;
//! the stylist joins with ticket and code (`session::join`), sees the shopper's avatar built
//! from the shared measurements (the rest predicted) and the outfit, proposes garments from
//! their catalog, chats, points the camera and pins notes. The network never blocks a frame:
//! its notices wake the event loop and are read here once per frame. What happened is written to
//! the shopper's timeline under that stylist when the session ends.

use crate::app::scene::camera::ViewPreset;
use crate::app::state::body::ShopperBody;
use crate::app::state::garment_import::GarmentImported;
use crate::app::state::open_proposals::put_on_in_catalog;
use crate::app::state::profiles::Profiles;
use crate::app::state::store::ShopperStore;
use crate::app::state::tryon::{Catalog, CatalogAction, TryOn};
use crate::app::state::waker::Waker;
use crate::measurements::{Form, Key, Measurements};
pub use crate::session::client_record::{ChatLine, Sent};
use crate::session::client_record::{RecordKeeper, client_contact, client_name, record_heard};
use crate::session::guest::GuestEvent;
use crate::session::host::Event;
use crate::session::join::{GuestCommand, GuestNotice, GuestService, JoinConfig};
use crate::session::link::Relay;
use crate::session::pin::{self, Facing, Spot};
use crate::session::protocol::View;
use crate::session::record::{Outcome, SessionLog};
use crate::session::serve::{
    DEFAULT_CODE_LIFETIME_S, HostCommand, HostConfig, HostNotice, HostService, Paired,
};
use crate::session::ticket::Ticket;
use crate::session::{identity, kept};
use crate::store::{Consent, Contact, CounterpartKind, DecisionToTell, SessionSide, date};
use bevy::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<StylistSession>()
        .init_resource::<SessionOutcome>()
        .add_message::<SessionAction>()
        // Registered by their own plugins too; here so this one also runs headless alone.
        .add_message::<ViewPreset>()
        .add_message::<GarmentImported>()
        .add_message::<CatalogAction>()
        .add_systems(
            Update,
            (apply_session_actions, poll_session)
                .chain()
                .in_set(crate::app::AppSystems::Actions),
        );
}

/// A stature the stylist's side assumes when the shopper did not share one: the survey's mean
/// for the form (ANSUR II, 2012: women 162.9 cm, men 175.6 cm), shown as assumed.
pub fn assumed_stature(form: Form) -> f64 {
    match form {
        Form::Female => 162.9,
        Form::Male => 175.6,
    }
}

/// A note pinned on the avatar.
#[derive(Clone, Debug, PartialEq)]
pub struct PinnedNote {
    /// Where, in the avatar's coordinates, as sent (on the stylist's avatar).
    pub at: Vec3,
    /// Its text.
    pub text: String,
}

/// The shopper's side of a session in the app.
pub struct Hosting {
    service: HostService,
    /// The ticket to hand over (empty until the endpoint is up).
    pub ticket: String,
    /// The one-time code.
    pub code: String,
    /// The stylist invited.
    pub stylist: String,
    /// Whether the stylist is in session now.
    pub connected: bool,
    /// What happened (proposals and their outcome, chat, notes).
    pub record: SessionLog,
    /// The record as last written to the timeline, and its contact's id (written as the session
    /// goes: a session cut off is on the timeline as far as it went).
    saved: (SessionLog, Option<i64>),
    /// The chat, both sides.
    pub chat: Vec<ChatLine>,
    /// The notes the stylist pinned.
    pub pins: Vec<PinnedNote>,
    /// The largest id sent, to keep the store's counter ahead.
    next_id: u64,
    /// Proposed garments waiting to appear in the catalog to be put on: (SKU, size).
    to_try: Vec<(String, String)>,
    /// The store's revision whose consents were last sent.
    consents_seen: u64,
    /// The outfit's revision last sent (`None`: not yet).
    outfit_seen: Option<u64>,
    /// The stylist in session, by key.
    stylist_key: Option<[u8; 32]>,
    /// The profile shared (the one shown when the session began) and its measurements as last
    /// sent.
    profile: String,
    measurements_sent: Measurements,
}

impl Hosting {
    /// A decision the shopper took on one of a stylist's earlier proposals: told to that
    /// stylist now if they are in session, else at their next session (it is in the store).
    pub fn tell(&self, decision: DecisionToTell) {
        self.service.send(HostCommand::Tell(decision));
    }
}

/// The stylist's side of a session in the app.
pub struct Joined {
    service: GuestService,
    /// The shopper's name, once they said hello.
    pub shopper: String,
    /// Whether the shopper admitted this stylist and the connection is up.
    pub connected: bool,
    /// The measurements shared (consented keys only).
    pub shared: Option<(Form, BTreeMap<Key, f64>)>,
    /// The shopper's outfit: (retailer, SKU, size).
    pub outfit: Vec<(String, String, String)>,
    /// What the stylist proposed.
    pub sent: Vec<Sent>,
    /// The chat, both sides.
    pub chat: Vec<ChatLine>,
    /// The notes pinned.
    pub pins: Vec<PinnedNote>,
    /// A note waiting for the stylist's click on the avatar to be pinned there.
    pub armed: Option<String>,
    /// The stylist's records of earlier sessions with this client, newest first (read when the
    /// shopper's side says its name).
    pub earlier: Vec<Contact>,
    next_id: u64,
    /// The shopper's key (what is kept until acknowledged is kept under it).
    peer: [u8; 32],
    /// The stylist's own record of the session on their timeline, and whether it changed since
    /// it was written.
    record: RecordKeeper,
    unrecorded: bool,
}

/// Where the app stands with stylist sessions.
#[derive(Resource, Default)]
pub enum StylistSession {
    /// No session.
    #[default]
    Idle,
    /// Hosting as the shopper.
    Hosting(Box<Hosting>),
    /// Joined as a stylist.
    Joined(Box<Joined>),
}

impl StylistSession {
    /// The notes pinned on the avatar in the session now (none without one).
    pub fn pins(&self) -> &[PinnedNote] {
        match self {
            StylistSession::Idle => &[],
            StylistSession::Hosting(h) => &h.pins,
            StylistSession::Joined(j) => &j.pins,
        }
    }
}

/// What the last session left to say (shown in the tab until the next one).
#[derive(Resource, Default, Clone, Debug, PartialEq, Eq)]
pub struct SessionOutcome(pub Option<String>);

/// What the tab asks for.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum SessionAction {
    /// Invite the stylist with this name (their consent decides what they see).
    Invite {
        /// The stylist.
        stylist: String,
        /// The relay.
        relay: Relay,
    },
    /// Join a shopper's session.
    Join {
        /// The ticket.
        ticket: String,
        /// The one-time code (empty: come back as a stylist paired before).
        code: String,
        /// The stylist's name.
        name: String,
        /// The relay.
        relay: Relay,
    },
    /// The shopper's decision on a proposal.
    Decide {
        /// The proposal.
        proposal: u64,
        /// Accepted or rejected.
        accepted: bool,
    },
    /// A chat message.
    Say(String),
    /// The stylist proposes the catalog garment with this SKU in a size.
    Propose {
        /// The SKU.
        sku: String,
        /// The size.
        size: String,
        /// Why.
        note: String,
    },
    /// The stylist asks the shopper's camera to a view.
    Look(View),
    /// The stylist pins a note on the avatar.
    Pin {
        /// The note.
        text: String,
        /// Where.
        spot: Spot,
        /// On which side of the body.
        facing: Facing,
    },
    /// The stylist pins a note where the camera's ray through a click meets their avatar.
    PinAt {
        /// The note.
        text: String,
        /// Where, on the stylist's avatar.
        at: Vec3,
    },
    /// The stylist's note waits for a click on the avatar (`Some`), or no longer (`None`).
    ArmPin(Option<String>),
    /// Forget the stylist paired under this name: they must pair with a new code again.
    Forget(String),
    /// The shopper decides on a proposal left open by an earlier session
    /// (`state/open_proposals.rs`).
    DecideOpen {
        /// The stylist's endpoint key.
        peer: [u8; 32],
        /// The proposal's id.
        proposal: u64,
        /// Accepted or rejected.
        accepted: bool,
    },
    /// The shopper tries on a proposal left open by an earlier session, in its proposed size.
    TryOpen {
        /// The stylist's endpoint key.
        peer: [u8; 32],
        /// The proposal's id.
        proposal: u64,
    },
    /// A new one-time code (the shopper).
    NewCode,
    /// End the session.
    End,
}

#[derive(bevy::ecs::system::SystemParam)]
struct SessionWorld<'w> {
    store: ResMut<'w, ShopperStore>,
    profiles: ResMut<'w, Profiles>,
    // Absent in an app without the try-on (headless tests of other parts).
    catalog: Option<Res<'w, Catalog>>,
    tryon: Option<Res<'w, TryOn>>,
    waker: Res<'w, Waker>,
    outcome: ResMut<'w, SessionOutcome>,
    imported: MessageWriter<'w, GarmentImported>,
    catalog_actions: MessageWriter<'w, CatalogAction>,
    views: MessageWriter<'w, ViewPreset>,
    // The avatar shown (where a pinned note goes); absent in headless tests of other parts.
    body: Option<Res<'w, ShopperBody>>,
}

fn wake(waker: &Waker) -> crate::session::link::Wake {
    let waker = waker.clone();
    Some(Arc::new(move || waker.wake()))
}

fn apply_session_actions(
    mut actions: MessageReader<SessionAction>,
    mut session: ResMut<StylistSession>,
    mut world: SessionWorld,
) {
    for action in actions.read() {
        match (action, &mut *session) {
            (SessionAction::Invite { stylist, relay }, StylistSession::Idle) => {
                if let Err(why) = add_to_consents(stylist, &mut world.store) {
                    world.outcome.0 = Some(why);
                    continue;
                }
                match invite(stylist, relay, &world) {
                    Ok(hosting) => {
                        world.outcome.0 = None;
                        *session = StylistSession::Hosting(Box::new(hosting));
                    }
                    Err(why) => world.outcome.0 = Some(why),
                }
            }
            (
                SessionAction::Join {
                    ticket,
                    code,
                    name,
                    relay,
                },
                StylistSession::Idle,
            ) => match join(ticket, code, name, relay, &world) {
                Ok(joined) => {
                    world.outcome.0 = None;
                    *session = StylistSession::Joined(Box::new(joined));
                }
                Err(why) => world.outcome.0 = Some(why),
            },
            (SessionAction::Decide { proposal, accepted }, StylistSession::Hosting(h)) => {
                h.service.send(HostCommand::Decide {
                    proposal: *proposal,
                    accepted: *accepted,
                });
                let stylist = h.record.stylist.clone();
                if let Some(p) = h.record.decided(*proposal, *accepted) {
                    // Accepted: kept on and wished for; rejected: taken off again.
                    world.catalog_actions.write(if *accepted {
                        CatalogAction::AddToWishlist(p.wish(&stylist, &date::today_local()))
                    } else {
                        CatalogAction::TakeOff { sku: p.sku.clone() }
                    });
                }
            }
            (SessionAction::Say(text), StylistSession::Hosting(h)) => {
                h.service.send(HostCommand::Say(text.clone()));
                h.chat.push(ChatLine {
                    mine: true,
                    text: text.clone(),
                });
                h.record.chat.push((false, text.clone()));
            }
            (SessionAction::Say(text), StylistSession::Joined(j)) => {
                j.service.send(GuestCommand::Say(text.clone()));
                j.chat.push(ChatLine {
                    mine: true,
                    text: text.clone(),
                });
                j.unrecorded = true;
            }
            (SessionAction::NewCode, StylistSession::Hosting(h)) => {
                h.service.send(HostCommand::NewCode)
            }
            (SessionAction::Propose { sku, size, note }, StylistSession::Joined(j)) => {
                let Some(entry) = world.catalog.as_ref().and_then(|c| c.find(sku)) else {
                    continue;
                };
                let name = entry.garment.meta().name.clone();
                match std::fs::read(&entry.garment.source) {
                    Ok(garment) => {
                        j.service.send(GuestCommand::Propose {
                            garment,
                            size: size.clone(),
                            note: note.clone(),
                        });
                        j.sent.push(Sent {
                            id: None,
                            name,
                            size: size.clone(),
                            note: note.clone(),
                            arrived: false,
                            outcome: Outcome::Open,
                        });
                        j.unrecorded = true;
                    }
                    Err(e) => {
                        world.outcome.0 = Some(format!("{}: {e}", entry.garment.source));
                    }
                }
            }
            (SessionAction::Look(view), StylistSession::Joined(j)) => {
                j.service.send(GuestCommand::Look(*view))
            }
            (SessionAction::Pin { text, spot, facing }, StylistSession::Joined(j)) => {
                let Some(avatar) = world.body.as_ref().and_then(|b| b.avatar.as_ref()) else {
                    continue;
                };
                pin_note(j, text, pin::point(avatar, *spot, *facing));
            }
            (SessionAction::PinAt { text, at }, StylistSession::Joined(j)) => {
                j.armed = None;
                pin_note(j, text, *at);
            }
            (SessionAction::ArmPin(text), StylistSession::Joined(j)) => j.armed = text.clone(),
            (SessionAction::Forget(name), StylistSession::Idle) => {
                if let Err(e) = world.store.change(|s| s.unpair_stylist(name)) {
                    world.outcome.0 = Some(e.to_string());
                }
            }
            (SessionAction::End, StylistSession::Hosting(h)) => {
                h.service.send(HostCommand::End(String::new()))
            }
            (SessionAction::End, StylistSession::Joined(j)) => {
                j.service.send(GuestCommand::End(String::new()))
            }
            _ => {}
        }
    }
}

/// Sends the stylist's note pinned `at` (on their avatar) and keeps it.
fn pin_note(j: &mut Joined, text: &str, at: Vec3) {
    j.service.send(GuestCommand::Pin {
        at: at.to_array(),
        text: text.to_string(),
    });
    j.pins.push(PinnedNote {
        at,
        text: text.to_string(),
    });
    j.unrecorded = true;
}

fn identity_of(store: &ShopperStore) -> Result<[u8; 32], String> {
    let dir = store
        .read(|s| Ok(s.dir().to_path_buf()))
        .map_err(|e| e.en().to_string())?;
    identity::load_or_create(&dir).map(|(key, _)| key)
}

/// A stylist invited for the first time joins the consent matrix with nothing shared, so the
/// Privacy tab lists them and what they see is chosen there.
fn add_to_consents(stylist: &str, store: &mut ShopperStore) -> Result<(), String> {
    let stylist = stylist.trim();
    if stylist.is_empty() {
        return Ok(());
    }
    let known = store
        .read(|s| s.consent(stylist))
        .map_err(|e| e.en().to_string())?
        .is_some();
    if known {
        return Ok(());
    }
    store
        .change(|s| {
            s.set_consent(&Consent {
                counterpart: stylist.to_string(),
                kind: CounterpartKind::Stylist,
                keys: Vec::new(),
                share_orders: false,
                share_contacts: false,
            })
        })
        .map_err(|e| e.to_string())
}

fn invite(stylist: &str, relay: &Relay, world: &SessionWorld) -> Result<Hosting, String> {
    let stylist = stylist.trim();
    if stylist.is_empty() {
        return Err("name the stylist to invite".into());
    }
    let store = &world.store;
    let consents = store
        .read(|s| s.consents())
        .map_err(|e| e.en().to_string())?
        .into_iter()
        .filter(|c| c.kind == CounterpartKind::Stylist)
        .collect();
    let paired = store
        .read(|s| s.paired_stylists())
        .map_err(|e| e.en().to_string())?
        .into_iter()
        .map(|(key, name)| Paired { key, name })
        .collect();
    let next_id = store
        .read(|s| s.session_next_id(SessionSide::Shopper))
        .map_err(|e| e.en().to_string())?;
    let person = world.profiles.active();
    let service = HostService::start_waking(
        HostConfig {
            relay: relay.clone(),
            secret: identity_of(store)?,
            shopper: person.name.clone(),
            stylist: stylist.to_string(),
            measurements: person.measurements.clone(),
            consents,
            paired,
            code_lifetime_s: DEFAULT_CODE_LIFETIME_S,
            next_id,
            pending: store
                .read(kept::for_shopper)
                .map_err(|e| e.en().to_string())?,
            applied: store
                .read(|s| s.session_applied())
                .map_err(|e| e.en().to_string())?,
            to_tell: store
                .read(|s| s.decisions_to_tell())
                .map_err(|e| e.en().to_string())?,
        },
        wake(&world.waker),
    )
    .map_err(|e| e.to_string())?;
    Ok(Hosting {
        service,
        ticket: String::new(),
        code: String::new(),
        stylist: stylist.to_string(),
        connected: false,
        record: SessionLog::default(),
        saved: (SessionLog::default(), None),
        chat: Vec::new(),
        pins: Vec::new(),
        next_id,
        to_try: Vec::new(),
        consents_seen: store.revision(),
        outfit_seen: None,
        stylist_key: None,
        profile: person.name.clone(),
        measurements_sent: person.measurements.clone(),
    })
}

fn join(
    ticket: &str,
    code: &str,
    name: &str,
    relay: &Relay,
    world: &SessionWorld,
) -> Result<Joined, String> {
    let ticket = Ticket::parse(ticket).map_err(|e| e.to_string())?;
    let next_id = world
        .store
        .read(|s| s.session_next_id(SessionSide::Stylist))
        .map_err(|e| e.en().to_string())?;
    let code = code.trim();
    let peer = *ticket.addr.id.as_bytes();
    let pending = world
        .store
        .read(|s| kept::for_stylist(s, &peer))
        .map_err(|e| e.en().to_string())?;
    let service = GuestService::start_waking(
        JoinConfig {
            relay: relay.clone(),
            secret: identity_of(&world.store)?,
            pending,
            ticket,
            code: (!code.is_empty()).then(|| code.to_string()),
            name: if name.trim().is_empty() {
                "Stylist".into()
            } else {
                name.trim().to_string()
            },
            next_id,
            reconnect_for: Duration::from_secs(60),
        },
        wake(&world.waker),
    )
    .map_err(|e| e.to_string())?;
    Ok(Joined {
        service,
        shopper: String::new(),
        connected: false,
        shared: None,
        outfit: Vec::new(),
        sent: Vec::new(),
        chat: Vec::new(),
        pins: Vec::new(),
        armed: None,
        earlier: Vec::new(),
        next_id,
        peer,
        record: RecordKeeper::default(),
        unrecorded: false,
    })
}

fn poll_session(mut session: ResMut<StylistSession>, mut world: SessionWorld) {
    let over = match &mut *session {
        StylistSession::Idle => return,
        StylistSession::Hosting(h) => poll_host(h, &mut world),
        StylistSession::Joined(j) => {
            let over = poll_guest(j, &mut world);
            save_client_record(j, &mut world);
            over
        }
    };
    if let Some(said) = over {
        world.outcome.0 = Some(said);
        *session = StylistSession::Idle;
    }
}

/// The shopper's side: notices applied; `Some` when the session is over (what to say).
fn poll_host(h: &mut Hosting, world: &mut SessionWorld) -> Option<String> {
    // Proposals whose garment has reached the catalog are put on in the proposed size.
    if put_on_in_catalog(
        &mut h.to_try,
        world.catalog.as_deref(),
        &mut world.catalog_actions,
    ) {
        world.waker.wake_in(Duration::from_millis(50));
    }
    // A consent given, narrowed or revoked in the Privacy tab takes effect at once.
    if world.store.revision() != h.consents_seen {
        h.consents_seen = world.store.revision();
        if let Ok(consents) = world.store.read(|s| s.consents()) {
            let stylists = consents
                .into_iter()
                .filter(|c| c.kind == CounterpartKind::Stylist)
                .collect();
            h.service.send(HostCommand::Consents(stylists));
        }
    }
    // The shopper's measurements, whenever they change (the profile the session began with).
    if let Some(person) = world.profiles.list().iter().find(|p| p.name == h.profile)
        && person.measurements != h.measurements_sent
    {
        h.measurements_sent = person.measurements.clone();
        h.service
            .send(HostCommand::Measurements(h.measurements_sent.clone()));
    }
    // The outfit worn, whenever it changes, so the stylist sees the same.
    if let Some(tryon) = world.tryon.as_deref()
        && h.connected
        && h.outfit_seen != Some(tryon.revision())
    {
        h.outfit_seen = Some(tryon.revision());
        h.service.send(HostCommand::Outfit(outfit(tryon)));
    }
    while let Some(notice) = h.service.try_notice() {
        match notice {
            HostNotice::Ready { ticket, code } => {
                h.ticket = ticket.to_line();
                h.code = code;
            }
            HostNotice::Code(code) => h.code = code,
            HostNotice::Paired(Paired { key, name }) => {
                let _ = world.store.change(|s| s.pair_stylist(&key, &name));
            }
            HostNotice::Joined { name, key, .. } => {
                h.connected = true;
                h.stylist_key = Some(key);
                if h.record.stylist != name {
                    h.record = SessionLog::with(&name, key);
                }
                // The outfit goes (again) below, as on every change.
                h.outfit_seen = None;
            }
            HostNotice::Event(event) => poll_host_event(h, world, event),
            HostNotice::Keep { stylist, message } => {
                let _ = world
                    .store
                    .change(|s| kept::keep(s, SessionSide::Shopper, &stylist, &message, None));
            }
            HostNotice::Acknowledged(id) => {
                if let Some(key) = h.stylist_key {
                    let _ = world
                        .store
                        .change(|s| s.drop_outgoing(SessionSide::Shopper, &key, id));
                }
            }
            HostNotice::Refused { .. } => {}
            HostNotice::Sent(id) => h.next_id = h.next_id.max(id + 1),
            HostNotice::Dropped(_) => h.connected = false,
            HostNotice::Ended { .. } => return Some(finish_host(h, world)),
            HostNotice::Closed(why) => return Some(why),
        }
    }
    if h.record != h.saved.0 {
        save_record(h, world);
    }
    None
}

/// What the stylist sent: into the record, and shown.
fn poll_host_event(h: &mut Hosting, world: &mut SessionWorld, event: Event) {
    h.record.take(&event);
    match event {
        Event::Proposed {
            id, garment, size, ..
        } => {
            h.to_try.push((garment.meta.sku.clone(), size));
            world.imported.write(GarmentImported {
                path: PathBuf::from(format!("{} (proposal {id})", h.record.stylist)),
                garment: Arc::new(*garment),
            });
            world.waker.wake_in(Duration::from_millis(50));
        }
        Event::Chat { text, .. } => h.chat.push(ChatLine { mine: false, text }),
        Event::Pin { at, text, .. } => h.pins.push(PinnedNote {
            at: Vec3::from_array(at),
            text,
        }),
        Event::Look(view) => {
            world.views.write(match view {
                View::Front => ViewPreset::Front,
                View::Side => ViewPreset::Side,
                View::Back => ViewPreset::Back,
            });
        }
        Event::Noted { proposal } => {
            // The stylist has the decision taken after the session: no longer kept to tell.
            if let Some(key) = h.stylist_key {
                let _ = world.store.change(|s| s.decision_told(&key, proposal));
            }
        }
        Event::Refused { .. }
        | Event::Joined { .. }
        | Event::Acknowledged { .. }
        | Event::Ended { .. } => {}
    }
}

/// Writes the session's record to the timeline as it stands; what the stylist sent and it now
/// holds is acknowledged. The store's error, if any.
fn save_record(h: &mut Hosting, world: &mut SessionWorld) -> Option<String> {
    let (record, contact) = (&mut h.record, &mut h.saved.1);
    let written = world
        .store
        .change(|s| record.save(s, contact, &date::today_local()));
    h.saved.0 = h.record.clone();
    match written {
        Ok(ids) => {
            if !ids.is_empty() {
                h.service.send(HostCommand::Recorded(ids));
            }
            None
        }
        Err(e) => Some(e.to_string()),
    }
}

/// The session's record written to the timeline, the id counter kept; what to say.
fn finish_host(h: &mut Hosting, world: &mut SessionWorld) -> String {
    let next = h.next_id;
    let _ = world
        .store
        .change(|s| s.set_session_next_id(SessionSide::Shopper, next));
    if h.record.is_empty() {
        return String::new();
    }
    match save_record(h, world) {
        Some(error) => error,
        None => format!(
            "{} — {}",
            h.record.stylist,
            h.record.contact(&date::today_local()).summary
        ),
    }
}

/// The outfit worn, as it travels.
fn outfit(tryon: &TryOn) -> Vec<(String, String, String)> {
    tryon
        .worn()
        .iter()
        .map(|w| {
            let meta = w.garment.meta();
            let size = w.size.clone().unwrap_or_default();
            (meta.retailer.clone(), meta.sku.clone(), size)
        })
        .collect()
}

/// The stylist's side: notices applied; `Some` when the session is over.
fn poll_guest(j: &mut Joined, world: &mut SessionWorld) -> Option<String> {
    while let Some(notice) = j.service.try_notice() {
        match notice {
            GuestNotice::Admitted { .. } => j.connected = true,
            GuestNotice::Keep {
                message, garment, ..
            } => {
                let peer = j.peer;
                let _ = world.store.change(|s| {
                    kept::keep(s, SessionSide::Stylist, &peer, &message, garment.as_deref())
                });
            }
            GuestNotice::Queued(id) => {
                j.next_id = j.next_id.max(id + 1);
                if let Some(sent) = j.sent.iter_mut().find(|s| s.id.is_none()) {
                    sent.id = Some(id);
                }
            }
            GuestNotice::Event(event) => guest_event(j, event, world),
            GuestNotice::Refused { reason, .. } => return Some(reason),
            GuestNotice::Dropped(_) => j.connected = false,
            GuestNotice::Closed(why) => {
                let next = j.next_id;
                let _ = world
                    .store
                    .change(|s| s.set_session_next_id(SessionSide::Stylist, next));
                return Some(why);
            }
        }
    }
    None
}

fn guest_event(j: &mut Joined, event: GuestEvent, world: &mut SessionWorld) {
    match event {
        GuestEvent::Welcomed { name } => {
            // The client by their key: two who give the same name (or none) are two clients.
            let peer = j.peer;
            let said = client_name(&name).to_string();
            j.shopper = world
                .store
                .change(|s| s.session_client(&peer, &said))
                .unwrap_or(said);
            j.earlier = earlier_sessions(&world.store, &j.shopper, j.record.contact());
            // A record written before the shopper said who they are goes under their name.
            j.unrecorded |= j.record.contact().is_some();
        }
        GuestEvent::Body { form, values } => {
            show_client(&j.shopper, form, &values, &mut world.profiles);
            j.shared = Some((form, values));
        }
        GuestEvent::Outfit { worn } => {
            // The same outfit: what the shopper took off comes off here too, what they wear
            // is put on where this catalog has it.
            if let Some(tryon) = world.tryon.as_deref() {
                for w in tryon.worn() {
                    if !worn.iter().any(|(_, sku, _)| sku == w.sku()) {
                        world.catalog_actions.write(CatalogAction::TakeOff {
                            sku: w.sku().to_string(),
                        });
                    }
                }
            }
            for (_, sku, size) in &worn {
                if world
                    .catalog
                    .as_ref()
                    .is_some_and(|c| c.find(sku).is_some())
                {
                    world.catalog_actions.write(CatalogAction::TryOn {
                        sku: sku.clone(),
                        size: (!size.is_empty()).then(|| size.clone()),
                        product: None,
                    });
                }
            }
            j.outfit = worn;
        }
        GuestEvent::Decision {
            proposal,
            accepted,
            refused,
        } => {
            if let Some(sent) = j.sent.iter_mut().find(|s| s.id == Some(proposal)) {
                sent.outcome = Outcome::of_decision(accepted, refused);
                j.unrecorded = true;
            }
        }
        GuestEvent::Chat { text } => {
            j.chat.push(ChatLine { mine: false, text });
            j.unrecorded = true;
        }
        GuestEvent::DecidedLater(decision) => {
            // On the stylist's timeline (once), and at the top of the earlier sessions.
            let (peer, shopper) = (j.peer, j.shopper.clone());
            if let Err(e) = world
                .store
                .change(|s| record_heard(s, &shopper, &peer, &decision))
            {
                warn!("a decision taken after the session was not kept: {e}");
            }
            j.earlier = earlier_sessions(&world.store, &j.shopper, j.record.contact());
        }
        GuestEvent::Acknowledged { id } => {
            if let Some(sent) = j.sent.iter_mut().find(|s| s.id == Some(id)) {
                sent.arrived = true;
                j.unrecorded = true;
            }
            let peer = j.peer;
            let _ = world
                .store
                .change(|s| s.drop_outgoing(SessionSide::Stylist, &peer, id));
        }
        GuestEvent::Ended { .. } => {}
    }
}

/// The stylist's records of earlier sessions with the client `shopper` (the one being written,
/// `current`, left out), newest first. A store that cannot be read shows none.
fn earlier_sessions(store: &ShopperStore, shopper: &str, current: Option<i64>) -> Vec<Contact> {
    let mut earlier: Vec<Contact> = store
        .read(|s| s.contacts(Some(client_name(shopper))))
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c.record.kind == CounterpartKind::Client && Some(c.id) != current)
        .collect();
    earlier.sort_by(|a, b| (&b.record.date, b.id).cmp(&(&a.record.date, a.id)));
    earlier
}

/// Writes the stylist's record of the session to their own timeline when it changed (a new
/// contact the first time, the same one brought up to date after): a session cut off is kept as
/// far as it went. A store that refuses is logged and tried again at the next change; the session
/// goes on.
fn save_client_record(j: &mut Joined, world: &mut SessionWorld) {
    if !j.unrecorded {
        return;
    }
    let notes: Vec<&str> = j.pins.iter().map(|p| p.text.as_str()).collect();
    let Some(record) = client_contact(&j.shopper, &j.sent, &notes, &j.chat, &date::today_local())
    else {
        return;
    };
    j.unrecorded = false;
    let (peer, kept) = (j.peer, &mut j.record);
    if let Err(e) = world.store.change(|s| kept.keep(s, &record, &peer)) {
        warn!("the session's record was not kept: {e}");
    }
}

/// The name of the profile that shows a session's client on the stylist's side.
pub fn client_profile_name(shopper: &str) -> String {
    let shopper = if shopper.trim().is_empty() {
        "Client"
    } else {
        shopper.trim()
    };
    format!("{shopper} (session)")
}

/// Shows the shopper as the stylist may see them: a profile of its own with the shared
/// measurements (a stature assumed where none was shared), the rest predicted.
fn show_client(shopper: &str, form: Form, values: &BTreeMap<Key, f64>, profiles: &mut Profiles) {
    let name = client_profile_name(shopper);
    let mut measurements = Measurements::new(form, assumed_stature(form));
    measurements
        .values
        .extend(values.iter().map(|(k, v)| (*k, *v)));
    match profiles.list().iter().position(|p| p.name == name) {
        Some(index) => profiles.select(index),
        None => {
            profiles.add(&name);
        }
    }
    profiles.active_mut().measurements = measurements;
}

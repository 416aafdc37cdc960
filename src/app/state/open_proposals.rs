//! Proposals a stylist made that the shopper did not decide on before the session ended: kept in
//! the store with their garment files (`store::OpenProposal`), listed in the Stylist tab, tried
//! on in their proposed size and decided later — the decision goes on that stylist's timeline and
//! an accepted garment on the wishlist, in one write (`session::record::decided_later`), and is
//! kept until the stylist's Anprobe has it (told at their next session, or at once to the
//! stylist in session).

use crate::app::i18n::Lang;
use crate::app::state::garment_import::{GarmentImported, ImportGarmentBytes};
use crate::app::state::store::ShopperStore;
use crate::app::state::stylist_session::{SessionAction, SessionOutcome, StylistSession};
use crate::app::state::tryon::{Catalog, CatalogAction};
use crate::app::state::waker::Waker;
use crate::session::record::{decided_later, kept_proposal};
use crate::store::{OpenProposal, date};
use bevy::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<OpenTryOns>()
        .add_message::<SessionAction>()
        .add_message::<GarmentImported>()
        .add_message::<ImportGarmentBytes>()
        .add_message::<CatalogAction>()
        .add_systems(
            Update,
            (act_on_open_proposals, put_on_arrived)
                .chain()
                .in_set(crate::app::AppSystems::Actions),
        );
}

/// Open proposals read for a try-on, waiting to appear in the catalog: (SKU, size).
#[derive(Resource, Default)]
struct OpenTryOns(Vec<(String, String)>);

/// The open proposal `id` of the stylist `peer`, as kept.
fn find(store: &ShopperStore, peer: &[u8; 32], id: u64) -> Option<OpenProposal> {
    store
        .read(|s| s.open_proposals())
        .ok()?
        .into_iter()
        .find(|p| p.peer == *peer && p.id == id)
}

/// What a decision or a try-on writes to.
#[derive(bevy::ecs::system::SystemParam)]
struct Effects<'w> {
    outcome: ResMut<'w, SessionOutcome>,
    imports: MessageWriter<'w, ImportGarmentBytes>,
    catalog_actions: MessageWriter<'w, CatalogAction>,
    waiting: ResMut<'w, OpenTryOns>,
    waker: Res<'w, Waker>,
}

fn act_on_open_proposals(
    mut actions: MessageReader<SessionAction>,
    mut store: ResMut<ShopperStore>,
    mut effects: Effects,
    lang: Option<Res<Lang>>,
    session: Option<Res<StylistSession>>,
) {
    let Effects {
        outcome,
        imports,
        catalog_actions,
        waiting,
        waker,
    } = &mut effects;
    let lang = lang.as_deref().copied().unwrap_or_default();
    let said = |en: &str, de: &str| -> Option<String> {
        Some(match lang {
            Lang::En => en.to_string(),
            Lang::De => de.to_string(),
        })
    };
    let decided_already = || {
        said(
            "That proposal was decided already.",
            "Über diesen Vorschlag ist schon entschieden.",
        )
    };
    for action in actions.read() {
        match action {
            SessionAction::DecideOpen {
                peer,
                proposal,
                accepted,
            } => {
                let Some(p) = find(&store, peer, *proposal) else {
                    outcome.0 = decided_already();
                    continue;
                };
                let later = decided_later(&p, *accepted, &date::today_local());
                let decided = store.change(|s| later.write(s));
                // A session in progress tells its stylist at once; any other at their next.
                if matches!(decided, Ok(true))
                    && let Some(StylistSession::Hosting(h)) = session.as_deref()
                {
                    h.tell(later.tell);
                }
                let what = kept_proposal(&p).text();
                outcome.0 = match (&decided, *accepted) {
                    (Ok(true), true) => said(
                        &format!("Accepted: {what} — on the wishlist"),
                        &format!("Angenommen: {what} — auf der Wunschliste"),
                    ),
                    (Ok(true), false) => {
                        said(&format!("Rejected: {what}"), &format!("Abgelehnt: {what}"))
                    }
                    (Ok(false), _) => decided_already(),
                    (Err(e), _) => said(
                        &format!("Not recorded: {e}"),
                        &format!("Nicht gespeichert: {e}"),
                    ),
                };
                if matches!(decided, Ok(true)) && !*accepted {
                    catalog_actions.write(CatalogAction::TakeOff { sku: p.sku.clone() });
                }
                // The tab shows the list without it, and what was done, at once (the app draws
                // only on input otherwise; a wake-up asked for within this frame is lost).
                waker.wake_in(Duration::from_millis(50));
            }
            SessionAction::TryOpen { peer, proposal } => {
                let file = store.read(|s| s.open_proposal_garment(peer, *proposal));
                let (Ok(Some(bytes)), Some(p)) = (file, find(&store, peer, *proposal)) else {
                    outcome.0 = said(
                        "That proposal is no longer open.",
                        "Dieser Vorschlag ist nicht mehr offen.",
                    );
                    continue;
                };
                // Valid when it arrived; read again as any import is (in case the importer's
                // rules changed since), on a background thread like any import: the frame does
                // not wait on it, and a file that fails is listed in a notice. Put on once it
                // is in the catalog.
                imports.write(ImportGarmentBytes {
                    label: PathBuf::from(format!("{} (proposal {})", p.stylist, p.id)),
                    bytes: Arc::from(bytes),
                });
                waiting.0.push((p.sku.clone(), p.size.clone()));
                waker.wake_in(Duration::from_millis(50));
            }
            _ => {}
        }
    }
}

/// An open proposal read for a try-on is put on in its proposed size once it is in the catalog.
fn put_on_arrived(
    mut waiting: ResMut<OpenTryOns>,
    catalog: Option<Res<Catalog>>,
    mut catalog_actions: MessageWriter<CatalogAction>,
    waker: Res<Waker>,
) {
    if !waiting.0.is_empty()
        && put_on_in_catalog(&mut waiting.0, catalog.as_deref(), &mut catalog_actions)
    {
        waker.wake_in(Duration::from_millis(50));
    }
}

/// Puts on each garment of `waiting` (SKU, size) that has reached the catalog, in its size, and
/// keeps the rest waiting; whether any still waits.
pub(super) fn put_on_in_catalog(
    waiting: &mut Vec<(String, String)>,
    catalog: Option<&Catalog>,
    catalog_actions: &mut MessageWriter<CatalogAction>,
) -> bool {
    waiting.retain(|(sku, size)| {
        if catalog.is_none_or(|c| c.find(sku).is_none()) {
            return true;
        }
        catalog_actions.write(CatalogAction::TryOn {
            sku: sku.clone(),
            size: Some(size.clone()),
            product: None,
        });
        false
    });
    !waiting.is_empty()
}

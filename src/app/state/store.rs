//! The shopper's store inside the app: opened once at startup from the data folder. What the
//! open found (a damaged file moved aside, a backup restored, a read-only folder, no store at
//! all) becomes notices; the tabs read through [`ShopperStore::read`].

use crate::app::i18n::{Msg, Said};
use crate::app::state::notices::Notices;
use crate::app::state::store_actions::{self, AddToWishlist, FormResults, StoreAction};
use crate::app::state::{profiles_sync, store_export};
use crate::app::store_words::describe;
use crate::store::{Clash, OpenReport, Store, StoreError};
use bevy::prelude::*;
use bevy::window::RequestRedraw;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The store opened at startup, the changes the panels ask of it applied in
/// [`AppSystems::Actions`](crate::app::AppSystems), exports, and the profiles kept in it.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ShopperStore>()
        .init_resource::<FormResults>()
        .init_resource::<profiles_sync::StoreProfiles>()
        .init_resource::<store_export::PendingExport>()
        .add_message::<StoreAction>()
        .add_message::<AddToWishlist>()
        .add_message::<RequestRedraw>()
        .add_systems(Startup, open_store)
        // After the store opened (Startup), before the first frame uses the profiles.
        .add_systems(PostStartup, profiles_sync::load_profiles)
        .add_systems(
            Update,
            (store_actions::apply_actions, store_export::export_files)
                .in_set(crate::app::AppSystems::Actions),
        )
        .add_systems(
            Last,
            (profiles_sync::save_profiles_to_store, redraw_after_change),
        );
}

/// The app redraws on input only: a change saved to the store (or a form's answer) shows in
/// the next frame, so ask for it.
fn redraw_after_change(
    store: Res<ShopperStore>,
    results: Res<FormResults>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if store.is_changed() || results.is_changed() {
        redraw.write(RequestRedraw);
    }
}

/// Where the store stands.
enum State {
    /// Opened at startup from this folder.
    Pending(PathBuf),
    /// Open. (A `Mutex` because SQLite's connection may move between threads but not be shared.)
    Open(Mutex<Store>),
    /// Could not be opened; the reason, in words.
    Failed(String),
    /// No data folder was given (screenshots without `--data-dir`, tests).
    None,
}

/// The shopper's store, as the app holds it. Every change bumps [`ShopperStore::revision`], so
/// the tabs know when to read again.
#[derive(Resource)]
pub struct ShopperStore {
    state: State,
    read_only: bool,
    revision: u64,
    /// Counts the changes of the products (the open, a catalog recorded).
    products_revision: u64,
}

impl Default for ShopperStore {
    fn default() -> Self {
        ShopperStore::none()
    }
}

/// Why the store cannot be used: the headline and the detail for a notice or a tab.
#[derive(Clone, Debug, PartialEq)]
pub struct Unavailable {
    /// The headline: no data folder ([`Msg::StoreNone`]) or the store failed to open
    /// ([`Msg::StoreOpenFailed`]).
    pub msg: Msg,
    /// The data folder while the store is not yet open, the opening error's text, or empty when
    /// there is no data folder.
    pub detail: String,
}

impl ShopperStore {
    /// The store in `dir`, opened at startup.
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        ShopperStore::with(State::Pending(dir.into()))
    }

    /// No store: the store's tabs say so and every change is refused with a notice.
    pub fn none() -> Self {
        ShopperStore::with(State::None)
    }

    /// No store, and why: the store's tabs and the notices say so.
    pub fn failed(why: impl Into<String>) -> Self {
        ShopperStore::with(State::Failed(why.into()))
    }

    fn with(state: State) -> Self {
        ShopperStore {
            state,
            read_only: false,
            revision: 0,
            products_revision: 0,
        }
    }

    /// Counts the changes made through the app (and the open itself).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Counts the changes of the store's products: what lists them reads them again only then
    /// (a wishlist entry or a profile saved leaves 10,000 products as they were).
    pub fn products_revision(&self) -> u64 {
        self.products_revision
    }

    /// Says that the products changed (a catalog was recorded).
    pub fn products_changed(&mut self) {
        self.products_revision += 1;
    }

    /// Whether the store is still to be opened (at startup, before the first update).
    pub fn is_pending(&self) -> bool {
        matches!(self.state, State::Pending(_))
    }

    /// Whether changes are refused (read-only folder or file).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Why the store cannot be used, if it cannot.
    pub fn unavailable(&self) -> Option<Unavailable> {
        let (msg, detail) = match &self.state {
            State::Open(_) => return None,
            State::Pending(dir) => (Msg::StoreNone, dir.display().to_string()),
            State::Failed(why) => (Msg::StoreOpenFailed, why.clone()),
            State::None => (Msg::StoreNone, String::new()),
        };
        Some(Unavailable { msg, detail })
    }

    /// Reads from the store; `Err` says why it could not (no store, or the store's error).
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> Result<T, StoreError>) -> Result<T, Said> {
        match &self.state {
            State::Open(store) => {
                let store = store
                    .lock()
                    .map_err(|_| describe(&StoreError::Conflict(Clash::Unusable)))?;
                f(&store).map_err(|e| describe(&e))
            }
            _ => Err(self
                .unavailable()
                .map(|u| u.detail)
                .unwrap_or_default()
                .into()),
        }
    }

    /// Changes the store; a success bumps the revision. `Err` is a store error, or
    /// [`StoreError::Conflict`] naming why there is no store.
    pub fn change<T>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let State::Open(store) = &mut self.state else {
            let why = self.unavailable().map(|u| u.detail).unwrap_or_default();
            return Err(StoreError::Conflict(Clash::NoStore(
                (!why.is_empty()).then_some(why),
            )));
        };
        let store = store
            .get_mut()
            .map_err(|_| StoreError::Conflict(Clash::Unusable))?;
        let out = f(store)?;
        self.revision += 1;
        Ok(out)
    }

    /// Opens a pending store; what the open found goes to `notices`.
    fn open(&mut self, notices: &mut Notices) {
        let State::Pending(dir) = &self.state else {
            return;
        };
        match Store::open(dir) {
            Ok((store, report)) => {
                report_open(&report, dir, notices);
                self.read_only = store.is_read_only();
                self.state = State::Open(Mutex::new(store));
            }
            Err(e) => {
                notices.error(Msg::StoreOpenFailed, describe(&e));
                self.state = State::Failed(e.to_string());
            }
        }
        self.revision += 1;
        self.products_revision += 1;
    }
}

/// Tells the shopper what the open did: where a damaged file went, which backup came back,
/// that changes are refused; any other warning as it is.
fn report_open(report: &OpenReport, dir: &Path, notices: &mut Notices) {
    let mut named: Vec<String> = Vec::new();
    if let Some(moved) = &report.recovered_from {
        notices.error(Msg::StoreMovedAside, moved.display().to_string());
        named.push(moved.display().to_string());
    }
    if let Some(backup) = &report.restored_backup {
        notices.error(Msg::StoreBackupRestored, backup.display().to_string());
        named.push(backup.display().to_string());
    }
    if report.read_only {
        notices.error(Msg::StoreReadOnly, dir.display().to_string());
        named.push("is read-only".into());
    }
    for warning in &report.warnings {
        if !named.iter().any(|n| warning.contains(n.as_str())) {
            notices.error(Msg::StoreWarning, warning.clone());
        }
    }
}

fn open_store(mut store: ResMut<ShopperStore>, mut notices: ResMut<Notices>) {
    store.open(&mut notices);
}

//! Messages for the shopper (a file loaded, saved or refused, a change the store made or
//! refused), shown near what caused them: a profile's files in the left panel, the catalog's
//! and the store's in the right panel. A success fades after [`INFO_SECONDS`] and clears the
//! failure it answers (a retried order that went through clears "Could not record the
//! order"); a failure stays until the shopper dismisses it.

use crate::app::i18n::{Msg, Said};
use crate::app::state::waker::Waker;
use bevy::prelude::*;
use std::time::{Duration, Instant};

/// How long a success stays shown.
pub const INFO_SECONDS: f32 = 8.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Notices>();
}

/// Where a notice is shown: beside what caused it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticePlace {
    /// The left panel: profiles, their measurement files.
    Left,
    /// The right panel: the catalog, imports, the outfit picture, the store's tabs.
    Right,
}

/// One message: a translated headline and a detail (a path, or an error said in every language
/// the store and the fit can say it in).
#[derive(Clone, Debug)]
pub struct Notice {
    /// The headline's id, shown in the UI's language.
    pub msg: Msg,
    /// What it concerns, shown beside the headline: a file's path, an error's text.
    pub detail: Said,
    /// Whether something failed (the headline shows red) rather than succeeded (green).
    pub error: bool,
    /// Whether it fades after [`INFO_SECONDS`] (a confirmation) or stays until dismissed.
    pub fades: bool,
    /// When it was given (a success fades [`INFO_SECONDS`] later).
    pub at: Instant,
}

impl Notice {
    /// The panel it is shown in.
    pub fn place(&self) -> NoticePlace {
        place_of(self.msg)
    }

    fn same(&self, other: &Notice) -> bool {
        (self.msg, &self.detail, self.error) == (other.msg, &other.detail, other.error)
    }
}

/// The messages waiting to be read.
#[derive(Resource, Default, Debug)]
pub struct Notices(pub Vec<Notice>);

impl Notices {
    /// Adds a notice that something worked (shown green, fading): it clears the failures it
    /// answers; an equal notice already listed moves to the end; only the newest four are kept.
    pub fn info(&mut self, msg: Msg, detail: impl Into<Said>) {
        let answered = answers(msg);
        self.0.retain(|n| !(n.error && answered.contains(&n.msg)));
        self.push(Notice {
            msg,
            detail: detail.into(),
            error: false,
            fades: true,
            at: Instant::now(),
        });
    }

    /// Adds something the shopper must read that is no failure (shown green, until dismissed):
    /// e.g. where an old file was kept.
    pub fn note(&mut self, msg: Msg, detail: impl Into<Said>) {
        self.push(Notice {
            msg,
            detail: detail.into(),
            error: false,
            fades: false,
            at: Instant::now(),
        });
    }

    /// Adds a notice that something failed (shown red, until dismissed); an equal notice
    /// already listed moves to the end, and only the newest four are kept.
    pub fn error(&mut self, msg: Msg, detail: impl Into<Said>) {
        self.push(Notice {
            msg,
            detail: detail.into(),
            error: true,
            fades: false,
            at: Instant::now(),
        });
    }

    /// Removes the notice at `index` (ignored when out of range).
    pub fn dismiss(&mut self, index: usize) {
        if index < self.0.len() {
            self.0.remove(index);
        }
    }

    /// Removes the confirmations older than `age`; whether any went.
    pub fn expire(&mut self, now: Instant, age: Duration) -> bool {
        let before = self.0.len();
        self.0
            .retain(|n| !n.fades || now.saturating_duration_since(n.at) < age);
        self.0.len() != before
    }

    /// Adds a notice, keeping the list short (the oldest go first).
    fn push(&mut self, notice: Notice) {
        self.0.retain(|n| !n.same(&notice));
        self.0.push(notice);
        if self.0.len() > 4 {
            self.0.remove(0);
        }
    }
}

/// The failures a success answers (the same thing, tried again, went through).
fn answers(ok: Msg) -> &'static [Msg] {
    match ok {
        Msg::Loaded => &[Msg::LoadFailed],
        Msg::Saved => &[Msg::SaveFailed],
        Msg::GarmentImported => &[Msg::GarmentImportFailed],
        Msg::OutfitSaved => &[Msg::OutfitSaveFailed],
        Msg::WishlistAdded | Msg::WishlistAlready => &[Msg::WishlistAddFailed],
        Msg::WishlistRemoved => &[Msg::WishlistRemoveFailed],
        Msg::OrderRecorded => &[Msg::OrderFailed],
        Msg::ReturnRecorded => &[Msg::ReturnFailed],
        Msg::ContactRecorded => &[Msg::ContactFailed],
        Msg::ConsentSaved => &[Msg::ConsentFailed],
        Msg::PassportSaved => &[Msg::PassportFailed],
        Msg::BackupSaved => &[Msg::BackupFailed],
        _ => &[],
    }
}

/// Profiles and their files are the left panel's; everything else the right panel's.
fn place_of(msg: Msg) -> NoticePlace {
    match msg {
        Msg::Loaded
        | Msg::Saved
        | Msg::LoadFailed
        | Msg::SaveFailed
        | Msg::ProfilesCorrupt
        | Msg::ProfilesSaveFailed
        | Msg::ProfilesAdopted
        | Msg::HistoryWentBack => NoticePlace::Left,
        _ => NoticePlace::Right,
    }
}

/// Lets confirmations fade: removes those shown long enough, and wakes the app when the next
/// one is due (it draws no frames while idle). Run by the panels that show them (headless,
/// nothing fades).
pub(crate) fn expire_notices(
    mut notices: ResMut<Notices>,
    waker: Res<Waker>,
    mut scheduled: Local<Option<Instant>>,
) {
    let age = Duration::from_secs_f32(INFO_SECONDS);
    let now = Instant::now();
    if notices
        .0
        .iter()
        .any(|n| n.fades && now.saturating_duration_since(n.at) >= age)
    {
        notices.expire(now, age);
    }
    let next = notices
        .0
        .iter()
        .filter(|n| n.fades)
        .map(|n| n.at + age)
        .min();
    if let Some(due) = next
        && *scheduled != Some(due)
    {
        *scheduled = Some(due);
        waker.wake_in(due.saturating_duration_since(Instant::now()));
    }
}

//! Messages for the shopper (a file loaded, saved or refused, a change the store made or
//! refused), shown at the top of the left panel until dismissed.

use crate::app::i18n::Msg;
use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Notices>();
}

/// One message: a translated headline and a detail (a path or an error, not translated).
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The headline's id, shown in the UI's language.
    pub msg: Msg,
    /// What it concerns, shown as is beside the headline: a file's path, an error's text.
    pub detail: String,
    /// Whether something failed (the headline shows red) rather than succeeded (green).
    pub error: bool,
}

/// The messages waiting to be read; the shopper dismisses them.
#[derive(Resource, Default, Debug)]
pub struct Notices(pub Vec<Notice>);

impl Notices {
    /// Adds a notice that something worked (shown green); an equal notice already listed moves
    /// to the end, and only the newest four are kept.
    pub fn info(&mut self, msg: Msg, detail: impl Into<String>) {
        self.push(Notice {
            msg,
            detail: detail.into(),
            error: false,
        });
    }

    /// Adds a notice that something failed (shown red); an equal notice already listed moves to
    /// the end, and only the newest four are kept.
    pub fn error(&mut self, msg: Msg, detail: impl Into<String>) {
        self.push(Notice {
            msg,
            detail: detail.into(),
            error: true,
        });
    }

    /// Removes the notice at `index` (ignored when out of range).
    pub fn dismiss(&mut self, index: usize) {
        if index < self.0.len() {
            self.0.remove(index);
        }
    }

    /// Adds a notice, keeping the list short (the oldest go first).
    fn push(&mut self, notice: Notice) {
        self.0.retain(|n| n != &notice);
        self.0.push(notice);
        if self.0.len() > 4 {
            self.0.remove(0);
        }
    }
}

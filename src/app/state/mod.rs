//! What the scene and the panels follow, and what the shopper's actions change: the profiles and
//! the body built from the active one ([`body`]), the shopper's store and the changes asked of it
//! ([`store`], [`store_actions`]), the try-on ([`tryon`]: catalog, outfit, fitting), files and
//! their dialogs, garment imports, and the notices shown to the shopper. None of it draws.

pub mod body;
pub mod concierge;
pub mod files;
pub mod garment_import;
pub mod guide;
pub mod notices;
pub mod offers;
pub mod open_proposals;
pub mod path_prompt;
pub mod profile_store;
pub mod profiles;
pub mod profiles_sync;
pub mod store;
pub mod store_actions;
pub mod store_export;
pub mod store_restore;
pub mod stylist_session;
pub mod tryon;
pub mod waker;

use bevy::prelude::*;

/// Everything here but the try-on (which reads the catalog folder: [`tryon::tryon_plugin`]).
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<crate::app::i18n::Lang>()
        .init_resource::<waker::Waker>()
        .add_plugins((
            notices::plugin,
            profiles::plugin,
            profile_store::plugin,
            files::plugin,
            garment_import::plugin,
            store::plugin,
            store_restore::plugin,
            guide::plugin,
            body::plugin,
            concierge::plugin,
            stylist_session::plugin,
            open_proposals::plugin,
            offers::plugin,
        ));
}

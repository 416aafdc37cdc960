//! Importing a retailer's garment file in the app: dropped onto the window (Bevy's
//! `FileDragAndDrop`) or picked with "Import…" (the file-dialog seam of `files.rs`); read and
//! checked on a background task; added to the catalog, or a notice lists what is wrong.

use super::catalog::chart_size;
use super::{Catalog, CatalogEntry, Garment};
use crate::app::files::Dialogs;
use crate::app::i18n::Msg;
use crate::app::model::Model;
use crate::app::notice::Notices;
use crate::garment::{ImportErrors, ImportedGarment};
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};
use bevy::window::{FileDragAndDrop, RequestRedraw};
use std::path::PathBuf;
use std::sync::Arc;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Imports>()
        .add_message::<ImportGarment>()
        // Registered by the window plugin too; here so the import also runs headless.
        .add_message::<FileDragAndDrop>()
        .add_systems(
            Update,
            (pick_or_drop, start_imports, finish_imports)
                .chain()
                .after(crate::app::AppSystems::Model)
                .before(crate::app::AppSystems::Avatar),
        );
}

/// Asks for a garment file to be imported: `None` opens the file dialog.
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub struct ImportGarment(pub Option<PathBuf>);

type ImportResult = Result<ImportedGarment, ImportErrors>;

/// Imports under way.
#[derive(Resource, Default)]
pub struct Imports {
    dialog: Option<Task<Option<PathBuf>>>,
    queued: Vec<PathBuf>,
    running: Vec<(PathBuf, Task<ImportResult>)>,
}

impl Imports {
    /// The files being read now.
    pub fn in_progress(&self) -> impl Iterator<Item = &PathBuf> {
        self.running.iter().map(|(p, _)| p).chain(&self.queued)
    }

    /// Whether the import dialog is open.
    pub fn dialog_open(&self) -> bool {
        self.dialog.is_some()
    }
}

fn pick_or_drop(
    mut asks: MessageReader<ImportGarment>,
    mut dropped: MessageReader<FileDragAndDrop>,
    dialogs: Res<Dialogs>,
    mut imports: ResMut<Imports>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    for ask in asks.read() {
        match &ask.0 {
            Some(path) => imports.queued.push(path.clone()),
            None if imports.dialog.is_none() => {
                let future = dialogs.0.pick_garment();
                imports.dialog = Some(AsyncComputeTaskPool::get().spawn(future));
            }
            None => {}
        }
    }
    for event in dropped.read() {
        if let FileDragAndDrop::DroppedFile { path_buf, .. } = event {
            imports.queued.push(path_buf.clone());
        }
    }
    if let Some(task) = imports.dialog.as_mut() {
        redraw.write(RequestRedraw);
        if let Some(answer) = check_ready(task) {
            imports.dialog = None;
            imports.queued.extend(answer);
        }
    }
}

fn start_imports(mut imports: ResMut<Imports>) {
    for path in std::mem::take(&mut imports.queued) {
        let file = path.clone();
        let task =
            AsyncComputeTaskPool::get().spawn(async move { crate::garment::import_file(&file) });
        imports.running.push((path, task));
    }
}

fn finish_imports(
    mut imports: ResMut<Imports>,
    mut catalog: ResMut<Catalog>,
    mut notices: ResMut<Notices>,
    model: Res<Model>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if imports.running.is_empty() {
        return;
    }
    redraw.write(RequestRedraw);
    let mut still = Vec::new();
    for (path, mut task) in std::mem::take(&mut imports.running) {
        let Some(result) = check_ready(&mut task) else {
            still.push((path, task));
            continue;
        };
        match result {
            Ok(imported) => {
                let sku = imported.meta.sku.clone();
                let warnings = imported.warnings.len();
                let garment = Arc::new(Garment::new(path.display().to_string(), imported));
                let entry = CatalogEntry {
                    chart_size: model
                        .resolved
                        .as_ref()
                        .and_then(|body| chart_size(garment.meta(), body)),
                    garment,
                };
                // A newer file of the same garment replaces the old one.
                catalog.entries.retain(|e| e.garment.meta().sku != sku);
                catalog.entries.push(entry);
                notices.info(
                    Msg::Imported,
                    format!("{} ({warnings} warnings)", path.display()),
                );
            }
            Err(errors) => {
                let listed: Vec<String> =
                    errors.diagnostics.iter().map(|d| d.to_string()).collect();
                notices.error(
                    Msg::ImportFailed,
                    format!("{}: {}", path.display(), listed.join("; ")),
                );
            }
        }
    }
    imports.running = still;
}

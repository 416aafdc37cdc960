//! Importing a retailer's garment file in the app: dropped onto the window or chosen with
//! "Import garment…", read and checked on a background thread (the UI never waits on it) with
//! its progress kept for the panels to show, then handed to the catalog ([`GarmentImported`]) or
//! its problems listed in a notice.

use crate::app::i18n::Msg;
use crate::app::state::notices::Notices;
use crate::garment::{self, ImportErrors, ImportProgress, ImportedGarment};
use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, block_on, poll_once};
use bevy::window::{FileDragAndDrop, RequestRedraw};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The import: messages, background tasks, notices. Runs headless.
pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Imports>()
        .init_resource::<DropHover>()
        .add_message::<ImportGarment>()
        .add_message::<ImportGarmentBytes>()
        .add_message::<GarmentImported>()
        // Registered by the window plugin too; here so the plugin also runs headless.
        .add_message::<FileDragAndDrop>()
        .add_systems(
            Update,
            (dropped_files, start_imports, finish_imports)
                .chain()
                .in_set(crate::app::AppSystems::Actions),
        );
}

/// Import this garment file (.glb or .gltf).
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub struct ImportGarment(pub PathBuf);

/// Import a garment from a file's bytes already in memory (a stylist's proposal kept in the
/// store), named `label` where a file's path would be shown.
#[derive(Message, Clone, Debug)]
pub struct ImportGarmentBytes {
    /// What the garment's source is called in the catalog and the notices.
    pub label: PathBuf,
    /// The .glb file's bytes (external files cannot be looked up: none is allowed).
    pub bytes: Arc<[u8]>,
}

/// A garment file was imported without errors (warnings are in `garment.warnings`).
#[derive(Message, Clone, Debug)]
pub struct GarmentImported {
    /// The file it was read from (dropped or chosen); the catalog names the garment's source by it.
    pub path: PathBuf,
    /// The garment as read and checked: metadata, mesh parts, warnings.
    pub garment: Arc<ImportedGarment>,
}

/// One import under way.
struct Job {
    path: PathBuf,
    progress: Arc<ImportProgress>,
    task: Task<Result<ImportedGarment, ImportErrors>>,
}

/// The imports under way, oldest first.
#[derive(Resource, Default)]
pub struct Imports(Vec<Job>);

impl Imports {
    /// How many files are being imported.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no file is being imported.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each file being imported, oldest first, with how far its reading has come.
    pub fn under_way(&self) -> impl Iterator<Item = (&Path, &ImportProgress)> {
        self.0
            .iter()
            .map(|job| (job.path.as_path(), &*job.progress))
    }
}

/// The file being dragged over the window, if any.
#[derive(Resource, Default)]
pub struct DropHover(Option<PathBuf>);

impl DropHover {
    /// The file being dragged over the window, if any.
    pub fn file(&self) -> Option<&Path> {
        self.0.as_deref()
    }
}

fn dropped_files(
    mut drops: MessageReader<FileDragAndDrop>,
    mut hover: ResMut<DropHover>,
    mut imports: MessageWriter<ImportGarment>,
) {
    for drop in drops.read() {
        match drop {
            FileDragAndDrop::DroppedFile { path_buf, .. } => {
                hover.0 = None;
                imports.write(ImportGarment(path_buf.clone()));
            }
            FileDragAndDrop::HoveredFile { path_buf, .. } => hover.0 = Some(path_buf.clone()),
            FileDragAndDrop::HoveredFileCanceled { .. } => hover.0 = None,
        }
    }
}

fn start_imports(
    mut requests: MessageReader<ImportGarment>,
    mut in_memory: MessageReader<ImportGarmentBytes>,
    mut imports: ResMut<Imports>,
) {
    let pool = AsyncComputeTaskPool::get();
    for ImportGarment(path) in requests.read() {
        let progress = Arc::new(ImportProgress::default());
        let (file, shared) = (path.clone(), progress.clone());
        let task = pool.spawn(async move { garment::import_file_with_progress(&file, &shared) });
        imports.0.push(Job {
            path: path.clone(),
            progress,
            task,
        });
    }
    for ImportGarmentBytes { label, bytes } in in_memory.read() {
        let progress = Arc::new(ImportProgress::default());
        let (bytes, shared) = (bytes.clone(), progress.clone());
        let task = pool.spawn(async move { garment::import_slice_with_progress(&bytes, &shared) });
        imports.0.push(Job {
            path: label.clone(),
            progress,
            task,
        });
    }
}

/// Diagnostics shown in a notice at most; the rest are counted.
const SHOWN_PROBLEMS: usize = 4;

fn finish_imports(
    mut imports: ResMut<Imports>,
    mut notices: ResMut<Notices>,
    mut imported: MessageWriter<GarmentImported>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if imports.0.is_empty() {
        return;
    }
    let mut k = 0;
    while k < imports.0.len() {
        let Some(result) = block_on(poll_once(&mut imports.0[k].task)) else {
            k += 1;
            continue;
        };
        let job = imports.0.remove(k);
        let file = job.path.display();
        match result {
            Ok(garment) => {
                let warnings = garment.warnings.len();
                let meta = &garment.meta;
                notices.info(
                    Msg::GarmentImported,
                    format!(
                        "{} — {} ({}), {warnings} ⚠ — {file}",
                        meta.name, meta.brand, meta.retailer
                    ),
                );
                imported.write(GarmentImported {
                    path: job.path,
                    garment: Arc::new(garment),
                });
            }
            Err(errors) => notices.error(Msg::GarmentImportFailed, problems(&file, &errors)),
        }
    }
    // Keep frames coming while a file is read, so the progress moves and the end is seen.
    redraw.write(RequestRedraw);
}

/// `FILE: first problems (+ N more)`: errors first.
fn problems(file: &impl std::fmt::Display, errors: &ImportErrors) -> String {
    let mut sorted: Vec<_> = errors.diagnostics.iter().collect();
    sorted.sort_by_key(|d| d.severity);
    let mut text = format!("{file}:");
    for d in sorted.iter().take(SHOWN_PROBLEMS) {
        text.push_str(&format!("\n{d}"));
    }
    if sorted.len() > SHOWN_PROBLEMS {
        text.push_str(&format!("\n(+{} more)", sorted.len() - SHOWN_PROBLEMS));
    }
    text
}

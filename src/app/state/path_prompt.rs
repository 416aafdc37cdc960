//! The in-app file prompt, for when the system's file dialog cannot open (on Linux it goes
//! through the desktop portal, which a minimal desktop or a remote session may lack): the
//! dialog's future asks here instead, a window asks the shopper for the path, and the answer
//! completes the future. Nothing fails silently: the window says why it is there.

use bevy::prelude::*;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

/// Whether the prompt asks for a file to read or a file to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// An existing file to read.
    Open,
    /// A file to write (it may exist: it is replaced).
    Save,
}

/// One question waiting for the shopper.
#[derive(Clone, Debug)]
pub struct PathQuestion {
    /// Read or write.
    pub kind: PromptKind,
    /// The file extensions that fit (`["json"]`), for the hint.
    pub extensions: &'static [&'static str],
    /// The path offered at first.
    pub suggested: PathBuf,
}

#[derive(Default)]
struct Slot {
    answer: Option<Option<PathBuf>>,
    waker: Option<Waker>,
}

struct Asked {
    question: PathQuestion,
    slot: Arc<Mutex<Slot>>,
}

/// The questions asked of the shopper, oldest first (shared by the dialogs and the window).
#[derive(Resource, Clone, Default)]
pub struct PathPrompts(Arc<Mutex<Vec<Asked>>>);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl PathPrompts {
    /// Asks the shopper for a path; the future ends with the answer (`None`: cancelled).
    pub fn ask(&self, question: PathQuestion) -> impl Future<Output = Option<PathBuf>> + use<> {
        let slot = Arc::new(Mutex::new(Slot::default()));
        lock(&self.0).push(Asked {
            question,
            slot: slot.clone(),
        });
        Answer(slot)
    }

    /// The question to show now, if any.
    pub fn current(&self) -> Option<PathQuestion> {
        lock(&self.0).first().map(|a| a.question.clone())
    }

    /// Answers the question shown now (`None`: cancelled).
    pub fn answer(&self, path: Option<PathBuf>) {
        let mut asked = lock(&self.0);
        if asked.is_empty() {
            return;
        }
        let Asked { slot, .. } = asked.remove(0);
        let mut slot = lock(&slot);
        slot.answer = Some(path);
        if let Some(waker) = slot.waker.take() {
            waker.wake();
        }
    }
}

/// The future of one question.
struct Answer(Arc<Mutex<Slot>>);

impl Future for Answer {
    type Output = Option<PathBuf>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = lock(&self.0);
        match slot.answer.take() {
            Some(answer) => Poll::Ready(answer),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Whether the system file dialog can be reached: on Linux the desktop portal needs the
/// session's D-Bus (`DBUS_SESSION_BUS_ADDRESS`, or the bus socket in `XDG_RUNTIME_DIR`).
/// `ANPROBE_FILE_DIALOG=prompt` chooses the in-app prompt always.
pub fn system_dialog_reachable() -> bool {
    if std::env::var("ANPROBE_FILE_DIALOG").is_ok_and(|v| v == "prompt") {
        return false;
    }
    if !cfg!(target_os = "linux") {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let socket = std::env::var_os("XDG_RUNTIME_DIR")
        .is_some_and(|dir| PathBuf::from(dir).join("bus").exists());
    bus || socket
}

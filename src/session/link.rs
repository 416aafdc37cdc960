//! The wire under a session: an iroh endpoint (QUIC + TLS 1.3 between public keys; hole punching
//! with a relay as fallback, or no relay at all), one bidirectional stream per connection, and
//! length-prefixed frames on it whose length is checked before their body is read. Runs on the
//! session's own runtime thread ([`spawn_runtime`]); nothing here blocks a caller's frame.

use super::protocol::{FrameError, Message, decode};
use iroh::endpoint::{RecvStream, SendStream, presets};
use iroh::{Endpoint, RelayMode, SecretKey};
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// The protocol name both sides announce in the TLS handshake.
pub const ALPN: &[u8] = b"anprobe/session/1";
/// How long an opening (pairing or resume) may take before the connection is dropped.
pub const OPENING_TIMEOUT: Duration = Duration::from_secs(20);

/// Which relay carries the connection when no direct path is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relay {
    /// No relay: direct addresses only (a LAN, this machine).
    Off,
    /// The public relays of iroh's makers (number 0).
    Default,
    /// A self-hosted relay (an `iroh-relay` server's URL).
    Url(String),
}

impl FromStr for Relay {
    type Err = String;
    fn from_str(text: &str) -> Result<Relay, String> {
        match text.trim() {
            "off" => Ok(Relay::Off),
            "default" => Ok(Relay::Default),
            url if url.starts_with("https://") || url.starts_with("http://") => {
                url.parse::<iroh::RelayUrl>()
                    .map_err(|e| format!("the relay URL {url} is not one: {e}"))?;
                Ok(Relay::Url(url.to_string()))
            }
            other => Err(format!(
                "relay '{other}' is none of off, default or an http(s) URL"
            )),
        }
    }
}

impl fmt::Display for Relay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Relay::Off => f.write_str("off"),
            Relay::Default => f.write_str("default"),
            Relay::Url(url) => f.write_str(url),
        }
    }
}

/// Why the network side failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LinkError {
    /// The endpoint could not be opened.
    #[error("the network endpoint could not be opened: {0}")]
    Bind(String),
    /// The other side could not be reached.
    #[error("the shopper's machine could not be reached: {0}")]
    Connect(String),
    /// The connection was lost or closed.
    #[error("the connection was lost: {0}")]
    Lost(String),
    /// A frame was refused; the connection is closed.
    #[error("a frame was refused: {0}")]
    Frame(#[from] FrameError),
    /// The other side took too long.
    #[error("the other side did not answer in time")]
    Timeout,
}

/// Opens an endpoint with `secret` as its identity and `relay`; `accept` makes it take
/// connections for Anprobe sessions (the shopper's side).
pub async fn bind(relay: &Relay, secret: &[u8; 32], accept: bool) -> Result<Endpoint, LinkError> {
    let builder = match relay {
        Relay::Off => Endpoint::builder(presets::Minimal).relay_mode(RelayMode::Disabled),
        Relay::Default => Endpoint::builder(presets::N0),
        Relay::Url(url) => {
            let url: iroh::RelayUrl = url.parse().map_err(|e| LinkError::Bind(format!("{e}")))?;
            Endpoint::builder(presets::Minimal).relay_mode(RelayMode::custom([url]))
        }
    };
    let builder = builder.secret_key(SecretKey::from_bytes(secret));
    let builder = if accept {
        builder.alpns(vec![ALPN.to_vec()])
    } else {
        builder
    };
    builder
        .bind()
        .await
        .map_err(|e| LinkError::Bind(e.to_string()))
}

/// A fresh endpoint identity (kept in the data folder so that a stylist is recognised).
pub fn new_secret() -> [u8; 32] {
    SecretKey::generate().to_bytes()
}

/// The public key of the identity `secret`.
pub fn public_key(secret: &[u8; 32]) -> [u8; 32] {
    *SecretKey::from_bytes(secret).public().as_bytes()
}

/// A key as people compare it: its first 10 base32 characters.
pub fn short_key(key: &[u8; 32]) -> String {
    data_encoding::BASE32_NOPAD.encode(key)[..10].to_ascii_lowercase()
}

/// Reads one frame's body whose length `allowed` accepts (checked before the body is read);
/// `Ok(None)` when the other side finished the stream.
pub async fn read_frame(
    recv: &mut RecvStream,
    allowed: impl FnOnce(usize) -> Result<(), FrameError>,
) -> Result<Option<Vec<u8>>, LinkError> {
    let mut len = [0u8; 4];
    match recv.read_exact(&mut len).await {
        Ok(()) => {}
        Err(iroh::endpoint::ReadExactError::FinishedEarly(0)) => return Ok(None),
        Err(e) => return Err(LinkError::Lost(e.to_string())),
    }
    let len = u32::from_be_bytes(len) as usize;
    allowed(len)?;
    let mut body = vec![0u8; len];
    recv.read_exact(&mut body)
        .await
        .map_err(|e| LinkError::Lost(e.to_string()))?;
    Ok(Some(body))
}

/// Reads one opening frame (at most `opening::MAX_OPENING` bytes) within [`OPENING_TIMEOUT`].
pub async fn read_opening(recv: &mut RecvStream) -> Result<super::opening::Opening, LinkError> {
    let max = super::opening::MAX_OPENING;
    let read = read_frame(recv, |len| {
        if len > max {
            Err(FrameError::TooLarge { len, max })
        } else {
            Ok(())
        }
    });
    let body = tokio::time::timeout(OPENING_TIMEOUT, read)
        .await
        .map_err(|_| LinkError::Timeout)??
        .ok_or_else(|| LinkError::Lost("the other side closed the stream".into()))?;
    Ok(super::opening::Opening::decode(&body)?)
}

/// Writes frames (each already length-prefixed), in order.
pub async fn write_frames(send: &mut SendStream, frames: &[Vec<u8>]) -> Result<(), LinkError> {
    for frame in frames {
        send.write_all(frame)
            .await
            .map_err(|e| LinkError::Lost(e.to_string()))?;
    }
    Ok(())
}

/// The length a stylist's next frame may have, after `previous` (the body of the frame before
/// it, if any): a proposal's garment exactly as long as the proposal declared, any other frame
/// a message at most `protocol::MAX_FRAME`. So the reader never allocates more than the protocol allows.
pub fn next_allowed(previous: Option<&[u8]>) -> Option<u64> {
    match previous.map(decode) {
        Some(Ok(Message::Proposal { glb_bytes, .. })) => Some(glb_bytes),
        _ => None,
    }
}

/// Forwards the frames of `recv` to `out` until the stream ends or a frame is refused; a
/// stylist's proposals are followed by their garment frame (`garments`).
pub async fn forward_frames(
    mut recv: RecvStream,
    out: tokio::sync::mpsc::UnboundedSender<Result<Vec<u8>, LinkError>>,
    garments: bool,
) {
    let mut garment: Option<u64> = None;
    loop {
        let expected = garment.take();
        let read = read_frame(&mut recv, |len| {
            super::protocol::check_length(len, expected)
        })
        .await;
        match read {
            Ok(Some(body)) => {
                if garments && expected.is_none() {
                    garment = next_allowed(Some(&body));
                }
                if out.send(Ok(body)).is_err() {
                    return;
                }
            }
            Ok(None) => {
                let _ = out.send(Err(LinkError::Lost(
                    "the other side closed the stream".into(),
                )));
                return;
            }
            Err(e) => {
                let _ = out.send(Err(e));
                return;
            }
        }
    }
}

/// Starts the session's own thread with a tokio runtime and runs `task` on it.
fn spawn_runtime<F>(name: &str, task: F) -> std::io::Result<std::thread::JoinHandle<()>>
where
    F: std::future::Future<Output = ()> + Send + 'static,
{
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime.block_on(task),
                Err(e) => eprintln!("anprobe: the session's runtime did not start: {e}"),
            }
        })
}

/// Where a side's notices go: a channel the caller polls, and a wake-up for a caller that
/// sleeps until something happens (the app's event loop).
pub struct Outlet<N> {
    tx: std::sync::mpsc::Sender<N>,
    wake: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
}

impl<N> Clone for Outlet<N> {
    fn clone(&self) -> Self {
        Outlet {
            tx: self.tx.clone(),
            wake: self.wake.clone(),
        }
    }
}

impl<N> Outlet<N> {
    /// An outlet and the receiving end; `wake` is called after each notice.
    pub fn new(
        wake: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
    ) -> (Outlet<N>, std::sync::mpsc::Receiver<N>) {
        let (tx, rx) = std::sync::mpsc::channel();
        (Outlet { tx, wake }, rx)
    }

    /// Sends a notice and wakes the caller; whether the caller is still there.
    pub fn send(&self, notice: N) -> bool {
        if self.tx.send(notice).is_err() {
            return false;
        }
        if let Some(wake) = &self.wake {
            wake();
        }
        true
    }
}

/// A command that stops a side's thread (sent when its [`Side`] is dropped).
pub trait Shutdown {
    /// The command.
    fn shutdown() -> Self;
}

/// One side of a session running on its own thread: commands in, notices out; neither waits.
pub struct Side<C: Shutdown, N> {
    commands: tokio::sync::mpsc::UnboundedSender<C>,
    notices: std::sync::Mutex<std::sync::mpsc::Receiver<N>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl<C: Shutdown + Send + 'static, N: Send + 'static> Side<C, N> {
    /// Runs `task` (given the commands to read and the outlet for notices) on a thread named
    /// `name`; `wake` is called after each notice.
    pub fn spawn<F, Fut>(name: &str, wake: Wake, task: F) -> std::io::Result<Side<C, N>>
    where
        F: FnOnce(tokio::sync::mpsc::UnboundedReceiver<C>, Outlet<N>) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        let (commands, command_rx) = tokio::sync::mpsc::unbounded_channel();
        let (outlet, notices) = Outlet::new(wake);
        let thread = spawn_runtime(name, task(command_rx, outlet))?;
        Ok(Side {
            commands,
            notices: std::sync::Mutex::new(notices),
            thread: Some(thread),
        })
    }

    /// Sends a command (never waits).
    pub fn send(&self, command: C) {
        let _ = self.commands.send(command);
    }

    /// The next notice, if one came.
    pub fn try_notice(&self) -> Option<N> {
        self.notices.lock().ok()?.try_recv().ok()
    }

    /// The next notice, waiting at most `timeout`.
    pub fn notice_within(&self, timeout: Duration) -> Option<N> {
        self.notices.lock().ok()?.recv_timeout(timeout).ok()
    }
}

impl<C: Shutdown, N> Drop for Side<C, N> {
    fn drop(&mut self) {
        let _ = self.commands.send(C::shutdown());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The wake-up a caller may give a session's side.
pub type Wake = Option<std::sync::Arc<dyn Fn() + Send + Sync>>;

/// `frames` of messages.
pub fn encode_all(messages: &[Message]) -> Vec<Vec<u8>> {
    messages.iter().map(super::protocol::encode).collect()
}

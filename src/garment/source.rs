//! Reading a garment's bytes: files within the size limits, external files by relative URI or
//! base64 `data:` URI, the GLB container, and the JSON document within its size and nesting
//! limits. Nothing here trusts a length it has not checked.

use super::diagnostic::Diags;
use super::limits::{MAX_FILE_BYTES, MAX_JSON_BYTES, MAX_JSON_DEPTH, MAX_TOTAL_BYTES};
use super::progress::ImportProgress;
use serde_json::Value;
use std::io::Read;
use std::path::{Component, Path};

/// Bytes read so far for one garment, against [`MAX_TOTAL_BYTES`].
#[derive(Debug, Default)]
pub(super) struct Budget {
    read: u64,
    /// Decoded texture bytes, against [`super::limits::MAX_TOTAL_TEXTURE_BYTES`].
    pub texture: u64,
}

impl Budget {
    /// A budget of which `read` bytes are spent.
    pub fn new(read: u64) -> Self {
        Budget { read, texture: 0 }
    }

    pub fn take(&mut self, bytes: u64) -> Result<(), String> {
        self.read = self.read.saturating_add(bytes);
        if self.read > MAX_TOTAL_BYTES {
            Err(format!(
                "the garment's files together exceed the limit of {} MiB",
                MAX_TOTAL_BYTES >> 20
            ))
        } else {
            Ok(())
        }
    }
}

pub(super) fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// How much of a file is read at once (the progress moves by this much).
const READ_CHUNK: u64 = 1 << 20;

/// Reads a file of at most [`MAX_FILE_BYTES`]; the message names the file.
pub(super) fn read_limited(
    path: &Path,
    budget: &mut Budget,
    progress: &ImportProgress,
) -> Result<Vec<u8>, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("cannot read {shown}: not a file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{shown} is {}: larger than the limit of {} MiB",
            mib(meta.len()),
            MAX_FILE_BYTES >> 20
        ));
    }
    budget.take(meta.len())?;
    progress.expect(meta.len());
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // In chunks, so that the progress moves while a big file is read.
    let mut limited = file.take(MAX_FILE_BYTES + 1);
    loop {
        let read = (&mut limited)
            .take(READ_CHUNK)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read {shown}: {e}"))?;
        progress.advance(read as u64);
        if read == 0 {
            break;
        }
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "{shown} grew past the limit of {} MiB",
            MAX_FILE_BYTES >> 20
        ));
    }
    Ok(bytes)
}

/// The bytes a buffer or image `uri` names: a base64 `data:` URI, or a relative path inside
/// `base_dir` (percent-encoded as URIs are).
pub(super) fn resolve_uri(
    uri: &str,
    base_dir: Option<&Path>,
    budget: &mut Budget,
) -> Result<Vec<u8>, String> {
    if let Some(rest) = uri.strip_prefix("data:") {
        let Some((header, payload)) = rest.split_once(',') else {
            return Err("data: URI without a comma".into());
        };
        if !header.ends_with(";base64") {
            return Err(format!(
                "data:{header} URI: only base64 data URIs are supported"
            ));
        }
        budget.take(payload.len() as u64 / 4 * 3)?;
        return base64_decode(payload)
            .map_err(|at| format!("data: URI is not valid base64 (at character {at})"));
    }
    let scheme = uri
        .split_once(':')
        .is_some_and(|(s, _)| !s.contains('/') && !s.is_empty());
    if scheme {
        return Err(format!(
            "\"{uri}\": only relative file paths and base64 data: URIs are supported"
        ));
    }
    let decoded = percent_decode(uri).ok_or_else(|| format!("\"{uri}\": bad percent-encoding"))?;
    let relative = Path::new(&decoded);
    if decoded.is_empty()
        || !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!(
            "\"{uri}\": only relative paths inside the garment's folder are read"
        ));
    }
    let Some(base) = base_dir else {
        return Err(format!(
            "\"{uri}\" is an external file, but the garment was given without its folder"
        ));
    };
    // External buffers and images are not counted in the progress (the main file is).
    read_limited(&base.join(relative), budget, &ImportProgress::default())
}

/// Standard or URL-safe base64, padding optional.
fn base64_decode(text: &str) -> Result<Vec<u8>, usize> {
    let body = text.trim_end_matches('=');
    if text.len() - body.len() > 2 {
        return Err(body.len());
    }
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    let (mut acc, mut n) = (0u32, 0);
    for (i, c) in body.bytes().enumerate() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return Err(i),
        };
        acc = (acc << 6) | u32::from(v);
        n += 1;
        if n == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            (acc, n) = (0, 0);
        }
    }
    match n {
        0 => {}
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => return Err(body.len()),
    }
    Ok(out)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

// ---------------------------------------------------------------------------------------------
// Container and JSON

const GLB_MAGIC: &[u8; 4] = b"glTF";
const CHUNK_JSON: u32 = 0x4E4F_534A;
const CHUNK_BIN: u32 = 0x004E_4942;

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The JSON text and the binary chunk (GLB only).
pub(super) fn split_container<'a>(
    bytes: &'a [u8],
    d: &mut Diags,
) -> Option<(&'a [u8], Option<&'a [u8]>)> {
    if bytes.is_empty() {
        d.error("", "the file is empty");
        return None;
    }
    if bytes.starts_with(GLB_MAGIC) {
        return split_glb(bytes, d);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        return Some((bytes, None));
    }
    let head: Vec<String> = bytes.iter().take(4).map(|b| format!("{b:02x}")).collect();
    d.error(
        "",
        format!(
            "not a glTF file: it starts with bytes {}, neither the \"glTF\" magic of a .glb nor \
             the JSON object of a .gltf",
            head.join(" ")
        ),
    );
    None
}

fn split_glb<'a>(bytes: &'a [u8], d: &mut Diags) -> Option<(&'a [u8], Option<&'a [u8]>)> {
    let len = bytes.len();
    let (Some(version), Some(length)) = (u32_at(bytes, 4), u32_at(bytes, 8)) else {
        d.error(
            "glb",
            format!("truncated: the GLB header is 12 bytes, the file has {len}"),
        );
        return None;
    };
    if version != 2 {
        d.error(
            "glb",
            format!("GLB version {version}: only glTF 2.0 (GLB version 2) is supported"),
        );
        return None;
    }
    let length = length as usize;
    if length > len {
        d.error(
            "glb",
            format!("truncated: the GLB header says {length} bytes, the file has {len}"),
        );
        return None;
    }
    if length < len {
        d.error(
            "glb",
            format!("the GLB header says {length} bytes, but the file has {len}"),
        );
        return None;
    }
    let chunk = |at: usize| -> Option<(u32, usize, usize)> {
        let clen = u32_at(bytes, at)? as usize;
        let ctype = u32_at(bytes, at + 4)?;
        let start = at + 8;
        let end = start.checked_add(clen).filter(|&e| e <= length)?;
        Some((ctype, start, end))
    };
    let Some((ctype, start, end)) = chunk(12) else {
        d.error(
            "glb",
            "truncated: the JSON chunk is missing or runs past the end of the file",
        );
        return None;
    };
    if ctype != CHUNK_JSON {
        d.error("glb", "the first GLB chunk is not JSON");
        return None;
    }
    let json = &bytes[start..end];
    let mut bin = None;
    if end < length {
        match chunk(end) {
            Some((CHUNK_BIN, s, e)) => bin = Some(&bytes[s..e]),
            Some(_) => {} // Chunks of unknown types are ignored (glTF 2.0, GLB).
            None => {
                d.error(
                    "glb",
                    "truncated: the second chunk runs past the end of the file",
                );
                return None;
            }
        }
    }
    Some((json, bin))
}

/// Parses the JSON document (an object), within [`MAX_JSON_BYTES`] and [`MAX_JSON_DEPTH`].
pub(super) fn parse_json(bytes: &[u8], d: &mut Diags) -> Option<Value> {
    if bytes.len() > MAX_JSON_BYTES {
        d.error(
            "",
            format!(
                "the JSON is {}: larger than the limit of {} MiB",
                mib(bytes.len() as u64),
                MAX_JSON_BYTES >> 20
            ),
        );
        return None;
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            d.warning(
                "",
                "the JSON starts with a byte order mark (not allowed by glTF), ignored",
            );
            rest
        }
        None => bytes,
    };
    if json_depth(bytes) > MAX_JSON_DEPTH {
        d.error(
            "",
            format!("bad JSON: nested deeper than {MAX_JSON_DEPTH} levels"),
        );
        return None;
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(root)) => Some(Value::Object(root)),
        Ok(_) => {
            d.error("", "bad JSON: the document is not a JSON object");
            None
        }
        Err(e) => {
            d.error("", format!("bad JSON: {e}"));
            None
        }
    }
}

/// The deepest nesting of arrays and objects (strings skipped), without parsing.
fn json_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in bytes {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

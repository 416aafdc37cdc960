//! Buffers, buffer views and accessors: each checked against what holds it before a byte is
//! read (types a usage allows, counts within the limits, every element inside its view and
//! buffer, alignment), then read (normalized integers mapped to floats).

use super::Reader;
use crate::garment::diagnostic::Diags;
use crate::garment::limits::{MAX_INDICES, MAX_VERTICES};
use crate::garment::source::resolve_uri;
use gltf::accessor::{DataType, Dimensions};
use std::borrow::Cow;

/// What reading a primitive's attribute is for: decides the allowed types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Usage {
    Position,
    Normal,
    TexCoord,
    Indices,
}

/// Where an accessor's elements lie, checked against its buffer view and buffer.
#[derive(Clone, Copy, Debug)]
pub(super) struct Layout {
    buffer: usize,
    start: usize,
    stride: usize,
    pub(super) count: usize,
    data_type: DataType,
    dims: usize,
    normalized: bool,
}

fn type_name(t: DataType) -> &'static str {
    match t {
        DataType::I8 => "BYTE",
        DataType::U8 => "UNSIGNED_BYTE",
        DataType::I16 => "SHORT",
        DataType::U16 => "UNSIGNED_SHORT",
        DataType::U32 => "UNSIGNED_INT",
        DataType::F32 => "FLOAT",
    }
}

fn dims_name(d: Dimensions) -> &'static str {
    match d {
        Dimensions::Scalar => "SCALAR",
        Dimensions::Vec2 => "VEC2",
        Dimensions::Vec3 => "VEC3",
        Dimensions::Vec4 => "VEC4",
        Dimensions::Mat2 => "MAT2",
        Dimensions::Mat3 => "MAT3",
        Dimensions::Mat4 => "MAT4",
    }
}

impl<'a> Reader<'a> {
    pub(super) fn load_buffers(&mut self, bin: Option<&'a [u8]>, d: &mut Diags) {
        for buffer in self.doc.buffers() {
            let i = buffer.index();
            let ptr = format!("buffers[{i}]");
            let data: Option<Cow<'a, [u8]>> = match buffer.source() {
                gltf::buffer::Source::Bin => match bin {
                    Some(bin) if i == 0 => Some(Cow::Borrowed(bin)),
                    _ => {
                        d.error(&ptr, "no uri, and no GLB binary chunk holds it");
                        None
                    }
                },
                gltf::buffer::Source::Uri(uri) => {
                    match resolve_uri(uri, self.base_dir, &mut self.budget) {
                        Ok(bytes) => Some(Cow::Owned(bytes)),
                        Err(message) => {
                            d.error(&ptr, message);
                            None
                        }
                    }
                }
            };
            let data = data.filter(|data| {
                let ok = data.len() >= buffer.length();
                if !ok {
                    d.error(
                        &ptr,
                        format!(
                            "holds {} bytes, but its byteLength says {}",
                            data.len(),
                            buffer.length()
                        ),
                    );
                }
                ok
            });
            self.buffers.push(data);
        }
    }

    pub(super) fn check_views(&mut self, d: &mut Diags) {
        for view in self.doc.views() {
            let i = view.index();
            let buffer = view.buffer();
            let end = view.offset().checked_add(view.length());
            let ok = match end {
                Some(end) if end <= buffer.length() => true,
                _ => {
                    d.error(
                        format!("bufferViews[{i}]"),
                        format!(
                            "byteOffset {} + byteLength {} runs past the end of buffer {} ({} \
                             bytes)",
                            view.offset(),
                            view.length(),
                            buffer.index(),
                            buffer.length()
                        ),
                    );
                    false
                }
            };
            let stride_ok = match view.stride() {
                Some(s) if !(4..=252).contains(&s) || !s.is_multiple_of(4) => {
                    d.error(
                        format!("bufferViews[{i}].byteStride"),
                        format!("{s}: must be a multiple of 4 in 4–252"),
                    );
                    false
                }
                _ => true,
            };
            self.view_ok.push(ok && stride_ok);
        }
    }

    /// Checks an accessor for `usage` before anything is read: type, count, and that every
    /// element lies inside its buffer view and buffer.
    pub(super) fn layout(
        &self,
        accessor: &gltf::Accessor,
        usage: Usage,
        ptr: &str,
        d: &mut Diags,
    ) -> Option<Layout> {
        let i = accessor.index();
        let err = |d: &mut Diags, message: String| d.error(ptr, format!("accessor {i}: {message}"));
        if accessor.sparse().is_some() {
            err(d, "sparse accessors are not supported".into());
            return None;
        }
        let Some(view) = accessor.view() else {
            err(d, "no bufferView (all zeros): the data is missing".into());
            return None;
        };
        let (data_type, dims, normalized) = (
            accessor.data_type(),
            accessor.dimensions(),
            accessor.normalized(),
        );
        let (want_dims, what) = match usage {
            Usage::Position => (Dimensions::Vec3, "POSITION"),
            Usage::Normal => (Dimensions::Vec3, "NORMAL"),
            Usage::TexCoord => (Dimensions::Vec2, "TEXCOORD"),
            Usage::Indices => (Dimensions::Scalar, "indices"),
        };
        if dims != want_dims {
            err(
                d,
                format!(
                    "{what} must be {}, not {}",
                    dims_name(want_dims),
                    dims_name(dims)
                ),
            );
            return None;
        }
        use DataType::*;
        let q = self.quantized;
        let allowed = match (usage, data_type) {
            (Usage::Indices, U8 | U16 | U32) => !normalized,
            (Usage::Position, F32) | (Usage::Normal, F32) | (Usage::TexCoord, F32) => !normalized,
            (Usage::Position, I8 | U8 | I16 | U16) => q,
            (Usage::Normal, I8 | I16) => q && normalized,
            (Usage::TexCoord, U8 | U16) => normalized || q,
            (Usage::TexCoord, I8 | I16) => q,
            _ => false,
        };
        if !allowed {
            let norm = if normalized { "normalized " } else { "" };
            let hint = match usage {
                Usage::Indices => "UNSIGNED_BYTE, UNSIGNED_SHORT or UNSIGNED_INT",
                Usage::TexCoord => "FLOAT, or normalized UNSIGNED_BYTE / UNSIGNED_SHORT",
                _ if q => "FLOAT or a KHR_mesh_quantization type",
                _ => "FLOAT",
            };
            err(
                d,
                format!(
                    "{what} cannot be {norm}{}: use {hint}",
                    type_name(data_type)
                ),
            );
            return None;
        }
        let count = accessor.count();
        if count == 0 {
            err(d, "count is 0".into());
            return None;
        }
        let (limit, noun) = if usage == Usage::Indices {
            (MAX_INDICES, "indices")
        } else {
            (MAX_VERTICES, "vertices")
        };
        if count > limit {
            err(
                d,
                format!("count {count} exceeds the limit of {limit} {noun}"),
            );
            return None;
        }
        let v = view.index();
        if !self.view_ok.get(v).copied().unwrap_or(false) {
            return None; // Reported with the view.
        }
        let buffer = view.buffer().index();
        if self.buffers.get(buffer).is_none_or(Option::is_none) {
            return None; // Reported with the buffer.
        }
        let size = data_type.size();
        let element = size * dims.multiplicity();
        let stride = view.stride().unwrap_or(element);
        if stride < element {
            err(
                d,
                format!(
                    "bufferView {v}'s byteStride {stride} is smaller than an element ({element} bytes)"
                ),
            );
            return None;
        }
        let need = (count as u64 - 1)
            .checked_mul(stride as u64)
            .and_then(|n| n.checked_add(element as u64))
            .and_then(|n| n.checked_add(accessor.offset() as u64));
        match need {
            Some(need) if need <= view.length() as u64 => {}
            _ => {
                err(
                    d,
                    format!(
                        "{count} elements from byteOffset {} need more than bufferView {v}'s {} \
                         bytes",
                        accessor.offset(),
                        view.length()
                    ),
                );
                return None;
            }
        }
        let start = view.offset() + accessor.offset();
        if !start.is_multiple_of(size) || !stride.is_multiple_of(size) {
            err(
                d,
                format!("misaligned: its data must start on a multiple of {size} bytes"),
            );
            return None;
        }
        Some(Layout {
            buffer,
            start,
            stride,
            count,
            data_type,
            dims: dims.multiplicity(),
            normalized,
        })
    }

    /// Reads `N`-component elements as floats (normalized integers mapped to 0..1 / -1..1).
    pub(super) fn read_floats<const N: usize>(&self, l: &Layout) -> Vec<[f32; N]> {
        let data = self.buffers[l.buffer].as_deref().unwrap_or(&[]);
        let size = l.data_type.size();
        (0..l.count)
            .map(|i| {
                let mut out = [0.0; N];
                for (c, slot) in out.iter_mut().enumerate().take(l.dims) {
                    let at = l.start + i * l.stride + c * size;
                    *slot = component(data, at, l.data_type, l.normalized);
                }
                out
            })
            .collect()
    }

    pub(super) fn read_indices(&self, l: &Layout) -> Vec<u32> {
        let data = self.buffers[l.buffer].as_deref().unwrap_or(&[]);
        (0..l.count)
            .map(|i| {
                let at = l.start + i * l.stride;
                let b = |k: usize| data.get(at + k).copied().unwrap_or(0);
                match l.data_type {
                    DataType::U8 => u32::from(b(0)),
                    DataType::U16 => u32::from(u16::from_le_bytes([b(0), b(1)])),
                    _ => u32::from_le_bytes([b(0), b(1), b(2), b(3)]),
                }
            })
            .collect()
    }
}

/// One component at byte `at`, little-endian.
fn component(data: &[u8], at: usize, t: DataType, normalized: bool) -> f32 {
    let b = |k: usize| data.get(at + k).copied().unwrap_or(0);
    match t {
        DataType::F32 => f32::from_le_bytes([b(0), b(1), b(2), b(3)]),
        DataType::I8 => {
            let v = f32::from(b(0) as i8);
            if normalized { (v / 127.0).max(-1.0) } else { v }
        }
        DataType::U8 => {
            let v = f32::from(b(0));
            if normalized { v / 255.0 } else { v }
        }
        DataType::I16 => {
            let v = f32::from(i16::from_le_bytes([b(0), b(1)]));
            if normalized {
                (v / 32767.0).max(-1.0)
            } else {
                v
            }
        }
        DataType::U16 => {
            let v = f32::from(u16::from_le_bytes([b(0), b(1)]));
            if normalized { v / 65535.0 } else { v }
        }
        DataType::U32 => u32::from_le_bytes([b(0), b(1), b(2), b(3)]) as f32,
    }
}

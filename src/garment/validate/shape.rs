//! The metadata's JSON shape, checked before it is read: required fields, the type of every
//! value, limits on list lengths, and unknown fields (warned about, ignored).

use super::CATEGORIES;
use crate::body::pose::Pose;
use crate::garment::diagnostic::Diagnostic;
use crate::garment::limits::{MAX_COLOURWAYS, MAX_SIZES};
use crate::garment::{REFERENCE_FORMS, reference_form};
use serde_json::{Map, Value};

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn wrong_type(v: &Value, expected: &str, ptr: &str, d: &mut Vec<Diagnostic>) {
    d.push(Diagnostic::error(
        ptr,
        format!("expected {expected}, found {}", json_kind(v)),
    ));
}

fn as_object<'v>(
    v: &'v Value,
    ptr: &str,
    d: &mut Vec<Diagnostic>,
) -> Option<&'v Map<String, Value>> {
    let o = v.as_object();
    if o.is_none() {
        wrong_type(v, "an object", ptr, d);
    }
    o
}

fn as_array<'v>(v: &'v Value, ptr: &str, d: &mut Vec<Diagnostic>) -> Option<&'v Vec<Value>> {
    let a = v.as_array();
    if a.is_none() {
        wrong_type(v, "an array", ptr, d);
    }
    a
}

fn check_string(v: &Value, ptr: &str, d: &mut Vec<Diagnostic>) {
    if !v.is_string() {
        wrong_type(v, "a string", ptr, d);
    }
}

fn check_number(v: &Value, ptr: &str, d: &mut Vec<Diagnostic>) {
    if !v.is_number() {
        wrong_type(v, "a number", ptr, d);
    }
}

fn check_uint(v: &Value, max: u64, ptr: &str, d: &mut Vec<Diagnostic>) {
    match v.as_u64() {
        Some(n) if n <= max => {}
        Some(n) => d.push(Diagnostic::error(
            ptr,
            format!("{n} is too large (at most {max})"),
        )),
        None => wrong_type(v, "a whole number ≥ 0", ptr, d),
    }
}

/// The required fields of `obj` (a missing one is an error); fields not in `known` are warned
/// about. Returns the value of each required field (in order) when all are present.
fn fields<'v, const N: usize>(
    obj: &'v Map<String, Value>,
    known: [&str; N],
    ptr: &str,
    d: &mut Vec<Diagnostic>,
) -> Option<[&'v Value; N]> {
    let mut all = true;
    for name in known {
        if !obj.contains_key(name) {
            d.push(Diagnostic::error(
                ptr,
                format!("missing required field \"{name}\""),
            ));
            all = false;
        }
    }
    for name in obj.keys() {
        if !known.contains(&name.as_str()) {
            d.push(Diagnostic::warning(
                format!("{ptr}.{name}"),
                "unknown field, ignored",
            ));
        }
    }
    all.then(|| known.map(|name| &obj[name]))
}

/// Checks the metadata object's shape: required fields, types, unknown fields (warned about).
pub(super) fn check_shape(value: &Value, ptr: &str, d: &mut Vec<Diagnostic>) {
    let Some(obj) = as_object(value, ptr, d) else {
        return;
    };
    let known = [
        "version",
        "sku",
        "retailer",
        "brand",
        "name",
        "category",
        "layer",
        "price",
        "currency",
        "colourways",
        "stretch",
        "care",
        "return_window_days",
        "reference_body",
        "reference_size",
        "sizes",
    ];
    // Check the fields that are there even when some are missing.
    fields(obj, known, ptr, d);
    let at = |name: &str| format!("{ptr}.{name}");
    for (name, v) in obj {
        let p = at(name);
        match name.as_str() {
            "version" => check_uint(v, u64::from(u32::MAX), &p, d),
            "layer" => check_uint(v, 3, &p, d),
            "return_window_days" => check_uint(v, u64::from(u32::MAX), &p, d),
            "sku" | "retailer" | "brand" | "name" | "currency" | "care" | "reference_size" => {
                check_string(v, &p, d)
            }
            "price" => check_number(v, &p, d),
            "category" => match v.as_str() {
                Some(c) if CATEGORIES.contains(&c) => {}
                Some(c) => d.push(Diagnostic::error(
                    p,
                    format!("unknown category \"{c}\": one of {}", CATEGORIES.join(", ")),
                )),
                None => wrong_type(v, "a string", &p, d),
            },
            "colourways" => {
                if let Some(list) = as_array(v, &p, d) {
                    if list.len() > MAX_COLOURWAYS {
                        d.push(Diagnostic::error(
                            p,
                            format!("{} colourways: at most {MAX_COLOURWAYS}", list.len()),
                        ));
                        continue;
                    }
                    for (i, c) in list.iter().enumerate() {
                        let p = format!("{p}[{i}]");
                        if let Some(o) = as_object(c, &p, d)
                            && let Some([name, rgb]) = fields(o, ["name", "rgb"], &p, d)
                        {
                            check_string(name, &format!("{p}.name"), d);
                            check_string(rgb, &format!("{p}.rgb"), d);
                        }
                    }
                }
            }
            "stretch" => {
                if let Some(o) = as_object(v, &p, d)
                    && let Some([h, vert]) = fields(o, ["horizontal_pct", "vertical_pct"], &p, d)
                {
                    check_number(h, &format!("{p}.horizontal_pct"), d);
                    check_number(vert, &format!("{p}.vertical_pct"), d);
                }
            }
            "reference_body" => {
                if let Some(o) = as_object(v, &p, d) {
                    for (k, x) in o {
                        if k == "form" {
                            check_form(x, &format!("{p}.{k}"), d);
                        } else if k == "pose" {
                            check_pose(x, &format!("{p}.{k}"), d);
                        } else {
                            check_number(x, &format!("{p}.{k}"), d);
                        }
                    }
                }
            }
            "sizes" => {
                if let Some(list) = as_array(v, &p, d) {
                    if list.len() > MAX_SIZES {
                        d.push(Diagnostic::error(
                            p,
                            format!("{} sizes: at most {MAX_SIZES}", list.len()),
                        ));
                        continue;
                    }
                    for (i, s) in list.iter().enumerate() {
                        check_size_shape(s, &format!("{p}[{i}]"), d);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Checks the reference body's `form`: a value [`reference_form`] reads.
fn check_form(v: &Value, ptr: &str, d: &mut Vec<Diagnostic>) {
    if reference_form(v).is_none() {
        d.push(Diagnostic::error(
            ptr,
            format!("{v} is not a body form: write {REFERENCE_FORMS}"),
        ));
    }
}

/// Checks the reference body's `pose`: an object of known angles, each a number of degrees in
/// its range (see [`Pose`]).
fn check_pose(v: &Value, ptr: &str, d: &mut Vec<Diagnostic>) {
    let Some(o) = as_object(v, ptr, d) else {
        return;
    };
    let angles = Pose::default().angles();
    for (name, x) in o {
        let p = format!("{ptr}.{name}");
        let Some((_, _, (lo, hi))) = angles.iter().find(|(n, _, _)| n == name) else {
            let known: Vec<&str> = angles.iter().map(|(n, _, _)| *n).collect();
            d.push(Diagnostic::error(
                p,
                format!("unknown pose angle: one of {}", known.join(", ")),
            ));
            continue;
        };
        match x.as_f64() {
            Some(deg) if (*lo..=*hi).contains(&deg) => {}
            Some(deg) => d.push(Diagnostic::error(
                p,
                format!("{deg}° is outside the {lo}–{hi}° a reference pose may declare"),
            )),
            None => wrong_type(x, "a number of degrees", &p, d),
        }
    }
}

/// Checks one size's shape: its label, body ranges and garment measurements.
fn check_size_shape(v: &Value, ptr: &str, d: &mut Vec<Diagnostic>) {
    let Some(o) = as_object(v, ptr, d) else {
        return;
    };
    let Some([label, body, garment]) = fields(o, ["label", "body", "garment"], ptr, d) else {
        return;
    };
    check_string(label, &format!("{ptr}.label"), d);
    let p = format!("{ptr}.body");
    if let Some(body) = as_object(body, &p, d) {
        for (k, r) in body {
            let p = format!("{p}.{k}");
            if let Some(r) = as_object(r, &p, d)
                && let Some([min, max]) = fields(r, ["min", "max"], &p, d)
            {
                check_number(min, &format!("{p}.min"), d);
                check_number(max, &format!("{p}.max"), d);
            }
        }
    }
    let p = format!("{ptr}.garment");
    if let Some(garment) = as_object(garment, &p, d) {
        for (k, x) in garment {
            check_number(x, &format!("{p}.{k}"), d);
        }
    }
}

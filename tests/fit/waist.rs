//! The waist a size chart means: a garment modelled on a body whose natural waist is much smaller
//! than its navel girth (65.8 against 72.3 cm, a real retailer's reference body) reads its waist
//! at the natural waist, as designed — it read "+10 cm, loose" when the waist tape lay at the
//! navel. A low-rise garment reads its waist at the navel, against the navel's girth.

use super::triangles;
use anprobe::fit::{
    self, DrapeSettings, PreparedBody, PreparedGarment, Region, Verdict, measure, synthetic,
};
use anprobe::garment::{Category, GarmentPart, Stretch};
use anprobe::measurements::{self, Form, Key, Measurements};
use std::collections::BTreeMap;

const NATURAL: f64 = 65.8;
const NAVEL: f64 = 72.3;

/// The reference body: 168 cm, bust 88, natural waist 65.8, 72.3 at the navel, hip 96.
fn typed() -> Measurements {
    let mut m = Measurements::new(Form::Female, 168.0);
    m.set(Key::ChestGirth, 88.0);
    m.set(Key::WaistGirth, NATURAL);
    m.set(Key::OmphalionGirth, NAVEL);
    m.set(Key::HipGirth, 96.0);
    m
}

fn own_body() -> PreparedBody {
    PreparedBody::new(measurements::resolve(&typed()).expect("a valid body"))
}

/// The part's girth on the body's tape plane for the waist at `key`, cm.
fn girth_at(body: &PreparedBody, part: &GarmentPart, key: Key) -> f64 {
    let plane = fit::prepare::plane_of(&body.anatomy, Region::Waist, key).expect("a plane");
    measure::girth(
        &part.mesh.positions,
        &triangles(&part.mesh.indices),
        plane,
        |_| true,
    )
    .expect("the skirt goes round the body there")
    .perimeter
        * 100.0
}

/// A skirt on the body, charted by `waist_key` (ranges 4 cm wide, the body in the middle of M)
/// with the garment's own modelled waist and hip as M's finished measurements.
fn skirt(body: &PreparedBody, low_rise: bool, waist_key: Key) -> (PreparedGarment, f64) {
    let spec = synthetic::SkirtSpec {
        low_rise,
        ..Default::default()
    };
    let part = synthetic::skirt(body, &spec);
    let read_at = if low_rise {
        Key::OmphalionGirth
    } else {
        Key::WaistGirth
    };
    let waist = girth_at(body, &part, read_at);
    let hip = fit::prepare::plane_of(&body.anatomy, Region::Hip, Key::WaistGirth)
        .and_then(|plane| {
            measure::girth(
                &part.mesh.positions,
                &triangles(&part.mesh.indices),
                plane,
                |_| true,
            )
        })
        .expect("round the hip")
        .perimeter
        * 100.0;
    let body_waist = body.value(waist_key);
    let sizes = synthetic::chart(
        &["S", "M", "L"],
        &[
            (waist_key.as_str(), body_waist - 6.0, 4.0),
            ("hip_girth", 96.0 - 6.0, 4.0),
        ],
        &[
            ("waist", waist, 4.0),
            ("hip", hip, 4.0),
            ("length", 50.0, 1.0),
        ],
        1,
    );
    let stretch = Stretch {
        horizontal_pct: 3.0,
        vertical_pct: 2.0,
    };
    let mut meta = synthetic::meta("waist skirt", Category::Skirt, 1, stretch, sizes, "M");
    meta.reference_body = typed()
        .values
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), *v))
        .collect::<BTreeMap<_, _>>()
        .into();
    let prepared = PreparedGarment::with_reference(synthetic::garment(meta, part), body.clone())
        .expect("the skirt prepares");
    (prepared, waist - body_waist)
}

/// The waist region of size M of `g` worn on `body`.
fn waist_of(g: &PreparedGarment, body: &PreparedBody) -> fit::RegionFit {
    let m = g.size_index("M").expect("a size M");
    let f = fit::fit_size(g, body, m, &[], &DrapeSettings::default()).expect("fits");
    f.map
        .regions
        .iter()
        .find(|r| r.region == Region::Waist)
        .cloned()
        .expect("a waist region")
}

/// Size M's waist on its own body reads against `body_cm`, with the ease it was modelled with
/// (within 1.5 cm), neither tight nor loose.
fn reads_as_modelled(g: &PreparedGarment, body: &PreparedBody, body_cm: f64, modelled_ease: f64) {
    let waist = waist_of(g, body);
    assert!((waist.body_cm - body_cm).abs() < 0.01, "{waist:?}");
    assert!(
        (waist.ease_cm - modelled_ease).abs() < 1.5,
        "ease {:.1} cm, modelled {modelled_ease:.1} cm",
        waist.ease_cm
    );
    assert!(
        !matches!(waist.verdict, Verdict::Loose | Verdict::Tight),
        "{waist:?}"
    );
}

#[test]
fn a_skirt_modelled_on_a_narrow_natural_waist_reads_its_own_ease_there() {
    let body = own_body();
    let avatar_waist = fit::prepare::plane_of(&body.anatomy, Region::Waist, Key::WaistGirth);
    let avatar_navel = fit::prepare::plane_of(&body.anatomy, Region::Waist, Key::OmphalionGirth);
    assert!(
        avatar_waist.unwrap().origin.y > avatar_navel.unwrap().origin.y + 0.02,
        "the natural waist lies above the navel"
    );
    let (g, modelled_ease) = skirt(&body, false, Key::WaistGirth);
    assert_eq!(g.waist_key, Key::WaistGirth);
    reads_as_modelled(&g, &body, NATURAL, modelled_ease);
}

#[test]
fn a_low_rise_skirt_reads_its_waist_at_the_navel() {
    let body = own_body();
    // Charted by the navel's girth: read at the navel, against 72.3 cm.
    let (g, modelled_ease) = skirt(&body, true, Key::OmphalionGirth);
    assert_eq!(g.waist_key, Key::OmphalionGirth);
    reads_as_modelled(&g, &body, NAVEL, modelled_ease);
    // Charted by the natural waist but stopping below it: the waistband is where it is.
    let (g, _) = skirt(&body, true, Key::WaistGirth);
    assert_eq!(g.waist_key, Key::OmphalionGirth);
    assert!((waist_of(&g, &body).body_cm - NAVEL).abs() < 0.01);
}

//! The cuts: each kind of garment built on the reference avatar from its finished measurements
//! in the reference size, with its parts (body, sleeves, bands, collar, hood, pockets, buttons)
//! as separate meshes.

use super::body_map::{BodyModel, Landmarks};
use super::details::{self, Fall};
use super::items::{Item, Kind};
use super::menswear;
use super::pattern::{
    self, Armhole, CLEARANCE, FaceOpening, Fit, Folds, Neckline, RadialTable, SleeveSpec,
    TableSpec, TrouserSpec, Trunk, TrunkSpec, Wrap,
};
use super::sheet::Sheet;
use crate::export::{GlbMaterial, GlbMesh, srgb_to_linear};
use glam::Vec3;
use std::f32::consts::PI;

/// A matte material in an sRGB hex colour, scaled by `shade` (1 = as is).
pub(super) fn fabric(name: &str, hex: &str, shade: f32, roughness: f32) -> GlbMaterial {
    let digits = hex.trim_start_matches('#');
    let channel = |i: usize| {
        f32::from(u8::from_str_radix(digits.get(i..i + 2).unwrap_or("80"), 16).unwrap_or(128))
            / 255.0
    };
    let [r, g, b] = [0, 2, 4].map(|i| (srgb_to_linear(channel(i)) * shade).min(1.0));
    GlbMaterial {
        name: name.into(),
        base_color: [r, g, b, 1.0],
        metallic: 0.0,
        roughness,
        double_sided: false,
    }
}

/// Buttons: a little glossier.
pub(super) fn button_material(hex: &str) -> GlbMaterial {
    GlbMaterial {
        roughness: 0.35,
        ..fabric("button", hex, 1.0, 0.35)
    }
}

/// The finished measurements of the reference size, in metres.
pub(super) struct Measures<'a>(&'a Item);

impl Measures<'_> {
    pub(super) fn get(&self, key: &str) -> f32 {
        let meta = &self.0.meta;
        let size = meta
            .sizes
            .iter()
            .find(|s| s.label == meta.reference_size)
            .or(meta.sizes.first());
        size.and_then(|s| s.garment.get(key))
            .copied()
            .unwrap_or(0.0) as f32
            / 100.0
    }
}

/// The meshes of one catalog item; with `cones`, a full skirt (the dress's, the flared skirt)
/// is modelled as a wide cone, its hem's finished girth spread round one circle, instead of
/// hanging from the hip in folds.
pub(super) fn build(model: &BodyModel, item: &Item, cones: bool) -> Vec<GlbMesh> {
    let g = Measures(item);
    let hex = item
        .meta
        .colourways
        .first()
        .map_or("#808080", |c| c.rgb.as_str());
    match item.kind {
        Kind::Tee => tee(model, &g, hex),
        Kind::Sweater => sweater(model, &g, hex),
        Kind::Hoodie => hoodie(model, &g, hex),
        Kind::Blouse => blouse(model, &g, hex),
        Kind::Coat => coat(model, &g, hex),
        Kind::Dress => dress(model, &g, hex, cones),
        Kind::Skirt => skirt(model, &g, hex, cones),
        Kind::Jeans => jeans(model, &g, hex),
        Kind::Shorts => shorts(model, &g, hex),
        Kind::Shirt => menswear::shirt(model, &g, hex),
        Kind::SuitJacket => menswear::suit_jacket(model, &g, hex),
        Kind::SuitTrousers => menswear::suit_trousers(model, &g, hex),
    }
}

/// A top cut on a new sheet with a collar falling from its neckline (the collar's part given):
/// the sheet and the top's radial table.
pub(super) fn collared_top(
    model: &BodyModel,
    g: &Measures,
    cut: &TopCut,
    fall: &Fall,
    part: usize,
) -> (Sheet, RadialTable) {
    let mut sheet = Sheet::default();
    let (table, trunk) = top(model, g, cut, &mut sheet);
    details::collar_fall(&mut sheet, &table, &trunk, fall, part);
    (sheet, table)
}

/// The knots a top's trunk adds to the chart's girths ([`trunk_fit`]): below the waist
/// (`lower`) and above the armhole (`upper`).
pub(super) struct TrunkFit {
    pub lower: Vec<(f32, Fit)>,
    pub upper: Vec<(f32, Fit)>,
}

/// A top's fit from the hem up: the hem's girth, `lower` (a band's top, the hip), the waist
/// and chest girths, held from the armhole's bottom up, then `upper` (the eases over the
/// shoulder and at the neckline). An armhole whose bottom lies below the chest line (a
/// jacket's) takes the chest girth (measured across the underarm) from its bottom up to the
/// chest line.
fn trunk_fit(
    lm: &Landmarks,
    g: &Measures,
    (hem, armhole_bottom): (f32, f32),
    lower: &[(f32, Fit)],
    upper: &[(f32, Fit)],
) -> Vec<(f32, Fit)> {
    let mut fit = vec![(hem, Fit::Girth(g.get("hem")))];
    fit.extend_from_slice(lower);
    let chest = Fit::Girth(g.get("chest"));
    fit.push((lm.y_waist, Fit::Girth(g.get("waist"))));
    if armhole_bottom < lm.y_chest {
        fit.extend([(armhole_bottom, chest), (lm.y_chest, chest)]);
    } else {
        fit.extend([(lm.y_chest, chest), (armhole_bottom, Fit::Hold)]);
    }
    fit.extend_from_slice(upper);
    fit
}

/// The side neck point's height (where a shoulder seam meets the neckline).
pub(super) fn hps(lm: &Landmarks) -> f32 {
    lm.y_neck - 0.013
}

/// Part indices of a top (the order of the parts its `shell` is given).
#[derive(Clone, Copy)]
pub(super) struct TopParts {
    pub body: usize,
    pub sleeves: usize,
    pub cuffs: usize,
    pub hem_band: usize,
    pub neck: usize,
}

impl TopParts {
    /// Body, hem band and neck one part, sleeves and cuffs the second: a cut names what
    /// differs from this.
    pub const PLAIN: TopParts = TopParts {
        body: 0,
        sleeves: 1,
        cuffs: 1,
        hem_band: 0,
        neck: 0,
    };
}

/// What a top's trunk has beyond a plain cut (none of it by default).
#[derive(Default)]
pub(super) struct TrunkExtras {
    /// Bands (low, high) in which the cloth hangs from the widest part above (a tunic below
    /// the hip, a hood's back).
    pub hang: Vec<(f32, f32)>,
    /// Folds gathered into the hem.
    pub folds: Option<Folds>,
    /// Rows above the neckline's back height up to this level (a collar stand, a hood).
    pub above: Option<f32>,
    /// Whether those rows keep their height above the neckline all round (a collar stand)
    /// rather than meeting at one top level (a hood).
    pub stand: bool,
    /// The opening for the face in a hood.
    pub face: Option<FaceOpening>,
    /// Close the top with a pole at this height (a hood's crown).
    pub pole: Option<f32>,
}

/// How a top is cut.
pub(super) struct TopCut {
    pub columns: usize,
    pub step: f32,
    pub hem: f32,
    pub neckline: Neckline,
    pub armhole: Armhole,
    pub fit: TrunkFit,
    pub extras: TrunkExtras,
    pub sleeve: Option<SleeveSpec>,
    pub hem_band: f32,
    pub neck_band: f32,
    pub parts: TopParts,
}

/// Builds a top's trunk (and sleeves) into `sheet`.
fn top(model: &BodyModel, g: &Measures, cut: &TopCut, sheet: &mut Sheet) -> (RadialTable, Trunk) {
    let fit = trunk_fit(
        &model.lm,
        g,
        (cut.hem, cut.armhole.bottom),
        &cut.fit.lower,
        &cut.fit.upper,
    );
    let neck_top = cut.neckline.back;
    let hi = cut
        .extras
        .above
        .unwrap_or(neck_top)
        .max(cut.extras.pole.unwrap_or(0.0));
    let table = pattern::table(
        model,
        &TableSpec {
            wrap: Wrap::Trunk,
            range: (cut.hem, hi),
            fit: &fit,
            hang: &cut.extras.hang,
            folds: cut.extras.folds,
        },
    );
    let spec = TrunkSpec {
        columns: cut.columns,
        hem: cut.hem,
        step: cut.step,
        armholes: Some(cut.armhole),
        neckline: cut.neckline,
        above: cut.extras.above,
        stand: cut.extras.stand,
        face: cut.extras.face,
        pole: cut.extras.pole,
    };
    let p = cut.parts;
    let trunk = pattern::trunk(sheet, &table, &spec, &|y, _| {
        if y >= neck_top - cut.neck_band - 1e-4 {
            p.neck
        } else if y < cut.hem + cut.hem_band - 1e-4 {
            p.hem_band
        } else {
            p.body
        }
    });
    if let Some(sleeve) = &cut.sleeve {
        for (side, hole) in [1.0, -1.0].into_iter().zip(&trunk.armholes) {
            pattern::sleeve(sheet, model, hole, side, sleeve, (p.sleeves, p.cuffs));
        }
    }
    (table, trunk)
}

/// The armhole of a sleeved top: `drop` below the armpit, just above the shoulder point.
pub(super) fn set_in(lm: &Landmarks, drop: f32, half_columns: usize) -> Armhole {
    Armhole {
        bottom: lm.y_axilla - drop,
        top: lm.acromion.y + 0.01,
        half_columns,
        shape: [1.0, 1.0, 1.0],
    }
}

/// A sleeve from 10 cm down the arm to the chart's `sleeve` length, through its `upper_arm`,
/// elbow and `cuff` (opening) girths; `cuff_depth` is how far up the opening girth holds (m).
pub(super) fn long_sleeve(lm: &Landmarks, g: &Measures, cuff_depth: f32) -> SleeveSpec {
    let (length, bicep, opening) = (g.get("sleeve"), g.get("upper_arm"), g.get("cuff"));
    let elbow = 0.55 * lm.arm_wrist;
    SleeveSpec {
        start: 0.10,
        end: length,
        fit: vec![
            (0.10, Fit::Girth(bicep)),
            (elbow, Fit::Girth(0.5 * (bicep + opening) + 0.01)),
            (length - cuff_depth, Fit::Girth(opening + 0.01)),
            (length, Fit::Girth(opening)),
        ],
        step: 0.03,
        blend: 5,
        cuff: cuff_depth,
    }
}

/// Drapes the sewn `sheet` over the skin and gives it `thickness`: one mesh per part, named
/// and made as `parts` says (in the order the parts were sewn).
pub(super) fn finish(
    sheet: &mut Sheet,
    model: &BodyModel,
    thickness: f32,
    parts: &[(&str, GlbMaterial)],
) -> Vec<GlbMesh> {
    sheet.drape(&model.skin, CLEARANCE, 10);
    sheet.shell(thickness, parts)
}

/// Parts named `names`, all made of `cloth`.
pub(super) fn in_cloth<'a>(cloth: &GlbMaterial, names: &[&'a str]) -> Vec<(&'a str, GlbMaterial)> {
    names.iter().map(|&name| (name, cloth.clone())).collect()
}

/// A row of buttons down the centre front of a buttoned top.
pub(super) struct ButtonRow {
    /// How many.
    pub count: usize,
    /// Height of the top button (m).
    pub top: f32,
    /// Distance between two buttons (m).
    pub spacing: f32,
    /// How far off the sewn surface they stand (m): the cloth and what lies under them.
    pub lift: f32,
    /// Button radius and height (m).
    pub radius: f32,
    pub height: f32,
    /// sRGB colour, `#rrggbb`.
    pub colour: &'static str,
}

/// The buttons of `row` on the cloth round `table`, as one mesh named "buttons".
pub(super) fn button_row(table: &RadialTable, row: &ButtonRow) -> GlbMesh {
    let places: Vec<(Vec3, Vec3)> = (0..row.count)
        .map(|i| on_cloth(table, 0.0, row.top - row.spacing * i as f32, row.lift))
        .collect();
    details::buttons(
        "buttons",
        &places,
        row.radius,
        row.height,
        button_material(row.colour),
    )
}

/// Where a button sits on the cloth: the table's surface `extra` out, facing out.
pub(super) fn on_cloth(table: &RadialTable, theta: f32, y: f32, extra: f32) -> (Vec3, Vec3) {
    let p = table.point(theta, y, extra);
    let c = table.centre(y);
    (
        p,
        Vec3::new(p.x - c.x, 0.0, p.z - c.z).normalize_or(Vec3::Z),
    )
}

fn tee(model: &BodyModel, g: &Measures, hex: &str) -> Vec<GlbMesh> {
    let lm = &model.lm;
    let hps = hps(lm);
    let hem = hps - g.get("length");
    let armhole = set_in(lm, 0.025, 7);
    let neckline = Neckline {
        back: hps - 0.005,
        front: hps - 0.065,
        width: 1.0,
        v: false,
    };
    let cut = TopCut {
        columns: 96,
        step: 0.015,
        hem,
        neckline,
        armhole,
        fit: TrunkFit {
            lower: vec![],
            upper: vec![
                (lm.acromion.y, Fit::Ease(0.01)),
                (neckline.back, Fit::Ease(0.006)),
            ],
        },
        extras: TrunkExtras::default(),
        sleeve: Some(SleeveSpec {
            start: 0.10,
            end: g.get("sleeve"),
            fit: vec![
                (0.10, Fit::Girth(g.get("upper_arm"))),
                (g.get("sleeve"), Fit::Girth(g.get("cuff"))),
            ],
            step: 0.02,
            blend: 5,
            cuff: 0.0,
        }),
        hem_band: 0.0,
        neck_band: 0.018,
        parts: TopParts {
            neck: 2,
            ..TopParts::PLAIN
        },
    };
    let main = fabric("cotton jersey", hex, 1.0, 0.9);
    let rib = fabric("rib", hex, 0.85, 0.9);
    plain_top(model, g, &cut, 0.0015, (main, ("neckband", rib)))
}

fn sweater(model: &BodyModel, g: &Measures, hex: &str) -> Vec<GlbMesh> {
    let lm = &model.lm;
    let hps = hps(lm);
    let hem = hps - g.get("length");
    let armhole = set_in(lm, 0.03, 7);
    let neckline = Neckline {
        back: hps - 0.003,
        front: hps - 0.06,
        width: 1.0,
        v: false,
    };
    let band = 0.06;
    let cut = TopCut {
        columns: 96,
        step: 0.017,
        hem,
        neckline,
        armhole,
        fit: TrunkFit {
            lower: vec![(hem + band, Fit::Girth(g.get("hem") + 0.02))],
            upper: vec![
                (lm.acromion.y, Fit::Ease(0.01)),
                (neckline.back, Fit::Ease(0.007)),
            ],
        },
        extras: TrunkExtras::default(),
        sleeve: Some(long_sleeve(lm, g, 0.06)),
        hem_band: band,
        neck_band: 0.025,
        parts: TopParts {
            cuffs: 2,
            hem_band: 2,
            neck: 2,
            ..TopParts::PLAIN
        },
    };
    let knit = fabric("merino knit", hex, 1.0, 0.95);
    let rib = fabric("merino rib", hex, 0.85, 0.95);
    plain_top(model, g, &cut, 0.003, (knit, ("rib", rib)))
}

/// A top with nothing on it but its cut: sewn, draped over the skin and given `thickness`; its
/// body and sleeves in `main`, its third part (the bands) named and made as `bands` says.
fn plain_top(
    model: &BodyModel,
    g: &Measures,
    cut: &TopCut,
    thickness: f32,
    (main, bands): (GlbMaterial, (&str, GlbMaterial)),
) -> Vec<GlbMesh> {
    let mut sheet = Sheet::default();
    top(model, g, cut, &mut sheet);
    finish(
        &mut sheet,
        model,
        thickness,
        &[("body", main.clone()), ("sleeves", main), bands],
    )
}

fn hoodie(model: &BodyModel, g: &Measures, hex: &str) -> Vec<GlbMesh> {
    let lm = &model.lm;
    let hps = hps(lm);
    let hem = hps - g.get("length");
    let armhole = set_in(lm, 0.035, 7);
    let neckline = Neckline {
        back: hps,
        front: hps - 0.06,
        width: 0.9,
        v: false,
    };
    let crown = lm.stature + 0.035;
    let band = 0.065;
    let cut = TopCut {
        columns: 88,
        step: 0.02,
        hem,
        neckline,
        armhole,
        fit: TrunkFit {
            lower: vec![(hem + band, Fit::Girth(g.get("hem") + 0.03))],
            upper: vec![
                (lm.acromion.y, Fit::Ease(0.014)),
                (neckline.back, Fit::Ease(0.012)),
                (neckline.back + 0.04, Fit::Ease(0.03)),
            ],
        },
        extras: TrunkExtras {
            hang: vec![(neckline.back, crown)],
            above: Some(crown - 0.03),
            face: Some(FaceOpening {
                bottom: neckline.back + 0.045,
                top: lm.y_head + 0.045,
                half_columns: 14,
                shape: [0.5, 1.1, 0.8],
            }),
            pole: Some(crown),
            ..TrunkExtras::default()
        },
        sleeve: Some(long_sleeve(lm, g, 0.065)),
        hem_band: band,
        neck_band: 0.0,
        parts: TopParts {
            cuffs: 2,
            hem_band: 2,
            neck: 3,
            ..TopParts::PLAIN
        },
    };
    let mut sheet = Sheet::default();
    let (table, _) = top(model, g, &cut, &mut sheet);
    // The kangaroo pocket: a trapezoid on the belly, open at the slanted sides.
    let (y0, y1) = (hem + band + 0.01, hem + band + 0.19);
    let extra = 0.0045;
    details::patch(
        &mut sheet,
        &table,
        &|u, v| {
            let half = 0.72 - 0.22 * v;
            (-half + 2.0 * half * u, y0 + (y1 - y0) * v)
        },
        extra,
        (24, 8),
        4,
    );
    let fleece = fabric("cotton fleece", hex, 1.0, 0.95);
    let rib = fabric("rib", hex, 0.85, 0.95);
    let mut meshes = finish(
        &mut sheet,
        model,
        0.003,
        &[
            ("body", fleece.clone()),
            ("sleeves", fleece.clone()),
            ("rib", rib),
            ("hood", fleece.clone()),
            ("pocket", fleece),
        ],
    );
    // Drawstrings hanging from the hood's opening.
    let cords: Vec<Vec<Vec3>> = [0.16f32, -0.16]
        .iter()
        .map(|&theta| {
            (0..=12)
                .map(|i| {
                    let y = neckline.front + 0.045 - 0.2 * i as f32 / 12.0;
                    table.point(theta, y, 0.008)
                })
                .collect()
        })
        .collect();
    meshes.push(details::cords(
        "drawstrings",
        &cords,
        0.0035,
        fabric("cord", "#f2efe8", 1.0, 0.8),
    ));
    meshes
}

fn blouse(model: &BodyModel, g: &Measures, hex: &str) -> Vec<GlbMesh> {
    let lm = &model.lm;
    let hps = hps(lm);
    let hem = hps - g.get("length");
    let armhole = set_in(lm, 0.03, 7);
    let neckline = Neckline {
        back: hps - 0.004,
        front: hps - 0.05,
        width: 1.1,
        v: false,
    };
    let stand = 0.03;
    let cut = TopCut {
        columns: 88,
        step: 0.018,
        hem,
        neckline,
        armhole,
        fit: TrunkFit {
            lower: vec![],
            upper: vec![
                (lm.acromion.y, Fit::Ease(0.009)),
                (neckline.back, Fit::Ease(0.008)),
                (neckline.back + stand, Fit::Ease(0.008)),
            ],
        },
        extras: TrunkExtras {
            above: Some(neckline.back + stand),
            stand: true,
            ..TrunkExtras::default()
        },
        sleeve: Some(long_sleeve(lm, g, 0.05)),
        hem_band: 0.0,
        neck_band: 0.0,
        parts: TopParts {
            cuffs: 2,
            neck: 3,
            ..TopParts::PLAIN
        },
    };
    let fall = Fall {
        gap: 0.3,
        roll: 0.005,
        width: 0.038,
        spread: 0.012,
        point: 0.03,
        over: 0.005,
    };
    let (mut sheet, table) = collared_top(model, g, &cut, &fall, 3);
    // The button placket down the centre front.
    let thickness = 0.0012;
    let placket_top = neckline.front - 0.004;
    details::front_placket(
        &mut sheet,
        &table,
        (0.085, 0.17),
        (hem + 0.004, placket_top - hem - 0.004),
        thickness + 0.001,
        4,
    );
    let crepe = fabric("viscose crepe", hex, 1.0, 0.75);
    let parts = in_cloth(&crepe, &["body", "sleeves", "cuffs", "collar", "placket"]);
    let mut meshes = finish(&mut sheet, model, thickness, &parts);
    meshes.push(button_row(
        &table,
        &ButtonRow {
            count: 7,
            top: placket_top - 0.02,
            spacing: 0.09,
            lift: 2.0 * thickness + 0.0015,
            radius: 0.0055,
            height: 0.002,
            colour: "#f4f1ea",
        },
    ));
    meshes
}

fn coat(model: &BodyModel, g: &Measures, hex: &str) -> Vec<GlbMesh> {
    let lm = &model.lm;
    let hps = hps(lm);
    let hem = hps - g.get("length");
    let armhole = set_in(lm, 0.045, 8);
    let neckline = Neckline {
        back: hps + 0.002,
        front: lm.y_chest + 0.01,
        width: 0.9,
        v: true,
    };
    let stand = 0.032;
    let cut = TopCut {
        columns: 88,
        step: 0.022,
        hem,
        neckline,
        armhole,
        fit: TrunkFit {
            lower: vec![(lm.y_hip, Fit::Girth(g.get("hip")))],
            upper: vec![
                (lm.acromion.y, Fit::Ease(0.014)),
                (neckline.back, Fit::Ease(0.013)),
                (neckline.back + stand, Fit::Ease(0.012)),
            ],
        },
        extras: TrunkExtras {
            hang: vec![(hem, lm.y_hip)],
            above: Some(neckline.back + stand),
            stand: true,
            ..TrunkExtras::default()
        },
        sleeve: Some(SleeveSpec {
            step: 0.035,
            ..long_sleeve(lm, g, 0.0)
        }),
        hem_band: 0.0,
        neck_band: 0.0,
        parts: TopParts {
            neck: 2,
            ..TopParts::PLAIN
        },
    };
    let fall = Fall {
        gap: 0.1,
        roll: 0.007,
        width: 0.07,
        spread: 0.035,
        point: 0.08,
        over: 0.008,
    };
    let (mut sheet, table) = collared_top(model, g, &cut, &fall, 2);
    let thickness = 0.004;
    // Flap pockets at the hips.
    details::flap_pockets(
        &mut sheet,
        &table,
        (0.55, 1.05),
        (lm.y_hip + 0.005, 0.05),
        thickness + 0.0015,
        3,
    );
    let wool = fabric("wool cashmere", hex, 1.0, 0.9);
    let parts = in_cloth(&wool, &["body", "sleeves", "collar", "pockets"]);
    let mut meshes = finish(&mut sheet, model, thickness, &parts);
    meshes.push(button_row(
        &table,
        &ButtonRow {
            count: 4,
            top: neckline.front - 0.03,
            spacing: 0.115,
            lift: thickness + 0.001,
            radius: 0.011,
            height: 0.004,
            colour: "#3b2a1e",
        },
    ));
    meshes
}

fn dress(model: &BodyModel, g: &Measures, hex: &str, cone: bool) -> Vec<GlbMesh> {
    let lm = &model.lm;
    let hps = hps(lm);
    let hem = hps - g.get("length");
    let armhole = Armhole {
        bottom: lm.y_axilla - 0.02,
        top: lm.acromion.y + 0.02,
        half_columns: 8,
        shape: [0.8, 1.25, 0.5],
    };
    let neckline = Neckline {
        back: hps - 0.012,
        front: hps - 0.11,
        width: 0.8,
        v: false,
    };
    let cut = TopCut {
        columns: 96,
        step: 0.018,
        hem,
        neckline,
        armhole,
        fit: TrunkFit {
            lower: vec![(lm.y_hip, Fit::Girth(g.get("hip")))],
            upper: vec![
                (lm.acromion.y, Fit::Ease(0.006)),
                (neckline.back, Fit::Ease(0.005)),
            ],
        },
        extras: TrunkExtras {
            hang: if cone { vec![] } else { vec![(hem, lm.y_hip)] },
            folds: (!cone).then_some(Folds {
                count: 16,
                from: lm.y_hip,
                columns: 96,
            }),
            ..TrunkExtras::default()
        },
        sleeve: None,
        hem_band: lm.y_waist - hem,
        neck_band: 0.0,
        parts: TopParts {
            sleeves: 0,
            cuffs: 0,
            hem_band: 1,
            ..TopParts::PLAIN
        },
    };
    let mut sheet = Sheet::default();
    let (table, _) = top(model, g, &cut, &mut sheet);
    // A sash at the waist seam.
    let thickness = 0.0015;
    details::band(
        &mut sheet,
        &table,
        (lm.y_waist - 0.018, lm.y_waist + 0.018),
        thickness + 0.001,
        (96, 2),
        2,
    );
    let cloth = fabric("viscose linen", hex, 1.0, 0.85);
    finish(
        &mut sheet,
        model,
        thickness,
        &[
            ("bodice", cloth.clone()),
            ("skirt", cloth),
            ("sash", fabric("sash", hex, 0.7, 0.6)),
        ],
    )
}

fn skirt(model: &BodyModel, g: &Measures, hex: &str, cone: bool) -> Vec<GlbMesh> {
    let lm = &model.lm;
    let top = lm.y_waist;
    let hem = top - g.get("length");
    let hang = [(hem, lm.y_hip)];
    let fit = [
        (hem, Fit::Girth(g.get("hem"))),
        (lm.y_hip, Fit::Girth(g.get("hip"))),
        (top, Fit::Girth(g.get("waist"))),
    ];
    let table = pattern::table(
        model,
        &TableSpec {
            wrap: Wrap::Trunk,
            range: (hem, top),
            fit: &fit,
            hang: if cone { &[] } else { &hang },
            folds: (!cone).then_some(Folds {
                count: 12,
                from: lm.y_hip,
                columns: 96,
            }),
        },
    );
    let mut sheet = Sheet::default();
    let spec = TrunkSpec {
        columns: 96,
        hem,
        step: 0.02,
        armholes: None,
        neckline: Neckline {
            back: top,
            front: top,
            width: 0.1,
            v: false,
        },
        above: None,
        stand: false,
        face: None,
        pole: None,
    };
    let band = 0.035;
    pattern::trunk(&mut sheet, &table, &spec, &|y, _| {
        usize::from(y >= top - band - 1e-4)
    });
    sheet.drape(&model.skin, CLEARANCE, 4);
    let cloth = fabric("wool twill", hex, 1.0, 0.85);
    sheet.shell(0.002, &[("skirt", cloth.clone()), ("waistband", cloth)])
}

/// Back pockets (pentagons) on a seat, below `top`.
pub(super) fn back_pockets(
    sheet: &mut Sheet,
    seat: &RadialTable,
    top: f32,
    extra: f32,
    part: usize,
) {
    for side in [1.0f32, -1.0] {
        let (a, b) = (side * (PI - 0.88), side * (PI - 0.3));
        let (lo, hi) = (a.min(b), a.max(b));
        let (y_lo, y_hi) = (top - 0.19, top - 0.065);
        details::patch(
            sheet,
            seat,
            &|u, v| {
                let point = 0.018 * (1.0 - (2.0 * u - 1.0).abs());
                let bottom = y_lo - point;
                (lo + (hi - lo) * u, bottom + (y_hi - bottom) * v)
            },
            extra,
            (10, 8),
            part,
        );
    }
}

/// Belt loops on a waistband.
pub(super) fn belt_loops(sheet: &mut Sheet, seat: &RadialTable, top: f32, extra: f32, part: usize) {
    for centre in [0.55f32, -0.55, 1.55, -1.55, PI - 0.35, -(PI - 0.35)] {
        details::patch(
            sheet,
            seat,
            &|u, v| (centre - 0.03 + 0.06 * u, top - 0.045 + 0.045 * v),
            extra,
            (2, 2),
            part,
        );
    }
}

/// Trousers' levels from the waistband's `top` down (the crotch, the thigh, the hem from the
/// inside leg), on 96 columns; the fits, bands and steps are each garment's.
pub(super) fn trouser_levels(lm: &Landmarks, g: &Measures, top: f32) -> TrouserSpec {
    let crotch = lm.y_crotch - 0.035;
    TrouserSpec {
        columns: 96,
        top,
        seat_bottom: lm.y_crotch + 0.03,
        crotch,
        seam_points: 11,
        thigh: lm.y_crotch - 0.06,
        hem: crotch - g.get("inside_leg"),
        step: 0.0,
        blend: 3,
        seat_fit: Vec::new(),
        leg_fit: Vec::new(),
        waistband: 0.0,
        hem_band: 0.0,
        crotch_point: 0.5,
        back_raise: 0.0,
    }
}

fn jeans(model: &BodyModel, g: &Measures, hex: &str) -> Vec<GlbMesh> {
    let lm = &model.lm;
    let top = lm.y_waist;
    let levels = trouser_levels(lm, g, top);
    let (thigh, hem) = (levels.thigh, levels.hem);
    let spec = TrouserSpec {
        step: 0.02,
        seat_fit: vec![
            (lm.y_crotch, Fit::Ease(0.01)),
            (lm.y_hip, Fit::Girth(g.get("hip"))),
            (top, Fit::Girth(g.get("waist"))),
        ],
        leg_fit: vec![
            (hem, Fit::Girth(g.get("leg_opening"))),
            (lm.y_knee, Fit::Girth(g.get("knee"))),
            (thigh, Fit::Girth(g.get("thigh"))),
        ],
        waistband: 0.04,
        hem_band: 0.0,
        ..levels
    };
    let mut sheet = Sheet::default();
    let seat = pattern::trousers(&mut sheet, model, &spec, (0, 1, 0));
    let thickness = 0.002;
    let extra = thickness + 0.001;
    back_pockets(&mut sheet, &seat, top, extra, 2);
    belt_loops(&mut sheet, &seat, top, extra, 1);
    details::fly(&mut sheet, &seat, top, extra, 2);
    let denim = fabric("denim", hex, 1.0, 0.95);
    let mut meshes = finish(
        &mut sheet,
        model,
        thickness,
        &[
            ("legs", denim.clone()),
            ("waistband", fabric("denim band", hex, 0.9, 0.95)),
            ("pockets", denim),
        ],
    );
    let button = on_cloth(&seat, 0.0, top - 0.02, thickness + 0.001);
    meshes.push(details::buttons(
        "shank button",
        &[button],
        0.008,
        0.003,
        GlbMaterial {
            metallic: 1.0,
            roughness: 0.4,
            ..fabric("brass", "#b08d57", 1.0, 0.4)
        },
    ));
    meshes
}

fn shorts(model: &BodyModel, g: &Measures, hex: &str) -> Vec<GlbMesh> {
    let lm = &model.lm;
    let top = lm.y_waist - 0.035;
    let levels = trouser_levels(lm, g, top);
    let (thigh, hem) = (levels.thigh, levels.hem);
    let spec = TrouserSpec {
        step: 0.018,
        seat_fit: vec![
            (lm.y_crotch, Fit::Ease(0.012)),
            (lm.y_hip, Fit::Girth(g.get("hip"))),
            (top, Fit::Girth(g.get("waist"))),
        ],
        leg_fit: vec![
            (hem, Fit::Girth(g.get("leg_opening"))),
            (thigh, Fit::Girth(g.get("thigh"))),
        ],
        waistband: 0.038,
        hem_band: 0.035,
        ..levels
    };
    let mut sheet = Sheet::default();
    let seat = pattern::trousers(&mut sheet, model, &spec, (0, 1, 2));
    let thickness = 0.002;
    let extra = thickness + 0.001;
    back_pockets(&mut sheet, &seat, top, extra, 3);
    belt_loops(&mut sheet, &seat, top, extra, 1);
    let twill = fabric("cotton twill", hex, 1.0, 0.9);
    let mut meshes = finish(
        &mut sheet,
        model,
        thickness,
        &[
            ("legs", twill.clone()),
            ("waistband", twill.clone()),
            ("turn-ups", fabric("turn-ups", hex, 0.92, 0.9)),
            ("pockets", twill),
        ],
    );
    let button = on_cloth(&seat, 0.0, top - 0.019, thickness + 0.001);
    meshes.push(details::buttons(
        "button",
        &[button],
        0.0075,
        0.003,
        button_material("#5a4632"),
    ));
    meshes
}

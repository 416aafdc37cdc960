//! The men's cuts (Brackwater Tailoring's woven set), built on the male reference avatar from
//! the blocks the women's cuts use: an Oxford shirt with a collar stand and a button placket, a
//! suit jacket whose armholes reach below the chest line (so that at the chest plane its trunk
//! and sleeves form one loop, as real jackets' do), and suit trousers whose crotch seam has a
//! front rise shorter than the back rise.

use super::body_map::BodyModel;
use super::details::{self, Fall};
use super::details::{flap_pockets, fly, front_placket};
use super::garments::{
    ButtonRow, Measures, TopCut, TopParts, TrunkExtras, TrunkFit, back_pockets, belt_loops,
    button_material, button_row, collared_top, fabric, finish, hps, in_cloth, long_sleeve,
    on_cloth, set_in, trouser_levels,
};
use super::pattern::{self, Fit, Neckline, SleeveSpec, TrouserSpec};
use super::sheet::Sheet;
use crate::export::GlbMesh;

/// How far below the armpit the suit jacket's armholes reach (m): on the men's reference
/// avatar their bottom lies 3.5 cm below the chest tape line (the armpit is 4 cm above it).
const JACKET_ARMHOLE_DROP: f32 = 0.075;

/// A woven Oxford shirt: set-in long sleeves with cuffs, a collar stand with a pointed collar,
/// a button placket; the shirt tail hangs straight from the hip over the seat.
pub(super) fn shirt(model: &BodyModel, g: &Measures, hex: &str) -> Vec<GlbMesh> {
    let lm = &model.lm;
    let hps = hps(lm);
    let hem = hps - g.get("length");
    let neckline = Neckline {
        back: hps - 0.003,
        front: hps - 0.055,
        width: 1.05,
        v: false,
    };
    let stand = 0.034;
    let cut = TopCut {
        columns: 88,
        step: 0.021,
        hem,
        neckline,
        armhole: set_in(lm, 0.03, 7),
        fit: TrunkFit {
            lower: vec![],
            upper: vec![
                (lm.acromion.y, Fit::Ease(0.01)),
                (neckline.back, Fit::Ease(0.007)),
                (neckline.back + stand, Fit::Ease(0.007)),
            ],
        },
        extras: TrunkExtras {
            hang: vec![(hem, lm.y_hip)],
            above: Some(neckline.back + stand),
            stand: true,
            ..TrunkExtras::default()
        },
        sleeve: Some(long_sleeve(lm, g, 0.065)),
        hem_band: 0.0,
        neck_band: 0.0,
        parts: TopParts {
            cuffs: 2,
            neck: 3,
            ..TopParts::PLAIN
        },
    };
    let fall = Fall {
        gap: 0.28,
        roll: 0.005,
        width: 0.042,
        spread: 0.012,
        point: 0.035,
        over: 0.005,
    };
    let (mut sheet, table) = collared_top(model, g, &cut, &fall, 3);
    let thickness = 0.0012;
    let placket_top = neckline.front - 0.004;
    front_placket(
        &mut sheet,
        &table,
        (0.08, 0.16),
        (hem + 0.004, placket_top - hem - 0.004),
        thickness + 0.001,
        4,
    );
    let oxford = fabric("cotton oxford", hex, 1.0, 0.85);
    let parts = in_cloth(&oxford, &["body", "sleeves", "cuffs", "collar", "placket"]);
    let mut meshes = finish(&mut sheet, model, thickness, &parts);
    meshes.push(button_row(
        &table,
        &ButtonRow {
            count: 7,
            top: placket_top - 0.02,
            spacing: 0.095,
            lift: 2.0 * thickness + 0.0015,
            radius: 0.0055,
            height: 0.002,
            colour: "#f2f0ea",
        },
    ));
    meshes
}

/// A single-breasted two-button suit jacket: low armholes ([`JACKET_ARMHOLE_DROP`]), a V
/// neckline down to the top button with a lapel-like collar folded over its stand, flap pockets
/// below the waist, the skirt hanging from the hip over the seat.
pub(super) fn suit_jacket(model: &BodyModel, g: &Measures, hex: &str) -> Vec<GlbMesh> {
    let lm = &model.lm;
    let hps = hps(lm);
    let hem = hps - g.get("length");
    let neckline = Neckline {
        back: hps + 0.002,
        front: lm.y_waist + 0.035,
        width: 0.9,
        v: true,
    };
    let stand = 0.03;
    let cut = TopCut {
        columns: 88,
        step: 0.02,
        hem,
        neckline,
        armhole: set_in(lm, JACKET_ARMHOLE_DROP, 8),
        fit: TrunkFit {
            lower: vec![(lm.y_hip, Fit::Girth(g.get("hip")))],
            upper: vec![
                (lm.acromion.y, Fit::Ease(0.016)),
                (neckline.back, Fit::Ease(0.012)),
                (neckline.back + stand, Fit::Ease(0.011)),
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
    let lapel = Fall {
        gap: 0.1,
        roll: 0.006,
        width: 0.065,
        spread: 0.03,
        point: 0.09,
        over: 0.007,
    };
    let (mut sheet, table) = collared_top(model, g, &cut, &lapel, 2);
    let thickness = 0.003;
    flap_pockets(
        &mut sheet,
        &table,
        (0.5, 1.0),
        (lm.y_hip + 0.02, 0.05),
        thickness + 0.0015,
        3,
    );
    let wool = fabric("wool twill", hex, 1.0, 0.85);
    let parts = in_cloth(&wool, &["body", "sleeves", "lapels", "pockets"]);
    let mut meshes = finish(&mut sheet, model, thickness, &parts);
    meshes.push(button_row(
        &table,
        &ButtonRow {
            count: 2,
            top: neckline.front - 0.02,
            spacing: 0.105,
            lift: thickness + 0.001,
            radius: 0.009,
            height: 0.0035,
            colour: "#2a2622",
        },
    ));
    meshes
}

/// Flat-front suit trousers at the natural waist: a crotch seam whose lowest point lies forward
/// of the middle and a waistband rising towards the back (so the back rise is longer than the
/// front rise), belt loops, back pockets and a fly; cut ankle-length, as the barefoot avatar
/// leaves no shoe for a longer leg to break on.
pub(super) fn suit_trousers(model: &BodyModel, g: &Measures, hex: &str) -> Vec<GlbMesh> {
    let lm = &model.lm;
    let top = lm.y_waist;
    let levels = trouser_levels(lm, g, top);
    let (thigh, hem) = (levels.thigh, levels.hem);
    let spec = TrouserSpec {
        step: 0.02,
        seat_fit: vec![
            (lm.y_crotch, Fit::Ease(0.012)),
            (lm.y_hip, Fit::Girth(g.get("hip"))),
            (top, Fit::Girth(g.get("waist"))),
        ],
        leg_fit: vec![
            (hem, Fit::Girth(g.get("leg_opening"))),
            (lm.y_knee, Fit::Girth(g.get("knee"))),
            (thigh, Fit::Girth(g.get("thigh"))),
        ],
        waistband: 0.04,
        crotch_point: 0.35,
        back_raise: 0.04,
        ..levels
    };
    let mut sheet = Sheet::default();
    let seat = pattern::trousers(&mut sheet, model, &spec, (0, 1, 0));
    let thickness = 0.002;
    let extra = thickness + 0.001;
    back_pockets(&mut sheet, &seat, top, extra, 2);
    belt_loops(&mut sheet, &seat, top, extra, 1);
    fly(&mut sheet, &seat, top, extra, 2);
    let wool = fabric("wool twill", hex, 1.0, 0.85);
    let mut meshes = finish(
        &mut sheet,
        model,
        thickness,
        &[
            ("legs", wool.clone()),
            ("waistband", fabric("waistband", hex, 0.92, 0.85)),
            ("pockets", wool),
        ],
    );
    let button = on_cloth(&seat, 0.0, top - 0.02, thickness + 0.001);
    meshes.push(details::buttons(
        "button",
        &[button],
        0.0075,
        0.003,
        button_material("#2a2622"),
    ));
    meshes
}

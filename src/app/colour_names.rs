//! Catalogs name a product's colour (`"navy"`) and give no RGB: the swatches, the tinted
//! thumbnails and the worn garment read the colour from this table of common fashion names.

/// The colour a catalog's colour name means (sRGB; common fashion names, any
/// case; `None` for a name not in the table). Catalogs name colours, they give no RGB.
pub fn rgb(name: &str) -> Option<[u8; 3]> {
    const NAMES: &[(&str, [u8; 3])] = &[
        ("black", [25, 25, 28]),
        ("white", [245, 245, 242]),
        ("ivory", [240, 234, 214]),
        ("ecru", [225, 214, 186]),
        ("stone", [196, 188, 170]),
        ("sand", [210, 190, 150]),
        ("camel", [193, 154, 107]),
        ("beige", [220, 205, 175]),
        ("brown", [110, 75, 50]),
        ("rust", [170, 80, 45]),
        ("mustard", [210, 165, 40]),
        ("yellow", [235, 205, 60]),
        ("orange", [230, 130, 40]),
        ("red", [190, 35, 40]),
        ("burgundy", [110, 30, 45]),
        ("plum", [100, 50, 85]),
        ("dusty rose", [200, 150, 150]),
        ("pink", [235, 160, 180]),
        ("purple", [110, 60, 140]),
        ("navy", [30, 40, 75]),
        ("cobalt", [30, 75, 170]),
        ("blue", [50, 90, 170]),
        ("sky blue", [140, 185, 225]),
        ("teal", [30, 120, 125]),
        ("forest green", [35, 85, 55]),
        ("green", [60, 130, 70]),
        ("olive", [110, 110, 60]),
        ("khaki", [170, 160, 110]),
        ("slate", [95, 110, 125]),
        ("charcoal", [60, 62, 66]),
        ("grey", [140, 140, 140]),
        ("gray", [140, 140, 140]),
    ];
    let name = name.trim().to_lowercase();
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, rgb)| *rgb)
}

// The fit map: each vertex carries its fit value (−1 loose … 0 good … +1 tight) in the red
// channel of its vertex colour; the fragment maps it blue → green → red and shades it with a
// key light from above and a headlight from the camera, so folds and the garment's shape read.

#import bevy_pbr::forward_io::VertexOutput
#import bevy_pbr::mesh_view_bindings::view

struct FitMapSettings {
    // x: ambient, y: key light, z: headlight, w: colour bands (0: smooth).
    lighting: vec4<f32>,
};

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var<uniform> settings: FitMapSettings;

const LOOSE: vec3<f32> = vec3<f32>(0.10, 0.32, 0.95);
const GOOD: vec3<f32> = vec3<f32>(0.12, 0.78, 0.25);
const TIGHT: vec3<f32> = vec3<f32>(0.95, 0.12, 0.08);

fn fit_colour(value: f32) -> vec3<f32> {
    let v = clamp(value, -1.0, 1.0);
    if v >= 0.0 {
        return mix(GOOD, TIGHT, v);
    }
    return mix(GOOD, LOOSE, -v);
}

@fragment
fn fragment(in: VertexOutput, @builtin(front_facing) is_front: bool) -> @location(0) vec4<f32> {
    var value = 0.0;
#ifdef VERTEX_COLORS
    value = in.color.r;
#endif
    var n = normalize(in.world_normal);
    if !is_front {
        n = -n;
    }
    let to_eye = normalize(view.world_position.xyz - in.world_position.xyz);
    let key = normalize(vec3<f32>(-0.35, 0.85, 0.4));
    let light = settings.lighting.x
        + settings.lighting.y * max(dot(n, key), 0.0)
        + settings.lighting.z * max(dot(n, to_eye), 0.0);
    return vec4<f32>(fit_colour(value) * light, 1.0);
}

//! The default scene's node tree (every root node without a scene), walked with its transforms:
//! a tree of bounded depth with finite affine transforms; each node's mesh placed, its primitives
//! becoming parts; a node named [`REFERENCE_BODY_NODE`] (the retailer's avatar) and its children
//! are kept apart as the reference body's mesh, never as parts of the garment.

use super::Reader;
use crate::garment::diagnostic::Diags;
use crate::garment::import::GarmentPart;
use crate::garment::limits::{MAX_NODE_DEPTH, MAX_PARTS};
use glam::{Mat3, Mat4, Vec4};

/// The name of a node that holds the reference body's own mesh (a retailer's export with its
/// avatar in it): that node and its children are left out of the garment and kept as the
/// reference body (its pose is read from it where the metadata declares none).
pub const REFERENCE_BODY_NODE: &str = "ANPROBE_reference_body";

impl Reader<'_> {
    /// Walks the default scene's node tree; returns the garment's parts, the reference body's
    /// parts and the scene's pointer.
    pub(super) fn walk_scene(
        &mut self,
        d: &mut Diags,
    ) -> (Vec<GarmentPart>, Vec<GarmentPart>, String) {
        let mut parts = Vec::new();
        let mut body = Vec::new();
        let scene = self
            .doc
            .default_scene()
            .or_else(|| self.doc.scenes().next());
        let (roots, pointer): (Vec<gltf::Node>, String) = match scene {
            Some(scene) => (
                scene.nodes().collect(),
                format!("scenes[{}]", scene.index()),
            ),
            None => {
                let mut child = vec![false; self.doc.nodes().len()];
                for node in self.doc.nodes() {
                    for c in node.children() {
                        child[c.index()] = true;
                    }
                }
                let roots: Vec<gltf::Node> =
                    self.doc.nodes().filter(|n| !child[n.index()]).collect();
                if !roots.is_empty() {
                    d.warning("scenes", "no scene: every root node is imported");
                }
                (roots, "scenes".into())
            }
        };
        let mut visited = vec![false; self.doc.nodes().len()];
        let mut stack: Vec<(gltf::Node, Mat4, usize, bool)> = roots
            .into_iter()
            .rev()
            .map(|n| (n, Mat4::IDENTITY, 1, false))
            .collect();
        while let Some((node, parent, depth, mut in_body)) = stack.pop() {
            let i = node.index();
            let ptr = format!("nodes[{i}]");
            if std::mem::replace(&mut visited[i], true) {
                d.error(
                    ptr,
                    "reached twice: the node hierarchy must be a tree (a cycle, or a node with two parents)",
                );
                continue;
            }
            if depth > MAX_NODE_DEPTH {
                d.error(ptr, format!("nested deeper than {MAX_NODE_DEPTH} nodes"));
                continue;
            }
            let local = Mat4::from_cols_array_2d(&node.transform().matrix());
            if !local.is_finite() {
                d.error(ptr, "transform is not finite");
                continue;
            }
            if !local.row(3).abs_diff_eq(Vec4::W, 1e-6) {
                d.error(
                    ptr,
                    "matrix is not an affine transform (its last row must be 0, 0, 0, 1)",
                );
                continue;
            }
            if !in_body && node.name() == Some(REFERENCE_BODY_NODE) {
                d.warning(
                    ptr,
                    format!(
                        "\"{REFERENCE_BODY_NODE}\" is the reference body: not imported as a part \
                         of the garment; where reference_body.pose declares no pose, the pose is \
                         read from this mesh"
                    ),
                );
                in_body = true;
            }
            let world = parent * local;
            if let Some(mesh) = node.mesh() {
                let into = if in_body { &mut body } else { &mut parts };
                self.place_mesh(&node, &mesh, world, into, d);
            }
            for child in node.children().collect::<Vec<_>>().into_iter().rev() {
                stack.push((child, world, depth + 1, in_body));
            }
        }
        (parts, body, pointer)
    }

    fn place_mesh(
        &mut self,
        node: &gltf::Node,
        mesh: &gltf::Mesh,
        world: Mat4,
        parts: &mut Vec<GarmentPart>,
        d: &mut Diags,
    ) {
        let ptr = format!("nodes[{}]", node.index());
        if node.skin().is_some() {
            d.warning(
                &ptr,
                "skinned mesh: imported in its bind pose (skinning ignored)",
            );
        }
        let linear = Mat3::from_mat4(world);
        let det = linear.determinant();
        if !det.is_finite() || det.abs() < 1e-12 {
            d.error(ptr, "the transform flattens the mesh (a scale of 0)");
            return;
        }
        let base = node
            .name()
            .or(mesh.name())
            .map(str::to_owned)
            .unwrap_or_else(|| format!("mesh {}", mesh.index()));
        let several = mesh.primitives().len() > 1;
        for primitive in mesh.primitives() {
            if self.over_limit {
                return;
            }
            if parts.len() >= MAX_PARTS {
                d.error(
                    "meshes",
                    format!("more than {MAX_PARTS} mesh primitives in the scene"),
                );
                self.over_limit = true;
                return;
            }
            let p = primitive.index();
            let ptr = format!("meshes[{}].primitives[{p}]", mesh.index());
            let name = if several {
                format!("{base}/{p}")
            } else {
                base.clone()
            };
            let placement = Placement {
                world,
                normal: linear.inverse().transpose(),
                flip: det < 0.0,
            };
            if let Some(part) = self.part(&primitive, name, &placement, &ptr, d) {
                parts.push(part);
            }
        }
    }
}

/// Where a mesh goes: the node's world matrix, its normal matrix, and whether it mirrors.
pub(super) struct Placement {
    pub(super) world: Mat4,
    pub(super) normal: Mat3,
    pub(super) flip: bool,
}

//! glTF 2.0 binary (.glb) export of avatars and garments.

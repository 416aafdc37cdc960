//! The JSON report of `anprobe avatar`: every measurement, typed or predicted, and measured on the mesh.

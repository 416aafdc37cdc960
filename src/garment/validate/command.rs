//! `anprobe garment validate FILE...`: each file imported, one line per file and one per
//! diagnostic.

use crate::garment::import::import_file;
use std::io::Write;
use std::path::PathBuf;

/// `anprobe garment validate FILE...`: imports each file and reports.
///
/// Per file one line on `out`: `ok PATH (N warnings)` or `invalid PATH`; every diagnostic on
/// `err` as `error: PATH: POINTER: MESSAGE` or `warning: PATH: POINTER: MESSAGE` (no pointer
/// segment for problems of the file as a whole). Returns the exit code: 0 when every file is
/// valid, 1 when any is not. Write errors on `out`/`err` are ignored (a closed pipe must not
/// turn a valid file invalid).
pub fn validate_files(paths: &[PathBuf], out: &mut impl Write, err: &mut impl Write) -> u8 {
    let mut code = 0;
    for path in paths {
        let shown = path.display();
        let (valid, diagnostics) = match import_file(path) {
            Ok(garment) => (true, garment.warnings),
            Err(e) => (false, e.diagnostics),
        };
        for diag in &diagnostics {
            let label = if diag.is_error() { "error" } else { "warning" };
            let _ = writeln!(err, "{label}: {shown}: {diag}");
        }
        if valid {
            let n = diagnostics.len();
            let plural = if n == 1 { "" } else { "s" };
            let _ = writeln!(out, "ok {shown} ({n} warning{plural})");
        } else {
            code = 1;
            let _ = writeln!(out, "invalid {shown}");
        }
    }
    let _ = out.flush();
    let _ = err.flush();
    code
}

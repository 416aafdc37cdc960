//! The `anprobe` binary: everything lives in the library ([`anprobe::cli`]).

use std::process::ExitCode;

fn main() -> ExitCode {
    anprobe::cli::main()
}

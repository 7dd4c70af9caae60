//! The `galley` binary: a thin wrapper over [`galley::cli`].

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(galley::cli::main_with_args(std::env::args_os()))
}

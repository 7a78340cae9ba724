//! `clerkfolio`, the command line over the same data folder as the desktop app. Everything it
//! does is in `cli/` (docs/CLI.md is the contract).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}

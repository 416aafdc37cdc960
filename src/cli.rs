//! The command line: `anprobe` opens the app; subcommands build avatars and screenshots headless.

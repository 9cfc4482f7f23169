//! The app's command line, run as IT staff run it: the built `infostand`
//! binary in a private data directory, home and config folder, so no
//! file of this machine's user is read.

mod stats;

use std::path::Path;
use std::process::{Command, Output};

/// Runs `infostand` with `args` against the data directory `data`; `home`
/// stands in for the user's home and config folders.
pub fn infostand(data: &Path, home: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_infostand"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("INFOSTAND_") {
            command.env_remove(name);
        }
    }
    command
        .args(args)
        .env("INFOSTAND_DATA_DIR", data)
        .env("INFOSTAND_LOG_DIR", home.join("logs"))
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .expect("the app binary runs")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

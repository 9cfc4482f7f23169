//! The settings the app starts with: the configuration as it is, or, when
//! it is broken, the last one the app started with (kept by
//! `infostand_config::last_good` at every good start), or the defaults; so
//! a typo pushed to every machine never blacks out a stand.

use infostand_config::{last_good, Parsed, Settings};

/// The settings to start with, and the configuration problem they were
/// chosen despite. A configuration is broken when it does not parse or
/// `usable` refuses it (a feed key that is no key: the app could not start
/// on it either). `lenient` allows falling back (the window and `status`);
/// otherwise a broken configuration is the error.
///
/// # Errors
/// The configuration's problem, when it is broken and no fallback is
/// allowed or none is usable either (then `INFOSTAND_*` variables or flags
/// are at fault, which the fallback files cannot mend).
pub fn settings(
    parsed: &Parsed,
    lenient: bool,
    usable: impl Fn(&Settings) -> Result<(), String>,
) -> Result<(Settings, Option<String>), String> {
    let from = |files: &[std::path::PathBuf]| -> Result<Settings, String> {
        let settings = parsed
            .settings_with_files(files)
            .map_err(|error| error.to_string())?;
        usable(&settings)?;
        Ok(settings)
    };
    let error = match from(&infostand_config::file::standard_files()) {
        Ok(settings) => return Ok((settings, None)),
        Err(error) if lenient => error,
        Err(error) => return Err(error),
    };
    let copies = last_good::folder()
        .map(|folder| last_good::files(&folder))
        .unwrap_or_default();
    let fallback = (!copies.is_empty())
        .then(|| from(&copies).ok())
        .flatten()
        .map(|settings| (settings, "the last configuration it started with"))
        .or_else(|| from(&[]).ok().map(|settings| (settings, "the defaults")));
    match fallback {
        Some((settings, what)) => Ok((
            settings,
            Some(format!(
                "{error} (started on {what} instead; fix the file, then restart)"
            )),
        )),
        None => Err(error),
    }
}

/// Keeps a copy of the configuration files as they are now, which the app
/// just started with: the fallback of a later start whose configuration
/// is broken.
pub fn remember_good() {
    let Some(folder) = last_good::folder() else {
        return;
    };
    if let Err(error) = last_good::remember(&infostand_config::file::standard_files(), &folder) {
        // Only the next fallback is older for it.
        tracing::warn!(%error, "cannot keep a copy of the good configuration");
    }
}

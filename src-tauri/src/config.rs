//! The settings the app starts with: the configuration as it is, or, when
//! it is broken, the last one the app started with (kept by
//! `infostand_config::last_good` at every good start), or the defaults; so
//! a typo pushed to every machine never blacks out a stand.

use infostand_config::{last_good, Parsed, Settings};

/// The settings to start with, and the configuration problem they were
/// chosen despite. `lenient` allows falling back (the window and
/// `status`); otherwise a broken configuration is the error.
///
/// # Errors
/// The configuration's error, when it is broken and no fallback is allowed
/// or none is valid either (then `INFOSTAND_*` variables or flags are at
/// fault, which the fallback files cannot mend).
pub fn settings(
    parsed: &Parsed,
    lenient: bool,
) -> Result<(Settings, Option<String>), infostand_config::Error> {
    let files = infostand_config::file::standard_files();
    match parsed.settings_with_files(&files) {
        Ok(settings) => Ok((settings, None)),
        Err(error) if lenient => {
            let copies = last_good::folder()
                .map(|folder| last_good::files(&folder))
                .unwrap_or_default();
            let fallback = (!copies.is_empty())
                .then(|| parsed.settings_with_files(&copies).ok())
                .flatten()
                .map(|settings| (settings, "the last configuration it started with"))
                .or_else(|| {
                    parsed
                        .settings_with_files(&[])
                        .ok()
                        .map(|settings| (settings, "the defaults"))
                });
            match fallback {
                Some((settings, what)) => Ok((
                    settings,
                    Some(format!("{error} (started on {what} instead; fix the file, then restart)")),
                )),
                None => Err(error),
            }
        }
        Err(error) => Err(error),
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

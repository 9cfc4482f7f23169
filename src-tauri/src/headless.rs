//! The subcommands for IT staff and scripts: `sync`, `import DIR`,
//! `status`, `set-pin`, `config check`, `diagnose` and `stats`. They need no display
//! and never start GTK or a webview.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use infostand_config::report::{self, ConfigFile};
use infostand_config::{Command, Parsed, Report, Settings};
use infostand_ipc::StatusView;
use infostand_sync::{NewsOutcome, Outcome, Status};

use crate::startup::Startup;
use crate::EXIT_USAGE;

/// Runs `command` and returns the process's exit code.
pub fn run(command: Command, startup: Startup) -> ExitCode {
    match command {
        Command::Status { json } => status(&startup, json),
        Command::Sync => apply(&startup, None),
        Command::Import { dir } => apply(&startup, Some(&dir)),
        Command::SetPin { system } => set_pin(system),
        Command::Config { .. }
        | Command::Diagnose { .. }
        | Command::Stats { .. }
        | Command::Studio { .. } => {
            unreachable!("run() handles these before the settings must be valid")
        }
    }
}

/// `config check`: the effective configuration with where each value came
/// from (secrets redacted); exit 0 when the app would accept it, else
/// the error naming the file and line, and exit 2.
pub fn config_check(parsed: &Parsed, json: bool) -> ExitCode {
    let checked = parsed
        .settings()
        .map_err(|error| error.to_string())
        .and_then(|settings| {
            crate::startup::keys(&settings)?;
            crate::startup::news_channels(&settings)?;
            Ok(settings)
        });
    let settings = match checked {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("infostand: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let report = config_report(&settings);
    let text = if json {
        report.to_json()
    } else {
        format!("{}\nThe configuration is valid.", report.to_text())
    };
    // A closed pipe (`| head`) is no error of the configuration.
    let _ = writeln!(std::io::stdout(), "{text}");
    ExitCode::SUCCESS
}

fn config_report(settings: &Settings) -> Report {
    let files = ConfigFile::look_at(&infostand_config::file::standard_files());
    let report = Report::new(settings, files);
    match crate::startup::default_data_dir() {
        Some(dir) => report.with_default_data_dir(&dir),
        None => report,
    }
}

/// `diagnose`: one archive for a support ticket, made even when the
/// configuration is broken (that is when it is needed most).
pub fn diagnose(parsed: &Parsed, out: Option<PathBuf>) -> ExitCode {
    use infostand_support::{diagnose, versions};
    let now = jiff::Zoned::now();
    let settings = parsed.settings().map_err(|error| error.to_string());
    // The status as the stand itself sees it: with a broken configuration,
    // on the one it fell back to, naming the installation all the same.
    let status = crate::config::settings(parsed, true, crate::startup::check)
        .and_then(|(settings, config_error)| {
            let instance = crate::startup::instance(&settings);
            Startup::new(&settings, instance, config_error)
        })
        .and_then(|startup| {
            serde_json::to_string_pretty(&current_status(&startup)).map_err(|e| e.to_string())
        });
    let inputs = diagnose::Inputs {
        config: settings.as_ref().map(config_report).map_err(Clone::clone),
        status,
        versions: versions::report(
            env!("CARGO_PKG_VERSION"),
            tauri::webview_version().map_err(|error| error.to_string()),
        ),
        log_dir: settings
            .as_ref()
            .ok()
            .map_or_else(infostand_config::log::default_dir, Settings::log_folder),
        secrets: settings.as_ref().map(report::secrets).unwrap_or_default(),
    };
    let out = out.unwrap_or_else(|| PathBuf::from(diagnose::default_file_name(&now)));
    match diagnose::write(&out, &inputs, &now) {
        Ok(_) => {
            if let Err(error) = &settings {
                eprintln!("infostand: note: the configuration is broken: {error}");
            }
            println!("{}", std::path::absolute(&out).unwrap_or(out).display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("infostand: {error}");
            ExitCode::FAILURE
        }
    }
}

/// How `stats` prints the counts.
#[derive(Debug, Clone, Copy)]
pub enum StatsFormat {
    /// A line per Stockholm day, for people.
    Table,
    /// A row per hour, kind and value, for spreadsheets.
    Csv,
    /// The same rows with the period, for scripts.
    Json,
}

/// `stats`: the counts kept in the data directory between `from` and `to`
/// (Stockholm days, both included). Exit 2 when the period ends before it
/// begins, 1 when a day file could not be read (the others are printed).
pub fn stats(
    settings: &Settings,
    from: Option<jiff::civil::Date>,
    to: Option<jiff::civil::Date>,
    format: StatsFormat,
) -> ExitCode {
    use infostand_reach::{query, report, Date, Period};
    // The command line's days are the config crate's jiff; the counts'
    // are their own.
    let day = |day: jiff::civil::Date| Date::new(day.year(), day.month(), day.day());
    let (Ok(from), Ok(to)) = (from.map(day).transpose(), to.map(day).transpose()) else {
        eprintln!("infostand: a day given is out of the calendar's range");
        return ExitCode::from(EXIT_USAGE);
    };
    let period = match Period::local_days(from, to) {
        Ok(period) => period,
        Err(error) => {
            eprintln!("infostand: --from and --to: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let data_dir = match crate::startup::data_dir(settings) {
        Ok(dir) => dir,
        Err(error) => {
            eprintln!("infostand: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let read = match query::read(&data_dir, &period) {
        Ok(read) => read,
        Err(error) => {
            eprintln!("infostand: {error}");
            return ExitCode::FAILURE;
        }
    };
    let text = match format {
        StatsFormat::Table => report::table(&read.counts),
        StatsFormat::Csv => report::csv(&read.counts),
        StatsFormat::Json => format!("{}\n", report::json(&read.counts, from, to)),
    };
    // A closed pipe (`| head`) is no error of the counts.
    let _ = std::io::stdout().write_all(text.as_bytes());
    for error in &read.unreadable {
        eprintln!("infostand: left out: {error}");
    }
    if read.unreadable.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Reads a PIN from standard input and stores only its argon2 hash, where
/// only the app's user can read it: in the per-user config file (then
/// readable by that user alone), or with `--system` in the system-wide PIN
/// file, readable by root and the kiosk's group (infostand_config::pin).
pub fn set_pin(system: bool) -> ExitCode {
    use infostand_config::{file, pin};
    let files = if system {
        file::system_file().zip(pin::system_pin_file())
    } else {
        file::user_file().map(|user| (user.clone(), user))
    };
    let Some((config_file, pin_file)) = files else {
        eprintln!("infostand: no config file location is known on this system");
        return ExitCode::FAILURE;
    };
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        eprintln!("Type the new admin PIN (4 to 12 digits) and press Enter:");
    }
    let result = infostand_kiosk::pin::read_pin(&mut std::io::stdin().lock())
        .and_then(|pin| infostand_kiosk::pin::hash(&pin))
        .map_err(|error| error.to_string())
        .and_then(|hash| {
            if system {
                pin::store_system(&pin_file, &config_file, &hash, pin::KIOSK_GROUP)
            } else {
                pin::store_for_user(&config_file, &hash)
            }
            .map_err(|error| error.to_string())
        });
    match result {
        Ok(stored) => {
            println!("{stored}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("infostand: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The status as the app would show it now.
fn current_status(startup: &Startup) -> Status {
    let shown = startup.shown();
    let mut status = startup.syncer.status();
    status.set_shown(&shown.pack, shown.signed);
    // What is true now: the stored revision that no longer verifies is the
    // reason for what is shown, whatever the last sync said.
    if let Some(fallback) = &shown.fallback {
        status.last_error = Some(infostand_sync::status::LastError::from(fallback));
    }
    if startup.config_error.is_some() {
        status.config_error.clone_from(&startup.config_error);
    }
    status
}

fn status(startup: &Startup, json: bool) -> ExitCode {
    let status = current_status(startup);
    if json {
        match serde_json::to_string_pretty(&status) {
            Ok(text) => println!("{text}"),
            Err(error) => {
                eprintln!("infostand: cannot write the status as JSON: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        let view = StatusView::from(&status);
        let or_never = |value: Option<String>| value.unwrap_or_else(|| "never".into());
        if let Some(instance) = &status.instance {
            println!("instance:      {} ({})", instance.name, instance.id);
        }
        if let Some(app) = &status.app {
            println!("app:           {}", app.summary);
        }
        if let Some(error) = &status.config_error {
            println!("config error:  {error}");
        }
        println!(
            "revision:      {}",
            status.revision.map_or("none".into(), |r| r.to_string())
        );
        let source = view.source.as_str();
        let signed = if view.signed { "signed" } else { "unsigned" };
        println!("source:        {source}, {signed}");
        println!("items:         {}", status.item_ids.len());
        println!(
            "feed:          {}",
            view.feed_url.unwrap_or_else(|| "none configured".into())
        );
        println!("last attempt:  {}", or_never(view.last_attempt));
        println!("last success:  {}", or_never(view.last_success));
        println!(
            "next attempt:  {}",
            view.next_attempt.unwrap_or_else(|| "not scheduled".into())
        );
        match view.last_error {
            Some(error) => println!("last error:    {}: {}", error.code, error.message),
            None => println!("last error:    none"),
        }
        for (index, channel) in view.news.iter().enumerate() {
            println!();
            println!("news[{}]:       {}", index + 1, channel.url);
            println!("  items:        {}", channel.items);
            println!("  last attempt: {}", or_never(channel.last_attempt.clone()));
            println!("  last success: {}", or_never(channel.last_success.clone()));
            match &channel.last_error {
                Some(error) => println!("  last error:   {}: {}", error.code, error.message),
                None => println!("  last error:   none"),
            }
            for remark in &channel.dropped {
                println!("  dropped:      {remark}");
            }
            for remark in &channel.notes {
                println!("  note:         {remark}");
            }
        }
    }
    ExitCode::SUCCESS
}

/// One sync (the campaign, then every news channel), or one import of
/// `dir`; a line for each, and failure when any failed.
fn apply(startup: &Startup, dir: Option<&Path>) -> ExitCode {
    let pack = startup.shown().pack;
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("infostand: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let syncer = &startup.syncer;
    let campaign = runtime.block_on(async {
        match dir {
            Some(dir) => Some(syncer.import(dir, pack.revision()).await),
            None if syncer.has_campaign_feed() || syncer.news_channels() == 0 => {
                Some(syncer.sync_once(pack.revision()).await)
            }
            None => None,
        }
    });
    let mut failed = match campaign {
        Some(Ok(Outcome::Applied { active, .. })) => {
            println!("updated to revision {}", active.revision);
            false
        }
        Some(Ok(Outcome::UpToDate { revision })) => {
            println!("content is current (revision {revision})");
            false
        }
        Some(Err(error)) => {
            eprintln!("infostand: {error} [{}]", error.code().as_str());
            true
        }
        None => false,
    };
    if dir.is_none() && syncer.news_channels() > 0 {
        match runtime.block_on(syncer.sync_news(true)) {
            Ok(attempts) => {
                for attempt in attempts {
                    let name = infostand_config::news::channel_key(attempt.index, "url");
                    match attempt.result {
                        Ok(NewsOutcome::Updated(news)) => {
                            println!("{name}: {} items ({})", news.items.len(), attempt.url);
                        }
                        Ok(NewsOutcome::UpToDate) => {
                            println!("{name}: current ({})", attempt.url);
                        }
                        Err(error) => {
                            eprintln!("infostand: {name}: {error} [{}]", error.code().as_str());
                            failed = true;
                        }
                    }
                }
            }
            Err(error) => {
                eprintln!("infostand: {error} [{}]", error.code().as_str());
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

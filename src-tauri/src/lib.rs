//! The Tauri shell around Infostand's core crates: it reads the settings,
//! runs a headless subcommand or binds the media server, opens the content
//! library, starts background sync, creates the window and routes commands.
//! All behaviour worth testing lives in `crates/`; this crate wires it up.

mod admin;
mod autosync;
mod changes;
mod commands;
mod config;
mod csp;
mod error;
mod headless;
mod library;
mod logging;
mod mode;
mod monitoring;
mod reach;
mod runtime;
mod signals;
mod startup;
mod studio;
mod validity;
mod vitals;
mod watchdog;
mod webkit;
mod window;

use std::process::ExitCode;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use infostand_config::{Command, ConfigAction, Parsed};
use infostand_media::{Index, MediaServer, ServerOptions, TAURI_ORIGINS};
use infostand_support::log::Logging;
use tauri::Manager;

use crate::admin::Admin;
use crate::library::Library;
use crate::mode::Mode;
use crate::startup::Startup;
use crate::watchdog::Watchdog;

/// Exit code for a command line or configuration that cannot be used.
pub(crate) const EXIT_USAGE: u8 = 2;

/// When [`run`] began: within a few milliseconds of the process's start (only
/// the dynamic loader runs before it), the origin of the start-up times in
/// the log.
static STARTED: OnceLock<Instant> = OnceLock::new();

/// How long the app has been running (since [`run`] began).
pub(crate) fn since_start() -> Duration {
    STARTED.get_or_init(Instant::now).elapsed()
}

/// Starts the app (or a headless subcommand) and returns its exit code.
pub fn run() -> ExitCode {
    STARTED.get_or_init(Instant::now);
    let parsed = Parsed::from_args(std::env::args_os()).unwrap_or_else(|error| error.exit());
    // These need no valid settings: set-pin writes a config file, and the
    // other two report on a broken one.
    match &parsed.cli.command {
        Some(Command::SetPin { system }) => return headless::set_pin(*system),
        Some(Command::Config {
            action: ConfigAction::Check { json },
        }) => return headless::config_check(&parsed, *json),
        Some(Command::Diagnose { out }) => return headless::diagnose(&parsed, out.clone()),
        _ => {}
    }
    // A broken config never blacks out a stand: the window and `status`
    // start on the last good configuration (or the defaults) and report the
    // problem; the other commands stop, as a script should hear at once.
    // The Studio does not read the kiosk's settings beyond the window's own
    // (hardware acceleration, logging), so a broken kiosk config never
    // keeps the editor out either.
    let lenient = matches!(
        parsed.cli.command,
        None | Some(Command::Status { .. }) | Some(Command::Studio { .. })
    );
    let (settings, config_error) = match config::settings(&parsed, lenient, startup::check) {
        Ok(found) => found,
        Err(error) => {
            eprintln!("infostand: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    // Reads the counts only: none of what a start prepares is needed.
    if let Some(Command::Stats {
        from,
        to,
        csv,
        json,
    }) = &parsed.cli.command
    {
        let format = match (csv, json) {
            (true, _) => headless::StatsFormat::Csv,
            (_, true) => headless::StatsFormat::Json,
            _ => headless::StatsFormat::Table,
        };
        return headless::stats(&settings, *from, *to, format);
    }
    // While this is the only thread: WebKit reads it when it starts.
    webkit::prepare(settings.hardware_acceleration.value);
    // Headless commands print their own one-line result, so standard error
    // gets errors only; the log files get everything at the level.
    let logging = logging::init(&settings, parsed.cli.command.is_some());
    // The editor's window: no kiosk, no sync, no data directory of its own.
    if let Some(Command::Studio { dir }) = &parsed.cli.command {
        return studio::run(dir.clone(), logging);
    }
    let instance = startup::instance(&settings);
    // The log's first line says who this is, for a log read far away.
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        instance = %instance.id,
        name = %instance.name,
        "infostand starting"
    );
    // Standard error gets it through the log (errors always pass).
    if let Some(error) = &config_error {
        tracing::error!(%error, "the configuration is broken");
    }
    let good = config_error.is_none();
    let startup = match Startup::new(&settings, instance, config_error) {
        Ok(startup) => startup,
        Err(error) => {
            eprintln!("infostand: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    // Only a start of the window is a good start to fall back to.
    if good && parsed.cli.command.is_none() {
        config::remember_good();
    }
    match parsed.cli.command {
        Some(command) => headless::run(command, startup),
        None => app(startup, logging),
    }
}

/// The app's Tauri context (its config and the bundled UI), generated once
/// for the kiosk's window and the Studio's.
pub(crate) fn context() -> tauri::Context {
    tauri::generate_context!()
}

/// Opens the window and runs until it closes.
fn app(startup: Startup, mut logging: Logging) -> ExitCode {
    // CORS goes only to the app's own origins: caption tracks need it.
    let options = ServerOptions {
        allowed_origins: TAURI_ORIGINS
            .iter()
            .map(|origin| origin.to_string())
            .collect(),
        index: Index::default(),
    };
    if let Err(error) = runtime::install() {
        eprintln!("infostand: cannot start the async runtime: {error}");
        return ExitCode::FAILURE;
    }
    // Bound before the window exists so the CSP can name the exact origin.
    let server = match MediaServer::bind(options) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("infostand: cannot start the media server: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Started before GTK and WebKit, which take a few hundred milliseconds
    // meanwhile; setup waits for it once the window exists.
    let loading = startup.shown_in_background();
    let mut context = context();
    csp::restrict_media_to(context.config_mut(), &server.origin());

    let kiosk = startup.kiosk.enabled;
    let mut builder = tauri::Builder::default()
        // First, so a second start hands over before anything else runs.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            window::bring_to_front(app);
        }))
        // A kiosk started by flag must come back as a kiosk after a login.
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .args(kiosk.then_some("--kiosk"))
                .build(),
        );
    if !kiosk {
        // A kiosk is always fullscreen; only office windows keep their place.
        builder = builder.plugin(tauri_plugin_window_state::Builder::default().build());
    }
    let result = builder
        .setup(move |app| {
            // The window first: WebKit starts its processes while the rest
            // of this runs. The page cannot call a command before setup
            // returns (commands are handled on this thread), so everything
            // they need is managed by then.
            let window = window::create_main(app.handle(), kiosk)?;
            let since_start_ms = since_start().as_millis();
            tracing::info!(since_start_ms, "window created");
            let news_ids: Vec<String> = startup.news.iter().map(|n| n.id.clone()).collect();
            let monitor = monitoring::Monitor::new(news_ids.clone());
            let monitor_events = Arc::clone(&monitor.events);
            let vitals = Arc::new(vitals::Vitals::new(kiosk, Arc::clone(&monitor.events)));
            watchdog::recover_crashes(&window, Arc::clone(&vitals));
            app.manage(monitor);
            webkit::tune(&window);
            let (media, serving) = server.spawn(tauri::async_runtime::handle().inner());
            tauri::async_runtime::spawn(async move {
                if let Ok(Err(error)) = serving.await {
                    tracing::error!(%error, "the media server stopped; films will not play");
                }
            });
            let shown = loading.join().unwrap_or_else(|panic| {
                tracing::error!("loading the content shown panicked; showing the built-in pack");
                drop(panic);
                startup::ShownContent {
                    pack: startup.embedded.clone(),
                    signed: false,
                    fallback: None,
                }
            });
            let first_attempt = startup
                .sync_in_background
                .then(|| time::OffsetDateTime::now_utc() + autosync::FIRST_ATTEMPT_DELAY);
            let noted = startup.syncer.note_shown(&infostand_sync::Shown {
                pack: &shown.pack,
                signed: shown.signed,
                fallback: shown.fallback.as_ref(),
                config_error: startup.config_error.clone(),
                first_attempt,
            });
            if let Err(error) = noted {
                tracing::warn!(%error, "could not record what is shown in the status");
            }
            // A stored revision that cannot be shown (a changed key, a
            // damaged file) is a failure of the campaign's channel too.
            if let Some(fallback) = &shown.fallback {
                monitor_events.sync_failed(infostand_metrics::CAMPAIGN_CHANNEL, fallback.code());
            }
            let shown = shown.pack;
            vitals::spawn_heartbeat(
                Arc::clone(&vitals),
                infostand_sync::Layout::new(&startup.data_dir),
            );
            app.manage(vitals);
            let news = startup
                .news
                .iter()
                .cloned()
                .zip(startup.syncer.stored_news())
                .collect();
            app.manage(Library::open(
                &startup.data_dir,
                &startup.embedded,
                shown,
                news,
                media,
            ));
            let settings = &startup.kiosk;
            app.manage(Mode::new(
                settings.enabled,
                settings.idle_timeout,
                settings.pin_hash.is_some(),
            ));
            app.manage(Admin::new(
                settings.pin_hash.clone(),
                startup.data_dir.clone(),
            ));
            app.manage(Watchdog::new(settings.watchdog.clone()));
            app.manage(changes::ChangeFeed::new());
            reach::start(app.handle(), &startup.data_dir);
            signals::exit_on_stop(app.handle());
            autostart(app.handle(), settings.autostart);
            let syncer = Arc::new(startup.syncer);
            app.manage(Arc::clone(&syncer));
            if startup.sync_in_background {
                autosync::spawn(app.handle().clone(), syncer);
            }
            // Items with validity times change on schedule, synced or not.
            validity::spawn(app.handle().clone());
            // Metrics for Prometheus, when [monitoring] asks for them.
            let metrics = &startup.monitoring;
            monitoring::spawn(
                app.handle(),
                &metrics.config,
                metrics.proxy.clone(),
                monitoring::Fixed {
                    instance: infostand_metrics::Instance {
                        id: startup.instance.id.clone(),
                        name: startup.instance.name.clone(),
                    },
                    data_dir: startup.data_dir.clone(),
                    sync_interval: metrics.sync_interval,
                    memory_limit_bytes: settings.watchdog.memory_limit_bytes,
                    news_ids,
                    config_valid: startup.config_error.is_none(),
                },
            );
            // From here to the page's first paint, the time is WebKit's.
            let since_start_ms = since_start().as_millis();
            tracing::info!(since_start_ms, "ready for the page");
            Ok(())
        })
        .invoke_handler(commands::handler())
        .build(context);
    match result {
        Ok(app) => {
            // The event loop may end the process without returning here:
            // write the counts not yet flushed and the file log's queue
            // when it exits.
            app.run(move |app, event| {
                if let tauri::RunEvent::Exit = event {
                    reach::flush_at_exit(app);
                    logging.flush();
                }
            });
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("infostand: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Makes the OS start the app at login, or stops it, as `autostart` says;
/// the config file is the one place it is decided. An existing entry is
/// written again, so it carries this start's mode (`--kiosk` or not).
fn autostart<R: tauri::Runtime>(app: &tauri::AppHandle<R>, wanted: bool) {
    use tauri_plugin_autostart::ManagerExt;
    let launcher = app.autolaunch();
    let result = match (wanted, launcher.is_enabled()) {
        (true, _) => launcher.enable(),
        (false, Ok(true)) => launcher.disable(),
        (false, Ok(false)) => Ok(()),
        (false, Err(error)) => Err(error),
    };
    if let Err(error) = result {
        tracing::warn!(%error, wanted, "could not set starting at login");
    }
}

//! The Tauri shell around Infostand's core crates: it reads the settings,
//! runs a headless subcommand or binds the media server, opens the content
//! library, starts background sync, creates the window and routes commands.
//! All behaviour worth testing lives in `crates/`; this crate wires it up.

mod autosync;
mod commands;
mod csp;
mod error;
mod headless;
mod library;
mod startup;
mod validity;
mod window;

use std::process::ExitCode;
use std::sync::Arc;

use infostand_config::Parsed;
use infostand_media::{Index, MediaServer, ServerOptions, TAURI_ORIGINS};
use tauri::Manager;

use crate::library::Library;
use crate::startup::Startup;

/// Exit code for a command line or configuration that cannot be used.
const EXIT_USAGE: u8 = 2;

/// Starts the app (or a headless subcommand) and returns its exit code.
pub fn run() -> ExitCode {
    let parsed = Parsed::from_args(std::env::args_os()).unwrap_or_else(|error| error.exit());
    // Headless commands print their own one-line result; logs would only
    // clutter a script's output unless RUST_LOG asks for them.
    init_tracing(if parsed.cli.command.is_some() {
        "error"
    } else {
        DEFAULT_LOG
    });
    // A broken config stops the app rather than silently using defaults.
    let startup = match parsed
        .settings()
        .map_err(|e| e.to_string())
        .and_then(|s| Startup::new(&s))
    {
        Ok(startup) => startup,
        Err(error) => {
            eprintln!("infostand: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    match parsed.cli.command {
        Some(command) => headless::run(command, startup),
        None => app(startup),
    }
}

/// Opens the window and runs until it closes.
fn app(startup: Startup) -> ExitCode {
    // CORS goes only to the app's own origins: caption tracks need it.
    let options = ServerOptions {
        allowed_origins: TAURI_ORIGINS
            .iter()
            .map(|origin| origin.to_string())
            .collect(),
        index: Index::default(),
    };
    // Bound before the window exists so the CSP can name the exact origin.
    let server = match MediaServer::bind(options) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("infostand: cannot start the media server: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut context = tauri::generate_context!();
    csp::restrict_media_to(context.config_mut(), &server.origin());

    let result = tauri::Builder::default()
        .setup(move |app| {
            let (media, serving) = server.spawn(tauri::async_runtime::handle().inner());
            tauri::async_runtime::spawn(async move {
                if let Ok(Err(error)) = serving.await {
                    tracing::error!(%error, "the media server stopped; films will not play");
                }
            });
            let (shown, signed) = startup.shown();
            if let Err(error) = startup.syncer.note_shown(&shown, signed) {
                tracing::warn!(%error, "could not record what is shown in the status");
            }
            app.manage(Library::open(
                &startup.data_dir,
                &startup.embedded,
                shown,
                media,
            ));
            let syncer = Arc::new(startup.syncer);
            app.manage(Arc::clone(&syncer));
            if startup.sync_in_background {
                autosync::spawn(app.handle().clone(), syncer);
            }
            // Items with validity times change on schedule, synced or not.
            validity::spawn(app.handle().clone());
            window::create_main(app.handle())?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::content::content,
            commands::status::status
        ])
        .run(context);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("infostand: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The app's log filter when `RUST_LOG` is unset: info for our crates.
const DEFAULT_LOG: &str = "warn,infostand=info,infostand_app=info,infostand_content=info,infostand_media=info,infostand_sync=info";

/// Logs to stderr, filtered by `RUST_LOG`, else by `default`.
fn init_tracing(default: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

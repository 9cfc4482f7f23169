//! The Tauri shell around Infostand's core crates: it binds the media server,
//! opens the content library, creates the window and routes commands. All
//! behaviour worth testing lives in `crates/`; this crate only wires it up.

mod commands;
mod csp;
mod error;
mod library;
mod window;

use infostand_media::{MediaServer, ServerOptions};
use tauri::Manager;

use crate::library::Library;

/// Origins the webview loads the app from, per platform: the media server
/// sends CORS headers only to these (caption tracks need them).
const APP_ORIGINS: [&str; 3] = [
    "tauri://localhost",
    "http://tauri.localhost",
    "https://tauri.localhost",
];

/// Starts the app and blocks until its last window closes.
pub fn run() {
    init_tracing();

    // Bound before the window exists so the CSP can name the exact origin.
    let server = match MediaServer::bind(ServerOptions::new(APP_ORIGINS)) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("infostand: cannot start the media server: {error}");
            std::process::exit(1);
        }
    };
    let mut context = tauri::generate_context!();
    csp::restrict_media_to(context.config_mut(), &server.origin());

    let result = tauri::Builder::default()
        .setup(move |app| {
            let data_dir = app.path().app_data_dir()?;
            tauri::async_runtime::spawn(server.serve());
            let library = Library::open_embedded(&data_dir, server)?;
            app.manage(library);
            window::create_main(app.handle())?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![commands::content::content])
        .run(context);
    if let Err(error) = result {
        eprintln!("infostand: {error}");
        std::process::exit(1);
    }
}

/// Logs to stderr, filtered by `RUST_LOG` (default: info for our crates).
fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("warn,infostand=info,infostand_app=info,infostand_content=info,infostand_media=info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

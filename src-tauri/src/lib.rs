//! The Tauri shell around Infostand's core crates: it binds the media server,
//! opens the content library, creates the window and routes commands. All
//! behaviour worth testing lives in `crates/`; this crate only wires it up.

mod commands;
mod csp;
mod error;
mod library;
mod window;

use infostand_media::{Index, MediaServer, ServerOptions, TAURI_ORIGINS};
use tauri::Manager;

use crate::library::Library;

/// Starts the app and blocks until its last window closes.
pub fn run() {
    init_tracing();

    // Bound before the window exists so the CSP can name the exact origin.
    // CORS goes only to the app's own origins: caption tracks need it.
    let options = ServerOptions {
        allowed_origins: TAURI_ORIGINS
            .iter()
            .map(|origin| origin.to_string())
            .collect(),
        index: Index::default(),
    };
    let server = match MediaServer::bind(options) {
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
            let (media, serving) = server.spawn(tauri::async_runtime::handle().inner());
            tauri::async_runtime::spawn(async move {
                if let Ok(Err(error)) = serving.await {
                    tracing::error!(%error, "the media server stopped; films will not play");
                }
            });
            let library = Library::open_embedded(&data_dir, media)?;
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
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new(
            "warn,infostand=info,infostand_app=info,infostand_content=info,infostand_media=info",
        )
    });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

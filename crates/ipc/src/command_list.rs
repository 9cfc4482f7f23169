// The commands the webview may call, declared once. Included by
// `contract.rs` (which turns it into `COMMANDS`, the signatures and the
// generated `contract.ts`) and by `src-tauri/build.rs` (which grants each
// command by name); both expand it with a macro of their own, passed as
// `$callback`. Types are only named here, so the build script needs none
// of them. A command's doc comment is its documentation in the UI.
//
// Each line: `name(argument: Type, ...) -> Result;`, with the argument
// names of the Rust command function.
macro_rules! command_list {
    ($callback:ident) => {
        $callback! {
            /// The whole campaign in `language`, sanitised, with playable media URLs.
            content(language: Language) -> ContentView;
            /// Office or kiosk, and the kiosk's timings.
            mode() -> ModeView;
            /// Resolves with the change counts once they differ from `seen` (at once when they already do, or when `seen` is absent): the page's one way to hear that the content or the mode changed.
            wait_for_change(seen: Option<Changes>) -> Changes;
            /// An idle reset finished: the admin session ends and the watchdog may reload the page now.
            idle_reset() -> ();
            /// The page painted its first screen with content (logged with the time since start).
            first_paint() -> ();
            /// The first film since the page loaded started playing (logged).
            film_playing() -> ();
            /// A QR code of a link from the content (rejects with `refused` for a link it will not encode).
            qr_link(url: String) -> QrView;
            /// A QR code of a contact's card (rejects with `refused` for an unknown contact or one with no phone or e-mail).
            qr_contact(id: String) -> QrView;
            /// Office mode: opens the link in the system browser (rejects with `refused` on a kiosk).
            open_link(url: String) -> ();
            /// Opens an admin session (rejects with `wrong_pin`, `too_many_attempts` or `pin_not_set`).
            unlock_admin(pin: String) -> AdminView;
            /// The admin screen, refreshed (rejects with `locked` without a session).
            admin_status() -> AdminView;
            /// Syncs now and returns the refreshed admin screen (rejects with `locked` without a session).
            sync_now() -> AdminView;
            /// Reloads the page (rejects with `locked` without a session).
            reload() -> ();
            /// Leaves kiosk mode until the app restarts (rejects with `locked` without a session).
            leave_kiosk() -> ();
            /// Ends the admin session.
            lock_admin() -> ();
            /// Counts what a visitor did, in the current hour and nothing about them (fire and forget: the page never waits for it).
            count(event: UsageEvent) -> ();
        }
    };
}

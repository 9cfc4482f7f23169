//! The commands the webview may call, grouped by feature. Each is a thin
//! adapter over the core crates; the contract crate (`infostand-ipc`)
//! names them, the build script grants them by that list, and the tests
//! below check that what is registered here is exactly that list.

pub mod admin;
pub mod content;
pub mod kiosk;
pub mod links;
pub mod page;
pub mod usage;

/// Registers `module::command` functions as Tauri's handler, and lists
/// their names so a test can hold them to the contract's list.
macro_rules! handlers {
    ($($module:ident::$command:ident),* $(,)?) => {
        /// The handler of every command.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$command),*]
        }

        /// The names registered by [`handler`].
        #[cfg(test)]
        const REGISTERED: &[&str] = &[$(stringify!($command)),*];
    };
}

handlers![
    content::content,
    kiosk::mode,
    kiosk::idle_reset,
    page::first_paint,
    page::film_playing,
    links::qr_link,
    links::qr_contact,
    links::open_link,
    admin::unlock_admin,
    admin::admin_status,
    admin::sync_now,
    admin::reload,
    admin::leave_kiosk,
    admin::lock_admin,
    usage::count,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn the_registered_commands_are_the_contracts() {
        assert_eq!(
            sorted(REGISTERED),
            sorted(infostand_ipc::COMMANDS),
            "a command the UI's contract names but the shell lacks fails at run time; one the shell has but the contract lacks has no TypeScript type"
        );
    }

    #[test]
    fn the_capability_grants_every_command_and_no_other() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src-tauri/capabilities/default.json"
        );
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|error| panic!("cannot read {path}: {error}"));
        let capability: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}"));
        let granted: Vec<&str> = capability["permissions"]
            .as_array()
            .unwrap_or_else(|| panic!("{path} has no permissions list"))
            .iter()
            .filter_map(serde_json::Value::as_str)
            .filter_map(|permission| permission.strip_prefix("allow-"))
            .collect();
        let expected: Vec<String> = infostand_ipc::COMMANDS
            .iter()
            .map(|name| name.replace('_', "-"))
            .collect();
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        assert_eq!(
            sorted(&granted),
            sorted(&expected),
            "the main window is granted exactly the app's commands: one missing is refused by Tauri at run time, one extra is a grant nobody reviewed"
        );
    }
}

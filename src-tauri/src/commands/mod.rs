//! The commands the webview may call, grouped by feature. Each is a thin
//! adapter over the core crates; the contract crate (`infostand-ipc`)
//! names them, the build script grants them by that list, and the tests
//! below check that what is registered here is exactly that list.

pub mod admin;
pub mod content;
pub mod kiosk;
pub mod links;
pub mod page;
pub mod studio;
pub mod usage;

/// Registers `module::command` functions as Tauri's handler, and lists
/// their names so a test can hold them to the contract's list.
macro_rules! handlers {
    ($handler:ident, $registered:ident: $($module:ident::$command:ident),* $(,)?) => {
        /// The handler of every command of one window's process.
        pub fn $handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$command),*]
        }

        /// The names registered by the handler.
        #[cfg(test)]
        const $registered: &[&str] = &[$(stringify!($command)),*];
    };
}

// The kiosk page's process.
handlers![
    handler, REGISTERED:
    content::content,
    kiosk::mode,
    kiosk::wait_for_change,
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

// The Studio's process (`infostand studio`).
handlers![
    studio_handler, STUDIO_REGISTERED:
    studio::studio_start,
    studio::studio_new_draft,
    studio::studio_add_text,
    studio::studio_update_version,
    studio::studio_remove_version,
    studio::studio_remove_item,
    studio::studio_move_item,
    studio::studio_set_validity,
    studio::studio_confirm_translation,
    studio::studio_add_contact,
    studio::studio_update_contact,
    studio::studio_remove_contact,
    studio::studio_move_contact,
    studio::studio_set_organisation,
    studio::studio_add_film,
    studio::studio_replace_video,
    studio::studio_set_image,
    studio::studio_remove_image,
    studio::studio_set_captions,
    studio::studio_remove_captions,
    studio::studio_set_example,
    studio::studio_undo,
    studio::studio_redo,
    studio::studio_check,
    studio::studio_preview,
    studio::studio_create_key,
    studio::studio_inspect_target,
    studio::studio_publish,
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
    fn the_studios_registered_commands_are_the_contracts() {
        assert_eq!(
            sorted(STUDIO_REGISTERED),
            sorted(infostand_ipc::STUDIO_COMMANDS),
            "the Studio's process registers exactly the contract's Studio commands"
        );
    }

    /// A capability file's windows and the app commands it grants (the
    /// `allow-` permissions without a plugin prefix), and its other
    /// permissions.
    fn capability(name: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
        let path = format!(
            "{}/src-tauri/capabilities/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {path}: {error}"));
        let capability: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}"));
        let strings = |key: &str| -> Vec<String> {
            capability[key]
                .as_array()
                .unwrap_or_else(|| panic!("{path} has no {key} list"))
                .iter()
                .filter_map(serde_json::Value::as_str)
                .map(str::to_owned)
                .collect()
        };
        let (commands, others): (Vec<String>, Vec<String>) = strings("permissions")
            .into_iter()
            .partition(|permission| permission.starts_with("allow-"));
        let commands = commands
            .iter()
            .map(|permission| permission.trim_start_matches("allow-").replace('-', "_"))
            .collect();
        (strings("windows"), commands, others)
    }

    fn names(list: &[String]) -> Vec<&str> {
        list.iter().map(String::as_str).collect()
    }

    #[test]
    fn the_capability_grants_every_command_and_no_other() {
        let (windows, granted, _) = capability("default");
        assert_eq!(
            windows,
            [crate::window::MAIN_LABEL],
            "the kiosk page's capability is the main window's alone"
        );
        assert_eq!(
            sorted(&names(&granted)),
            sorted(infostand_ipc::COMMANDS),
            "the main window is granted exactly the app's commands: one missing is refused by Tauri at run time, one extra is a grant nobody reviewed (and no Studio command)"
        );
    }

    #[test]
    fn the_studio_capability_grants_the_studio_window_its_commands_only() {
        let (windows, granted, others) = capability("studio");
        assert_eq!(
            windows,
            [crate::studio::STUDIO_LABEL],
            "the Studio's commands go to the Studio window alone, never a kiosk window"
        );
        assert_eq!(
            sorted(&names(&granted)),
            sorted(infostand_ipc::STUDIO_COMMANDS),
            "the Studio window is granted exactly the Studio's commands, none of the kiosk page's"
        );
        assert_eq!(
            others,
            ["dialog:allow-open"],
            "besides its commands the Studio may only show the system's file chooser"
        );
    }
}

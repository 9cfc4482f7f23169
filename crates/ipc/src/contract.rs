//! The commands the webview may call, declared once: their names here are
//! what the shell registers and grants (`src-tauri/build.rs`, the
//! capability file), and their argument and result types are what the
//! UI's generated `contract.ts` says. Tests on both sides fail when either
//! drifts from this list.
//!
//! There are no events: what the app has to tell the page (the content or
//! the mode changed) the page waits for with a command, `wait_for_change`.
//! Tauri delivers an event, and registers a listener, by evaluating script
//! in the page, and WebKitGTK reads every such result into a JavaScript
//! engine it then starts in the app's own process (about 5 MB resident for
//! two listeners, bench/README.md); a command's answer comes back over
//! Tauri's IPC protocol and needs none.

use std::any::TypeId;

use ts_rs::{Config, TS};

use crate::content::ContentView;
use crate::kiosk::{AdminView, Changes, ModeView, QrView};
use crate::studio::{
    PasswordArg, RevisionArg, StudioContactFields, StudioDateTime, StudioEdited, StudioFinding,
    StudioNewKey, StudioOrganisation, StudioPublished, StudioStart, StudioTarget,
    StudioVersionPatch, StudioView,
};
use crate::usage::UsageEvent;
use infostand_content::Language;

/// A type as the generated TypeScript names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeRef {
    /// The TypeScript type, e.g. `ContentView`, `string`, `void`.
    pub ts: String,
    /// The binding file to import it from, when it has one.
    pub import: Option<String>,
    /// The binding files of the types it is made of, when it has no file
    /// of its own (`Option<StudioDateTime>`, `Vec<StudioFinding>`).
    pub parts: Vec<String>,
}

impl TypeRef {
    /// How TypeScript names `T`. A unit result is `void`: the command
    /// resolves with nothing to read.
    pub fn of<T: TS + 'static>(cfg: &Config) -> Self {
        if TypeId::of::<T>() == TypeId::of::<()>() {
            return Self {
                ts: "void".into(),
                import: None,
                parts: Vec::new(),
            };
        }
        let import = T::output_path().map(|_| T::ident(cfg));
        let parts = if import.is_some() {
            Vec::new()
        } else {
            // `Option<T>` and `Vec<T>` name `T` as a generic argument.
            struct Parts<'a>(&'a Config, Vec<String>);
            impl ts_rs::TypeVisitor for Parts<'_> {
                fn visit<U: TS + 'static + ?Sized>(&mut self) {
                    if U::output_path().is_some() {
                        self.1.push(U::ident(self.0));
                    }
                }
            }
            let mut parts = Parts(cfg, Vec::new());
            T::visit_generics(&mut parts);
            parts.1
        };
        Self {
            ts: T::name(cfg),
            import,
            parts,
        }
    }
}

/// One command: its name, what it is for, its arguments and its result.
#[derive(Debug, Clone)]
pub struct CommandSignature {
    /// The name the webview invokes, e.g. `qr_link`.
    pub name: &'static str,
    /// What it does, from its doc comment here.
    pub doc: String,
    /// Its arguments as the Rust function names them (Tauri takes them in
    /// camelCase from JavaScript).
    pub args: Vec<(&'static str, TypeRef)>,
    /// What it resolves with.
    pub result: TypeRef,
}

macro_rules! commands {
    ($($(#[doc = $doc:literal])* $name:ident($($arg:ident: $ty:ty),*) -> $result:ty;)*) => {
        /// Every command of the kiosk page, as the shell registers and
        /// grants it to the main window.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// Every kiosk command's signature, in the order declared.
        pub fn commands(cfg: &Config) -> Vec<CommandSignature> {
            vec![$(CommandSignature {
                name: stringify!($name),
                doc: doc_text(&[$($doc),*]),
                args: vec![$((stringify!($arg), TypeRef::of::<$ty>(cfg))),*],
                result: TypeRef::of::<$result>(cfg),
            }),*]
        }
    };
}

// The list itself is in its own file, which the shell's build script
// includes too (to grant the commands) without depending on this crate.
include!("command_list.rs");
command_list!(commands);

macro_rules! studio_commands {
    ($($(#[doc = $doc:literal])* $name:ident($($arg:ident: $ty:ty),*) -> $result:ty;)*) => {
        /// Every command of the Studio window, as the shell registers and
        /// grants it to the Studio window only.
        pub const STUDIO_COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// Every Studio command's signature, in the order declared.
        pub fn studio_commands(cfg: &Config) -> Vec<CommandSignature> {
            vec![$(CommandSignature {
                name: stringify!($name),
                doc: doc_text(&[$($doc),*]),
                args: vec![$((stringify!($arg), TypeRef::of::<$ty>(cfg))),*],
                result: TypeRef::of::<$result>(cfg),
            }),*]
        }
    };
}

include!("studio_command_list.rs");
studio_command_list!(studio_commands);

/// A doc comment's lines as one paragraph.
fn doc_text(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|line| line.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_documented() {
        let cfg = Config::new();
        let commands = commands(&cfg);
        let studio = studio_commands(&cfg);
        let mut names: Vec<&str> = commands
            .iter()
            .chain(&studio)
            .map(|command| command.name)
            .collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(
            names.len(),
            COMMANDS.len() + STUDIO_COMMANDS.len(),
            "a command declared twice would be registered once and granted twice"
        );
        for command in commands.iter().chain(&studio) {
            assert!(
                command.name.starts_with("studio_") == STUDIO_COMMANDS.contains(&command.name),
                "{} : Studio commands and only they are named studio_*, so a grant is read at a glance",
                command.name
            );
            assert!(
                !command.doc.is_empty(),
                "{} needs a doc comment: it becomes the UI's documentation",
                command.name
            );
        }
    }

    #[test]
    fn unit_results_are_void_and_named_types_are_imported() {
        let cfg = Config::new();
        let commands = commands(&cfg);
        let reset = commands
            .iter()
            .find(|command| command.name == "idle_reset")
            .expect("idle_reset is a command");
        assert_eq!(
            reset.result.ts, "void",
            "a command returning () resolves with nothing to read"
        );
        let content = commands
            .iter()
            .find(|command| command.name == "content")
            .expect("content is a command");
        assert_eq!(
            content.result.import.as_deref(),
            Some("ContentView"),
            "a generated type is imported from its own binding file"
        );
        assert_eq!(
            content.args[0].1.ts, "Language",
            "argument types come from the Rust types"
        );
    }
}

// The commands of the Studio window, declared once, as `command_list.rs`
// declares the kiosk page's. Included by `contract.rs` (which turns it into
// `STUDIO_COMMANDS`, the signatures and the generated `contract.ts`) and by
// `src-tauri/build.rs` (which makes a permission for each); the Studio's
// own capability grants them to the Studio window only, and the kiosk
// window's capability grants none of them.
//
// Each line: `name(argument: Type, ...) -> Result;`, with the argument
// names of the Rust command function.
macro_rules! studio_command_list {
    ($callback:ident) => {
        $callback! {
            /// The draft folder the Studio was started with, and its draft when it holds one.
            studio_start() -> StudioStart;
            /// Makes a new draft in the draft folder: from the campaign built into the app, or from a content folder (rejects with `draft_unavailable` when the folder is not empty or the content folder has no feed).
            studio_new_draft(content_dir: Option<String>) -> StudioView;
            /// Adds an article with its Swedish headline.
            studio_add_text(title_sv: String) -> StudioView;
            /// Changes one language's version of a text or film (made when missing); returns what cleaning the text removed.
            studio_update_version(key: String, language: Language, patch: StudioVersionPatch) -> StudioEdited;
            /// Removes one language's version.
            studio_remove_version(key: String, language: Language) -> StudioView;
            /// Removes a text or film.
            studio_remove_item(key: String) -> StudioView;
            /// Moves a text or film to another place among its kind.
            studio_move_item(key: String, to: u32) -> StudioView;
            /// Sets when an item is shown, on the Swedish clock (Europe/Stockholm).
            studio_set_validity(key: String, from: Option<StudioDateTime>, until: Option<StudioDateTime>) -> StudioView;
            /// Marks an item's translations as matching.
            studio_confirm_translation(key: String) -> StudioView;
            /// Adds a contact.
            studio_add_contact(fields: StudioContactFields) -> StudioView;
            /// Changes a contact.
            studio_update_contact(id: String, fields: StudioContactFields) -> StudioView;
            /// Removes a contact.
            studio_remove_contact(id: String) -> StudioView;
            /// Moves a contact to another place.
            studio_move_contact(id: String, to: u32) -> StudioView;
            /// Changes the county's details.
            studio_set_organisation(organisation: StudioOrganisation) -> StudioView;
            /// Adds a film from a WebM file with its Swedish title (rejects with `unplayable_video` and the ffmpeg command, or `too_large`).
            studio_add_film(path: String, title_sv: String) -> StudioView;
            /// Replaces a film's file.
            studio_replace_video(key: String, path: String) -> StudioView;
            /// Sets a film's poster or a text's picture with its text alternatives.
            studio_set_image(key: String, path: String, alt_sv: Option<String>, alt_en: Option<String>) -> StudioView;
            /// Removes the picture.
            studio_remove_image(key: String) -> StudioView;
            /// Sets a film's captions in one language from a `.vtt` or `.srt` file (rejects with `unusable_file` and the line at fault).
            studio_set_captions(key: String, language: Language, path: String) -> StudioView;
            /// Removes a film's captions in one language.
            studio_remove_captions(key: String, language: Language) -> StudioView;
            /// Labels a film an example film on kiosks, or not.
            studio_set_example(key: String, example: bool) -> StudioView;
            /// Takes back the last change.
            studio_undo() -> StudioView;
            /// Makes the last undone change again.
            studio_redo() -> StudioView;
            /// Checks the draft as kiosks will: every finding linked to its field.
            studio_check() -> Vec<StudioFinding>;
            /// The draft as a kiosk shows it, in one language, with media from the loopback server.
            studio_preview(language: Language) -> ContentView;
            /// Makes a password-protected key pair in a folder (rejects with `invalid_value` for `key/password`).
            studio_create_key(dir: String, password: PasswordArg, confirmation: PasswordArg) -> StudioNewKey;
            /// What a publish folder holds now.
            studio_inspect_target(path: String) -> StudioTarget;
            /// Signs and writes the draft to a folder, verifies it as a kiosk would and says what changed (rejects with `wrong_password`, `checks_failed`, `revision_not_newer`…).
            studio_publish(target: String, secret_key: String, password: Option<PasswordArg>, revision: Option<RevisionArg>) -> StudioPublished;
        }
    };
}

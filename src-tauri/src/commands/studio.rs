//! The Studio window's commands: each hands its arguments to
//! `infostand-studio` through the open [`Studio`] and returns the draft as
//! listed (or what the operation made). Granted to the Studio window only
//! (`capabilities/studio.json`). Async, so a long publish or a large film
//! never holds the window's event loop.

use std::path::Path;

use infostand_content::Language;
use infostand_ipc::studio::{
    PasswordArg, RevisionArg, StudioCleaned, StudioContactFields, StudioDateTime, StudioEdited,
    StudioFinding, StudioNewKey, StudioOrganisation, StudioPublished, StudioStart, StudioTarget,
    StudioVersionPatch, StudioView, TextKind,
};
use infostand_ipc::{ContentView, IpcError};
use infostand_studio::{AltTexts, LocalDateTime, PublishRequest};
use tauri::State;

use crate::studio::Studio;

type Studied<T> = Result<T, IpcError>;

/// The draft folder the Studio was started with, and its draft when it holds one.
#[tauri::command]
pub async fn studio_start(studio: State<'_, Studio>) -> Studied<StudioStart> {
    Ok(studio.start())
}

/// Makes a new draft from the campaign or a content folder.
#[tauri::command]
pub async fn studio_new_draft(
    content_dir: Option<String>,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.create(content_dir.as_deref().map(Path::new))
}

/// Adds an article with its Swedish headline.
#[tauri::command]
pub async fn studio_add_text(title_sv: String, studio: State<'_, Studio>) -> Studied<StudioView> {
    studio.edit(|p| p.add_text(TextKind::Article.kind(), &title_sv))
}

/// Changes one language's version; returns what cleaning the text removed.
#[tauri::command]
pub async fn studio_update_version(
    key: String,
    language: Language,
    patch: StudioVersionPatch,
    studio: State<'_, Studio>,
) -> Studied<StudioEdited> {
    let (view, cleaned) = studio.edit_with(|p| p.update_version(&key, language, patch.into()))?;
    Ok(StudioEdited {
        view,
        cleaned: cleaned.map(StudioCleaned::from),
    })
}

/// Removes one language's version.
#[tauri::command]
pub async fn studio_remove_version(
    key: String,
    language: Language,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.edit(|p| p.remove_version(&key, language))
}

/// Removes a text or film.
#[tauri::command]
pub async fn studio_remove_item(key: String, studio: State<'_, Studio>) -> Studied<StudioView> {
    studio.edit(|p| p.remove_item(&key))
}

/// Moves a text or film.
#[tauri::command]
pub async fn studio_move_item(
    key: String,
    to: u32,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.edit(|p| p.move_item(&key, usize::try_from(to).unwrap_or(usize::MAX)))
}

/// Sets when an item is shown, on the Swedish clock.
#[tauri::command]
pub async fn studio_set_validity(
    key: String,
    from: Option<StudioDateTime>,
    until: Option<StudioDateTime>,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    let from = from.map(LocalDateTime::from);
    let until = until.map(LocalDateTime::from);
    studio.edit(|p| p.set_validity(&key, from.as_ref(), until.as_ref()))
}

/// Marks an item's translations as matching.
#[tauri::command]
pub async fn studio_confirm_translation(
    key: String,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.edit(|p| p.confirm_translation(&key))
}

/// Adds a contact.
#[tauri::command]
pub async fn studio_add_contact(
    fields: StudioContactFields,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.edit(|p| p.add_contact(fields.into()))
}

/// Changes a contact.
#[tauri::command]
pub async fn studio_update_contact(
    id: String,
    fields: StudioContactFields,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.edit(|p| p.update_contact(&id, fields.into()))
}

/// Removes a contact.
#[tauri::command]
pub async fn studio_remove_contact(id: String, studio: State<'_, Studio>) -> Studied<StudioView> {
    studio.edit(|p| p.remove_contact(&id))
}

/// Moves a contact.
#[tauri::command]
pub async fn studio_move_contact(
    id: String,
    to: u32,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.edit(|p| p.move_contact(&id, usize::try_from(to).unwrap_or(usize::MAX)))
}

/// Changes the county's details.
#[tauri::command]
pub async fn studio_set_organisation(
    organisation: StudioOrganisation,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.edit(|p| p.set_organisation(organisation.into()))
}

/// Adds a film from a WebM file.
#[tauri::command]
pub async fn studio_add_film(
    path: String,
    title_sv: String,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.edit(|p| p.add_film(Path::new(&path), &title_sv))
}

/// Replaces a film's file.
#[tauri::command]
pub async fn studio_replace_video(
    key: String,
    path: String,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.edit(|p| p.replace_video(&key, Path::new(&path)))
}

/// Sets a film's poster or a text's picture.
#[tauri::command]
pub async fn studio_set_image(
    key: String,
    path: String,
    alt_sv: Option<String>,
    alt_en: Option<String>,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    let alt = AltTexts {
        sv: alt_sv,
        en: alt_en,
    };
    studio.edit(|p| p.set_image(&key, Path::new(&path), &alt))
}

/// Removes the picture.
#[tauri::command]
pub async fn studio_remove_image(key: String, studio: State<'_, Studio>) -> Studied<StudioView> {
    studio.edit(|p| p.remove_image(&key))
}

/// Sets a film's captions in one language.
#[tauri::command]
pub async fn studio_set_captions(
    key: String,
    language: Language,
    path: String,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.edit(|p| p.set_captions(&key, language, Path::new(&path)))
}

/// Removes a film's captions in one language.
#[tauri::command]
pub async fn studio_remove_captions(
    key: String,
    language: Language,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.edit(|p| p.remove_captions(&key, language))
}

/// Labels a film an example film, or not.
#[tauri::command]
pub async fn studio_set_example(
    key: String,
    example: bool,
    studio: State<'_, Studio>,
) -> Studied<StudioView> {
    studio.edit(|p| p.set_example(&key, example))
}

/// Takes back the last change.
#[tauri::command]
pub async fn studio_undo(studio: State<'_, Studio>) -> Studied<StudioView> {
    studio.edit(|p| p.undo())
}

/// Makes the last undone change again.
#[tauri::command]
pub async fn studio_redo(studio: State<'_, Studio>) -> Studied<StudioView> {
    studio.edit(|p| p.redo())
}

/// Checks the draft as kiosks will.
#[tauri::command]
pub async fn studio_check(studio: State<'_, Studio>) -> Studied<Vec<StudioFinding>> {
    studio.with(|p| p.check().into_iter().map(StudioFinding::from).collect())
}

/// The draft as a kiosk shows it in one language.
#[tauri::command]
pub async fn studio_preview(language: Language, studio: State<'_, Studio>) -> Studied<ContentView> {
    studio.preview(language)
}

/// Makes a password-protected key pair.
#[tauri::command]
pub async fn studio_create_key(
    dir: String,
    password: PasswordArg,
    confirmation: PasswordArg,
) -> Studied<StudioNewKey> {
    let key = infostand_studio::create_key(Path::new(&dir), &password.0, &confirmation.0)?;
    Ok(key.into())
}

/// What a publish folder holds now.
#[tauri::command]
pub async fn studio_inspect_target(path: String) -> Studied<StudioTarget> {
    Ok(infostand_studio::inspect_target(Path::new(&path))?.into())
}

/// Signs, writes and verifies the draft in a folder.
#[tauri::command]
pub async fn studio_publish(
    target: String,
    secret_key: String,
    password: Option<PasswordArg>,
    revision: Option<RevisionArg>,
    studio: State<'_, Studio>,
) -> Studied<StudioPublished> {
    let request = PublishRequest {
        target: Path::new(&target),
        secret_key: Path::new(&secret_key),
        password: password.as_ref().map(|password| &password.0),
        revision: revision.map(|revision| revision.0),
    };
    let (_, report) = studio.edit_with(|p| p.publish(&request))?;
    Ok(report.into())
}

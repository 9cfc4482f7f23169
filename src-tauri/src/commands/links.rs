//! Links to other sites and things to take along: QR codes, and the
//! system browser in office mode.

use infostand_ipc::{IpcError, QrView};
use infostand_kiosk::qr;
use tauri::State;

use crate::error::Error;
use crate::library::Library;
use crate::mode::Mode;

/// The schemes a QR code or the system browser is given; the sanitiser
/// allows the same ones in content.
const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// A QR code of a link from the content.
#[tauri::command]
pub fn qr_link(url: String) -> Result<QrView, IpcError> {
    let url = checked_link(&url)?;
    Ok(code(url.as_str())?)
}

/// A QR code of a contact's card (name, phone, e-mail, organisation).
#[tauri::command]
pub fn qr_contact(id: String, library: State<'_, Library>) -> Result<QrView, IpcError> {
    let (contact, organisation) = library.contact_card(&id)?;
    let card = qr::vcard(
        &contact.name,
        contact.phone.as_deref(),
        contact.email.as_deref(),
        organisation.as_deref(),
    )
    .ok_or_else(|| Error::Refused(format!("{} has no phone or e-mail", contact.name)))?;
    Ok(code(&card)?)
}

/// Opens a link in the system browser: office mode only. A kiosk never
/// opens anything (its UI shows the QR code instead).
#[tauri::command]
pub fn open_link(url: String, mode: State<'_, Mode>) -> Result<(), IpcError> {
    if mode.is_kiosk() {
        return Err(Error::Refused("a kiosk does not open other sites".into()).into());
    }
    let url = checked_link(&url)?;
    tauri_plugin_opener::open_url(url.as_str(), None::<&str>)
        .map_err(|error| Error::Internal(format!("cannot open {url}: {error}")))?;
    Ok(())
}

fn checked_link(text: &str) -> Result<tauri::Url, Error> {
    let url: tauri::Url = text
        .parse()
        .map_err(|error| Error::Refused(format!("{text:?} is not a link: {error}")))?;
    if !LINK_SCHEMES.contains(&url.scheme()) {
        return Err(Error::Refused(format!(
            "{:?} links are not opened",
            url.scheme()
        )));
    }
    Ok(url)
}

fn code(text: &str) -> Result<QrView, Error> {
    // Text that cannot be a QR code (empty, or too long to fit) comes from
    // the content, not from a fault: the UI shows it as text instead.
    let svg = qr::svg(text).map_err(|error| Error::Refused(error.to_string()))?;
    Ok(QrView {
        svg,
        text: text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_phone_links_are_passed_on() {
        for good in [
            "https://www.lansstyrelsen.se/",
            "mailto:a@example.org",
            "tel:+4660000000",
        ] {
            assert!(
                checked_link(good).is_ok(),
                "{good} is a link content may carry"
            );
        }
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "not a link"] {
            assert!(
                checked_link(bad).is_err(),
                "{bad} must never reach a browser or a code"
            );
        }
    }
}

//! Edits of the contacts, the county's details and the kiosk's attract
//! loop: each checked before it is kept (a phone number is digits, an
//! e-mail address has its `@` and a domain, a web address is one), and
//! made through the one change path of [`crate::project`] like every
//! edit.

use infostand_content::feed::{Contact, Kind, Localised, Organisation};
use serde::Deserialize;

use crate::edit::{optional, required, unique, web_address};
use crate::error::{Error, Result};
use crate::media::slug;
use crate::model::Draft;
use crate::project::Project;

/// The fewest digits a phone number has (a Swedish short number has 5).
pub const MIN_PHONE_DIGITS: usize = 5;

/// A contact as the form gives it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContactFields {
    /// Full name (required).
    pub name: String,
    /// What the person does, in Swedish.
    #[serde(default)]
    pub role_sv: Option<String>,
    /// The same in English.
    #[serde(default)]
    pub role_en: Option<String>,
    /// Telephone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
}

impl Project {
    /// Adds a contact at the end; returns its id (made from the name).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the field that cannot be used.
    pub fn add_contact(&mut self, fields: ContactFields) -> Result<String> {
        let contact = contact_from(fields, "contacts/new", String::new())?;
        self.change("Add a contact", None, |draft| {
            let id = unique(&slug(&contact.name), |id| draft.contact(id).is_some());
            draft.contacts.push(Contact {
                id: id.clone(),
                ..contact
            });
            Ok(id)
        })
    }

    /// Replaces the contact `id`'s details (its id stays).
    ///
    /// # Errors
    /// [`Error::UnknownContact`]; [`Error::InvalidValue`].
    pub fn update_contact(&mut self, id: &str, fields: ContactFields) -> Result<()> {
        let contact = contact_from(fields, &format!("contacts/{id}"), id.to_owned())?;
        let coalesce = Some(format!("contacts/{id}"));
        self.change("Edit a contact", coalesce, |draft| {
            let at = contact_position(draft, id)?;
            draft.contacts[at] = contact;
            Ok(())
        })
    }

    /// Removes the contact `id`.
    ///
    /// # Errors
    /// [`Error::UnknownContact`].
    pub fn remove_contact(&mut self, id: &str) -> Result<()> {
        self.change("Remove a contact", None, |draft| {
            let at = contact_position(draft, id)?;
            draft.contacts.remove(at);
            Ok(())
        })
    }

    /// Moves the contact `id` to place `to` (from 0; past the end is the end).
    ///
    /// # Errors
    /// [`Error::UnknownContact`].
    pub fn move_contact(&mut self, id: &str, to: usize) -> Result<()> {
        self.change("Move a contact", None, |draft| {
            let at = contact_position(draft, id)?;
            let contact = draft.contacts.remove(at);
            let to = to.min(draft.contacts.len());
            draft.contacts.insert(to, contact);
            Ok(())
        })
    }

    /// Replaces the county's details. Its web address, when given, must be
    /// one (`www.…` gets `https://`): kiosks refuse the whole pack otherwise.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for an empty name or a bad address.
    pub fn set_organisation(&mut self, organisation: Organisation) -> Result<()> {
        let name = required(&organisation.name, "organisation/name")?;
        let url = organisation
            .url
            .as_deref()
            .map(|url| web_address(url, "organisation/url"))
            .transpose()?
            .flatten();
        let tidy = |text: Option<String>| text.as_deref().and_then(optional);
        let organisation = Organisation {
            name,
            visiting_address: tidy(organisation.visiting_address),
            postal_address: tidy(organisation.postal_address),
            organisation_number: tidy(organisation.organisation_number),
            governor: tidy(organisation.governor),
            url,
        };
        self.change(
            "Edit the county's details",
            Some("organisation".into()),
            |draft| {
                draft.organisation = Some(organisation);
                Ok(())
            },
        )
    }

    /// Sets the films of the kiosk's attract loop, in order; empty plays
    /// every film.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for a key that is not a film.
    pub fn set_attract(&mut self, keys: &[String]) -> Result<()> {
        self.change("Choose the attract films", None, |draft| {
            for key in keys {
                if draft.item(key).is_none_or(|item| item.kind != Kind::Film) {
                    return Err(Error::invalid("attract", format!("{key:?} is not a film")));
                }
            }
            draft.attract = keys.to_vec();
            Ok(())
        })
    }
}

fn contact_position(draft: &Draft, id: &str) -> Result<usize> {
    draft
        .contacts
        .iter()
        .position(|contact| contact.id == id)
        .ok_or_else(|| Error::UnknownContact { id: id.to_owned() })
}

/// A contact from its form, checked; `id` is kept as given.
fn contact_from(fields: ContactFields, field: &str, id: String) -> Result<Contact> {
    let name = required(&fields.name, &format!("{field}/name"))?;
    let role_sv = fields.role_sv.as_deref().and_then(optional);
    let role_en = fields.role_en.as_deref().and_then(optional);
    let role = match (role_sv, role_en) {
        (None, None) => None,
        (Some(sv), en) => Some(Localised { sv, en }),
        (None, Some(_)) => {
            return Err(Error::invalid(
                format!("{field}/role/sv"),
                "write the role in Swedish too; Swedish is shown where English is missing",
            ))
        }
    };
    let phone = fields.phone.as_deref().and_then(optional);
    if let Some(phone) = &phone {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed = phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c));
        if !allowed || digits < MIN_PHONE_DIGITS {
            return Err(Error::invalid(
                format!("{field}/phone"),
                format!("{phone:?} is not a phone number (digits, spaces, +, - and parentheses, e.g. 0611-34 90 00)"),
            ));
        }
    }
    let email = fields.email.as_deref().and_then(optional);
    if let Some(email) = &email {
        let well_formed = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        }) && !email.chars().any(char::is_whitespace);
        if !well_formed {
            return Err(Error::invalid(
                format!("{field}/email"),
                format!("{email:?} is not an e-mail address (name@example.se)"),
            ));
        }
    }
    Ok(Contact {
        id,
        name,
        role,
        phone,
        email,
    })
}

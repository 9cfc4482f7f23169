//! The kiosk's own verdict on a draft: the schema every publish passes
//! (`docs/feed.schema.json`, as `infostand-publish` checks it) and the
//! loader every kiosk runs, on the document the draft publishes; their
//! messages name places in the document (`items[3].title`,
//! `/items/3/_infostand`), which are turned into field paths here.

use std::path::Path;

use infostand_content::{Pack, Source};

use super::{finding, named, Finding, FindingCode, Severity};
use crate::feed_io::ItemIndex;
use crate::model::Draft;

/// What the kiosk's own code says: the publisher's schema and the loader.
pub(super) fn kiosk_findings(
    draft: &Draft,
    document: &serde_json::Value,
    index: &ItemIndex,
    findings: &mut Vec<Finding>,
) {
    let path = Path::new(infostand_publish::FEED_FILE);
    if let Err(infostand_publish::Error::Schema { errors, .. }) =
        infostand_publish::validate::schema(document, path)
    {
        for line in errors {
            let (pointer, message) = line.split_once(": ").unwrap_or(("/", line.as_str()));
            let mut segments: Vec<&str> = pointer.split('/').filter(|s| !s.is_empty()).collect();
            // `"captions" is a required property`: the field is the missing one.
            if let Some(name) = message.strip_suffix(" is a required property") {
                segments.push(name.trim_matches('"'));
            }
            findings.push(finding(
                Severity::Error,
                FindingCode::SchemaViolation,
                field_of(&segments, index, draft),
                format!("{pointer}: {message}"),
            ));
        }
    }
    let mut bytes = serde_json::to_vec_pretty(document).unwrap_or_default();
    bytes.push(b'\n');
    match Pack::from_json(&bytes, Source::Feed) {
        Err(error) => {
            let segments = loader_segments(&error);
            let refs: Vec<&str> = segments.iter().map(String::as_str).collect();
            findings.push(finding(
                Severity::Error,
                FindingCode::KioskRefuses,
                field_of(&refs, index, draft),
                format!("kiosks would refuse the whole draft: {error}"),
            ));
        }
        Ok(loaded) => {
            for warning in &loaded.warnings {
                let Some((key, language)) = index.get(warning.index) else {
                    continue;
                };
                let segments = [
                    "items".to_owned(),
                    warning.index.to_string(),
                    field_in_reason(&warning.reason).to_owned(),
                ];
                let refs: Vec<&str> = segments.iter().map(String::as_str).collect();
                let item = draft
                    .item(key)
                    .map(|item| named(item, Some(*language)))
                    .unwrap_or_default();
                findings.push(finding(
                    Severity::Error,
                    FindingCode::KioskDropsItem,
                    field_of(&refs, index, draft),
                    format!("kiosks would leave out {item}: {}", warning.reason),
                ));
            }
            if loaded.pack.is_empty() {
                findings.push(finding(Severity::Error, FindingCode::KioskRefuses, "feed".into(),
                    "kiosks would show nothing from this draft, and refuse it: add a text or a film".into()));
            }
        }
    }
}

/// The document field a loader's reason for dropping an item is about.
fn field_in_reason(reason: &str) -> &'static str {
    [
        ("image_alt", "image_alt"),
        ("title", "title"),
        ("valid_", "valid_from"),
        ("content_html", "content_html"),
        ("body", "content_html"),
        ("attachments", "attachments"),
        ("url", "url"),
        ("date_modified", "date_modified"),
    ]
    .iter()
    .find(|(word, _)| reason.contains(word))
    .map_or("", |(_, field)| field)
}

/// The loader's error path (`items[3].attachments[0].url`) as segments.
fn loader_segments(error: &infostand_content::Error) -> Vec<String> {
    let path = match error {
        infostand_content::Error::Invalid { path, .. }
        | infostand_content::Error::Shape { path, .. } => path.as_str(),
        _ => "",
    };
    path.split('.')
        .flat_map(|part| part.split(['[', ']']))
        .filter(|segment| !segment.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A document location, as segments, as a field path.
fn field_of(segments: &[&str], index: &ItemIndex, draft: &Draft) -> String {
    match segments {
        ["items", at, rest @ ..] => {
            let Some((key, language)) = at.parse::<usize>().ok().and_then(|at| index.get(at))
            else {
                return "feed".into();
            };
            let lang = language.code();
            let rest: Vec<&str> = rest
                .iter()
                .copied()
                .filter(|s| *s != "_infostand")
                .collect();
            match rest.first().copied() {
                Some("title") => format!("items/{key}/title/{lang}"),
                Some("summary") => format!("items/{key}/summary/{lang}"),
                Some("content_html" | "content_text") => format!("items/{key}/body/{lang}"),
                Some("url") => format!("items/{key}/url/{lang}"),
                Some("date_modified") => format!("items/{key}/date_modified/{lang}"),
                Some("image_alt") => format!("items/{key}/image_alt/{lang}"),
                Some("image") => format!("items/{key}/image"),
                Some("attachments") => format!("items/{key}/video"),
                Some("captions") => format!("items/{key}/captions"),
                Some("valid_from" | "valid_until") => format!("items/{key}/validity"),
                _ => format!("items/{key}/{lang}"),
            }
        }
        ["_infostand", "contacts", at, rest @ ..] => {
            let Some(contact) = at
                .parse::<usize>()
                .ok()
                .and_then(|at| draft.contacts.get(at))
            else {
                return "contacts".into();
            };
            match rest {
                [] => format!("contacts/{}", contact.id),
                rest => format!("contacts/{}/{}", contact.id, rest.join("/")),
            }
        }
        ["_infostand", "organisation", rest @ ..] => match rest.first() {
            Some(field) => format!("organisation/{field}"),
            None => "organisation/name".into(),
        },
        ["_infostand", "media", at, ..] => {
            let referenced = draft.referenced_media();
            let listed: Vec<&str> = draft
                .media
                .iter()
                .map(|e| e.url.as_str())
                .filter(|url| referenced.iter().any(|r| r == url))
                .collect();
            at.parse::<usize>()
                .ok()
                .and_then(|at| listed.get(at))
                .map_or("feed".into(), |url| format!("media/{url}"))
        }
        _ => "feed".into(),
    }
}

#[cfg(test)]
mod tests {
    use infostand_content::validity::Timestamp;

    use crate::checks::{check_draft, FindingCode, Severity};
    use crate::storage::Layout;

    #[test]
    fn a_dropped_item_is_linked_to_the_field_the_kiosk_names() {
        let (mut draft, _) = crate::feed_io::draft_from_feed(&infostand_pack::feed_json())
            .expect("the campaign's feed is a pack");
        if let Some(english) = draft.items[1].en.as_mut() {
            english.date_modified = Some("30/11/2026".into());
        }
        let key = draft.items[1].key.clone();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let now: Timestamp = "2026-12-05T16:00:00Z".parse().expect("an instant");
        let about: Vec<(Severity, FindingCode, String)> =
            check_draft(&draft, &Layout::new(dir.path()), None, now)
                .into_iter()
                .filter(|finding| finding.field.starts_with(&format!("items/{key}/")))
                .map(|finding| (finding.severity, finding.code, finding.field))
                .collect();
        assert_eq!(
            about,
            [(Severity::Error, FindingCode::KioskDropsItem, format!("items/{key}/date_modified/en"))],
            "the loader drops the English item for its date, and the schema's complaint about the same field is not repeated"
        );
    }
}

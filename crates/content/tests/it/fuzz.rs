//! Fuzz harnesses for every parser of this crate that reads outside input:
//! the pack loader, the sanitiser, signature files and public keys. (Plain
//! feeds from a CMS are read by infostand-news, whose own harness fuzzes
//! them.)
//!
//! Under `cargo test` each is an ordinary test: bolero replays the committed
//! corpus (`__fuzz__/<target>/corpus/`) and any saved `crashes/`, then feeds
//! [`RANDOM_INPUTS`] random inputs. `bash .ci/fuzz` runs the same functions under
//! libFuzzer (cargo-bolero, nightly) for as long as it is given; see
//! docs/testing.md. A failing input is a panic with the reason, so libFuzzer
//! saves it and the next `cargo test` replays it.

use std::collections::HashSet;
use std::time::{Duration, SystemTime};

use infostand_content::sanitise::{self, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, LINK_REL};
use infostand_content::signature::{self, PublicKey};
use infostand_content::{Error, Language, Loaded, Pack, Presentation, Source};

use crate::read_fixture;

/// Random inputs after the committed corpus under `cargo test` (which
/// replays the whole corpus first); `BOLERO_RANDOM_ITERATIONS` overrides
/// it. libFuzzer ignores it.
const RANDOM_INPUTS: usize = 500;

/// How much longer than its input sanitised HTML may be. The largest
/// growth per input byte is a bare `<a>` (3 bytes), which comes out as
/// `<a rel="noopener noreferrer"></a>` (33 bytes); entities grow at most
/// 6-fold (`"` in an attribute to `&quot;`).
const MAX_GROWTH: usize = 12;

/// Slack for the fixed part of the growth (a closing tag the input left
/// open).
const GROWTH_SLACK: usize = 64;

/// The input as text, as a CMS's body would reach the sanitiser after JSON
/// decoding: invalid UTF-8 becomes U+FFFD.
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn fuzz_sanitise() {
    bolero::check!()
        .with_iterations(RANDOM_INPUTS).for_each(|bytes: &[u8]| {
        let input = text(bytes);
        let out = sanitise::html(&input);
        if let Err(problem) = check_sanitised(&out) {
            panic!("sanitised output breaks the policy: {problem}\ninput: {input:?}\noutput: {out:?}");
        }
        assert_eq!(
            sanitise::html(&out),
            out,
            "sanitising its own output must change nothing, or the webview (which parses the \
             output again) sees another tree than the one that was checked; input: {input:?}"
        );
        assert!(
            out.len() <= MAX_GROWTH * input.len() + GROWTH_SLACK,
            "sanitised output must grow at most linearly with its input: {} bytes from {}; \
             input: {input:?}",
            out.len(),
            input.len()
        );

        let from_text = sanitise::text_to_html(&input);
        if let Err(problem) = check_sanitised(&from_text) {
            panic!("content_text's HTML breaks the policy: {problem}\ninput: {input:?}\noutput: {from_text:?}");
        }
        let plain = sanitise::plain_text(&out);
        assert!(
            plain.len() <= out.len(),
            "the plain text of sanitised HTML only drops and decodes, so it cannot be longer"
        );
    });
}

#[test]
fn fuzz_pack_strict() {
    bolero::check!()
        .with_iterations(RANDOM_INPUTS)
        .for_each(|bytes: &[u8]| check_pack(bytes));
}

/// Loads `bytes` as a campaign pack; a pack that loads must hold what the
/// rest of the app relies on.
fn check_pack(bytes: &[u8]) {
    let Ok(Loaded { pack, warnings }) = Pack::from_json(bytes, Source::Feed) else {
        return;
    };
    assert!(
        pack.revision() >= 1,
        "an Infostand pack's revision starts at 1, or rollback protection breaks"
    );
    let mut dropped = HashSet::new();
    for warning in &warnings {
        assert!(
            dropped.insert(warning.index),
            "each dropped item is reported once: {warnings:?}"
        );
    }
    let mut urls = HashSet::new();
    for entry in pack.media() {
        assert!(
            urls.insert(entry.url.as_str()),
            "the manifest lists each URL once, or two files would share a name"
        );
        assert!(
            pack.media_entry(&entry.url).is_some(),
            "every manifest URL can be looked up"
        );
    }
    // The instants at which the pack is looked at: in its time, and on
    // either side of every validity change the pack has.
    let mut instants = vec![SystemTime::UNIX_EPOCH, SystemTime::now()];
    if let Some(next) = pack.next_change_after(SystemTime::UNIX_EPOCH) {
        instants.extend([next, next + Duration::from_secs(1)]);
    }
    for now in instants {
        for language in [Language::Sv, Language::En] {
            check_presentation(&pack, &pack.present(language, now));
        }
        let shown = pack.shown_ids_at(now);
        assert!(
            shown.windows(2).all(|pair| pair[0] < pair[1]),
            "shown ids are sorted and unique"
        );
    }
}

fn check_presentation(pack: &Pack, shown: &Presentation<'_>) {
    let entries: Vec<_> = shown
        .campaign
        .iter()
        .chain(&shown.method)
        .copied()
        .chain(shown.articles.iter().copied())
        .chain(shown.films.iter().copied())
        .collect();
    let mut ids = HashSet::new();
    let mut keys = HashSet::new();
    for entry in &entries {
        assert!(
            ids.insert(entry.id.as_str()),
            "item ids are unique in a pack that loads; {:?} is shown twice",
            entry.id
        );
        assert!(
            keys.insert(entry.key.as_str()),
            "one translation per key is shown; {:?} is shown twice",
            entry.key
        );
        assert!(
            !entry.title.trim().is_empty(),
            "an item without a title is dropped"
        );
        if let Err(problem) = check_sanitised(&entry.html) {
            panic!(
                "item {:?}'s body reached the pack unsafe: {problem}\n{:?}",
                entry.id, entry.html
            );
        }
        let media = entry
            .sources
            .iter()
            .map(|(url, _)| url)
            .chain(entry.captions.iter().map(|caption| &caption.url))
            .chain(entry.image.iter().map(|(url, _)| url));
        for url in media {
            assert!(
                pack.media_entry(url).is_some(),
                "item {:?} refers to {url:?}, which the manifest lacks: the film could never play",
                entry.id
            );
        }
    }
    for key in &shown.attract {
        assert!(
            shown.films.iter().any(|film| film.key == *key),
            "the attract loop only plays films that are shown; {key:?} is not"
        );
    }
}

/// The document the signature fixtures sign.
fn signed_document() -> Vec<u8> {
    read_fixture("signature/document.json")
}

fn fixture_key(name: &str) -> PublicKey {
    let text = String::from_utf8(read_fixture(&format!("signature/{name}")))
        .expect("the fixture keys are text");
    PublicKey::parse(&text).expect("the fixture keys are well-formed")
}

/// The trusted comment the fixture signatures were made with.
fn signed_trusted_comment() -> String {
    let signature = String::from_utf8(read_fixture("signature/document.json.minisig"))
        .expect("the fixture signature is text");
    signature
        .lines()
        .nth(2)
        .and_then(|line| line.strip_prefix("trusted comment: "))
        .expect("line 3 of a signature file is its trusted comment")
        .to_owned()
}

#[test]
fn fuzz_signature() {
    let document = signed_document();
    let keys = [
        fixture_key("test-only-a.pub"),
        fixture_key("test-only-b.pub"),
    ];
    let trusted = signed_trusted_comment();
    bolero::check!()
        .with_iterations(RANDOM_INPUTS).for_each(|bytes: &[u8]| {
        let text = text(bytes);
        match signature::verify(&document, &text, &keys) {
            Ok(verified) => {
                assert!(
                    keys.iter().any(|key| key.key_id() == verified.key_id),
                    "a verified signature names a configured key"
                );
                assert_eq!(
                    verified.trusted_comment, trusted,
                    "nobody without the secret key can make an accepted signature carry \
                     another trusted comment; signature: {text:?}"
                );
            }
            Err(
                Error::MalformedSignature { .. }
                | Error::UnknownSigningKey { .. }
                | Error::SignatureMismatch { .. },
            ) => {}
            Err(other) => panic!("verify refuses a signature only as malformed, unknown or mismatched, got {other:?}"),
        }
        let tampered: Vec<u8> = document.iter().rev().copied().collect();
        assert!(
            signature::verify(&tampered, &text, &keys).is_err(),
            "no signature verifies a document it was not made for; signature: {text:?}"
        );
    });
}

#[test]
fn fuzz_public_key() {
    bolero::check!()
        .with_iterations(RANDOM_INPUTS)
        .for_each(|bytes: &[u8]| {
            let text = text(bytes);
            for parsed in [PublicKey::parse(&text), PublicKey::from_base64(&text)] {
                match parsed {
                    Ok(key) => {
                        assert!(
                            key.to_base64().len() == 56 && key.to_base64().starts_with("RW"),
                            "a minisign public key line is 56 characters starting RW, got {:?}",
                            key.to_base64()
                        );
                        let again = PublicKey::from_base64(key.to_base64())
                            .expect("a parsed key's own line must parse again");
                        assert_eq!(again, key, "a key survives being written out and read back");
                        assert_eq!(
                            key.key_id().to_string().len(),
                            16,
                            "key ids are shown as 16 hex digits, as minisign shows them"
                        );
                    }
                    // 60 characters of the key at most, each escaped to at most
                    // 10 (`\u{10ffff}`), and the sentence around them.
                    Err(Error::MalformedPublicKey { problem }) => assert!(
                        problem.chars().count() <= 60 * 10 + 200,
                        "the message quotes a bad key only in part, never a screenful: {problem:?}"
                    ),
                    Err(other) => panic!("a bad key is refused as malformed, got {other:?}"),
                }
            }
        });
}

/// Checks that `html` is in the language the sanitiser promises: only the
/// allowed tags, no attribute but a link's `href` (with an allowed scheme)
/// and `rel`, no comments, and text with its markup characters escaped.
///
/// It reads the serialiser's output form: every attribute quoted with `"`,
/// `"` escaped inside values, `<` and `>` escaped in text.
fn check_sanitised(html: &str) -> Result<(), String> {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        if rest[..open].contains('>') {
            return Err(format!("a raw '>' in text before {:?}", &rest[open..]));
        }
        let tag_and_rest = &rest[open + 1..];
        let close = tag_close(tag_and_rest).ok_or("a tag that never closes")?;
        check_tag(&tag_and_rest[..close])?;
        rest = &tag_and_rest[close + 1..];
    }
    if rest.contains('>') {
        return Err("a raw '>' in the trailing text".into());
    }
    Ok(())
}

/// Where the tag at the start of `text` ends: the first `>` outside quotes.
fn tag_close(text: &str) -> Option<usize> {
    let mut quoted = false;
    for (at, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return Some(at),
            _ => {}
        }
    }
    None
}

fn check_tag(tag: &str) -> Result<(), String> {
    let (closing, tag) = match tag.strip_prefix('/') {
        Some(name) => (true, name),
        None => (false, tag),
    };
    let name_end = tag.find(' ').unwrap_or(tag.len());
    let (name, mut attributes) = tag.split_at(name_end);
    if !ALLOWED_TAGS.contains(&name) {
        return Err(format!("the element <{tag}> is not allowed"));
    }
    let mut seen = Vec::new();
    while !attributes.is_empty() {
        if closing {
            return Err(format!("a closing tag with attributes: </{tag}>"));
        }
        let attribute = attributes
            .strip_prefix(' ')
            .ok_or_else(|| format!("attributes not separated by a space in <{tag}>"))?;
        let (key, value_and_rest) = attribute
            .split_once("=\"")
            .ok_or_else(|| format!("an attribute without a quoted value in <{tag}>"))?;
        let (value, after) = value_and_rest
            .split_once('"')
            .ok_or_else(|| format!("an unterminated attribute value in <{tag}>"))?;
        check_attribute(name, key, value)?;
        if seen.contains(&key) {
            return Err(format!("the attribute {key} twice in <{tag}>"));
        }
        seen.push(key);
        attributes = after;
    }
    if name == "a" && !closing && !seen.contains(&"rel") {
        return Err(format!("a link without rel=\"{LINK_REL}\": <{tag}>"));
    }
    Ok(())
}

fn check_attribute(element: &str, key: &str, value: &str) -> Result<(), String> {
    match (element, key) {
        ("a", "rel") if value == LINK_REL => Ok(()),
        ("a", "href") => {
            // What the webview's HTML parser hands its URL parser.
            let decoded = value
                .replace("&quot;", "\"")
                .replace("&nbsp;", "\u{a0}")
                .replace("&amp;", "&");
            let url = url::Url::parse(&decoded)
                .map_err(|error| format!("href {value:?} is not an absolute URL: {error}"))?;
            if ALLOWED_URL_SCHEMES.contains(&url.scheme()) {
                Ok(())
            } else {
                Err(format!("href {value:?} has scheme {:?}", url.scheme()))
            }
        }
        _ => Err(format!("the attribute {key}={value:?} on <{element}>")),
    }
}

#[test]
fn the_sanitised_output_checker_catches_what_it_must() {
    for (bad, why) in [
        ("<script>x</script>", "a disallowed element"),
        ("<p onclick=\"x\">a</p>", "an event handler"),
        ("<p style=\"color:red\">a</p>", "a style attribute"),
        (
            "<a href=\"javascript:x\" rel=\"noopener noreferrer\">a</a>",
            "a javascript: link",
        ),
        ("<a href=\"https://x.se/\">a</a>", "a link without rel"),
        ("<p>a > b</p>", "an unescaped '>' in text"),
        ("<!-- c -->", "a comment"),
        ("<img src=\"https://x.se/a.png\">", "an off-machine image"),
    ] {
        assert!(
            check_sanitised(bad).is_err(),
            "the checker must refuse {why}: {bad}"
        );
    }
    let good =
        "<p>a &lt; b</p><a href=\"https://x.se/?a=1&amp;b=2\" rel=\"noopener noreferrer\">x</a>";
    assert_eq!(
        check_sanitised(good),
        Ok(()),
        "the checker must accept the sanitiser's ordinary output"
    );
}

/// Found by `fuzz_public_key`, a bound of the harness's own: a bad key of
/// control characters is quoted escaped (`\u{10}`, six characters each),
/// so its message is longer than the 60 characters quoted, but still
/// bounded.
#[test]
fn a_bad_key_of_control_characters_is_quoted_within_bounds() {
    let key = format!("  \tX4120u6mQaqt6jL{}", "\u{10}".repeat(138));
    match PublicKey::parse(&key) {
        Err(Error::MalformedPublicKey { problem }) => assert!(
            problem.contains("…") && problem.chars().count() <= 60 * 10 + 200,
            "the message quotes the key's start, escaped, and no more: {problem:?}"
        ),
        other => panic!("a key of control characters is malformed, got {other:?}"),
    }
}

//! The `[[news]]` channels: read from config files only, the last file's
//! list replacing the others, every bad value refused naming its channel,
//! file, line and column, and credentials in a channel's URL never shown.

use std::path::{Path, PathBuf};
use std::time::Duration;

use infostand_config::news::{DEFAULT_NEWS_ITEMS, MAX_NEWS_ITEMS};
use infostand_config::report::{self, ConfigFile};
use infostand_config::{NewsChannel, Origin, Parsed, Report, Settings};

use super::{clear_env, write, ENV, KEY_A, KEY_B};

/// The first channel of every file in the error cases, so that the bad one
/// is the second and its errors must name `news[2]`.
const FIRST: &str = "offline = false\n\n[[news]]\nurl = \"https://example.org/a.json\"\n";

/// The settings from `files` with no variable or flag.
fn settings(files: &[PathBuf]) -> infostand_config::Result<Settings> {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    clear_env();
    Parsed::from_args(["infostand"])
        .expect("parses")
        .settings_with_files(files)
}

/// The 1-based line and column where the `nth` (0-based) `needle` starts in
/// `text`, found by searching the text, not by the code under test.
fn position(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let (offset, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} is in {text:?}"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[test]
fn no_channel_unless_a_file_has_one() {
    let settings = settings(&[]).expect("the defaults are valid");
    assert_eq!(
        (settings.news.value.len(), &settings.news.origin),
        (0, &Origin::Default),
        "news is shown only where a config file asks for it"
    );
}

#[test]
fn every_key_of_a_channel_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(
        dir.path(),
        "config.toml",
        &format!(
            "[[news]]\nurl = \" https://example.org/nyheter/feed.json \"\nkey = \"{KEY_A}\"\ntitle = {{ sv = \"Aktuellt från kommunen\", en = \"News from the municipality\" }}\nmax_items = {MAX_NEWS_ITEMS}\nmax_age = \"90d\"\n\n\
             [[news]]\nurl = \"http://example.org/rss.xml\"\n[news.title]\nen = \"County news\"\n"
        ),
    );
    let settings = settings(std::slice::from_ref(&path)).expect("valid channels");
    assert_eq!(
        settings.news.value,
        [
            NewsChannel {
                url: url::Url::parse("https://example.org/nyheter/feed.json").expect("a URL"),
                key: Some(KEY_A.into()),
                title_sv: Some("Aktuellt från kommunen".into()),
                title_en: Some("News from the municipality".into()),
                max_items: MAX_NEWS_ITEMS,
                max_age: Some(Duration::from_secs(90 * 24 * 3600)),
            },
            NewsChannel {
                // Plain http is the sync's to refuse, at each attempt, where
                // the status shows it; here it is only a URL.
                url: url::Url::parse("http://example.org/rss.xml").expect("a URL"),
                key: None,
                title_sv: None,
                title_en: Some("County news".into()),
                max_items: DEFAULT_NEWS_ITEMS,
                max_age: None,
            },
        ],
        "every key is read, in the file's order, a title table as well as an inline one, and what is not set takes its default"
    );
    assert_eq!(
        settings.news.origin,
        Origin::File(path),
        "the list says which file it came from"
    );
}

#[test]
fn the_users_list_replaces_the_system_wide_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let system = write(
        dir.path(),
        "system.toml",
        "[[news]]\nurl = \"https://example.org/county.json\"\n[[news]]\nurl = \"https://example.org/town.json\"\n",
    );
    let user_with = write(
        dir.path(),
        "user.toml",
        "[[news]]\nurl = \"https://example.org/mine.json\"\nmax_items = 3\n",
    );
    let user_without = write(dir.path(), "user-without.toml", "offline = true\n");
    let user_empty = write(dir.path(), "user-empty.toml", "news = []\n");
    let urls = |settings: &Settings| -> Vec<String> {
        settings
            .news
            .value
            .iter()
            .map(|channel| channel.url.to_string())
            .collect()
    };

    let replaced = settings(&[system.clone(), user_with.clone()]).expect("valid");
    assert_eq!(
        (urls(&replaced), &replaced.news.origin),
        (
            vec!["https://example.org/mine.json".to_string()],
            &Origin::File(user_with)
        ),
        "a later file's [[news]] replace the earlier list whole, as any later key wins; they are not added to it"
    );
    let kept = settings(&[system.clone(), user_without]).expect("valid");
    assert_eq!(
        (urls(&kept), &kept.news.origin),
        (
            vec![
                "https://example.org/county.json".to_string(),
                "https://example.org/town.json".to_string()
            ],
            &Origin::File(system.clone())
        ),
        "a user's file without news leaves the system-wide channels in place"
    );
    let emptied = settings(&[system, user_empty.clone()]).expect("valid");
    assert_eq!(
        (urls(&emptied), &emptied.news.origin),
        (Vec::<String>::new(), &Origin::File(user_empty)),
        "news = [] in a later file is a list too: it turns the earlier channels off"
    );
}

#[test]
fn bad_values_are_refused_naming_channel_file_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The second channel's text, its key in the error, the text the error
    // must point at, and what the error must say.
    let cases = [
        (
            "url = \"example.org/feed.json\"\n",
            "news[2].url",
            "\"example.org",
            "is not a URL",
        ),
        (
            "url = \"https://cms:pw-in-bad-url@exa mple.org/\"\n",
            "news[2].url",
            "\"https://cms",
            "is not a URL",
        ),
        (
            "url = \"https://example.org/b.json\"\nkey = \"RWQtooShort\"\n",
            "news[2].key",
            "\"RWQtooShort\"",
            "not a minisign public key",
        ),
        (
            // The secret key's base64 line is as long, but not a public key.
            "url = \"https://example.org/b.json\"\nkey = \"RWRTY0IyNotAPublicKeyButTheSecretOneWhichIsLongerThanThis=\"\n",
            "news[2].key",
            "\"RWRTY0",
            "not a minisign public key",
        ),
        (
            "url = \"https://example.org/b.json\"\nmax_items = 0\n",
            "news[2].max_items",
            "0\n",
            "from 1 to 100",
        ),
        (
            "url = \"https://example.org/b.json\"\nmax_items = 101\n",
            "news[2].max_items",
            "101",
            "from 1 to 100",
        ),
        (
            "url = \"https://example.org/b.json\"\nmax_age = \"a quarter\"\n",
            "news[2].max_age",
            "\"a quarter\"",
            "not a duration like 90d",
        ),
        (
            "url = \"https://example.org/b.json\"\nmax_age = \"0d\"\n",
            "news[2].max_age",
            "\"0d\"",
            "would leave every item out",
        ),
        (
            "url = \"https://example.org/b.json\"\ntitle = { sv = \"\", en = \"News\" }\n",
            "news[2].title.sv",
            "\"\"",
            "is empty",
        ),
        (
            "url = \"https://example.org/b.json\"\n[news.title]\nsv = \"Nyheter\"\nen = \"  \"\n",
            "news[2].title.en",
            "\"  \"",
            "is empty",
        ),
        (
            // The same address once parsed: the host's case does not matter.
            "url = \"https://EXAMPLE.org/a.json\"\n",
            "news[2].url",
            "\"https://EXAMPLE",
            "already the URL of news[1].url",
        ),
    ];
    for (channel, key, at, expected) in cases {
        let text = format!("{FIRST}\n[[news]]\n{channel}");
        let path = write(dir.path(), "config.toml", &text);
        let error = settings(std::slice::from_ref(&path))
            .expect_err("a bad news value must not start the app");
        let message = error.to_string();
        let (line, column) = position(&text, at, 0);
        assert!(
            message.starts_with(&format!(
                "{key} (from {}:{line}:{column}): ",
                path.display()
            )),
            "{channel:?} is refused naming {key} and the file, line and column of the value, {line}:{column}: {message}"
        );
        assert!(
            message.contains(expected),
            "{channel:?} is refused saying {expected:?}: {message}"
        );
        assert!(
            !message.contains("pw-in-bad-url") && !message.contains("cms:"),
            "an error is printed and logged, so it shows a URL without its credentials: {message}"
        );
    }
}

#[test]
fn unknown_keys_and_wrong_types_in_a_channel_name_file_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The second channel's text, the text the error must point at, and what
    // the error must say.
    let cases = [
        (
            "url = \"https://example.org/b.json\"\nmaxitems = 5\n",
            "maxitems",
            "unknown field `maxitems`",
        ),
        (
            "url = \"https://example.org/b.json\"\ntitle = { sv = \"Nyheter\", de = \"Neues\" }\n",
            "de =",
            "unknown field `de`",
        ),
        (
            "url = \"https://example.org/b.json\"\nmax_items = \"10\"\n",
            "\"10\"",
            "invalid type",
        ),
        ("max_items = 5\n", "[[news]]", "missing field `url`"),
    ];
    for (channel, at, expected) in cases {
        let text = format!("{FIRST}\n[[news]]\n{channel}");
        let path = write(dir.path(), "config.toml", &text);
        let error = settings(std::slice::from_ref(&path))
            .expect_err("a misspelt or mistyped news key must not be ignored");
        let message = error.to_string();
        // The second [[news]] header, for the missing URL: the first is the
        // first channel's.
        let nth = usize::from(at == "[[news]]");
        let (line, column) = position(&text, at, nth);
        assert!(
            message.starts_with(&format!("{}:{line}:{column}: ", path.display())),
            "{channel:?}: the error points at {line}:{column}: {message}"
        );
        assert!(
            message.contains(expected),
            "{channel:?}: the error says {expected:?}: {message}"
        );
    }
}

/// A system file with two channels, the first with a user name and a
/// password that needs escaping in its URL, and the settings from it.
fn settings_with_news_credentials(dir: &Path) -> (Settings, PathBuf) {
    let path = write(
        dir,
        "system.toml",
        &format!("[[news]]\nurl = \"https://cms-reader:n3ws%40pass@example.org/nyheter/feed.json\"\nkey = \"{KEY_B}\"\nmax_age = \"12weeks\"\n\n[[news]]\nurl = \"https://example.org/county.xml\"\ntitle = {{ sv = \"Länet\" }}\n"),
    );
    let settings = settings(std::slice::from_ref(&path)).expect("valid");
    (settings, path)
}

#[test]
fn config_check_shows_every_channel_with_its_file_and_no_credentials() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (settings, path) = settings_with_news_credentials(dir.path());
    let report = Report::new(&settings, ConfigFile::look_at(std::slice::from_ref(&path)));
    let text = report.to_text();
    let line = |key: &str| {
        text.lines()
            .find(|line| line.trim_start().starts_with(&format!("{key} ")))
            .unwrap_or_else(|| panic!("no line for {key} in:\n{text}"))
            .to_string()
    };
    assert!(
        line("news[1].url").contains("https://***@example.org/nyheter/feed.json")
            && line("news[1].url").contains(&path.display().to_string()),
        "the first channel's URL is shown without its user name and password, with its file: {text}"
    );
    assert!(
        line("news[1].key").contains(KEY_B) && line("news[1].max_age").contains("84d"),
        "the other values are shown as checked: {text}"
    );
    assert!(
        line("news[2].title.sv").contains("Länet")
            && line("news[2].title.en").contains("(not set)")
            && line("news[2].max_items").contains(&DEFAULT_NEWS_ITEMS.to_string())
            && line("news[2].max_age").contains("off"),
        "every key of every channel is shown, unset ones as such: {text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&report.to_json()).expect("the JSON form is JSON");
    let entry = json["settings"]
        .as_array()
        .and_then(|all| all.iter().find(|e| e["key"] == "news[1].url"))
        .cloned()
        .unwrap_or_else(|| panic!("no news[1].url in {json}"));
    assert_eq!(
        entry,
        serde_json::json!({
            "key": "news[1].url",
            "value": "https://***@example.org/nyheter/feed.json",
            "origin": {"kind": "file", "name": path.display().to_string()},
        }),
        "scripts get the channel's URL redacted, with the file it came from"
    );
    for shown in [text, report.to_json()] {
        for credential in ["cms-reader", "n3ws%40pass", "n3ws@pass"] {
            assert!(
                !shown.contains(credential),
                "{credential:?} must appear in neither the text nor the JSON: {shown}"
            );
        }
    }
}

#[test]
fn diagnose_is_told_a_channels_password_is_secret() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (settings, _path) = settings_with_news_credentials(dir.path());
    let secrets = report::secrets(&settings);
    assert!(
        secrets.iter().any(|s| s == "n3ws%40pass") && secrets.iter().any(|s| s == "n3ws@pass"),
        "diagnose scrubs the news password from its archive, as written and as a log might show it decoded: {secrets:?}"
    );
}

#[test]
fn no_channel_is_one_line_saying_so() {
    let report = Report::new(&settings(&[]).expect("valid"), Vec::new());
    let news: Vec<_> = report
        .settings
        .iter()
        .filter(|entry| entry.key.starts_with("news"))
        .collect();
    assert_eq!(
        news.len(),
        1,
        "config check still lists news when there is none: {news:?}"
    );
    assert_eq!(
        (news[0].key.as_str(), &news[0].value, &news[0].origin),
        ("news", &None, &Origin::Default),
        "one unset news line, from the default"
    );
}

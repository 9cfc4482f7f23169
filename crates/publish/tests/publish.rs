//! Integration tests of infostand-publish: the command line and the library
//! together, on the real `content/` pack and on the checked-in fixture
//! content directories under `tests/fixtures/` (`small`, a complete pack
//! with placeholder media and placeholder hashes; `missing-media`, the same
//! feed without its files; `bad-kind`, a feed the schema refuses).

#[path = "publish/fuzz.rs"]
mod fuzz;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use infostand_content::Pack;
use infostand_content::Source;
use infostand_publish::keys::{self, SigningKey, PASSWORD_ENV, PUBLIC_KEY_FILE, SECRET_KEY_FILE};
use infostand_publish::{build, BuildOptions, Error, FEED_FILE, SIGNATURE_FILE};
use serde_json::Value;
use tempfile::TempDir;

/// A fixture content directory under `tests/fixtures/`.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The real pack built into the app.
fn real_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn temp() -> TempDir {
    tempfile::tempdir().expect("a temporary directory is needed")
}

/// Runs the built binary with `password` (or none) in the environment.
fn run<S: AsRef<OsStr>>(args: &[S], password: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_infostand-publish"));
    command.args(args).env_remove(PASSWORD_ENV);
    if let Some(password) = password {
        command.env(PASSWORD_ENV, password);
    }
    command
        .output()
        .expect("the infostand-publish binary must run")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs the binary and insists it succeeds, returning its stdout.
fn run_ok<S: AsRef<OsStr>>(args: &[S], password: Option<&str>) -> String {
    let output = run(args, password);
    assert!(
        output.status.success(),
        "infostand-publish {:?} must succeed, but said: {}",
        args.iter().map(AsRef::as_ref).collect::<Vec<_>>(),
        stderr(&output)
    );
    stdout(&output)
}

/// Runs the binary and insists it fails with a one-line reason, returning it.
fn run_err<S: AsRef<OsStr>>(args: &[S], password: Option<&str>) -> String {
    let output = run(args, password);
    assert!(
        !output.status.success(),
        "infostand-publish {:?} must fail, but printed: {}",
        args.iter().map(AsRef::as_ref).collect::<Vec<_>>(),
        stdout(&output)
    );
    stderr(&output)
}

/// A key pair without a password in a fresh directory.
fn keypair() -> (TempDir, SigningKey, PathBuf) {
    let dir = temp();
    let generated = keys::generate(dir.path(), None).expect("keygen works in an empty directory");
    let key =
        SigningKey::load(&generated.secret_key_file, None).expect("a key just generated must load");
    (dir, key, generated.public_key_file)
}

/// Builds `content` into `out` with the library.
fn build_into(content: &Path, out: &Path, key: &SigningKey, revision: Option<u64>) -> u64 {
    build(
        content,
        &BuildOptions {
            out,
            key,
            revision,
            force: true,
        },
    )
    .unwrap_or_else(|error| panic!("{} must build: {error}", content.display()))
    .revision
}

fn read_json(path: &Path) -> Value {
    let bytes = fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Entries of `dir` whose names show they are a build's temporary leftovers.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("the directory is readable")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(infostand_publish::build::STAGING_PREFIX))
        .collect()
}

#[test]
fn the_real_pack_builds_verifies_and_keeps_its_manifest() {
    let work = temp();
    let keys_dir = work.path().join("keys");
    let key_line = run_ok(
        &[
            OsStr::new("keygen"),
            OsStr::new("--out"),
            keys_dir.as_os_str(),
        ],
        None,
    );
    let key_line = key_line.trim();
    assert!(
        key_line.starts_with("RW") && !key_line.contains('\n'),
        "keygen must print exactly the public key line for --feed-key, got {key_line:?}"
    );
    let out = work.path().join("public");
    let content = real_content();
    let built = run_ok(
        &[
            OsStr::new("build"),
            content.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
            OsStr::new("--key"),
            keys_dir.join(SECRET_KEY_FILE).as_os_str(),
        ],
        None,
    );
    assert!(
        built.starts_with("built "),
        "build must summarise what it published, got {built:?}"
    );

    let source = fs::read(content.join(FEED_FILE)).expect("content/feed.json exists");
    let embedded = Pack::from_json(&source, Source::Embedded)
        .expect("the embedded pack loads")
        .pack;
    let key_id = infostand_content::signature::PublicKey::parse(key_line)
        .expect("keygen printed a valid key")
        .key_id()
        .to_string();
    let public_file = keys_dir.join(PUBLIC_KEY_FILE);
    for key in [key_line, &*public_file.to_string_lossy()] {
        let summary = run_ok(&["verify", &out.to_string_lossy(), "--key", key], None);
        assert!(
            summary.starts_with("OK ") && summary.trim().lines().count() == 1,
            "verify must print a one-line summary, got {summary:?}"
        );
        let media = format!("{} media files", embedded.media().len());
        assert!(
            summary.contains(&key_id) && summary.contains(&media),
            "the summary must name the key id and count the media ({media}), got {summary:?}"
        );
    }

    // The embedded pack is built and checked with the same code: what the
    // publisher writes, the app loads whole, with the same manifest.
    let published = fs::read(out.join(FEED_FILE)).expect("build wrote feed.json");
    let loaded = Pack::from_json(&published, Source::Feed)
        .unwrap_or_else(|error| panic!("the app must load the published feed: {error}"));
    assert!(
        loaded.warnings.is_empty(),
        "the publisher must never publish a feed the app drops items from: {:?}",
        loaded.warnings
    );
    assert_eq!(
        loaded.pack.media(),
        embedded.media(),
        "the publisher's hashes and sizes must equal content/feed.json's, which the app checks at every start"
    );
    let mut expected: Value = serde_json::from_slice(&source).expect("content/feed.json is JSON");
    expected["_infostand"]["revision"] = Value::from(loaded.pack.revision());
    assert_eq!(
        serde_json::from_slice::<Value>(&published).expect("the published feed is JSON"),
        expected,
        "with correct hashes in the source, the publisher must change nothing but the revision"
    );
    assert!(
        leftovers(work.path()).is_empty(),
        "a finished build leaves no temporary directory"
    );
}

#[test]
fn a_signature_by_another_key_names_the_key_id() {
    let work = temp();
    let (_a_dir, a, _) = keypair();
    let (_b_dir, b, b_pub) = keypair();
    let out = work.path().join("public");
    build_into(&fixture("small"), &out, &a, Some(3));
    let reason = run_err(
        &[
            "verify",
            &out.to_string_lossy(),
            "--key",
            &b_pub.to_string_lossy(),
        ],
        None,
    );
    assert!(
        reason.contains(&a.key_id().to_string()) && reason.contains(&b.key_id().to_string()),
        "the reason must name the signing key and the configured one, got {reason:?}"
    );
    assert!(
        reason.contains(SIGNATURE_FILE) && reason.trim().lines().count() == 1,
        "the reason must be one line naming the signature file, got {reason:?}"
    );
}

#[test]
fn a_tampered_feed_is_refused() {
    let work = temp();
    let (_keys, key, public) = keypair();
    let out = work.path().join("public");
    build_into(&fixture("small"), &out, &key, Some(3));
    let feed = out.join(FEED_FILE);
    let mut bytes = fs::read(&feed).expect("build wrote feed.json");
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    fs::write(&feed, bytes).expect("the test can change the feed");
    let reason = run_err(
        &[
            "verify",
            &out.to_string_lossy(),
            "--key",
            &public.to_string_lossy(),
        ],
        None,
    );
    assert!(
        reason.contains("does not match") && reason.contains(&key.key_id().to_string()),
        "one changed byte must fail the signature, naming the key, got {reason:?}"
    );
}

#[test]
fn a_tampered_media_file_is_named() {
    let work = temp();
    let (_keys, key, public) = keypair();
    let out = work.path().join("public");
    build_into(&fixture("small"), &out, &key, Some(3));
    let film = out.join("media/film.webm");
    let mut bytes = fs::read(&film).expect("build copied the film");
    bytes[0] ^= 0x01;
    fs::write(&film, &bytes).expect("the test can change the film");
    let args = [
        "verify",
        &out.to_string_lossy(),
        "--key",
        &public.to_string_lossy(),
    ];
    let reason = run_err(&args, None);
    assert!(
        reason.contains("media/film.webm") && reason.contains("SHA-256"),
        "a changed media file must be named, with the hash that differs, got {reason:?}"
    );
    fs::write(&film, &bytes[1..]).expect("the test can truncate the film");
    let reason = run_err(&args, None);
    assert!(
        reason.contains("media/film.webm") && reason.contains("bytes"),
        "a truncated media file must be named, with the sizes, got {reason:?}"
    );
    fs::remove_file(&film).expect("the test can delete the film");
    let reason = run_err(&args, None);
    assert!(
        reason.contains("media/film.webm") && reason.contains("does not exist"),
        "a missing media file must be named, got {reason:?}"
    );
}

#[test]
fn a_missing_media_file_is_named_and_nothing_is_published() {
    let work = temp();
    let (_keys, key, _) = keypair();
    let out = work.path().join("public");
    let error = build(
        &fixture("missing-media"),
        &BuildOptions {
            out: &out,
            key: &key,
            revision: None,
            force: false,
        },
    )
    .expect_err("a feed whose media are missing must not be published");
    assert!(
        matches!(&error, Error::MissingMedia { path, at } if path.ends_with("media/film.webm") && at == "_infostand.media[0]"),
        "the error must name the missing file and its manifest entry, got {error}"
    );
    assert!(
        !out.exists(),
        "a failed build must not leave anything under --out"
    );
    assert!(
        leftovers(work.path()).is_empty(),
        "a failed build must clean up its temporary directory"
    );
}

#[test]
fn a_schema_invalid_feed_is_refused_with_its_path() {
    let work = temp();
    let (keys_dir, _key, _) = keypair();
    let out = work.path().join("public");
    let secret = keys_dir.path().join(SECRET_KEY_FILE);
    let build_args = |content: &Path, revision: &str| {
        vec![
            "build".to_owned(),
            content.to_string_lossy().into_owned(),
            "--out".into(),
            out.to_string_lossy().into_owned(),
            "--key".into(),
            secret.to_string_lossy().into_owned(),
            "--revision".into(),
            revision.into(),
        ]
    };
    let reason = run_err(&build_args(&fixture("bad-kind"), "5"), None);
    assert!(
        reason.contains("/items/1/_infostand/kind") && reason.contains("poster"),
        "the schema error must give the JSON pointer and the bad value, got {reason:?}"
    );
    assert!(!out.exists(), "a refused feed must not be published");

    let reason = run_err(&build_args(&fixture("small"), "0"), None);
    assert!(
        reason.contains("--revision") && reason.contains('0'),
        "revision 0 must be refused at the command line, got {reason:?}"
    );
    let (_dir, key, _) = keypair();
    let error = build(
        &fixture("small"),
        &BuildOptions {
            out: &out,
            key: &key,
            revision: Some(0),
            force: false,
        },
    )
    .expect_err("revisions start at 1");
    assert!(
        matches!(error, Error::RevisionTooLow(0)),
        "the library refuses revision 0 too, got {error}"
    );
    assert!(
        leftovers(work.path()).is_empty(),
        "refused builds leave no temporary directory"
    );
}

#[test]
fn the_default_revision_is_the_time_and_grows() {
    let work = temp();
    let (_keys, key, _) = keypair();
    let out = work.path().join("public");
    let before = now();
    let first = build_into(&fixture("small"), &out, &key, None);
    assert!(
        first >= before && first <= now(),
        "the default revision is seconds since the epoch ({before}..), got {first}"
    );
    let second = build_into(&fixture("small"), &out, &key, None);
    assert!(
        second > first,
        "a later build must have a higher revision even within the same second: {first} then {second}"
    );
    assert_eq!(
        read_json(&out.join(FEED_FILE))["_infostand"]["revision"],
        second,
        "the published feed carries the revision"
    );
    let signature =
        fs::read_to_string(out.join(SIGNATURE_FILE)).expect("build wrote the signature");
    assert!(
        signature.contains(&format!("revision:{second}")),
        "the signed trusted comment names the revision, got {signature:?}"
    );

    let error = build(
        &fixture("small"),
        &BuildOptions {
            out: &out,
            key: &key,
            revision: Some(first),
            force: true,
        },
    )
    .expect_err("an older revision would be ignored by every kiosk");
    assert!(
        matches!(error, Error::RevisionNotNewer { previous, .. } if previous == second),
        "the error must give the revision already published, got {error}"
    );
}

#[test]
fn an_existing_output_is_kept_unless_forced() {
    let work = temp();
    let (_keys, key, _) = keypair();
    let out = work.path().join("public");
    fs::create_dir(&out).expect("the test can create a directory");
    fs::write(out.join("index.html"), "the county's page").expect("the test can write a file");
    let options = |force| BuildOptions {
        out: &out,
        key: &key,
        revision: Some(9),
        force,
    };
    let error =
        build(&fixture("small"), &options(false)).expect_err("a non-empty --out is refused");
    assert!(
        matches!(error, Error::OutputNotEmpty { .. }),
        "the error must say --out is not empty, got {error}"
    );
    assert!(
        out.join("index.html").exists(),
        "a refused build must not touch --out"
    );

    build(&fixture("bad-kind"), &options(true)).expect_err("the bad feed is refused");
    assert!(
        out.join("index.html").exists(),
        "a build that fails must leave the old --out as it was, even with --force"
    );
    build(&fixture("small"), &options(true)).expect("--force replaces --out");
    assert!(
        !out.join("index.html").exists() && out.join(SIGNATURE_FILE).exists(),
        "--force replaces the whole directory with the new build"
    );
    assert!(
        leftovers(work.path()).is_empty(),
        "the old directory is removed once replaced"
    );

    let content = work.path().join("content");
    copy_dir(&fixture("small"), &content);
    let error = build(
        &content,
        &BuildOptions {
            out: &content,
            key: &key,
            revision: Some(10),
            force: true,
        },
    )
    .expect_err("publishing over the content directory would destroy it");
    assert!(
        matches!(error, Error::OutputHoldsContent { .. }) && content.join(FEED_FILE).exists(),
        "the source must survive, got {error}"
    );
}

#[test]
fn keygen_never_overwrites() {
    let work = temp();
    let dir = work.path().to_string_lossy().into_owned();
    run_ok(&["keygen", "--out", &dir], None);
    let before = fs::read(work.path().join(SECRET_KEY_FILE)).expect("keygen wrote the secret key");
    let reason = run_err(&["keygen", "--out", &dir], None);
    assert!(
        reason.contains(SECRET_KEY_FILE) && reason.contains("already exists"),
        "the refusal must name the file, got {reason:?}"
    );
    assert_eq!(
        fs::read(work.path().join(SECRET_KEY_FILE)).expect("the key is still there"),
        before,
        "losing the county's key would lock every kiosk out of updates"
    );
}

#[test]
fn an_encrypted_key_needs_its_password() {
    let work = temp();
    let dir = work.path().join("keys");
    let password = "correct horse battery staple";
    run_ok(&["keygen", "--out", &dir.to_string_lossy()], Some(password));
    let text = fs::read_to_string(dir.join(SECRET_KEY_FILE)).expect("keygen wrote the secret key");
    assert!(
        text.contains("encrypted"),
        "the key file must say it is encrypted, got {text:?}"
    );
    let args = |out: &str| {
        vec![
            "build".to_owned(),
            fixture("small").to_string_lossy().into_owned(),
            "--out".into(),
            work.path().join(out).to_string_lossy().into_owned(),
            "--key".into(),
            dir.join(SECRET_KEY_FILE).to_string_lossy().into_owned(),
        ]
    };
    run_ok(&args("good"), Some(password));
    run_ok(
        &[
            "verify",
            &work.path().join("good").to_string_lossy(),
            "--key",
            &dir.join(PUBLIC_KEY_FILE).to_string_lossy(),
        ],
        None,
    );
    let reason = run_err(&args("wrong"), Some("incorrect"));
    assert!(
        reason.contains("wrong password") && reason.contains(PASSWORD_ENV),
        "a wrong password must be named as such, got {reason:?}"
    );
    let reason = run_err(&args("none"), None);
    assert!(
        reason.contains("encrypted") && reason.contains(PASSWORD_ENV),
        "without a password the message must say which variable to set, got {reason:?}"
    );
}

#[test]
fn hash_fills_the_manifest_in_place() {
    let work = temp();
    let content = work.path().join("small");
    copy_dir(&fixture("small"), &content);
    let updated = run_ok(&["hash", &content.to_string_lossy()], None);
    assert!(
        updated.starts_with("updated"),
        "placeholder hashes must be replaced, got {updated:?}"
    );
    let feed = read_json(&content.join(FEED_FILE));
    let film = fs::read(content.join("media/film.webm")).expect("the fixture has a film");
    assert_eq!(
        feed["_infostand"]["media"][0]["size_in_bytes"],
        film.len(),
        "the manifest gets the file's size"
    );
    assert_eq!(
        feed["items"][2]["attachments"][0]["size_in_bytes"],
        film.len(),
        "the attachment gets the manifest's size, or the app would refuse the feed"
    );
    assert_eq!(
        feed["_infostand"]["revision"], 1,
        "hash does not publish, so it leaves the revision alone"
    );
    let again = run_ok(&["hash", &content.to_string_lossy()], None);
    assert!(
        again.starts_with("already up to date"),
        "a second run changes nothing, got {again:?}"
    );

    let real = work.path().join("content");
    copy_dir(&real_content(), &real);
    run_ok(&["hash", &real.to_string_lossy()], None);
    assert_eq!(
        fs::read(real.join(FEED_FILE)).expect("hash kept feed.json"),
        fs::read(real_content().join(FEED_FILE)).expect("content/feed.json exists"),
        "on an up-to-date pack hash must be byte for byte a no-op, keeping the editor's layout"
    );
}

#[test]
fn a_signature_for_another_revision_is_refused() {
    let work = temp();
    let (_keys, key, public) = keypair();
    let out = work.path().join("public");
    build_into(&fixture("small"), &out, &key, Some(4));
    // A validly signed feed whose signed comment names another revision:
    // only someone holding the key could make it, by mistake.
    let bytes = fs::read(out.join(FEED_FILE)).expect("build wrote feed.json");
    let signature = key
        .sign(&bytes, "timestamp:0\tfile:feed.json\trevision:3")
        .expect("signing works");
    fs::write(out.join(SIGNATURE_FILE), signature).expect("the test can replace the signature");
    let reason = run_err(
        &[
            "verify",
            &out.to_string_lossy(),
            "--key",
            &public.to_string_lossy(),
        ],
        None,
    );
    assert!(
        reason.contains("revision 3") && reason.contains("revision 4"),
        "the mismatch must give both revisions, got {reason:?}"
    );
}

/// Runs the binary on a real pseudo-terminal (util-linux's `script`),
/// typing `lines`; `None` when this machine has no `script`.
fn run_on_terminal(args: &[&OsStr], lines: &str) -> Option<Output> {
    use std::io::Write;
    use std::process::Stdio;
    let Some(script) = ["/usr/bin/script", "/bin/script"]
        .into_iter()
        .find(|path| Path::new(path).exists())
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have util-linux's script (Debian's bsdutils, always installed)"
        );
        return None;
    };
    let mut command_line = shell_quote(OsStr::new(env!("CARGO_BIN_EXE_infostand-publish")));
    for arg in args {
        command_line.push(' ');
        command_line.push_str(&shell_quote(arg));
    }
    let mut child = Command::new(script)
        .args(["-qec", &command_line, "/dev/null"])
        .env_remove(PASSWORD_ENV)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(lines.as_bytes())
        .expect("the answers can be typed");
    Some(child.wait_with_output().expect("script finishes"))
}

fn shell_quote(arg: &OsStr) -> String {
    format!("'{}'", arg.to_string_lossy().replace('\'', "'\\''"))
}

#[test]
fn keygen_and_build_ask_for_the_password_on_a_terminal() {
    let work = temp();
    let dir = work.path().join("keys");
    let Some(made) = run_on_terminal(
        &[OsStr::new("keygen"), OsStr::new("--out"), dir.as_os_str()],
        "typed on a terminal\ntyped on a terminal\n",
    ) else {
        eprintln!("skipped: no `script` to make a terminal with");
        return;
    };
    assert!(
        made.status.success(),
        "keygen on a terminal: {}",
        stdout(&made)
    );
    let text = fs::read_to_string(dir.join(SECRET_KEY_FILE)).expect("keygen wrote the secret key");
    assert!(
        text.contains("encrypted"),
        "the typed password protects the key: {text:?}"
    );
    SigningKey::load(&dir.join(SECRET_KEY_FILE), Some("typed on a terminal"))
        .expect("the key opens with the password typed twice");

    let out = work.path().join("public");
    let (content, secret) = (fixture("small"), dir.join(SECRET_KEY_FILE));
    let build = [
        OsStr::new("build"),
        content.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
        OsStr::new("--key"),
        secret.as_os_str(),
    ];
    let built = run_on_terminal(&build, "not it\ntyped on a terminal\n").expect("script is there");
    let said = stdout(&built);
    assert!(
        built.status.success(),
        "build on a terminal, second try: {said}"
    );
    assert!(
        said.contains("wrong password, try again"),
        "a wrong password is asked again: {said}"
    );
    assert!(
        out.join(SIGNATURE_FILE).is_file(),
        "the feed was signed with the typed password"
    );
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_secs()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("the test can create directories");
    for entry in fs::read_dir(from).expect("the fixture directory is readable") {
        let entry = entry.expect("the fixture directory is readable");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("the test can copy files");
        }
    }
}

/// The real `minisign` tool, or `None` (after saying so) when it is not
/// installed. Under CI it must be: `.ci/setup test` installs it, and a
/// silently skipped interoperability test would prove nothing.
fn minisign_tool() -> Option<&'static str> {
    const TOOL: &str = "minisign";
    let found = Command::new(TOOL)
        .arg("-v")
        .output()
        .is_ok_and(|output| output.status.success());
    if found {
        return Some(TOOL);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have the minisign tool: .ci/setup test installs Debian's minisign package"
    );
    println!("skipped: the minisign tool is not installed (apt-get install minisign)");
    None
}

/// Runs `minisign` with `args`, typing `password` on its standard input
/// when given (it reads the password from there when that is not a
/// terminal), and insists it succeeds.
fn minisign_ok(tool: &str, args: &[&OsStr], password: Option<&str>) -> String {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("minisign was found, so it runs");
    let mut stdin = child.stdin.take().expect("stdin was piped");
    if let Some(password) = password {
        // `-G` asks twice, `-S` once; a second line is simply not read.
        writeln!(stdin, "{password}\n{password}").expect("minisign reads its password");
    }
    drop(stdin);
    let output = child.wait_with_output().expect("minisign finishes");
    assert!(
        output.status.success(),
        "minisign {args:?} must succeed, but said: {}{}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

/// Checks the signed feed in `out` with both verifiers: `minisign -V` with
/// the public key file, and `infostand-publish verify`.
fn both_verify(tool: &str, out: &Path, public_key: &Path, signed_by: &str) {
    let verified = minisign_ok(
        tool,
        &[
            OsStr::new("-V"),
            OsStr::new("-p"),
            public_key.as_os_str(),
            OsStr::new("-m"),
            out.join(FEED_FILE).as_os_str(),
            OsStr::new("-x"),
            out.join(SIGNATURE_FILE).as_os_str(),
        ],
        None,
    );
    assert!(
        verified.contains("verified"),
        "minisign must accept the signature {signed_by} made, got {verified:?}"
    );
    let summary = run_ok(
        &[
            OsStr::new("verify"),
            out.as_os_str(),
            OsStr::new("--key"),
            public_key.as_os_str(),
        ],
        None,
    );
    assert!(
        summary.starts_with("OK "),
        "infostand-publish verify must accept the signature {signed_by} made, got {summary:?}"
    );
}

/// `minisign -G` (with `-W`: no password) writes a key pair into `dir`,
/// returning the secret and public key files.
fn minisign_keygen(tool: &str, dir: &Path, password: Option<&str>) -> (PathBuf, PathBuf) {
    let secret = dir.join("minisign.key");
    let public = dir.join("minisign.pub");
    let mut args = vec![
        OsStr::new("-G"),
        OsStr::new("-p"),
        public.as_os_str(),
        OsStr::new("-s"),
        secret.as_os_str(),
    ];
    if password.is_none() {
        args.push(OsStr::new("-W"));
    }
    minisign_ok(tool, &args, password);
    (secret, public)
}

/// Builds the small fixture into `out` with the secret key file `key`
/// through the command line, as the editor would.
fn build_with_key_file(out: &Path, key: &Path, password: Option<&str>) {
    let content = fixture("small");
    run_ok(
        &[
            OsStr::new("build"),
            content.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
            OsStr::new("--key"),
            key.as_os_str(),
            OsStr::new("--revision"),
            OsStr::new("5"),
        ],
        password,
    );
}

#[test]
fn a_password_less_minisign_key_signs_with_build() {
    let Some(tool) = minisign_tool() else { return };
    let work = temp();
    // minisign 0.11 leaves the checksum of a `-W` key all zero, which the
    // minisign crate took for a corrupted key.
    let (secret, public) = minisign_keygen(tool, work.path(), None);
    let out = work.path().join("public");
    build_with_key_file(&out, &secret, None);
    both_verify(tool, &out, &public, "build with a `minisign -G -W` key");
}

#[test]
fn a_password_protected_minisign_key_signs_with_build() {
    let Some(tool) = minisign_tool() else { return };
    let work = temp();
    let password = "minisign made this";
    let (secret, public) = minisign_keygen(tool, work.path(), Some(password));
    let out = work.path().join("public");
    build_with_key_file(&out, &secret, Some(password));
    both_verify(tool, &out, &public, "build with a `minisign -G` key");
}

#[test]
fn keygen_keys_sign_with_minisign_and_both_verify() {
    let Some(tool) = minisign_tool() else { return };
    for password in [None, Some("keygen made this")] {
        let work = temp();
        let keys_dir = work.path().join("keys");
        run_ok(
            &[
                OsStr::new("keygen"),
                OsStr::new("--out"),
                keys_dir.as_os_str(),
            ],
            password,
        );
        let secret = keys_dir.join(SECRET_KEY_FILE);
        let public = keys_dir.join(PUBLIC_KEY_FILE);
        let out = work.path().join("public");
        build_with_key_file(&out, &secret, password);
        both_verify(tool, &out, &public, "build with a keygen key");

        // The same feed signed again by minisign itself, with the same key.
        fs::remove_file(out.join(SIGNATURE_FILE)).expect("the build's signature can be removed");
        minisign_ok(
            tool,
            &[
                OsStr::new("-S"),
                OsStr::new("-s"),
                secret.as_os_str(),
                OsStr::new("-m"),
                out.join(FEED_FILE).as_os_str(),
                OsStr::new("-x"),
                out.join(SIGNATURE_FILE).as_os_str(),
            ],
            password,
        );
        both_verify(
            tool,
            &out,
            &public,
            &format!(
                "`minisign -S` with a keygen key ({})",
                if password.is_some() {
                    "with a password"
                } else {
                    "without one"
                }
            ),
        );
    }
}

//! The county's signing keys: generating a key pair in minisign's own file
//! format (so `minisign` itself can use the same files), loading the secret
//! key to sign with, and reading the public keys that verify.
//!
//! The password of an encrypted secret key comes from [`PASSWORD_ENV`], or
//! is given by the caller: the command line asks for it on the terminal
//! (when standard input is one and the variable is unset), the Studio in
//! its window. Nothing here ever prompts, so scripts are never held up.

use std::fs::{self, OpenOptions};
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use infostand_content::signature::{KeyId, PublicKey};
use minisign::{SecretKeyBox, SignatureBox};

use crate::error::{io, Error, Result};

/// The secret key's file name, as `keygen` writes it.
pub const SECRET_KEY_FILE: &str = "infostand.key";

/// The public key's file name, as `keygen` writes it.
pub const PUBLIC_KEY_FILE: &str = "infostand.pub";

/// The environment variable holding the secret key's password. Unset means
/// the key has none.
pub const PASSWORD_ENV: &str = "INFOSTAND_KEY_PASSWORD";

/// The largest key file read, in bytes. Key files are a few hundred bytes;
/// this only stops a wrong path (a film, say) from being read whole.
pub const MAX_KEY_FILE_BYTES: u64 = 16 * 1024;

/// What a minisign secret key decodes to: algorithms, KDF parameters, key
/// id, the Ed25519 key pair and a checksum.
const SECRET_KEY_BYTES: usize = 158;

/// What a minisign public key decodes to.
const PUBLIC_KEY_BYTES: usize = 42;

/// The KDF field of a secret key that is not password-protected.
const KDF_NONE: [u8; 2] = [0, 0];

/// The KDF field of a secret key encrypted with a password (scrypt).
const KDF_SCRYPT: [u8; 2] = *b"Sc";

/// How the first line of minisign key and signature files starts.
const COMMENT_PREFIX: &str = "untrusted comment:";

/// Where the BLAKE2b checksum over the key id and key pair sits in a
/// decoded secret key: its last 32 bytes.
const CHECKSUM_AT: usize = SECRET_KEY_BYTES - 32;

/// What a freshly loaded key signs to prove its two halves belong together.
const PROBE: &[u8] = b"infostand-publish key self-test";

/// A key pair just written by [`generate`].
#[derive(Debug, Clone)]
pub struct GeneratedKey {
    /// The secret key file.
    pub secret_key_file: PathBuf,
    /// The public key file.
    pub public_key_file: PathBuf,
    /// The public key, whose [`PublicKey::to_base64`] line is what the app
    /// is configured with.
    pub public_key: PublicKey,
    /// Whether the secret key is protected by a password.
    pub encrypted: bool,
}

/// Generates a key pair and writes [`SECRET_KEY_FILE`] and
/// [`PUBLIC_KEY_FILE`] into `dir` (created if missing), in the format
/// `minisign -G` writes. With a `password` the secret key is encrypted with
/// it, as minisign does; without one it is stored unprotected, as
/// `minisign -G -W` does.
///
/// # Errors
/// When either file already exists (nothing is written), the files cannot
/// be written, or minisign fails.
pub fn generate(dir: &Path, password: Option<&str>) -> Result<GeneratedKey> {
    let secret_key_file = dir.join(SECRET_KEY_FILE);
    let public_key_file = dir.join(PUBLIC_KEY_FILE);
    for path in [&secret_key_file, &public_key_file] {
        if fs::symlink_metadata(path).is_ok() {
            return Err(Error::KeyExists { path: path.clone() });
        }
    }
    fs::create_dir_all(dir).map_err(io("create the key directory", dir))?;

    let pair = match password {
        Some(password) => minisign::KeyPair::generate_encrypted_keypair(Some(password.into())),
        None => minisign::KeyPair::generate_unencrypted_keypair(),
    }
    .map_err(minisign_error("generate a key pair"))?;
    let key_id = key_id_of(&pair.pk.to_base64());
    let comment = match password {
        Some(_) => format!("minisign encrypted secret key {key_id}"),
        None => format!("minisign secret key {key_id}, not password-protected"),
    };
    let secret_box = pair
        .sk
        .to_box(Some(&comment))
        .map_err(minisign_error("encode the secret key"))?;
    let public_box = pair
        .pk
        .to_box()
        .map_err(minisign_error("encode the public key"))?;
    let public_key =
        PublicKey::from_base64(&pair.pk.to_base64()).map_err(|source| Error::PublicKey {
            arg: pair.pk.to_base64(),
            source,
        })?;

    write_new(&secret_key_file, secret_box.to_string().as_bytes(), true)?;
    if let Err(error) = write_new(&public_key_file, public_box.to_string().as_bytes(), false) {
        // Half a key pair is worse than none: the next keygen would refuse.
        let _ = fs::remove_file(&secret_key_file);
        return Err(error);
    }
    Ok(GeneratedKey {
        secret_key_file,
        public_key_file,
        public_key,
        encrypted: password.is_some(),
    })
}

/// The password from [`PASSWORD_ENV`]: `None` when it is unset.
///
/// # Errors
/// When it is set but empty (an empty password protects nothing and is
/// almost always a mistake in a script) or not Unicode.
pub fn password_from_env() -> Result<Option<String>> {
    match std::env::var(PASSWORD_ENV) {
        Ok(password) if password.is_empty() => Err(Error::PasswordVariable {
            var: PASSWORD_ENV,
            problem: "is set but empty; unset it for a key without a password",
        }),
        Ok(password) => Ok(Some(password)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(Error::PasswordVariable {
            var: PASSWORD_ENV,
            problem: "is not valid Unicode",
        }),
    }
}

/// A secret key, decrypted and ready to sign.
pub struct SigningKey {
    secret: minisign::SecretKey,
    public: minisign::PublicKey,
    verifying: PublicKey,
}

impl std::fmt::Debug for SigningKey {
    // Never print the secret, not even in a panic message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("key_id", &self.key_id())
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// Loads a minisign secret key file, decrypting it with `password` when
    /// it is encrypted. A password given for an unencrypted key is ignored.
    ///
    /// # Errors
    /// When the file cannot be read, is not a minisign secret key, is
    /// encrypted and no password was given, or the password is wrong; each
    /// names the file.
    pub fn load(path: &Path, password: Option<&str>) -> Result<Self> {
        let text = read_small(path, "read the secret key")?;
        let malformed = |problem: String| Error::MalformedSecretKey {
            path: path.to_path_buf(),
            problem,
        };
        let mut lines = text.lines();
        if !lines
            .next()
            .is_some_and(|line| line.starts_with(COMMENT_PREFIX))
        {
            return Err(malformed(format!(
                "the first line must start with {COMMENT_PREFIX:?}"
            )));
        }
        let key_line = lines.next().unwrap_or_default().trim();
        let bytes = BASE64
            .decode(key_line)
            .map_err(|_| malformed("the second line is not base64".into()))?;
        if bytes.len() != SECRET_KEY_BYTES {
            let hint = if bytes.len() == PUBLIC_KEY_BYTES {
                " (this is a public key; sign with the secret .key file)"
            } else {
                ""
            };
            return Err(malformed(format!(
                "it decodes to {} bytes, but a minisign secret key has {SECRET_KEY_BYTES}{hint}",
                bytes.len()
            )));
        }
        let secret_box =
            SecretKeyBox::from_string(&text).map_err(|error| malformed(error.to_string()))?;
        let secret = match ([bytes[2], bytes[3]], password) {
            (KDF_NONE, _) => unencrypted(&bytes, secret_box).map_err(malformed)?,
            (KDF_SCRYPT, None) => {
                return Err(Error::KeyNeedsPassword {
                    path: path.to_path_buf(),
                    var: PASSWORD_ENV,
                })
            }
            (KDF_SCRYPT, Some(password)) => {
                minisign::SecretKey::from_box(secret_box, Some(password.into())).map_err(
                    |error| match error.kind() {
                        // minisign's checksum over the decrypted key failed.
                        minisign::ErrorKind::Verify => Error::WrongPassword {
                            path: path.to_path_buf(),
                            var: Some(PASSWORD_ENV),
                        },
                        _ => malformed(error.to_string()),
                    },
                )?
            }
            (other, _) => {
                return Err(malformed(format!(
                    "it is protected with an unknown scheme {:?}",
                    String::from_utf8_lossy(&other)
                )))
            }
        };
        let public = minisign::PublicKey::from_secret_key(&secret)
            .map_err(|error| malformed(error.to_string()))?;
        let verifying = PublicKey::from_base64(&public.to_base64())
            .map_err(|error| malformed(error.to_string()))?;
        let key = Self {
            secret,
            public,
            verifying,
        };
        // A key without a checksum (see `unencrypted`) has had nothing else
        // check it, and a damaged one would sign feeds no kiosk accepts.
        let halves_match = key.sign(PROBE, "self-test").is_ok_and(|probe| {
            infostand_content::signature::verify(
                PROBE,
                &probe,
                std::slice::from_ref(&key.verifying),
            )
            .is_ok()
        });
        if !halves_match {
            return Err(malformed(
                "its secret half does not make signatures its public half verifies".into(),
            ));
        }
        Ok(key)
    }

    /// The key's id.
    pub fn key_id(&self) -> KeyId {
        self.verifying.key_id()
    }

    /// The public half, to verify what this key signed.
    pub fn public_key(&self) -> &PublicKey {
        &self.verifying
    }

    /// Signs `bytes`, returning the text of a `.minisig` file (prehashed,
    /// `ED`, as minisign signs by default) with `trusted_comment` signed into
    /// it.
    ///
    /// # Errors
    /// When minisign fails, which it does only if the key is damaged.
    pub fn sign(&self, bytes: &[u8], trusted_comment: &str) -> Result<String> {
        let untrusted = format!("signature from infostand-publish, key {}", self.key_id());
        let signature: SignatureBox = minisign::sign(
            Some(&self.public),
            &self.secret,
            Cursor::new(bytes),
            Some(trusted_comment),
            Some(&untrusted),
        )
        .map_err(minisign_error("sign"))?;
        Ok(signature.into_string())
    }
}

/// A public key given on the command line: the path of a `.pub` file, or
/// the key's base64 line itself (`RW…`).
///
/// # Errors
/// When `arg` is neither a readable key file nor a well-formed key line.
pub fn public_key_arg(arg: &str) -> Result<PublicKey> {
    let path = Path::new(arg);
    let text = if path.is_file() {
        read_small(path, "read the public key")?
    } else if arg.trim_start().starts_with("RW") {
        arg.to_owned()
    } else {
        return Err(Error::Io {
            action: "read the public key",
            path: path.to_path_buf(),
            source: std::io::ErrorKind::NotFound.into(),
        });
    };
    PublicKey::parse(&text).map_err(|source| Error::PublicKey {
        arg: arg.to_owned(),
        source,
    })
}

/// A secret key stored without a password. minisign 0.11 writes these
/// (`minisign -G -W`) with the checksum left all zero and does not check it
/// when signing; the minisign crate insists on it and calls such a key
/// corrupted. So a zero checksum is taken as "none" (the self-test in
/// [`SigningKey::load`] stands in for it), and any other checksum must
/// match, as minisign and `keygen` write it.
fn unencrypted(
    bytes: &[u8],
    secret_box: SecretKeyBox,
) -> std::result::Result<minisign::SecretKey, String> {
    let no_checksum = bytes
        .get(CHECKSUM_AT..)
        .is_some_and(|checksum| checksum.iter().all(|&byte| byte == 0));
    if no_checksum {
        minisign::SecretKey::from_bytes(bytes)
    } else {
        minisign::SecretKey::from_unencrypted_box(secret_box)
    }
    .map_err(|error| error.to_string())
}

/// The key id in a public key's base64 line, as minisign prints it.
fn key_id_of(public_base64: &str) -> String {
    PublicKey::from_base64(public_base64)
        .map(|key| key.key_id().to_string())
        .unwrap_or_else(|_| "(unknown)".into())
}

fn read_small(path: &Path, action: &'static str) -> Result<String> {
    let size = fs::metadata(path).map_err(io(action, path))?.len();
    if size > MAX_KEY_FILE_BYTES {
        return Err(Error::Io {
            action,
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{size} bytes is far too large for a key file"),
            ),
        });
    }
    fs::read_to_string(path).map_err(io(action, path))
}

/// Writes a file that must not exist yet; `secret` files are readable by
/// their owner only.
fn write_new(path: &Path, bytes: &[u8], secret: bool) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if secret { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            Error::KeyExists {
                path: path.to_path_buf(),
            }
        } else {
            io("create", path)(source)
        }
    })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(io("write", path))
}

fn minisign_error(action: &'static str) -> impl FnOnce(minisign::PError) -> Error {
    move |source| Error::Minisign { action, source }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_key_file_is_not_a_secret_key() {
        let dir = tempfile::tempdir().expect("a temporary directory is needed");
        let generated = generate(dir.path(), None).expect("keygen works in an empty directory");
        let error = SigningKey::load(&generated.public_key_file, None)
            .expect_err("a public key cannot sign");
        assert!(
            error.to_string().contains("this is a public key"),
            "the message must say which file was expected, got {error}"
        );
    }

    #[test]
    fn an_unencrypted_key_signs_what_its_public_key_verifies() {
        let dir = tempfile::tempdir().expect("a temporary directory is needed");
        let generated = generate(dir.path(), None).expect("keygen works in an empty directory");
        let key = SigningKey::load(&generated.secret_key_file, Some("ignored"))
            .expect("a password given for an unencrypted key is ignored");
        assert_eq!(
            key.key_id(),
            generated.public_key.key_id(),
            "the secret key file must belong to the public key file"
        );
        let signature = key.sign(b"bytes", "revision:1").expect("signing works");
        infostand_content::signature::verify(b"bytes", &signature, &[generated.public_key])
            .expect("the app's verifier must accept what the publisher signs");
    }

    /// The decoded bytes of the secret key file at `path`.
    fn decoded(path: &Path) -> (String, Vec<u8>) {
        let text = fs::read_to_string(path).expect("keygen wrote the secret key");
        let line = text.lines().nth(1).expect("a key file has a key line");
        let bytes = BASE64.decode(line).expect("the key line is base64");
        (text.lines().next().unwrap_or_default().to_owned(), bytes)
    }

    fn rewrite(path: &Path, comment: &str, bytes: &[u8]) {
        fs::write(path, format!("{comment}\n{}\n", BASE64.encode(bytes)))
            .expect("the test can rewrite the key file");
    }

    #[test]
    fn a_key_without_a_checksum_signs_as_minisign_0_11_writes_it() {
        let dir = tempfile::tempdir().expect("a temporary directory is needed");
        let generated = generate(dir.path(), None).expect("keygen works in an empty directory");
        let (comment, mut bytes) = decoded(&generated.secret_key_file);
        bytes[CHECKSUM_AT..].fill(0);
        rewrite(&generated.secret_key_file, &comment, &bytes);
        let key = SigningKey::load(&generated.secret_key_file, None)
            .expect("`minisign -G -W` leaves the checksum zero, and minisign signs with such keys");
        let signature = key.sign(b"bytes", "revision:1").expect("signing works");
        infostand_content::signature::verify(b"bytes", &signature, &[generated.public_key])
            .expect("the key signs what its public key verifies");
    }

    #[test]
    fn a_damaged_key_is_refused_with_or_without_a_checksum() {
        let dir = tempfile::tempdir().expect("a temporary directory is needed");
        let generated = generate(dir.path(), None).expect("keygen works in an empty directory");
        let (comment, mut bytes) = decoded(&generated.secret_key_file);
        // The first byte of the Ed25519 seed, after algorithms, KDF
        // parameters and the key id.
        let seed = 2 + 2 + 2 + 32 + 8 + 8 + 8;
        bytes[seed] ^= 1;
        rewrite(&generated.secret_key_file, &comment, &bytes);
        let error = SigningKey::load(&generated.secret_key_file, None)
            .expect_err("a checksum that does not match is a damaged key");
        assert!(
            matches!(error, Error::MalformedSecretKey { .. }),
            "a damaged key is named as such: {error}"
        );
        bytes[CHECKSUM_AT..].fill(0);
        rewrite(&generated.secret_key_file, &comment, &bytes);
        let error = SigningKey::load(&generated.secret_key_file, None)
            .expect_err("without a checksum, the self-test must catch the damage");
        assert!(
            error.to_string().contains("public half verifies"),
            "the message says the halves do not belong together: {error}"
        );
    }

    #[test]
    fn a_key_argument_is_a_file_or_a_line() {
        let dir = tempfile::tempdir().expect("a temporary directory is needed");
        let generated = generate(dir.path(), None).expect("keygen works in an empty directory");
        let from_file = public_key_arg(&generated.public_key_file.to_string_lossy())
            .expect("the .pub file is a key");
        let from_line =
            public_key_arg(generated.public_key.to_base64()).expect("the RW line is a key");
        assert_eq!(from_file, from_line, "both forms name the same key");
        let error = public_key_arg("no/such/file.pub").expect_err("a missing file is an error");
        assert!(
            error.to_string().contains("no/such/file.pub"),
            "the message must name the path, got {error}"
        );
    }
}

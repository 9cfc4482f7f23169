//! A throwaway nginx serving a folder on a free loopback port, configured
//! as docs recommend hosting the feed (ETag, gzip for JSON), with an access
//! log that records each response's status and the bytes both ways. Shared
//! by the nginx test and the sync benchmark (`examples/bench_sync.rs`).

// The test and the benchmark each use a different part of this file.
#![allow(dead_code)]

use std::fs;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where nginx lives on Debian (`/usr/sbin` is often not on a user's PATH).
const SEARCH_DIRS: [&str; 3] = ["/usr/sbin", "/usr/local/sbin", "/sbin"];

/// How long nginx may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(10);

/// How often to try connecting while nginx starts.
const START_POLL: Duration = Duration::from_millis(20);

/// One access log line: `$status $bytes_sent $request_length $request_uri
/// $sent_http_content_encoding`.
const LOG_FORMAT: &str =
    "'$status $bytes_sent $request_length $request_uri $sent_http_content_encoding'";

/// The nginx binary, if installed.
pub fn find() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(SEARCH_DIRS.iter().map(PathBuf::from))
        .map(|dir| dir.join("nginx"))
        .find(|candidate| candidate.is_file())
}

/// One request as nginx logged it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// The response status.
    pub status: u16,
    /// Bytes sent to the client: status line, headers and body.
    pub bytes_sent: u64,
    /// Bytes of the request: request line, headers and body.
    pub request_length: u64,
    /// The path asked for.
    pub uri: String,
    /// `gzip` when the body was compressed, else `-`.
    pub content_encoding: String,
}

impl LogLine {
    /// Both directions together: what the request cost on the wire above
    /// TCP/IP.
    pub fn wire_bytes(&self) -> u64 {
        self.bytes_sent + self.request_length
    }
}

/// A running nginx, stopped on drop.
pub struct Nginx {
    child: Child,
    prefix: tempfile::TempDir,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
}

impl Nginx {
    /// Starts `binary` serving `root` on a free loopback port.
    ///
    /// # Errors
    /// nginx's own complaint when it does not come up.
    pub fn start(binary: &Path, root: &Path) -> Result<Self, String> {
        let prefix = tempfile::tempdir().map_err(|error| error.to_string())?;
        // The kernel picks a free port; nginx binds it right after. Another
        // process taking it in between would make nginx fail, loudly.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|error| error.to_string())?
            .port();
        let p = prefix.path().display();
        // Single process, in the foreground: a kill stops all of it, and as
        // root it does not switch to a user that cannot read the temporary
        // folders. Temp paths are moved into the prefix so no system folder
        // is needed.
        let config = format!(
            r#"daemon off;
master_process off;
worker_processes 1;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 64; }}
http {{
    types {{
        application/json json;
        text/plain minisig;
        video/webm webm;
        text/vtt vtt;
        image/jpeg jpg;
    }}
    default_type application/octet-stream;
    log_format infostand {LOG_FORMAT};
    access_log {p}/access.log infostand;
    client_body_temp_path {p}/body;
    proxy_temp_path {p}/proxy;
    fastcgi_temp_path {p}/fastcgi;
    uwsgi_temp_path {p}/uwsgi;
    scgi_temp_path {p}/scgi;
    sendfile on;
    etag on;
    gzip on;
    gzip_types application/json;
    gzip_vary on;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
"#,
            root = root.display()
        );
        let conf = prefix.path().join("nginx.conf");
        fs::write(&conf, config).map_err(|error| error.to_string())?;
        let mut child = Command::new(binary)
            .arg("-p")
            .arg(prefix.path())
            .arg("-e")
            .arg(prefix.path().join("error.log"))
            .arg("-c")
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| format!("{}: {error}", binary.display()))?;
        let started = Instant::now();
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            let exited = child.try_wait().map_err(|error| error.to_string())?;
            if exited.is_some() || started.elapsed() > START_TIMEOUT {
                let _ = child.kill();
                let output = child
                    .wait_with_output()
                    .map_err(|error| error.to_string())?;
                let log = fs::read_to_string(prefix.path().join("error.log")).unwrap_or_default();
                return Err(format!(
                    "nginx did not start ({:?}): {}{log}",
                    output.status,
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
            std::thread::sleep(START_POLL);
        }
        Ok(Self {
            child,
            prefix,
            base: format!("http://127.0.0.1:{port}"),
        })
    }

    /// Every request logged so far.
    pub fn log(&self) -> Vec<LogLine> {
        let text = fs::read_to_string(self.prefix.path().join("access.log")).unwrap_or_default();
        text.lines()
            .map(|line| {
                let fields: Vec<&str> = line.split(' ').collect();
                let number = |at: usize| {
                    fields
                        .get(at)
                        .and_then(|field| field.parse().ok())
                        .unwrap_or_else(|| panic!("the access log line {line:?} has our format"))
                };
                LogLine {
                    status: number(0) as u16,
                    bytes_sent: number(1),
                    request_length: number(2),
                    uri: fields.get(3).copied().unwrap_or_default().to_owned(),
                    content_encoding: fields.get(4).copied().unwrap_or_default().to_owned(),
                }
            })
            .collect()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

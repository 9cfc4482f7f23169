//! Fuzzing the `Range` header through the real media server: whatever a
//! page (or another local program that has the token) sends, the server
//! never answers with bytes outside the file, or with a range its body does
//! not match.
//!
//! Under `cargo test` bolero replays the committed corpus
//! (`__fuzz__/range_fuzz__range/corpus/`) and [`RANDOM_INPUTS`] random inputs;
//! `bash .ci/fuzz` runs it under libFuzzer. An input's first byte picks one
//! of [`SIZES`]; the rest is the header's value, sent byte for byte over a
//! raw HTTP/1.1 connection kept open between inputs (so nothing is
//! normalised on the way), with line breaks turned into spaces, which would
//! otherwise end the header.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{LazyLock, Mutex, PoisonError};
use std::time::Duration;

use infostand_media::{Index, MediaFile, MediaHandle, MediaServer, ServerOptions, TAURI_ORIGINS};

/// Random inputs after the committed corpus under `cargo test` (which
/// replays the whole corpus first); `BOLERO_RANDOM_ITERATIONS` overrides
/// it. libFuzzer ignores it.
const RANDOM_INPUTS: usize = 500;

/// The lengths of the files served, including the empty file.
const SIZES: [usize; 4] = [0, 1, 1000, 65_536];

/// Bounds every read and write, so a server that stops answering fails the
/// input instead of hanging the fuzzer.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

struct Served {
    handle: MediaHandle,
    _dir: tempfile::TempDir,
    _runtime: tokio::runtime::Runtime,
}

fn sha(size: usize) -> String {
    format!("{size:064x}")
}

fn bytes(size: usize) -> Vec<u8> {
    (0..size).map(|i| (i % 251) as u8).collect()
}

/// One server for every input: the fuzzer calls the check millions of times.
static SERVED: LazyLock<Served> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary directory is needed for media files");
    let mut index = Index::new();
    for size in SIZES {
        let path = dir.path().join(sha(size));
        std::fs::write(&path, bytes(size)).expect("the test file can be written");
        index.insert(
            sha(size),
            MediaFile {
                path,
                mime_type: "video/webm".into(),
            },
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a Tokio runtime can be built");
    let server = MediaServer::bind(ServerOptions {
        allowed_origins: TAURI_ORIGINS.iter().map(|o| (*o).to_owned()).collect(),
        index,
    })
    .expect("the server binds to loopback");
    let (handle, _task) = server.spawn(runtime.handle());
    Served {
        handle,
        _dir: dir,
        _runtime: runtime,
    }
});

/// A parsed HTTP/1.1 response.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// Whether the server keeps the connection open for the next request.
    keep_alive: bool,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// The connection kept open between inputs: a new one per request would
/// leave tens of thousands of sockets in TIME_WAIT over a long run.
static CONNECTION: Mutex<Option<TcpStream>> = Mutex::new(None);

/// Sends a GET with `range` as the Range header's raw value, on the kept
/// connection when the server still has it open.
fn get(handle: &MediaHandle, size: usize, range: &[u8]) -> Response {
    let url = handle.url_for(&sha(size));
    let path = url
        .strip_prefix(&handle.origin())
        .expect("a media URL starts with the server's origin");
    let mut request =
        format!("GET {path} HTTP/1.1\r\nHost: {}\r\nRange: ", handle.addr()).into_bytes();
    request.extend_from_slice(range);
    request.extend_from_slice(b"\r\n\r\n");
    let mut kept = CONNECTION.lock().unwrap_or_else(PoisonError::into_inner);
    // A kept connection the server has closed fails at once; then once more
    // on a fresh one.
    if let Some(stream) = kept.as_mut() {
        if let Ok(response) = exchange(stream, &request) {
            if response.keep_alive {
                return response;
            }
            *kept = None;
            return response;
        }
    }
    let mut stream = TcpStream::connect(handle.addr()).expect("the server accepts connections");
    stream
        .set_read_timeout(Some(IO_TIMEOUT))
        .and_then(|()| stream.set_write_timeout(Some(IO_TIMEOUT)))
        .expect("timeouts can be set");
    let response = exchange(&mut stream, &request)
        .unwrap_or_else(|error| panic!("the server answers on a fresh connection: {error}"));
    *kept = response.keep_alive.then_some(stream);
    response
}

/// Writes `request` and reads one response: its head, then as many body
/// bytes as it announces.
fn exchange(stream: &mut TcpStream, request: &[u8]) -> std::io::Result<Response> {
    stream.write_all(request)?;
    let mut raw = Vec::new();
    let mut byte = [0u8; 1];
    while !raw.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        raw.push(byte[0]);
    }
    let mut response = parse_head(&raw);
    let length = response
        .header("content-length")
        .map_or(Ok(0), str::parse::<usize>)
        .unwrap_or_else(|_| panic!("Content-Length is a number: {:?}", response.headers));
    let mut body = vec![0; length];
    stream.read_exact(&mut body)?;
    response.body = body;
    Ok(response)
}

fn parse_head(raw: &[u8]) -> Response {
    let head = String::from_utf8_lossy(raw);
    let mut lines = head.trim_end().split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("a response starts with a status line: {head:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let keep_alive = !headers.iter().any(|(key, value)| {
        key.eq_ignore_ascii_case("connection") && value.eq_ignore_ascii_case("close")
    });
    Response {
        status,
        headers,
        body: Vec::new(),
        keep_alive,
    }
}

/// `bytes FIRST-LAST/LENGTH`.
fn content_range(value: &str) -> Option<(usize, usize, usize)> {
    let (range, length) = value.strip_prefix("bytes ")?.split_once('/')?;
    let (first, last) = range.split_once('-')?;
    Some((
        first.parse().ok()?,
        last.parse().ok()?,
        length.parse().ok()?,
    ))
}

/// Whether hyper may refuse the header as malformed before the server sees
/// it: a control character, which a header value cannot hold.
fn is_malformed_header(range: &[u8]) -> bool {
    range.iter().any(|&b| (b < 0x20 && b != b'\t') || b == 0x7f)
}

#[test]
fn fuzz_range() {
    // Other tests' allocations must not count against the memory test's.
    let _quiet = crate::MEMORY_QUIET.blocking_read();
    let served = &*SERVED;
    bolero::check!()
        .with_iterations(RANDOM_INPUTS).for_each(|input: &[u8]| {
        let Some((&pick, range)) = input.split_first() else {
            return;
        };
        let size = SIZES[usize::from(pick) % SIZES.len()];
        let range: Vec<u8> = range
            .iter()
            .map(|&b| if b == b'\r' || b == b'\n' { b' ' } else { b })
            .collect();
        let file = bytes(size);
        let response = get(&served.handle, size, &range);
        let shown = String::from_utf8_lossy(&range);
        let length = response.header("content-length").map(str::parse::<usize>);
        match response.status {
            200 => {
                assert_eq!(
                    response.body, file,
                    "a 200 answer is the whole file; Range: {shown:?}"
                );
                assert_eq!(length, Some(Ok(size)), "a 200 announces the file's length");
            }
            206 => {
                let announced = response.header("content-range").unwrap_or_default();
                let Some((first, last, total)) = content_range(announced) else {
                    panic!("a 206 says which bytes it holds, got {announced:?}; Range: {shown:?}");
                };
                assert!(
                    first <= last && last < size && total == size,
                    "a 206's range lies inside the file ({size} bytes), got {announced:?}; \
                     Range: {shown:?}"
                );
                assert_eq!(
                    response.body,
                    file[first..=last],
                    "a 206's body is the bytes its Content-Range names; Range: {shown:?}"
                );
                assert_eq!(
                    length,
                    Some(Ok(last - first + 1)),
                    "a 206's length is its range's; Range: {shown:?}"
                );
            }
            416 => {
                assert!(
                    response.body.len() <= 1024,
                    "a refused range sends no file bytes; Range: {shown:?}"
                );
                if let Some(announced) = response.header("content-range") {
                    assert_eq!(
                        announced,
                        format!("bytes */{size}"),
                        "a 416 may only tell the file's length; Range: {shown:?}"
                    );
                }
            }
            400 if is_malformed_header(&range) => {}
            other => panic!("a Range header is served (200, 206) or refused (416), got {other}; Range: {shown:?}"),
        }
    });
}

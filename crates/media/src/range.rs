//! What a `Range` header asks of a file of a known length, decided by RFC
//! 9110 section 14 before tower-http's `ServeFile` sees the request.
//!
//! `ServeFile` answers 416 to anything its parser refuses, which the RFC
//! does not allow for a unit it does not know (it must be ignored) nor for a
//! suffix longer than the file (that is the whole file). So the header is
//! read here, with the same parser (`http-range-header`, which tower-http
//! itself uses) for the syntax only, and then removed, rewritten to one
//! plain `bytes=first-last` that `ServeFile` cannot misread, or answered
//! with 416 here.

use std::ops::RangeInclusive;

use axum::http::{HeaderValue, Method};
use http_range_header::{EndPosition, RangeUnsatisfiableError, StartPosition};

/// The only range unit the server knows (RFC 9110 section 14.1).
const BYTES_UNIT: &str = "bytes";

/// What to do with a request's `Range` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ranged {
    /// Serve the whole file with 200, as if there were no `Range` header.
    Whole,
    /// Serve these bytes (within the file) with 206.
    Part(RangeInclusive<u64>),
    /// Answer 416: no byte of the file is in the range.
    Unsatisfiable,
}

/// Decides what a `Range` header asks of a file of `len` bytes.
///
/// Ignored (served whole, all as RFC 9110 section 14.2 allows or demands):
/// no header; a method other than GET, the only one range handling is
/// defined for; a unit other than `bytes` (compared case-insensitively, as
/// units are); an invalid ranges-specifier; several ranges, which would
/// need a multipart answer no media player asks for; and a suffix of an
/// empty file, satisfiable by section 14.1.1 but with no byte a
/// `Content-Range` could name.
pub(crate) fn decide(method: &Method, header: Option<&HeaderValue>, len: u64) -> Ranged {
    if method != Method::GET {
        return Ranged::Whole;
    }
    let Some((unit, set)) = header
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.split_once('='))
    else {
        return Ranged::Whole;
    };
    if !unit.eq_ignore_ascii_case(BYTES_UNIT) {
        return Ranged::Whole;
    }
    let parsed = match http_range_header::parse_range_header(&format!("{BYTES_UNIT}={set}")) {
        Ok(parsed) => parsed,
        // `-0` asks for the last zero bytes: well-formed, and never
        // satisfiable (section 14.1.1). The parser reports it as an error.
        Err(RangeUnsatisfiableError::ZeroSuffix) if !set.contains(',') => {
            return Ranged::Unsatisfiable
        }
        Err(_) => return Ranged::Whole,
    };
    let [spec] = parsed.ranges.as_slice() else {
        return Ranged::Whole;
    };
    let Some(last_byte) = len.checked_sub(1) else {
        // Nothing can be cut from an empty file: only a suffix is
        // satisfiable, and it is the whole (empty) file.
        return match spec.start {
            StartPosition::FromLast(_) => Ranged::Whole,
            StartPosition::Index(_) => Ranged::Unsatisfiable,
        };
    };
    match (spec.start, spec.end) {
        // A suffix longer than the file is all of it (section 14.1.1).
        (StartPosition::FromLast(suffix), _) => {
            Ranged::Part(len.saturating_sub(suffix)..=last_byte)
        }
        (StartPosition::Index(first), _) if first > last_byte => Ranged::Unsatisfiable,
        (StartPosition::Index(first), EndPosition::Index(last)) if last < first => Ranged::Whole,
        (StartPosition::Index(first), EndPosition::Index(last)) => {
            Ranged::Part(first..=last.min(last_byte))
        }
        (StartPosition::Index(first), EndPosition::LastByte) => Ranged::Part(first..=last_byte),
    }
}

/// The `Range` header that makes `ServeFile` serve exactly `part`. Digits
/// and ASCII only, so it is always a valid header value; `None` only to
/// avoid a panic path.
pub(crate) fn header_for(part: &RangeInclusive<u64>) -> Option<HeaderValue> {
    HeaderValue::try_from(format!("{BYTES_UNIT}={}-{}", part.start(), part.end())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEN: u64 = 1000;

    fn decide_get(header: &str, len: u64) -> Ranged {
        let value = HeaderValue::from_str(header).expect("the test's header is a valid value");
        decide(&Method::GET, Some(&value), len)
    }

    #[test]
    fn the_rfc_9110_cases() {
        use Ranged::{Part, Unsatisfiable, Whole};
        let cases: [(&str, u64, Ranged); 30] = [
            ("bytes=0-99", LEN, Part(0..=99)),
            ("bytes=100-", LEN, Part(100..=999)),
            ("bytes=-100", LEN, Part(900..=999)),
            ("bytes=999-999", LEN, Part(999..=999)),
            ("bytes=0-0", LEN, Part(0..=0)),
            ("bytes=10-99999", LEN, Part(10..=999)),
            ("bytes=0-18446744073709551615", LEN, Part(0..=999)),
            ("bytes=-1000", LEN, Part(0..=999)),
            ("bytes=-1001", LEN, Part(0..=999)),
            ("bytes=-18446744073709551615", LEN, Part(0..=999)),
            ("Bytes=0-9", LEN, Part(0..=9)),
            ("BYTES=-10", LEN, Part(990..=999)),
            ("bytes=-0", LEN, Unsatisfiable),
            ("bytes=1000-", LEN, Unsatisfiable),
            ("bytes=1000-2000", LEN, Unsatisfiable),
            ("bytes=18446744073709551615-", LEN, Unsatisfiable),
            ("items=0-9", LEN, Whole),
            ("bytesx=0-9", LEN, Whole),
            ("none", LEN, Whole),
            ("=0-9", LEN, Whole),
            ("bytes=", LEN, Whole),
            ("bytes=abc", LEN, Whole),
            ("bytes=5-2", LEN, Whole),
            ("bytes=0-1-2", LEN, Whole),
            ("bytes=-18446744073709551616", LEN, Whole),
            ("bytes=0-9,20-29", LEN, Whole),
            ("bytes=0-9, -0", LEN, Whole),
            ("bytes=-5", 0, Whole),
            ("bytes=0-", 0, Unsatisfiable),
            ("bytes=-0", 0, Unsatisfiable),
        ];
        for (header, len, expected) in cases {
            assert_eq!(
                decide_get(header, len),
                expected,
                "{header:?} on a file of {len} bytes"
            );
        }
    }

    #[test]
    fn only_get_has_ranges() {
        let value = HeaderValue::from_static("bytes=0-9");
        for method in [Method::HEAD, Method::POST, Method::OPTIONS] {
            assert_eq!(
                decide(&method, Some(&value), LEN),
                Ranged::Whole,
                "range handling is defined for GET only (RFC 9110 section 14.2), not {method}"
            );
        }
        assert_eq!(
            decide(&Method::GET, None, LEN),
            Ranged::Whole,
            "no header, the whole file"
        );
        let opaque = HeaderValue::from_bytes(b"bytes=0-9\xff").expect("obs-text is a valid value");
        assert_eq!(
            decide(&Method::GET, Some(&opaque), LEN),
            Ranged::Whole,
            "a header that is not text is an invalid specifier, ignored"
        );
    }

    #[test]
    fn the_rewritten_header_is_the_plain_form() {
        assert_eq!(
            header_for(&(0..=999)).expect("digits make a valid header"),
            "bytes=0-999",
            "ServeFile reads back exactly the decided range"
        );
    }
}

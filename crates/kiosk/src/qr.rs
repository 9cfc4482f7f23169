//! QR codes a visitor can scan from the screen: a link, or a contact as a
//! vCard, drawn as an SVG made here so the UI needs no QR library and the
//! markup it inserts is known to hold nothing but shapes.

use qrcode::{Color, EcLevel, QrCode};

use crate::error::{Error, Result};

/// The most bytes (UTF-8) a QR code holds at error-correction level M: the
/// byte-mode capacity of the largest symbol, version 40. Longer text is
/// refused up front, so what fits does not depend on which characters the
/// text happens to use.
pub const MAX_BYTES: usize = 2331;

/// Light modules around the code on every side. Scanners need a margin of
/// four modules (ISO/IEC 18004) to find the code, and the screen around it
/// may be any colour.
pub const QUIET_ZONE: usize = 4;

/// Level M restores up to 15 % of the code: enough for glare on a stand's
/// screen, without the larger symbol level Q or H would need.
pub const EC_LEVEL: EcLevel = EcLevel::M;

/// The dark modules' colour.
pub const DARK: &str = "#000";

/// The background's colour, quiet zone included.
pub const LIGHT: &str = "#fff";

/// `text` as a QR code: a complete `<svg>` element holding one background
/// `<rect>` and one `<path>` of the dark modules, with a `viewBox` in
/// modules and no width or height, so CSS decides its size.
///
/// # Errors
/// [`Error::QrEmpty`] for empty text, [`Error::QrTooLong`] for more than
/// [`MAX_BYTES`] bytes.
pub fn svg(text: &str) -> Result<String> {
    if text.is_empty() {
        return Err(Error::QrEmpty);
    }
    if text.len() > MAX_BYTES {
        return Err(Error::QrTooLong { bytes: text.len() });
    }
    let code =
        QrCode::with_error_correction_level(text, EC_LEVEL).map_err(|error| match error {
            qrcode::types::QrError::DataTooLong => Error::QrTooLong { bytes: text.len() },
            other => Error::Qr(other.to_string()),
        })?;
    Ok(render(code.width(), &code.to_colors()))
}

/// Draws a `width`×`width` module matrix (row by row) with its quiet zone.
/// Each run of dark modules in a row is one rectangle in the path, which
/// keeps a version 10 code to a few kilobytes.
fn render(width: usize, modules: &[Color]) -> String {
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (y, row) in modules.chunks(width.max(1)).enumerate() {
        let mut x = 0;
        while x < row.len() {
            if row[x] == Color::Light {
                x += 1;
                continue;
            }
            let run = row[x..]
                .iter()
                .take_while(|&&module| module == Color::Dark)
                .count();
            path.push_str(&format!(
                "M{} {}h{run}v1h-{run}z",
                x + QUIET_ZONE,
                y + QUIET_ZONE
            ));
            x += run;
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">\
<rect width=\"{size}\" height=\"{size}\" fill=\"{LIGHT}\"/>\
<path fill=\"{DARK}\" d=\"{path}\"/></svg>"
    )
}

/// A contact as a vCard 3.0 (RFC 2426) for a QR code, which a phone's camera
/// offers to save as a contact; `None` when there is neither a phone number
/// nor an e-mail address, since a card with no way to reach anyone is no
/// use. Blank values count as missing.
///
/// The name goes into `N` whole, as the family name: splitting "Anna
/// Berg" or "Länsstyrelsen Västernorrland" into given and family names
/// would be guesswork, and phones show `FN`. Lines are not folded: folding
/// is optional, and every reader takes long lines.
pub fn vcard(
    name: &str,
    phone: Option<&str>,
    email: Option<&str>,
    organisation: Option<&str>,
) -> Option<String> {
    let (phone, email, organisation) = (present(phone), present(email), present(organisation));
    if phone.is_none() && email.is_none() {
        return None;
    }
    let name = escape(name.trim());
    let mut lines = vec![
        "BEGIN:VCARD".to_string(),
        "VERSION:3.0".to_string(),
        format!("N:{name};;;;"),
        format!("FN:{name}"),
    ];
    if let Some(organisation) = organisation {
        lines.push(format!("ORG:{}", escape(organisation)));
    }
    if let Some(phone) = phone {
        lines.push(format!("TEL;TYPE=WORK,VOICE:{}", escape(phone)));
    }
    if let Some(email) = email {
        lines.push(format!("EMAIL;TYPE=INTERNET:{}", escape(email)));
    }
    lines.push("END:VCARD".to_string());
    let mut card = lines.join("\r\n");
    card.push_str("\r\n");
    Some(card)
}

/// A value that is there and not blank, trimmed.
fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|value| !value.is_empty())
}

/// Escapes a text value (RFC 2426 section 4, RFC 6350 section 3.4): the
/// backslash, comma and semicolon would otherwise split the value into
/// components, and a line break would end the property.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ',' => escaped.push_str("\\,"),
            ';' => escaped.push_str("\\;"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                escaped.push_str("\\n");
            }
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pixels per module when the SVG is rasterised for the decoder.
    const SCALE: usize = 4;

    /// Reads the module matrix back out of an SVG this module made: the
    /// `viewBox` size and every `M x y h run v1 h-run z` rectangle.
    fn modules_of(svg: &str) -> (usize, Vec<bool>) {
        let view_box = attribute(svg, "viewBox");
        let size: usize = view_box
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("the viewBox ends with the size: {view_box}"));
        let mut dark = vec![false; size * size];
        for shape in attribute(svg, "d").split('z').filter(|s| !s.is_empty()) {
            let numbers: Vec<usize> = shape
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(|n| n.parse().expect("digits"))
                .collect();
            let [x, y, run, one, back] = numbers[..] else {
                panic!("each shape is M x y h run v1 h-run: {shape}");
            };
            assert!(
                one == 1 && back == run,
                "each shape is a closed one-module-high run: {shape}"
            );
            for module in &mut dark[y * size + x..y * size + x + run] {
                *module = true;
            }
        }
        (size, dark)
    }

    fn attribute<'a>(svg: &'a str, name: &str) -> &'a str {
        let start = svg
            .find(&format!(" {name}=\""))
            .unwrap_or_else(|| panic!("the SVG has a {name} attribute: {svg}"))
            + name.len()
            + 3;
        let end = svg[start..].find('"').expect("the attribute is closed") + start;
        &svg[start..end]
    }

    /// Rasterises the SVG's modules and decodes them as a camera would.
    fn decode(svg: &str) -> String {
        let (size, dark) = modules_of(svg);
        let pixels = size * SCALE;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(pixels, pixels, |x, y| {
            if dark[(y / SCALE) * size + x / SCALE] {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "exactly one QR code is found in the image");
        let (meta, text) = grids[0].decode().expect("the code decodes");
        assert_eq!(
            meta.ecc_level, 0,
            "rqrr numbers level M as 0 (the format bits 00): the code uses M"
        );
        text
    }

    #[test]
    fn the_svg_decodes_back_to_the_text() {
        for text in [
            "https://www.lansstyrelsen.se/vasternorrland",
            "1234567890",
            "Tillsammans mot illegala försändelser – åäö",
            &vcard(
                "Anna Berg",
                Some("+46 611-34 90 00"),
                None,
                Some("Länsstyrelsen"),
            )
            .expect("a card"),
        ] {
            let svg = svg(text).expect("the text fits");
            assert_eq!(decode(&svg), text, "a scanner reads back exactly {text:?}");
        }
    }

    #[test]
    fn the_svg_is_the_encoders_matrix_with_a_quiet_zone() {
        let text = "https://example.org/";
        let code = QrCode::with_error_correction_level(text, EcLevel::M).expect("encodes");
        let width = code.width();
        let (size, dark) = modules_of(&svg(text).expect("encodes"));
        assert_eq!(size, width + 8, "four light modules on each side");
        for y in 0..size {
            for x in 0..size {
                let inside = (QUIET_ZONE..QUIET_ZONE + width).contains(&x)
                    && (QUIET_ZONE..QUIET_ZONE + width).contains(&y);
                let expected = inside && code[(x - QUIET_ZONE, y - QUIET_ZONE)] == Color::Dark;
                assert_eq!(
                    dark[y * size + x],
                    expected,
                    "module ({x}, {y}) matches the encoder, and the quiet zone is light"
                );
            }
        }
    }

    #[test]
    fn the_svg_holds_only_shapes_and_scales() {
        let svg = svg("https://example.org/").expect("encodes");
        assert!(svg.starts_with("<svg "), "a complete svg element: {svg}");
        assert!(svg.ends_with("</svg>"), "closed: {svg}");
        assert!(
            attribute(&svg, "viewBox").starts_with("0 0 "),
            "a viewBox lets CSS size it"
        );
        for fixed in [" width=\"", " height=\""] {
            let opening = &svg[..svg.find('>').expect("a start tag")];
            assert!(
                !opening.contains(fixed),
                "the svg element has no fixed{fixed}…: {opening}"
            );
        }
        let elements: Vec<&str> = svg
            .split('<')
            .skip(1)
            .map(|tag| tag.split([' ', '>', '/']).next().unwrap_or(""))
            .filter(|name| !name.is_empty())
            .collect();
        assert_eq!(
            elements,
            ["svg", "rect", "path"],
            "nothing but shapes: no script, text or links"
        );
        for forbidden in ["script", "href", "<text", "style", " on", "url("] {
            assert!(
                !svg.contains(forbidden),
                "the SVG holds no {forbidden:?}: {svg}"
            );
        }
        assert!(
            svg.contains("fill=\"#fff\"") && svg.contains("fill=\"#000\""),
            "black on white, whatever the page's colours"
        );
    }

    #[test]
    fn empty_and_too_long_texts_are_refused_naming_the_limit() {
        assert!(
            matches!(svg(""), Err(Error::QrEmpty)),
            "an empty code is useless"
        );
        let longest = "x".repeat(MAX_BYTES);
        assert!(
            svg(&longest).is_ok(),
            "{MAX_BYTES} bytes fit in a version 40-M code"
        );
        let error = svg(&format!("{longest}x")).expect_err("one byte more does not fit");
        assert!(
            matches!(error, Error::QrTooLong { bytes } if bytes == MAX_BYTES + 1),
            "the error says how long the text was: {error:?}"
        );
        assert!(
            error.to_string().contains("2331"),
            "and names the limit: {error}"
        );
    }

    #[test]
    fn a_vcard_has_every_field_with_crlf_lines() {
        let card = vcard(
            "Anna Berg",
            Some("+46 611 34 90 00"),
            Some("anna.berg@example.org"),
            Some("Länsstyrelsen Västernorrland"),
        )
        .expect("a card with a phone and an e-mail");
        assert_eq!(
            card,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Anna Berg;;;;\r\nFN:Anna Berg\r\nORG:Länsstyrelsen Västernorrland\r\nTEL;TYPE=WORK,VOICE:+46 611 34 90 00\r\nEMAIL;TYPE=INTERNET:anna.berg@example.org\r\nEND:VCARD\r\n",
            "a vCard 3.0 with CRLF line endings"
        );
    }

    #[test]
    fn a_vcard_escapes_what_would_split_its_values() {
        let card = vcard(
            "Berg, Anna; \\ Kansliet",
            None,
            Some("a@example.org"),
            Some("Enhet 1\nEnhet 2\r\nEnhet 3\rEnhet 4"),
        )
        .expect("a card with an e-mail");
        assert!(
            card.contains("\r\nFN:Berg\\, Anna\\; \\\\ Kansliet\r\n"),
            "comma, semicolon and backslash are escaped: {card:?}"
        );
        assert!(
            card.contains("\r\nN:Berg\\, Anna\\; \\\\ Kansliet;;;;\r\n"),
            "the name is one N component, its separators escaped: {card:?}"
        );
        assert!(
            card.contains("\r\nORG:Enhet 1\\nEnhet 2\\nEnhet 3\\nEnhet 4\r\n"),
            "every kind of line break becomes \\n: {card:?}"
        );
        assert!(!card.contains("TEL"), "no phone, no TEL line: {card:?}");
        assert_eq!(
            card.matches("\r\n").count(),
            card.matches('\n').count(),
            "every line ends with CRLF and no bare line break is left: {card:?}"
        );
    }

    #[test]
    fn a_vcard_without_phone_or_email_is_none() {
        for (phone, email) in [(None, None), (Some(""), None), (Some("  "), Some(""))] {
            assert_eq!(
                vcard("Anna Berg", phone, email, Some("Länsstyrelsen")),
                None,
                "phone {phone:?} and e-mail {email:?} give no way to reach anyone"
            );
        }
        let card = vcard("Anna Berg", None, Some("a@example.org"), Some(" "))
            .expect("an e-mail alone is enough");
        assert!(
            !card.contains("ORG"),
            "a blank organisation is left out: {card:?}"
        );
    }
}

//! Web bytes to text: the encoding a page declares or betrays, in the order browsers trust it:
//! a byte-order mark, the HTTP `Content-Type` header, a `<meta charset>` near the top, and
//! only then a guess from the bytes (chardetng), since many older news sites still serve
//! windows-1252 or Shift_JIS without saying so.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};
use once_cell::sync::Lazy;
use regex::bytes::Regex;

/// Browsers look for `<meta charset>` in the first 1024 bytes; pages with a long `<head>`
/// of scripts put it later, so look a little further.
const META_SCAN_BYTES: usize = 4096;

static META_CHARSET: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"#).expect("meta charset")
});

/// The encoding a `Content-Type` value names (`text/html; charset=ISO-8859-1`).
pub fn from_content_type(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let (_, rest) = lower.split_once("charset=")?;
    let label = rest.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
    let label = label.split([';', ' ', '"', '\'']).next()?;
    Encoding::for_label(label.as_bytes())
}

/// The page's text. Never fails: undecodable bytes become U+FFFD, as in a browser.
pub fn decode_html<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Cow<'a, str> {
    let encoding = sniff(bytes, content_type);
    // `decode` honours a BOM over the label and strips it.
    let (text, _, _) = encoding.decode(bytes);
    text
}

fn sniff(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    if let Some(encoding) = content_type.and_then(from_content_type) {
        return encoding.output_encoding();
    }
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    if let Some(encoding) =
        META_CHARSET.captures(head).and_then(|c| c.get(1)).and_then(|m| Encoding::for_label(m.as_bytes()))
    {
        // A page that says UTF-16 in ASCII cannot be UTF-16 (WHATWG: treat as UTF-8).
        return encoding.output_encoding();
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_over_everything() {
        let page = b"\xEF\xBB\xBF<meta charset=\"iso-8859-1\"><p>Se\xC3\xB1or</p>";
        assert_eq!(
            decode_html(page, Some("text/html; charset=windows-1252")),
            "<meta charset=\"iso-8859-1\"><p>Señor</p>"
        );
    }

    #[test]
    fn http_header_then_meta() {
        assert_eq!(decode_html(b"<p>Se\xF1or</p>", Some("text/html; charset=ISO-8859-1")), "<p>Señor</p>");
        assert_eq!(
            decode_html(b"<meta charset='windows-1252'><p>Se\xF1or</p>", None),
            "<meta charset='windows-1252'><p>Señor</p>"
        );
        let http_equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>Se\xF1or</p>";
        assert!(decode_html(http_equiv, None).ends_with("Señor</p>"));
    }

    #[test]
    fn undeclared_latin1_is_detected() {
        let page = "<p>El se\u{f1}or Mart\u{ed}nez lleg\u{f3} a la capital el martes, seg\u{fa}n el peri\u{f3}dico.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        assert_eq!(decode_html(&bytes, None), page);
    }
}

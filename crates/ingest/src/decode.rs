//! Bytes to text: the checks every source kind shares before its format is parsed.

use crate::error::{Error, Result};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How much of a file the binary sniffing looks at: enough to catch a binary header, cheap on
/// a large text file.
const SNIFF_BYTES: usize = 8192;

/// The text of a source file: UTF-8 with an optional byte-order mark (stripped). Empty or
/// whitespace-only files, binary files and invalid UTF-8 are errors.
pub fn decode(bytes: &[u8]) -> Result<&str> {
    let (bytes, bom) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (bytes, 0),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if looks_binary(bytes) {
        return Err(Error::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        // Count from the start of the file as a hex editor shows it, BOM included.
        Error::InvalidUtf8(e.valid_up_to() + bom)
    })?;
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    Ok(text)
}

/// A NUL byte never occurs in text; control characters other than layout ones are rare in it.
/// Bytes of 0x80 and above are left to the UTF-8 check, so Latin-1 text reads as "invalid
/// UTF-8" (which tells the user what to fix) rather than "binary".
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let control =
        head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C) || b == 0x7F).count();
    control * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_a_byte_order_mark() {
        assert_eq!(decode(b"\xEF\xBB\xBFDam holds").unwrap(), "Dam holds");
    }

    #[test]
    fn rejects_empty_and_blank_files() {
        assert_eq!(decode(b""), Err(Error::Empty));
        assert_eq!(decode(b" \n\t\n"), Err(Error::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF\n"), Err(Error::Empty));
    }

    #[test]
    fn rejects_binary_by_nul_or_control_bytes() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00rest"), Err(Error::Binary));
        assert_eq!(decode(b"\x01\x02\x03\x04\x05ab"), Err(Error::Binary));
        // A stray form feed or tab is still text.
        assert!(decode(b"Page one\x0cPage two\twith a tab").is_ok());
    }

    #[test]
    fn names_the_byte_where_utf8_breaks() {
        // "Se\xf1or" is Latin-1: the bad byte is the third.
        assert_eq!(decode(b"Se\xf1or Marques"), Err(Error::InvalidUtf8(2)));
        assert_eq!(decode(b"\xEF\xBB\xBFSe\xf1or"), Err(Error::InvalidUtf8(5)));
    }
}

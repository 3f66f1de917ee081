/// Converts byte offsets of one text into char offsets and back.
///
/// ASCII text (most English news) needs no table: offsets are equal.
pub struct CharOffsets {
    /// Byte offset of every char, plus `text.len()` at the end; empty when the text is ASCII.
    char_starts: Vec<usize>,
    len_bytes: usize,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let char_starts = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect()
        };
        CharOffsets { char_starts, len_bytes: text.len() }
    }

    /// The char offset of a byte offset (rounded down to a char boundary).
    pub fn to_char(&self, byte: usize) -> usize {
        if self.char_starts.is_empty() {
            return byte.min(self.len_bytes);
        }
        match self.char_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset of a char offset (clamped to the end of the text).
    pub fn to_byte(&self, char_offset: usize) -> usize {
        if self.char_starts.is_empty() {
            return char_offset.min(self.len_bytes);
        }
        self.char_starts[char_offset.min(self.char_starts.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_on_accented_text() {
        let text = "Marqués said “no”";
        let offsets = CharOffsets::new(text);
        for (char_i, (byte_i, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.to_char(byte_i), char_i);
            assert_eq!(offsets.to_byte(char_i), byte_i);
        }
        assert_eq!(offsets.to_char(text.len()), text.chars().count());
    }

    #[test]
    fn ascii_is_identity() {
        let offsets = CharOffsets::new("plain");
        assert_eq!(offsets.to_char(3), 3);
        assert_eq!(offsets.to_byte(9), 5);
    }
}

//! An article reduced to what reuse detection compares: one 64-bit hash per folded word, which
//! words carry content, and where each word sits (char offsets) for reporting passages.

use wiretrace_text::{hash_str, is_stopword, tokens, CharOffsets};

/// The word sequence of one text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Fingerprint {
    /// Hash of each folded word (`U.S.` and `US` hash alike).
    pub hashes: Vec<u64>,
    /// Whether each word is a content word (not a function word).
    pub content: Vec<bool>,
    /// Char span `[start, end)` of each word in the text.
    pub spans: Vec<(usize, usize)>,
    /// Whether punctuation separates each word from the one before ("hill,” the").
    pub broken: Vec<bool>,
}

impl Fingerprint {
    pub fn new(text: &str) -> Self {
        let offsets = CharOffsets::new(text);
        let toks = tokens(text);
        let mut fp = Fingerprint {
            hashes: Vec::with_capacity(toks.len()),
            content: Vec::with_capacity(toks.len()),
            spans: Vec::with_capacity(toks.len()),
            broken: Vec::with_capacity(toks.len()),
        };
        let mut prev_end = 0;
        for t in &toks {
            fp.broken.push(!text[prev_end..t.start].chars().all(char::is_whitespace));
            prev_end = t.end;
            fp.hashes.push(hash_str(&t.norm));
            fp.content.push(!is_stopword(&t.norm));
            fp.spans.push((offsets.to_char(t.start), offsets.to_char(t.end)));
        }
        fp
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Hash of the `k` words starting at word `i`. Order-sensitive, so "said he" and "he said"
    /// differ. Callers guarantee `i + k <= len`.
    pub fn shingle(&self, i: usize, k: usize) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &t in &self.hashes[i..i + k] {
            h = (h.rotate_left(23) ^ t).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        h ^ (h >> 29)
    }

    /// Content words among the `k` words starting at `i`.
    pub fn content_in(&self, i: usize, k: usize) -> usize {
        self.content[i..i + k].iter().filter(|&&c| c).count()
    }

    /// `(position, hash)` of every `k`-word shingle with at least `min_content` content words:
    /// runs of function words ("one of the most") say nothing about copying.
    pub fn shingles(&self, k: usize, min_content: usize) -> Vec<(usize, u64)> {
        if k == 0 || self.len() < k {
            return Vec::new();
        }
        (0..=self.len() - k)
            .filter(|&i| self.content_in(i, k) >= min_content)
            .map(|i| (i, self.shingle(i, k)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronym_spellings_share_shingles_and_spans_are_chars() {
        let a = Fingerprint::new("Señora Quillan said the U.S. envoy left Port Estrel");
        let b = Fingerprint::new("Senora Quillan said the US envoy left Port Estrel");
        let sa: Vec<u64> = a.shingles(5, 2).into_iter().map(|s| s.1).collect();
        let sb: Vec<u64> = b.shingles(5, 2).into_iter().map(|s| s.1).collect();
        assert!(!sa.is_empty());
        assert_eq!(sa, sb);
        // "Quillan" starts at char 7 even though "ñ" takes two bytes.
        assert_eq!(a.spans[1], (7, 14));
    }

    #[test]
    fn function_word_runs_are_not_shingles() {
        let fp = Fingerprint::new("and it was one of the most");
        assert!(fp.shingles(5, 1).is_empty());
        assert_eq!(fp.shingles(5, 0).len(), 3);
    }
}

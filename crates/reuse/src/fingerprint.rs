//! An article reduced to what reuse detection compares: one 64-bit hash per folded word, which
//! words carry content, and where each word sits (char offsets) for reporting passages.

use std::cell::RefCell;

use ahash::AHashMap;
use wiretrace_text::{fold_char, hash_str, is_stopword};

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
        let mut fp = Fingerprint::default();
        let mut prev_end = 0;
        for_each_word(text, |start, end, chars, norm| {
            fp.broken.push(!text[prev_end..start].chars().all(char::is_whitespace));
            prev_end = end;
            let h = hash_str(norm);
            fp.hashes.push(h);
            fp.content.push(is_content(h, norm));
            fp.spans.push(chars);
        });
        fp
    }

    /// Only what the candidate index needs (word hashes and content flags), without the spans
    /// and punctuation breaks that alignment reports passages with: cheaper for the first pass
    /// over a large corpus.
    pub fn words_only(text: &str) -> Self {
        let mut fp = Fingerprint::default();
        for_each_word(text, |_, _, _, norm| {
            let h = hash_str(norm);
            fp.hashes.push(h);
            fp.content.push(is_content(h, norm));
        });
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

    /// The winnowed shingle hashes (Schleimer, Wilkerson and Aiken 2003), sorted and distinct:
    /// in every run of `window` consecutive shingles the smallest hash is kept. Two texts that
    /// share `window + k - 1` consecutive words therefore share at least one kept hash, while
    /// only about `2 / (window + 1)` of the shingles are stored. Shingles with fewer than
    /// `min_content` content words are never kept.
    pub fn winnowed(&self, k: usize, min_content: usize, window: usize) -> Vec<u64> {
        if k == 0 || self.len() < k {
            return Vec::new();
        }
        let n = self.len() - k + 1;
        // Content words among the k words at each start, kept as a running count.
        let mut content = self.content_in(0, k);
        let mut hs: Vec<u64> = Vec::with_capacity(n);
        for i in 0..n {
            if i > 0 {
                content = content + usize::from(self.content[i + k - 1]) - usize::from(self.content[i - 1]);
            }
            hs.push(if content >= min_content { self.shingle(i, k) } else { u64::MAX });
        }
        let window = window.max(1).min(n);
        let mut kept: Vec<u64> = Vec::with_capacity(2 * n / (window + 1) + 2);
        // A monotone queue of shingle positions whose hashes increase: its front is the
        // minimum of the current window, so each shingle is pushed and popped once.
        let mut queue: std::collections::VecDeque<usize> =
            std::collections::VecDeque::with_capacity(window + 1);
        let mut last_kept = usize::MAX;
        for i in 0..n {
            // Rightmost minimum on ties, as winnowing prescribes.
            while queue.back().is_some_and(|&j| hs[j] >= hs[i]) {
                queue.pop_back();
            }
            queue.push_back(i);
            if queue.front().is_some_and(|&j| j + window <= i) {
                queue.pop_front();
            }
            if i + 1 >= window {
                let j = queue[0];
                if j != last_kept && hs[j] != u64::MAX {
                    kept.push(hs[j]);
                    last_kept = j;
                }
            }
        }
        kept.sort_unstable();
        kept.dedup();
        kept
    }
}

thread_local! {
    /// Whether each word hash is a content word: a hash look-up instead of the string search
    /// of `is_stopword` for every word of a million articles.
    static CONTENT: RefCell<AHashMap<u64, bool>> = RefCell::new(AHashMap::new());
}

/// Words remembered per thread before the cache starts over (bounds its memory).
const CONTENT_CACHE: usize = 1 << 20;

fn is_content(hash: u64, norm: &str) -> bool {
    CONTENT.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(&c) = cache.get(&hash) {
            return c;
        }
        if cache.len() >= CONTENT_CACHE {
            cache.clear();
        }
        let c = !is_stopword(norm);
        cache.insert(hash, c);
        c
    })
}

/// Calls `f(byte_start, byte_end, (char_start, char_end), folded)` for each word of `text`, in
/// order: the words of [`wiretrace_text::tokens`] (a test holds the two together), without
/// allocating a string per word.
fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, (usize, usize), &str)) {
    let bytes = text.as_bytes();
    let mut norm = String::new();
    let mut iter = text.char_indices().enumerate().peekable();
    while let Some((char_start, (start, c))) = iter.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        norm.clear();
        fold_char(c, &mut norm);
        let mut end = start + c.len_utf8();
        let mut char_end = char_start + 1;
        let mut run_len = 1; // chars in the current dot-separated piece
        loop {
            match iter.peek().copied() {
                Some((ci, (i, n))) if n.is_alphanumeric() => {
                    fold_char(n, &mut norm);
                    end = i + n.len_utf8();
                    char_end = ci + 1;
                    run_len += 1;
                    iter.next();
                }
                // An apostrophe inside a word (Venezuela's, don't) joins, and is dropped.
                Some((_, (i, '\'' | '\u{2019}')))
                    if next_is_alnum(text, i + if bytes[i] == b'\'' { 1 } else { 3 }) =>
                {
                    iter.next();
                }
                // U.S. / U.N.: a single letter, a dot, another single letter.
                Some((_, (i, '.')))
                    if run_len == 1 && c.is_alphabetic() && dotted_letter_follows(text, i + 1) =>
                {
                    iter.next();
                    run_len = 0;
                }
                _ => break,
            }
        }
        f(start, end, (char_start, char_end), &norm);
    }
}

fn next_is_alnum(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|s| s.chars().next()).is_some_and(char::is_alphanumeric)
}

fn dotted_letter_follows(text: &str, at: usize) -> bool {
    let mut rest = text.get(at..).unwrap_or("").chars();
    matches!((rest.next(), rest.next()), (Some(l), after) if l.is_alphabetic() && !after.is_some_and(char::is_alphanumeric))
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

    fn words_of(text: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        for_each_word(text, |s, e, _, norm| out.push((s, e, norm.to_string())));
        out
    }

    #[test]
    fn words_agree_with_the_text_crate_tokens() {
        let text = "Valdoria’s U.S.-backed plan, 4,000 troops. A. Reyes don't Ünal's U.N. e.g.";
        let expected: Vec<(usize, usize, String)> =
            wiretrace_text::tokens(text).into_iter().map(|t| (t.start, t.end, t.norm)).collect();
        assert_eq!(words_of(text), expected);
    }

    proptest::proptest! {
        #[test]
        fn words_agree_with_tokens_on_any_text(text in "[a-zA-ZéÜ.’' ,0-9\n-]{0,80}") {
            let expected: Vec<(usize, usize, String)> =
                wiretrace_text::tokens(&text).into_iter().map(|t| (t.start, t.end, t.norm)).collect();
            proptest::prop_assert_eq!(words_of(&text), expected);
            let fp = Fingerprint::new(&text);
            let offsets = wiretrace_text::CharOffsets::new(&text);
            for (w, span) in words_of(&text).iter().zip(&fp.spans) {
                proptest::prop_assert_eq!((offsets.to_char(w.0), offsets.to_char(w.1)), *span);
            }
        }
    }

    #[test]
    fn winnowing_keeps_a_hash_of_every_long_enough_shared_run() {
        let shared = "harbour pilots in Port Estrel refused to guide grain ships past the breakwater for a third night";
        let a =
            Fingerprint::words_only(&format!("Mining officials met wage auditors in Sable Ridge. {shared}"));
        let b = Fingerprint::words_only(&format!("{shared} while the tugboat crews watched from the quay"));
        let (wa, wb) = (a.winnowed(5, 2, 8), b.winnowed(5, 2, 8));
        assert!(wa.iter().any(|h| wb.binary_search(h).is_ok()));
        // Fewer hashes than shingles are kept.
        assert!(wa.len() < a.shingles(5, 2).len());
        let all = Fingerprint::words_only(shared).winnowed(5, 2, 1);
        assert_eq!(all.len(), {
            let mut s: Vec<u64> =
                Fingerprint::words_only(shared).shingles(5, 2).into_iter().map(|x| x.1).collect();
            s.sort_unstable();
            s.dedup();
            s.len()
        });
    }
}

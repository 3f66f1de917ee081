//! An article reduced to what reuse detection compares: one 64-bit hash per folded word, which
//! words carry content, and where each word sits (char offsets) for reporting passages.

use once_cell::sync::Lazy;
use wiretrace_text::fold_char;

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
        let words = text.len() / 5 + 1;
        let mut fp = Fingerprint {
            hashes: Vec::with_capacity(words),
            content: Vec::with_capacity(words),
            spans: Vec::with_capacity(words),
            broken: Vec::with_capacity(words),
        };
        let mut prev_end = 0;
        let stop = STOP_TABLE.as_slice();
        for_each_word(text, |start, end, chars, word| {
            let gap = &text[prev_end..start];
            let joined = if gap.is_ascii() {
                gap.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C))
            } else {
                gap.chars().all(char::is_whitespace)
            };
            fp.broken.push(!joined);
            prev_end = end;
            let h = word.hash();
            fp.hashes.push(h);
            fp.content.push(is_content(stop, h));
            fp.spans.push(chars);
        });
        fp
    }

    /// Only what the candidate index needs (word hashes and content flags), without the spans
    /// and punctuation breaks that alignment reports passages with: cheaper for the first pass
    /// over a large corpus.
    #[cfg(test)]
    pub fn words_only(text: &str) -> Self {
        let mut fp = Fingerprint::default();
        fp.refill_words_only(text);
        fp
    }

    /// [`Fingerprint::words_only`] into this fingerprint's buffers (spans and breaks left
    /// empty), so that a pass over a corpus allocates them once per thread, not per article.
    pub fn refill_words_only(&mut self, text: &str) {
        let words = text.len() / 5 + 1;
        let (hashes, content) = (&mut self.hashes, &mut self.content);
        hashes.clear();
        content.clear();
        self.spans.clear();
        self.broken.clear();
        hashes.reserve(words);
        content.reserve(words);
        let stop = STOP_TABLE.as_slice();
        for_each_word(text, |_, _, _, word| {
            let h = word.hash();
            hashes.push(h);
            content.push(is_content(stop, h));
        });
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
        let mut out = Vec::with_capacity(self.len() - k + 1);
        // Content words among the k words at each start, kept as a running count.
        let mut content = self.content_in(0, k);
        for i in 0..=self.len() - k {
            if i > 0 {
                content = content + usize::from(self.content[i + k - 1]) - usize::from(self.content[i - 1]);
            }
            if content >= min_content {
                out.push((i, self.shingle(i, k)));
            }
        }
        out
    }

    /// The winnowed shingle hashes (Schleimer, Wilkerson and Aiken 2003), sorted and distinct:
    /// in every run of `window` consecutive shingles the smallest hash is kept. Two texts that
    /// share `window + k - 1` consecutive words therefore share at least one kept hash, while
    /// only about `2 / (window + 1)` of the shingles are stored. Shingles with fewer than
    /// `min_content` content words are never kept.
    pub fn winnowed(&self, k: usize, min_content: usize, window: usize) -> Vec<u64> {
        let mut kept: Vec<u64> =
            self.winnowed_at(k, min_content, window).into_iter().map(|(_, h)| h).collect();
        kept.sort_unstable();
        kept.dedup();
        kept
    }

    /// `(position, hash)` of each winnowed shingle (see [`Fingerprint::winnowed`]), in order of
    /// position; a hash repeated in the text appears at each kept position. Positions let a
    /// caller tell whether two texts' shared hashes line up (same offset between them).
    pub fn winnowed_at(&self, k: usize, min_content: usize, window: usize) -> Vec<(usize, u64)> {
        let mut kept = Vec::new();
        self.winnowed_at_into(k, min_content, window, &mut Vec::new(), &mut kept);
        kept
    }

    /// [`Fingerprint::winnowed_at`] into `kept` (cleared first), with `hs` as scratch for the
    /// shingle hashes: buffers a caller reuses across articles.
    pub fn winnowed_at_into(
        &self,
        k: usize,
        min_content: usize,
        window: usize,
        hs: &mut Vec<u64>,
        kept: &mut Vec<(usize, u64)>,
    ) {
        hs.clear();
        kept.clear();
        if k == 0 || self.len() < k {
            return;
        }
        let n = self.len() - k + 1;
        // Content words among the k words at each start, kept as a running count.
        let mut content = self.content_in(0, k);
        hs.reserve(n);
        for i in 0..n {
            if i > 0 {
                content = content + usize::from(self.content[i + k - 1]) - usize::from(self.content[i - 1]);
            }
            hs.push(if content >= min_content { self.shingle(i, k) } else { u64::MAX });
        }
        let window = window.max(1).min(n);
        kept.reserve(2 * n / (window + 1) + 2);
        // The position of the current window's minimum, rightmost on ties as winnowing
        // prescribes; rescanned only when it leaves the window (rarely: about once a window).
        let mut min = 0;
        let mut last_kept = usize::MAX;
        for i in 0..n {
            if hs[i] <= hs[min] {
                min = i;
            } else if min + window <= i {
                let from = i + 1 - window;
                min = from;
                for j in from + 1..=i {
                    if hs[j] <= hs[min] {
                        min = j;
                    }
                }
            }
            if i + 1 >= window && min != last_kept && hs[min] != u64::MAX {
                kept.push((min, hs[min]));
                last_kept = min;
            }
        }
    }
}

/// A word as cut from a text: plain ASCII letters and digits, whose folded form is their
/// lowercase, or already folded by the general rules.
#[derive(Clone, Copy, Debug)]
enum Word<'a> {
    /// `text[start..end]`: the whole text is kept so that hashing may read past the word's end.
    Ascii {
        text: &'a [u8],
        start: usize,
        end: usize,
    },
    Folded(&'a str),
}

impl Word<'_> {
    /// [`word_hash`] of the folded form.
    #[inline]
    fn hash(&self) -> u64 {
        match self {
            // ASCII letters and digits all have bit 5 set once lowercased (digits already do),
            // so setting it on eight bytes at once folds them.
            Word::Ascii { text, start, end } => word_hash_at(text, *start, *end, 0x2020_2020_2020_2020),
            Word::Folded(norm) => word_hash(norm.as_bytes(), 0),
        }
    }

    #[cfg(test)]
    fn folded(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Word::Ascii { text, start, end } => text[*start..*end]
                .iter()
                .map(|&b| char::from(b.to_ascii_lowercase()))
                .collect::<String>()
                .into(),
            Word::Folded(norm) => (*norm).into(),
        }
    }
}

/// 64-bit hash of a folded word (its bytes each or-ed with the matching byte of `or`): eight
/// bytes at a time with a multiply-rotate mix and MurmurHash3's finalizer. Words are short,
/// and a general-purpose hash's set-up cost was the largest single cost of reading a corpus.
/// Hashes live only in memory, never in the store.
#[inline]
fn word_hash(word: &[u8], or: u64) -> u64 {
    word_hash_at(word, 0, word.len(), or)
}

/// [`word_hash`] of `text[start..end]`. A tail shorter than eight bytes is read as eight bytes
/// and masked when the text goes on that far (nearly every word), instead of byte by byte.
#[inline(always)]
fn word_hash_at(text: &[u8], start: usize, end: usize, or: u64) -> u64 {
    const M: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = ((end - start) as u64).wrapping_mul(M) ^ 0x243F_6A88_85A3_08D3;
    let mut i = start;
    while i + 8 <= end {
        h = (h ^ (load8(text, i) | or)).wrapping_mul(M).rotate_left(31);
        i += 8;
    }
    let rest = end - i;
    if rest > 0 {
        let tail = if i + 8 <= text.len() {
            load8(text, i)
        } else {
            // Byte by byte: a copy of a variable-length tail would call memmove.
            text[i..end].iter().rev().fold(0u64, |v, &b| (v << 8) | u64::from(b))
        };
        let mask = u64::MAX >> (64 - 8 * rest);
        h = (h ^ ((tail | or) & mask)).wrapping_mul(M).rotate_left(31);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// The first byte at or after `from` that is not an ASCII letter or digit (or the end): eight
/// bytes at a time, since the byte-by-byte loop was the larger part of cutting words.
#[inline]
fn ascii_word_end(bytes: &[u8], mut from: usize) -> usize {
    while from + 8 <= bytes.len() {
        let others = !ascii_alnum_lanes(load8(bytes, from)) & LANE_HIGH;
        if others != 0 {
            return from + (others.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while from < bytes.len() && bytes[from].is_ascii_alphanumeric() {
        from += 1;
    }
    from
}

/// The high bit of each byte lane of a `u64`.
const LANE_HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` set when that byte is an ASCII letter or digit, every other
/// bit clear. Range tests on the low seven bits of each byte, which cannot carry into the next.
#[inline]
fn ascii_alnum_lanes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low = x & !LANE_HIGH;
    let within = |v: u64, lo: u8, hi: u8| {
        (v + ONES * u64::from(0x80 - lo)) & !(v + ONES * u64::from(0x7F - hi)) & LANE_HIGH
    };
    let digit = within(low, b'0', b'9');
    let letter = within(low | 0x2020_2020_2020_2020, b'a', b'z');
    (digit | letter) & !x & LANE_HIGH
}

/// The eight bytes of `text` from `at`, little-endian.
#[inline]
fn load8(text: &[u8], at: usize) -> u64 {
    let mut eight = [0u8; 8];
    eight.copy_from_slice(&text[at..at + 8]);
    u64::from_le_bytes(eight)
}

/// Slots of the open-addressed table of stopword hashes (a power of two, a quarter full).
const STOP_SLOTS: usize = 512;

/// The hashes of the text crate's function words ([`wiretrace_text::STOPWORDS`]), so that
/// telling a content word costs one look-up in a small table instead of a string search (0:
/// empty slot; no word hashes to 0, a test checks the list).
static STOP_TABLE: Lazy<Vec<u64>> = Lazy::new(|| {
    let mut table = vec![0u64; STOP_SLOTS];
    for word in wiretrace_text::STOPWORDS {
        let h = word_hash(word.as_bytes(), 0);
        let mut slot = (h >> 32) as usize & (STOP_SLOTS - 1);
        while table[slot] != 0 {
            slot = (slot + 1) & (STOP_SLOTS - 1);
        }
        table[slot] = h;
    }
    table
});

/// Whether the word with hash `hash` is a content word (not a stopword).
#[inline]
fn is_content(table: &[u64], hash: u64) -> bool {
    let mut slot = (hash >> 32) as usize & (STOP_SLOTS - 1);
    loop {
        match table[slot] {
            0 => return true,
            h if h == hash => return false,
            _ => slot = (slot + 1) & (STOP_SLOTS - 1),
        }
    }
}

/// Calls `f(byte_start, byte_end, (char_start, char_end), word)` for each word of `text`, in
/// order: the words of [`wiretrace_text::tokens`] (a test holds the two together), without
/// allocating a string per word. Plain ASCII words (nearly all of English news) are cut and
/// lowercased byte by byte; a word touching a non-ASCII char, an apostrophe or a dot after a
/// single letter (`U.S.`) goes through the general rules of [`word_at`].
fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, (usize, usize), Word<'_>)) {
    let bytes = text.as_bytes();
    let mut norm = String::new();
    let (mut i, mut ci) = (0, 0); // byte and char position
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                ci += 1;
                continue;
            }
            let j = ascii_word_end(bytes, i + 1);
            let simple = match bytes.get(j) {
                None => true,
                Some(&s) if s >= 0x80 || s == b'\'' => false,
                // A dot joins only after a single letter (U.S.).
                Some(&b'.') => j - i > 1,
                Some(_) => true,
            };
            if simple {
                f(i, j, (ci, ci + (j - i)), Word::Ascii { text: bytes, start: i, end: j });
                ci += j - i;
                i = j;
                continue;
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if is_punctuation_block(c) || !c.is_alphanumeric() {
            i += c.len_utf8();
            ci += 1;
            continue;
        }
        let (end, char_end) = word_at(text, i, ci, &mut norm);
        f(i, end, (ci, char_end), Word::Folded(&norm));
        i = end;
        ci = char_end;
    }
}

/// Whether `c` is in Unicode's General Punctuation block (curly quotes, dashes, ellipsis),
/// which holds no letter or digit: news text is full of these, and the general
/// alphanumeric test looks them up in large tables.
#[inline]
fn is_punctuation_block(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// The word starting at byte `start` (char `char_start`), an alphanumeric char: its byte end
/// and char end, its folded form left in `norm`.
fn word_at(text: &str, start: usize, char_start: usize, norm: &mut String) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut iter = text[start..].char_indices().map(|(i, c)| (i + start, c)).peekable();
    let Some((_, c)) = iter.next() else {
        return (start, char_start);
    };
    norm.clear();
    fold_char(c, norm);
    let mut end = start + c.len_utf8();
    let mut char_end = char_start + 1;
    let mut run_len = 1; // chars in the current dot-separated piece
    loop {
        match iter.peek().copied() {
            Some((i, n)) if n.is_alphanumeric() => {
                fold_char(n, norm);
                end = i + n.len_utf8();
                char_end += 1;
                run_len += 1;
                iter.next();
            }
            // An apostrophe inside a word (Venezuela's, don't) joins, and is dropped.
            Some((i, '\'' | '\u{2019}'))
                if next_is_alnum(text, i + if bytes[i] == b'\'' { 1 } else { 3 }) =>
            {
                char_end += 1;
                iter.next();
            }
            // U.S. / U.N.: a single letter, a dot, another single letter.
            Some((i, '.')) if run_len == 1 && c.is_alphabetic() && dotted_letter_follows(text, i + 1) => {
                char_end += 1;
                iter.next();
                run_len = 0;
            }
            _ => break,
        }
    }
    (end, char_end)
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
    fn ascii_words_hash_like_their_folded_form() {
        for raw in ["A", "Quillan", "US", "x7", "ABCDEFGHIJ", "Estrel2019", "abcdefgh"] {
            let folded = raw.to_ascii_lowercase();
            let ascii = Word::Ascii { text: raw.as_bytes(), start: 0, end: raw.len() };
            assert_eq!(ascii.hash(), Word::Folded(&folded).hash(), "{raw}");
            // Read from inside a longer text, the tail is loaded whole and masked.
            let padded = format!("x {raw} pier harbour");
            let inside = Word::Ascii { text: padded.as_bytes(), start: 2, end: 2 + raw.len() };
            assert_eq!(inside.hash(), Word::Folded(&folded).hash(), "{raw}");
        }
        assert_ne!(Word::Folded("pier").hash(), Word::Folded("pie").hash());
    }

    #[test]
    fn eight_byte_classes_agree_with_the_byte_test() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut eight = [b'x'; 8];
                eight[lane] = b;
                let lanes = ascii_alnum_lanes(u64::from_le_bytes(eight));
                for (k, &byte) in eight.iter().enumerate() {
                    let set = lanes >> (8 * k + 7) & 1 == 1;
                    assert_eq!(set, byte.is_ascii_alphanumeric(), "byte {byte:#x} in lane {k}");
                }
                assert_eq!(lanes & !LANE_HIGH, 0);
            }
        }
        let text = b"Quillan2019 harbourmasters, pier";
        for from in 0..text.len() {
            let slow = (from..text.len()).find(|&j| !text[j].is_ascii_alphanumeric()).unwrap_or(text.len());
            assert_eq!(ascii_word_end(text, from), slow, "from {from}");
        }
    }

    #[test]
    fn the_punctuation_block_holds_no_letter_or_digit() {
        for c in ('\u{2000}'..='\u{206F}').filter(|&c| is_punctuation_block(c)) {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        assert!(is_punctuation_block('\u{2019}') && !is_punctuation_block('\u{2070}'));
    }

    #[test]
    fn stopword_table_holds_exactly_the_text_crates_function_words() {
        let table = STOP_TABLE.as_slice();
        assert!(wiretrace_text::STOPWORDS.len() * 4 <= STOP_SLOTS, "table more than a quarter full");
        for word in wiretrace_text::STOPWORDS {
            assert!(!is_content(table, Word::Folded(word).hash()), "{word}");
            assert_ne!(Word::Folded(word).hash(), 0);
        }
        for word in ["dam", "harbour", "usa", "thee", "sayings"] {
            assert!(is_content(table, Word::Folded(word).hash()), "{word}");
        }
    }

    #[test]
    fn function_word_runs_are_not_shingles() {
        let fp = Fingerprint::new("and it was one of the most");
        assert!(fp.shingles(5, 1).is_empty());
        assert_eq!(fp.shingles(5, 0).len(), 3);
    }

    fn words_of(text: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        for_each_word(text, |s, e, _, word| out.push((s, e, word.folded().into_owned())));
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

    proptest::proptest! {
        #[test]
        fn dotted_and_quoted_short_words_agree_with_tokens(text in "([a-zA-Z0-9]{1,3}[.'’\u{0B} ]{1,2}){0,30}") {
            let expected: Vec<(usize, usize, String)> =
                wiretrace_text::tokens(&text).into_iter().map(|t| (t.start, t.end, t.norm)).collect();
            proptest::prop_assert_eq!(words_of(&text), expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn winnowing_matches_the_definition(words in proptest::collection::vec(0u64..6, 0..60), window in 1usize..10) {
            let fp = Fingerprint {
                content: words.iter().map(|&w| w != 0).collect(),
                hashes: words,
                ..Fingerprint::default()
            };
            let k = 2;
            let mut expected = Vec::new();
            if fp.len() >= k {
                let hs: Vec<u64> = (0..=fp.len() - k)
                    .map(|i| if fp.content_in(i, k) >= 1 { fp.shingle(i, k) } else { u64::MAX })
                    .collect();
                let w = window.min(hs.len());
                let mut last = usize::MAX;
                for end in w - 1..hs.len() {
                    // Rightmost minimum of the window ending at `end`.
                    let j = (end + 1 - w..=end).rev().min_by_key(|&j| hs[j]).unwrap();
                    if j != last && hs[j] != u64::MAX {
                        expected.push(hs[j]);
                        last = j;
                    }
                }
            }
            expected.sort_unstable();
            expected.dedup();
            proptest::prop_assert_eq!(fp.winnowed(k, 1, window), expected);
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

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
        let mut fp = Fingerprint::default();
        fp.refill(text);
        fp
    }

    /// [`Fingerprint::new`] into this fingerprint's buffers, so that aligning a corpus
    /// allocates them once per thread, not per article: freeing and allocating buffers of
    /// several kilobytes for every article cost a few percent of the run.
    pub fn refill(&mut self, text: &str) {
        let words = text.len() / 5 + 1;
        let fp = self;
        fp.hashes.clear();
        fp.content.clear();
        fp.spans.clear();
        fp.broken.clear();
        fp.hashes.reserve(words);
        fp.content.reserve(words);
        fp.spans.reserve(words);
        fp.broken.reserve(words);
        let mut prev_end = 0;
        let stop = &*STOP_TABLE;
        let bytes = text.as_bytes();
        for_each_word(text, |start, end, chars, word| {
            let gap = &text[prev_end..start];
            // Most words follow one plain space.
            let joined = if gap.len() == 1 && bytes[prev_end] == b' ' {
                true
            } else if gap.is_ascii() {
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
        let stop = &*STOP_TABLE;
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
    #[cfg(test)]
    pub fn shingle(&self, i: usize, k: usize) -> u64 {
        let mut raw: u64 = 0;
        for &t in &self.hashes[i..i + k] {
            raw = raw.rotate_left(1) ^ t;
        }
        finish_shingle(raw)
    }

    /// [`Fingerprint::shingle`] at every start in order, calling `f(i, hash)`: word hashes
    /// are already mixed, so the shingle before mixing is the xor of its words rotated by
    /// their distance from its end, which rolls from one start to the next with two rotations
    /// and two xors, where hashing each shingle afresh cost `k` multiplications.
    #[inline]
    fn each_shingle(&self, k: usize, mut f: impl FnMut(usize, u64)) {
        if k == 0 || self.len() < k {
            return;
        }
        let mut raw = 0u64;
        for &t in &self.hashes[..k] {
            raw = raw.rotate_left(1) ^ t;
        }
        let out_rot = (k % 64) as u32;
        f(0, finish_shingle(raw));
        for i in 1..=self.len() - k {
            raw = raw.rotate_left(1) ^ self.hashes[i - 1].rotate_left(out_rot) ^ self.hashes[i + k - 1];
            f(i, finish_shingle(raw));
        }
    }

    /// Content words among the `k` words starting at `i`.
    pub fn content_in(&self, i: usize, k: usize) -> usize {
        self.content[i..i + k].iter().filter(|&&c| c).count()
    }

    /// `(position, hash)` of every `k`-word shingle with at least `min_content` content words:
    /// runs of function words ("one of the most") say nothing about copying.
    #[cfg(test)]
    pub fn shingles(&self, k: usize, min_content: usize) -> Vec<(usize, u64)> {
        let mut out = Vec::new();
        self.shingles_into(k, min_content, &mut out);
        out
    }

    /// [`Fingerprint::shingles`] into `out` (cleared first), a buffer a caller reuses.
    pub fn shingles_into(&self, k: usize, min_content: usize, out: &mut Vec<(usize, u64)>) {
        out.clear();
        if k == 0 || self.len() < k {
            return;
        }
        out.reserve(self.len() - k + 1);
        // Content words among the k words at each start, kept as a running count.
        let mut content = self.content_in(0, k);
        self.each_shingle(k, |i, h| {
            if i > 0 {
                content = content + usize::from(self.content[i + k - 1]) - usize::from(self.content[i - 1]);
            }
            if content >= min_content {
                out.push((i, h));
            }
        });
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
        self.each_shingle(k, |i, h| {
            if i > 0 {
                content = content + usize::from(self.content[i + k - 1]) - usize::from(self.content[i - 1]);
            }
            hs.push(if content >= min_content { h } else { u64::MAX });
        });
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

/// Mixes a shingle's xor of rotated word hashes (see [`Fingerprint::each_shingle`]), so that
/// every bit of it moves the high bits winnowing compares first.
#[inline]
fn finish_shingle(raw: u64) -> u64 {
    let h = raw.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 29)
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

/// The hashes of the text crate's function words ([`wiretrace_text::STOPWORDS`]) in a
/// direct-mapped table without collisions, so that telling a content word is two loads and a
/// comparison with no loop: a probing loop, whose length varied word to word, was the most
/// expensive step of cutting words (mispredicted branches).
struct StopTable {
    /// Per slot, the index in `words` of the function word hashed there (0: none).
    slots: Vec<u16>,
    /// `0` (no word hashes to 0, a test checks the list), then each function word's hash.
    words: Vec<u64>,
    shift: u32,
    mask: usize,
}

static STOP_TABLE: Lazy<StopTable> = Lazy::new(|| {
    let mut words = vec![0u64];
    words.extend(wiretrace_text::STOPWORDS.iter().map(|w| word_hash(w.as_bytes(), 0)));
    // The first table size and slice of the hash bits that put every word in a slot of its
    // own: with 4096 slots for about 130 words some shift nearly always does.
    for bits in 12..=24u32 {
        let mask = (1usize << bits) - 1;
        'shift: for shift in 0..=64 - bits {
            let mut slots = vec![0u16; mask + 1];
            for (i, &h) in words.iter().enumerate().skip(1) {
                let slot = &mut slots[(h >> shift) as usize & mask];
                if *slot != 0 && words[usize::from(*slot)] != h {
                    continue 'shift;
                }
                *slot = u16::try_from(i).expect("fewer than 65536 function words");
            }
            return StopTable { slots, words, shift, mask };
        }
    }
    unreachable!("24 bits of 64-bit hashes separate a few hundred words")
});

/// Whether the word with hash `hash` is a content word (not a stopword).
#[inline]
fn is_content(table: &StopTable, hash: u64) -> bool {
    table.words[usize::from(table.slots[(hash >> table.shift) as usize & table.mask])] != hash
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
                // A curly quote or dash after a word (U+2000 to U+206F but U+2019, which may
                // be an apostrophe inside the word) ends it, as any char that is not a letter
                // or digit does: news text has one every few words.
                Some(&0xE2) => match (bytes.get(j + 1), bytes.get(j + 2)) {
                    (Some(0x80), Some(&third)) => third != 0x99,
                    (Some(0x81), Some(&third)) => third <= 0xAF,
                    _ => false,
                },
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
        let table = &*STOP_TABLE;
        assert_eq!(table.slots.len(), 4096, "the table stays small enough for the first-level cache");
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
        fn words_agree_with_tokens_on_any_text(text in "[a-zA-ZéÜ.’' ,0-9\n“”—…⁄⁰ⁱ-]{0,80}") {
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
        fn rolled_shingles_match_shingles_hashed_afresh(words in proptest::collection::vec(0u64..4, 0..40), k in 1usize..8) {
            let fp = Fingerprint { content: vec![true; words.len()], hashes: words, ..Fingerprint::default() };
            let mut rolled = Vec::new();
            fp.each_shingle(k, |i, h| rolled.push((i, h)));
            let fresh: Vec<(usize, u64)> =
                if fp.len() < k { Vec::new() } else { (0..=fp.len() - k).map(|i| (i, fp.shingle(i, k))).collect() };
            proptest::prop_assert_eq!(rolled, fresh);
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
    fn a_refilled_fingerprint_is_the_fresh_fingerprint_of_its_new_text() {
        let long =
            "Harbour pilots in Port Estrel refused, “again”, to guide grain ships past the breakwater.";
        let short = "Señora Quillan left — the U.S. envoy stayed.";
        let mut fp = Fingerprint::new(long);
        fp.refill(short);
        let fresh = Fingerprint::new(short);
        assert_eq!(
            (&fp.hashes, &fp.content, &fp.spans, &fp.broken),
            (&fresh.hashes, &fresh.content, &fresh.spans, &fresh.broken)
        );
        let mut shingles = fresh.shingles(2, 0);
        fresh.shingles_into(3, 1, &mut shingles);
        assert_eq!(shingles, fresh.shingles(3, 1));
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

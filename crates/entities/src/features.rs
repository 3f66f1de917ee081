//! What the tagger looks at for each token, hashed to 32-bit keys: the word and its shape,
//! affixes, neighbours, capitalisation in context (sentence start, all-caps headline lines,
//! score tables), a gazetteer of names seen in training, title cues, and evidence from the rest
//! of the document (the word written capitalised mid-sentence, written in lower case, or seen
//! inside a longer name).
//!
//! Training and tagging share this code, so a model and its features cannot drift apart.

use ahash::{AHashMap, AHashSet};
use xxhash_rust::xxh3::xxh3_64;

use crate::conll::{type_index, Document, Sentence};
use crate::lexicon;

/// Names seen in training, by lower-cased word sequence: which types each phrase had.
#[derive(Clone, Debug, Default)]
pub(crate) struct Gazetteer {
    /// Phrase hash -> bits 0..4 types seen, bit 7 the phrase is a prefix of a longer entry.
    pub(crate) entries: AHashMap<u64, u8>,
}

const PREFIX_BIT: u8 = 0x80;
/// Longer names are rare and their words carry their own evidence.
const GAZ_MAX_WORDS: usize = 6;

fn phrase_step(h: u64, word: &str) -> u64 {
    (h.rotate_left(7) ^ xxh3_64(word.as_bytes())).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Gazetteer {
    pub(crate) fn build<'d>(docs: impl IntoIterator<Item = &'d Document>) -> Self {
        let mut g = Gazetteer::default();
        for doc in docs {
            for s in &doc.sentences {
                for e in &s.entities {
                    if e.range.len() > GAZ_MAX_WORDS {
                        continue;
                    }
                    let mut h = 0u64;
                    for (k, i) in e.range.clone().enumerate() {
                        h = phrase_step(h, &norm_word(&s.words[i]));
                        let bits = g.entries.entry(h).or_default();
                        if k + 1 < e.range.len() {
                            *bits |= PREFIX_BIT;
                        } else {
                            *bits |= 1 << type_index(e.kind);
                        }
                    }
                }
            }
        }
        g
    }

    /// For each token, bits `type * 4 + position` (B, I, L, U) of the entries covering it.
    fn mark(&self, norms: &[&str]) -> Vec<u16> {
        let mut marks = vec![0u16; norms.len()];
        for i in 0..norms.len() {
            let mut h = 0u64;
            for j in i..norms.len().min(i + GAZ_MAX_WORDS) {
                h = phrase_step(h, norms[j]);
                let Some(&bits) = self.entries.get(&h) else { break };
                for t in 0..4 {
                    if bits & (1 << t) == 0 {
                        continue;
                    }
                    if i == j {
                        marks[i] |= 1 << (t * 4 + 3);
                    } else {
                        marks[i] |= 1 << (t * 4);
                        for m in &mut marks[i + 1..j] {
                            *m |= 1 << (t * 4 + 1);
                        }
                        marks[j] |= 1 << (t * 4 + 2);
                    }
                }
                if bits & PREFIX_BIT == 0 {
                    break;
                }
            }
        }
        marks
    }
}

/// The word as features see it: lower case, digits as `0`, typographic quotes plain.
pub(crate) fn norm_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '0'..='9' => out.push('0'),
            '’' | '‘' | '`' => out.push('\''),
            '“' | '”' => out.push('"'),
            '–' | '—' => out.push('-'),
            c if c.is_uppercase() => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    out
}

/// `Xxxx`, `XX`, `dd-dd`: the full shape (capped) and the shape with repeats collapsed.
fn shapes(word: &str) -> (String, String) {
    let mut full = String::new();
    let mut short = String::new();
    for (n, c) in word.chars().enumerate() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if n < 8 {
            full.push(s);
        }
        if !short.ends_with(s) {
            short.push(s);
        }
    }
    (full, short)
}

struct Tok {
    norm: String,
    lower_first: bool,
    shape: String,
    short: String,
    cap: bool,
    all_caps: bool,
}

impl Tok {
    fn new(word: &str) -> Self {
        let (shape, short) = shapes(word);
        let first = word.chars().next();
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        Tok {
            norm: norm_word(word),
            lower_first: first.is_some_and(char::is_lowercase),
            shape,
            short,
            cap: first.is_some_and(char::is_uppercase),
            all_caps: letters >= 2 && !word.chars().any(char::is_lowercase),
        }
    }
}

/// A sentence whose letters are all capitals: a headline or a dateline.
fn shouting(sentence: &Sentence) -> bool {
    let mut upper = 0;
    for w in &sentence.words {
        for c in w.chars() {
            if c.is_lowercase() {
                return false;
            }
            if c.is_uppercase() {
                upper += 1;
            }
        }
    }
    upper >= 3
}

/// What the rest of the document says about a word (normalised forms).
#[derive(Default)]
struct DocContext<'t> {
    /// Written capitalised mid-sentence in mixed-case sentences.
    cap_mid: AHashSet<&'t str>,
    /// Written in lower case.
    lower: AHashSet<&'t str>,
    /// Ending / starting a run of two or more capitalised words.
    run_last: AHashSet<&'t str>,
    run_first: AHashSet<&'t str>,
}

impl<'t> DocContext<'t> {
    fn new(doc: &Document, toks: &'t [Vec<Tok>]) -> Self {
        let mut c = DocContext::default();
        for (s, toks) in doc.sentences.iter().zip(toks) {
            let caps = shouting(s);
            let mut run: Option<(usize, usize)> = None;
            let close = |run: &mut Option<(usize, usize)>, c: &mut DocContext<'t>| {
                if let Some((a, b)) = run.take() {
                    if b > a {
                        c.run_first.insert(&toks[a].norm);
                        c.run_last.insert(&toks[b].norm);
                    }
                }
            };
            for (i, t) in toks.iter().enumerate() {
                if t.lower_first {
                    c.lower.insert(&t.norm);
                }
                if caps {
                    continue;
                }
                if t.cap {
                    if i > 0 {
                        c.cap_mid.insert(&t.norm);
                    }
                    run = Some(run.map_or((i, i), |(a, _)| (a, i)));
                } else {
                    close(&mut run, &mut c);
                }
            }
            close(&mut run, &mut c);
        }
        c
    }
}

/// The hashed feature keys of every token of a sentence, back to back.
#[derive(Default, Clone)]
pub(crate) struct SentenceFeatures {
    pub(crate) keys: Vec<u32>,
    /// `keys[bounds[i]..bounds[i + 1]]` are token i's.
    pub(crate) bounds: Vec<u32>,
}

impl SentenceFeatures {
    pub(crate) fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    pub(crate) fn token(&self, i: usize) -> &[u32] {
        &self.keys[self.bounds[i] as usize..self.bounds[i + 1] as usize]
    }
}

struct Sink<'a> {
    buf: Vec<u8>,
    out: &'a mut Vec<u32>,
}

impl Sink<'_> {
    fn add(&mut self, template: u8, parts: &[&str]) {
        self.buf.clear();
        self.buf.push(template);
        for p in parts {
            self.buf.extend_from_slice(p.as_bytes());
            self.buf.push(0xff);
        }
        self.out.push(xxh3_64(&self.buf) as u32);
    }

    fn add_bits(&mut self, template: u8, bits: u16) {
        self.buf.clear();
        self.buf.push(template);
        self.buf.extend_from_slice(&bits.to_le_bytes());
        self.out.push(xxh3_64(&self.buf) as u32);
    }
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// Features of every sentence of a document.
pub(crate) fn document_features(doc: &Document, gazetteer: &Gazetteer) -> Vec<SentenceFeatures> {
    let toks: Vec<Vec<Tok>> =
        doc.sentences.iter().map(|s| s.words.iter().map(|w| Tok::new(w)).collect()).collect();
    let context = DocContext::new(doc, &toks);
    doc.sentences.iter().zip(&toks).map(|(s, t)| sentence_features(s, t, &context, gazetteer)).collect()
}

fn flag(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

fn sentence_features(
    s: &Sentence,
    toks: &[Tok],
    doc: &DocContext,
    gazetteer: &Gazetteer,
) -> SentenceFeatures {
    let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
    let gaz = gazetteer.mark(&norms);
    let caps = shouting(s);
    let digits = s.words.iter().filter(|w| w.chars().any(|c| c.is_ascii_digit())).count();
    // Score tables and results lines (`Japan 2 Syria 1`) read unlike prose.
    let table = digits * 3 >= s.words.len().max(1) && s.words.len() > 2;
    let mode = if caps {
        "C"
    } else if table {
        "T"
    } else {
        "P"
    };
    let n = toks.len();
    let mut out = SentenceFeatures { keys: Vec::with_capacity(n * 48), bounds: Vec::with_capacity(n + 1) };
    out.bounds.push(0);
    let mut sink = Sink { buf: Vec::with_capacity(64), out: &mut out.keys };
    // A field of the token at `i`, or the sentence-boundary marker past either end.
    let padded = |i: isize, field: fn(&Tok) -> &str| -> &str {
        if i < 0 {
            BOS
        } else if i as usize >= n {
            EOS
        } else {
            field(&toks[i as usize])
        }
    };
    let norm_at = |i: isize| padded(i, |t| &t.norm);
    let short_at = |i: isize| padded(i, |t| &t.short);
    for (i, t) in toks.iter().enumerate() {
        let ii = i as isize;
        let word = s.words[i].as_str();
        let first = if i == 0 { "1" } else { "0" };
        sink.add(0, &[]);
        sink.add(1, &[word]);
        sink.add(2, &[&t.norm]);
        sink.add(3, &[&t.shape]);
        sink.add(4, &[&t.short, first, mode]);
        // Affixes up to four chars, of words longer than the affix.
        let mut front = t.norm.char_indices().map(|(b, _)| b).skip(1);
        let mut back = t.norm.char_indices().rev().map(|(b, _)| b);
        for k in 1..=4u8 {
            let (Some(p), Some(q)) = (front.next(), back.next()) else { break };
            if q == 0 {
                break;
            }
            sink.add(5 + k, &[&t.norm[..p]]);
            sink.add(10 + k, &[&t.norm[q..]]);
        }
        sink.add(15, &[norm_at(ii - 1)]);
        sink.add(16, &[norm_at(ii + 1)]);
        sink.add(17, &[norm_at(ii - 2)]);
        sink.add(18, &[norm_at(ii + 2)]);
        sink.add(19, &[norm_at(ii - 1), &t.norm]);
        sink.add(20, &[&t.norm, norm_at(ii + 1)]);
        sink.add(21, &[short_at(ii - 1), &t.short, short_at(ii + 1)]);
        sink.add(22, &[short_at(ii - 1), &t.short]);
        sink.add(23, &[&t.short, short_at(ii + 1)]);
        sink.add(24, &[norm_at(ii - 1), &t.short]);
        sink.add(25, &[&t.short, norm_at(ii + 1)]);
        if caps {
            // In a headline the case says nothing: the body's use of the word does.
            sink.add(26, &[&t.norm]);
            sink.add(
                27,
                &[flag(doc.cap_mid.contains(t.norm.as_str())), flag(doc.lower.contains(t.norm.as_str()))],
            );
        }
        if t.cap || t.all_caps {
            let cap_mid = doc.cap_mid.contains(t.norm.as_str());
            let lower = doc.lower.contains(t.norm.as_str());
            sink.add(28, &[flag(cap_mid), flag(lower), first, mode]);
            sink.add(
                29,
                &[
                    flag(doc.run_last.contains(t.norm.as_str())),
                    flag(doc.run_first.contains(t.norm.as_str())),
                ],
            );
            let prev = norm_at(ii - 1).trim_end_matches('.');
            if lexicon::is_title(prev) || lexicon::is_honorific(prev) {
                sink.add(30, &[]);
            }
        }
        let g = gaz[i];
        if g != 0 {
            for bit in 0..16 {
                if g & (1 << bit) != 0 {
                    let code = &"abcdefghijklmnop"[bit..bit + 1];
                    sink.add(31, &[code, flag(t.cap)]);
                    sink.add(32, &[code, mode]);
                }
            }
        } else {
            sink.add(33, &[flag(t.cap)]);
        }
        let g_prev = if i > 0 { gaz[i - 1] } else { 0 };
        let g_next = if i + 1 < n { gaz[i + 1] } else { 0 };
        sink.add_bits(34, (g_prev & 0x8888) | (g_next & 0x1111));
        sink.add(35, &[&t.short, mode, ["0", "1", "2", "3"][i.min(3)]]);
        if t.norm.contains('-') {
            for piece in t.norm.split('-').filter(|p| !p.is_empty()) {
                sink.add(36, &[piece]);
            }
        }
        out.bounds.push(sink.out.len() as u32);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conll::EntitySpan;
    use wiretrace_core::EntityKind;

    fn sentence(text: &str) -> Sentence {
        Sentence { words: text.split(' ').map(str::to_string).collect(), entities: Vec::new() }
    }

    #[test]
    fn gazetteer_marks_positions_of_known_names() {
        let mut s = sentence("Port Estrel Harbour Board met");
        s.entities.push(EntitySpan { range: 0..4, kind: EntityKind::Organization });
        s.entities.push(EntitySpan { range: 0..2, kind: EntityKind::Location });
        let doc = Document { sentences: vec![s] };
        let g = Gazetteer::build([&doc]);
        let norms: Vec<&str> = "in port estrel harbour board".split(' ').collect();
        let marks = g.mark(&norms);
        assert_eq!(marks[0], 0);
        // ORG = type 1: B at `port`, L at `board`; LOC = type 2: B at `port`, L at `estrel`.
        assert_eq!(marks[1], (1 << 4) | (1 << 8));
        assert_eq!(marks[2], (1 << 5) | (1 << 10));
        assert_eq!(marks[4], 1 << 6);
    }

    #[test]
    fn every_token_gets_features() {
        let doc = Document { sentences: vec![sentence("Aldo Brenn said so ."), sentence("BRENN WINS")] };
        let feats = document_features(&doc, &Gazetteer::default());
        assert_eq!(feats[0].len(), 5);
        assert!(feats[0].token(0).len() > 20);
        assert_eq!(shapes("U.S.-based").1, "X.X.-x");
        assert_eq!(norm_word("Guaidó’s"), "guaidó's");
    }
}

//! `reuse-gen`: builds a reuse benchmark corpus of N articles with planted copies of known
//! provenance.
//!
//! ```text
//! reuse-gen --texts DIR --n 100000 --out DIR [--seed 1]
//! ```
//!
//! The real text files in `--texts` (any folder of `.txt` files) train a word-level bigram
//! (order-1 Markov) model; every *original* article is new text drawn from it, with a pull
//! towards the vocabulary of one real file (its topic), so originals drawn for the same file
//! are unrelated articles on the same topic. Originals are independent draws from a model
//! whose state is one word, so two originals share a passage only by chance (the runner's
//! false positives show how often that happens: it is rare). Each original gets 0 to 3 planted
//! copies:
//!
//! - `verbatim`: every paragraph, sometimes under a new intro paragraph;
//! - `edited`: every paragraph with about 6% of words replaced, `U.S.` written `US` (and back),
//!   one sentence dropped and one new sentence inserted;
//! - `partial`: one or two of its paragraphs among new paragraphs;
//! - `reordered`: its paragraphs shuffled.
//!
//! Writes `corpus.jsonl` (one `{"id", "outlet", "text"}` a line; the id is the line number)
//! and `truth.tsv` (`a  b  kind`, a < b): every pair of one family (an original and its
//! copies) that shares at least one of the original's paragraphs. Families are shuffled in
//! blocks so copies do not sit next to their originals.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use wiretrace_bench::Rng;

struct Model {
    words: Vec<String>,
    /// Successors of each word, repeated by count, so a uniform pick follows the bigram odds.
    next: Vec<Vec<u32>>,
    /// Words that start a sentence in the real text.
    starts: Vec<u32>,
    /// Per real file, its words longer than three letters: the topic vocabulary.
    topics: Vec<Vec<u32>>,
}

impl Model {
    fn train(dir: &PathBuf) -> Result<Model> {
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        if files.is_empty() {
            bail!("no .txt files in {}", dir.display());
        }
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut model = Model { words: Vec::new(), next: Vec::new(), starts: Vec::new(), topics: Vec::new() };
        for path in &files {
            let text = fs::read_to_string(path).unwrap_or_default();
            let mut topic = Vec::new();
            let mut prev: Option<u32> = None;
            // Learn from prose only: scraped pages carry CSS and markup whose words always
            // follow each other the same way, and a chain trained on them would write the same
            // long runs into unrelated articles.
            let prose = text.lines().filter(|line| !looks_like_code(line)).flat_map(str::split_whitespace);
            for w in prose {
                let id = *ids.entry(w.to_string()).or_insert_with(|| {
                    model.words.push(w.to_string());
                    model.next.push(Vec::new());
                    (model.words.len() - 1) as u32
                });
                match prev {
                    Some(p) => {
                        model.next[p as usize].push(id);
                        if ends_sentence(&model.words[p as usize]) && starts_upper(w) {
                            model.starts.push(id);
                        }
                    }
                    None if starts_upper(w) => model.starts.push(id),
                    None => {}
                }
                if w.chars().filter(|c| c.is_alphabetic()).count() > 3 {
                    topic.push(id);
                }
                prev = Some(id);
            }
            if !topic.is_empty() {
                model.topics.push(topic);
            }
        }
        if model.starts.is_empty() || model.topics.is_empty() {
            bail!("the texts in {} are too small to learn from", dir.display());
        }
        Ok(model)
    }

    /// One new sentence of 10 to 30 words.
    fn sentence(&self, rng: &mut Rng, topic: usize) -> String {
        let mut cur = self.starts[rng.below(self.starts.len())];
        let mut out: Vec<&str> = vec![&self.words[cur as usize]];
        loop {
            let topic_words = &self.topics[topic];
            let succ = &self.next[cur as usize];
            // Now and then jump to a word of the topic: the article stays on its subject
            // while the chain, one word deep, keeps it from repeating the real text.
            cur = if succ.is_empty() || rng.chance(0.12) {
                topic_words[rng.below(topic_words.len())]
            } else {
                succ[rng.below(succ.len())]
            };
            let w = &self.words[cur as usize];
            if ends_sentence(w) && out.len() < 9 {
                continue;
            }
            out.push(w);
            if ends_sentence(w) {
                break;
            }
            if out.len() >= 30 {
                break;
            }
        }
        let mut s = out.join(" ");
        if !ends_sentence(&s) {
            s.push('.');
        }
        capitalize(&s)
    }

    fn paragraph(&self, rng: &mut Rng, topic: usize) -> Vec<String> {
        (0..rng.between(2, 4)).map(|_| self.sentence(rng, topic)).collect()
    }
}

/// A line of CSS, markup or script rather than prose.
fn looks_like_code(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() {
        return false;
    }
    let codey = words
        .iter()
        .filter(|w| {
            w.contains(['{', '}', ';', '<', '>', '=', '_', '#'])
                || w.ends_with("px")
                || (w.contains(':') && !w.ends_with(':'))
                || w.contains("://")
        })
        .count();
    codey * 5 >= words.len()
}

fn ends_sentence(w: &str) -> bool {
    let w = w.trim_end_matches(['"', '\u{201d}', '\'', ')']);
    w.ends_with('.') || w.ends_with('?') || w.ends_with('!')
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

type Paragraph = Vec<String>;

/// One generated article: its paragraphs and which of its family original's paragraphs it
/// carries.
struct Doc {
    kind: &'static str,
    paragraphs: Vec<Paragraph>,
    carries: Vec<usize>,
}

fn edit_sentence(rng: &mut Rng, model: &Model, topic: usize, s: &str) -> String {
    let topic_words = &model.topics[topic];
    let words: Vec<String> = s
        .split_whitespace()
        .map(|w| match w {
            "U.S." => "US".to_string(),
            "US" => "U.S.".to_string(),
            _ if rng.chance(0.06) => model.words[topic_words[rng.below(topic_words.len())] as usize].clone(),
            _ => w.to_string(),
        })
        .collect();
    words.join(" ")
}

fn family(rng: &mut Rng, model: &Model) -> Vec<Doc> {
    let topic = rng.below(model.topics.len());
    let n_paras = rng.between(4, 8);
    let original: Vec<Paragraph> = (0..n_paras).map(|_| model.paragraph(rng, topic)).collect();
    let all: Vec<usize> = (0..n_paras).collect();
    let copies = match rng.below(20) {
        0..=8 => 0,
        9..=14 => 1,
        15..=17 => 2,
        _ => 3,
    };
    let mut docs = vec![Doc { kind: "original", paragraphs: original.clone(), carries: all.clone() }];
    for _ in 0..copies {
        let doc = match rng.below(4) {
            0 => {
                let mut paragraphs = original.clone();
                if rng.chance(0.5) {
                    paragraphs.insert(0, model.paragraph(rng, topic));
                }
                Doc { kind: "verbatim", paragraphs, carries: all.clone() }
            }
            1 => {
                let mut paragraphs: Vec<Paragraph> = original
                    .iter()
                    .map(|p| p.iter().map(|s| edit_sentence(rng, model, topic, s)).collect())
                    .collect();
                // Drop a sentence where at least two stay, so the paragraph is still shared.
                let long: Vec<usize> = (0..paragraphs.len()).filter(|&i| paragraphs[i].len() >= 3).collect();
                if !long.is_empty() {
                    let p = long[rng.below(long.len())];
                    let s = rng.below(paragraphs[p].len());
                    paragraphs[p].remove(s);
                }
                let p = rng.below(paragraphs.len());
                let at = rng.below(paragraphs[p].len() + 1);
                paragraphs[p].insert(at, model.sentence(rng, topic));
                Doc { kind: "edited", paragraphs, carries: all.clone() }
            }
            2 => {
                let take = rng.between(1, 2.min(n_paras));
                let mut carries = all.clone();
                rng.shuffle(&mut carries);
                carries.truncate(take);
                carries.sort_unstable();
                let mut paragraphs: Vec<Paragraph> =
                    (0..rng.between(1, 3)).map(|_| model.paragraph(rng, topic)).collect();
                for &c in &carries {
                    let at = rng.below(paragraphs.len() + 1);
                    paragraphs.insert(at, original[c].clone());
                }
                Doc { kind: "partial", paragraphs, carries }
            }
            _ => {
                let mut order = all.clone();
                while order == all {
                    rng.shuffle(&mut order);
                }
                let paragraphs = order.iter().map(|&i| original[i].clone()).collect();
                Doc { kind: "reordered", paragraphs, carries: all.clone() }
            }
        };
        docs.push(doc);
    }
    docs
}

/// Families generated before their members are shuffled together and written.
const BLOCK: usize = 2000;

fn main() -> Result<()> {
    let mut texts: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut n: usize = 10_000;
    let mut seed: u64 = 1;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--texts" => texts = Some(value()?.into()),
            "--out" => out = Some(value()?.into()),
            "--n" => n = value()?.parse().context("--n")?,
            "--seed" => seed = value()?.parse().context("--seed")?,
            _ => bail!("usage: reuse-gen --texts DIR --n N --out DIR [--seed S] (unknown {a})"),
        }
    }
    let (Some(texts), Some(out)) = (texts, out) else {
        bail!("usage: reuse-gen --texts DIR --n N --out DIR [--seed S]");
    };
    let model = Model::train(&texts)?;
    fs::create_dir_all(&out)?;
    let mut corpus = BufWriter::new(File::create(out.join("corpus.jsonl"))?);
    let mut truth = BufWriter::new(File::create(out.join("truth.tsv"))?);
    let mut rng = Rng::new(seed);
    let mut written = 0usize;
    let mut kinds: HashMap<&str, usize> = HashMap::new();
    let mut gold = 0usize;
    while written < n {
        let mut block: Vec<(usize, Doc)> = Vec::new();
        for f in 0..BLOCK {
            for doc in family(&mut rng, &model) {
                block.push((f, doc));
            }
        }
        block.truncate(n - written);
        rng.shuffle(&mut block);
        let mut members: HashMap<usize, Vec<(usize, &Doc)>> = HashMap::new();
        for (i, (f, doc)) in block.iter().enumerate() {
            let id = written + i;
            let text: Vec<String> = doc.paragraphs.iter().map(|p| p.join(" ")).collect();
            let line = serde_json::json!({
                "id": id.to_string(),
                "outlet": format!("outlet{}", rng.below(500)),
                "text": text.join("\n\n"),
            });
            writeln!(corpus, "{line}")?;
            *kinds.entry(doc.kind).or_default() += 1;
            members.entry(*f).or_default().push((id, doc));
        }
        for list in members.values() {
            for (i, &(x, dx)) in list.iter().enumerate() {
                for &(y, dy) in &list[i + 1..] {
                    if dx.carries.iter().any(|c| dy.carries.contains(c)) {
                        let (a, b, ka, kb) =
                            if x < y { (x, y, dx.kind, dy.kind) } else { (y, x, dy.kind, dx.kind) };
                        writeln!(truth, "{a}\t{b}\t{ka}-{kb}")?;
                        gold += 1;
                    }
                }
            }
        }
        written += block.len();
    }
    corpus.flush()?;
    truth.flush()?;
    let mut kinds: Vec<_> = kinds.into_iter().collect();
    kinds.sort();
    eprintln!("wrote {written} articles ({kinds:?}) and {gold} planted pairs to {}", out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_and_markup_lines_are_not_prose() {
        assert!(looks_like_code("font-family: helvetica, arial, sans-serif; font-size: 15px;"));
        assert!(looks_like_code("<div class=\"share-bar\">"));
        assert!(!looks_like_code(
            "The harbour pilots refused night shifts on Monday: the lights had failed."
        ));
    }
}

//! Pairing quote marks into quoted stretches. Straight, curly and angle marks each close only
//! their own kind, so a straight-quoted statement may hold a curly-quoted question. An opening
//! mark left open at a paragraph's end runs on only when the next paragraph opens with a mark
//! (the news convention for a quote over several paragraphs); otherwise it stops there.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Straight,
    Curly,
    Angle,
    Single,
}

/// Words between quote marks, possibly over several paragraphs. Byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Quoted {
    /// The words without marks, one range per paragraph, trimmed.
    pub parts: Vec<Range<usize>>,
    /// The opening mark.
    pub open: usize,
    /// Just after the closing mark (the paragraph's end when the mark never came).
    pub close: usize,
    /// Paragraph indices where the quote opens and closes.
    pub first_para: usize,
    pub last_para: usize,
    /// Between single marks: accepted later only when long enough to be speech.
    pub single: bool,
    /// A transcript turn's speaker label (`"WALLACE: ...`), left out of the parts.
    pub label: Option<Range<usize>>,
}

struct Open {
    family: Family,
    mark: usize,
    inner_start: usize,
    parts: Vec<Range<usize>>,
    first_para: usize,
    label: Option<Range<usize>>,
}

/// A straight mark after a word and before a space or punctuation can only close.
fn looks_closing_only(prev: Option<char>, next: Option<char>) -> bool {
    let after_word = prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '.' | ',' | '!' | '?'));
    let before_gap = match next {
        None => true,
        Some(n) => n.is_whitespace() || matches!(n, '.' | ',' | ';' | ':' | ')'),
    };
    after_word && before_gap
}

/// A single curly mark opens a quote only at a word's start ("‘5,000 troops") — not in
/// "rock ‘n’ roll" style elisions inside words.
fn opens_single(prev: Option<char>, next: Option<char>) -> bool {
    let after_gap = match prev {
        None => true,
        Some(p) => p.is_whitespace() || matches!(p, '(' | '—' | '–' | ':'),
    };
    after_gap && next.is_some_and(char::is_alphanumeric)
}

/// Start of text or after a space: where an opening mark stands.
fn at_word_start(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => p.is_whitespace(),
    }
}

fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    range.start + lead..range.start + lead + body.len()
}

/// The speaker label of a transcript turn starting at `at` (just after a paragraph's opening
/// mark): one to four upper-case words and a colon, `WALLACE: ` or `SEN. KAINE: `. Returns
/// the label and where the turn's words start.
fn transcript_label(text: &str, at: usize) -> Option<(Range<usize>, usize)> {
    let rest = &text[at..];
    let colon = rest.find(':').filter(|&c| c <= 40)?;
    let label = &rest[..colon];
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let fits = letters >= 2
        && label.split_whitespace().count() <= 4
        && label.chars().all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
        && rest[colon + 1..].starts_with(' ');
    if !fits {
        return None;
    }
    let words = colon + 1 + (rest[colon + 1..].len() - rest[colon + 1..].trim_start().len());
    Some((at..at + colon, at + words))
}

/// The family of the mark opening `para`, if it opens with one.
fn paragraph_family(text: &str, para: &Range<usize>) -> Option<Family> {
    match text[para.clone()].chars().next()? {
        '"' => Some(Family::Straight),
        '“' | '„' => Some(Family::Curly),
        '«' => Some(Family::Angle),
        _ => None,
    }
}

/// All quoted stretches of `text`, in order; `paras` are its paragraphs (byte ranges).
///
/// Writers mix families (`"no evidence”`), so a closing mark of the other family closes a
/// quote when no quote of its own family is open inside it. A chain of paragraphs opened by
/// a mark that never closes is a block excerpt or a transcript (`"WALLACE: ...` paragraph
/// after paragraph), not one quote: its opening mark is set aside and its words read again
/// for the quotes inside it.
pub(crate) fn find(text: &str, paras: &[Range<usize>]) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    // Straight marks inside a curly quote, curly ones inside a straight quote.
    let mut nested = 0usize;
    // Where to read the paragraph `pi` from after an excerpt mark was set aside.
    let mut resume: Option<usize> = None;
    let mut pi = 0;
    while pi < paras.len() {
        let para = &paras[pi];
        let chars: Vec<(usize, char)> =
            text[para.clone()].char_indices().map(|(b, c)| (para.start + b, c)).collect();
        let mut k = 0;
        if let Some(from) = resume.take() {
            k = chars.iter().position(|&(b, _)| b >= from).unwrap_or(chars.len());
        } else if let Some(o) = open.as_mut() {
            // Carried over: this paragraph starts with the mark that continues the quote.
            o.inner_start = chars[0].0 + chars[0].1.len_utf8();
            k = 1;
        }
        while k < chars.len() {
            let (b, c) = chars[k];
            let prev = k.checked_sub(1).map(|i| chars[i].1);
            let next = chars.get(k + 1).map(|x| x.1);
            let after = b + c.len_utf8();
            match open.as_mut() {
                None => {
                    let family = match c {
                        '"' if !looks_closing_only(prev, next) => Some(Family::Straight),
                        '“' | '„' => Some(Family::Curly),
                        // A closing mark typed where an opening one belongs.
                        '”' if at_word_start(prev) && next.is_some_and(char::is_alphanumeric) => {
                            Some(Family::Curly)
                        }
                        '«' => Some(Family::Angle),
                        '‘' if opens_single(prev, next) => Some(Family::Single),
                        _ => None,
                    };
                    if let Some(family) = family {
                        nested = 0;
                        let label = if k == 0 && family != Family::Single {
                            transcript_label(text, after)
                        } else {
                            None
                        };
                        open = Some(Open {
                            family,
                            mark: b,
                            inner_start: label.as_ref().map_or(after, |(_, words)| *words),
                            parts: Vec::new(),
                            first_para: pi,
                            label: label.map(|(l, _)| l),
                        });
                    }
                }
                Some(o) => {
                    let closes = match o.family {
                        Family::Straight => match c {
                            '"' => true,
                            '“' | '„' => {
                                nested += 1;
                                false
                            }
                            '”' if nested > 0 => {
                                nested -= 1;
                                false
                            }
                            '”' => looks_closing_only(prev, next),
                            _ => false,
                        },
                        Family::Curly => match c {
                            '”' => true,
                            // An opening mark typed where the closing one belongs.
                            '“' if looks_closing_only(prev, next) => true,
                            '"' if nested > 0 => {
                                nested -= 1;
                                false
                            }
                            '"' if looks_closing_only(prev, next) => true,
                            '"' => {
                                nested += 1;
                                false
                            }
                            _ => false,
                        },
                        Family::Angle => c == '»',
                        Family::Single => {
                            c == '’'
                                && prev.is_some_and(|p| !p.is_whitespace())
                                && !next.is_some_and(char::is_alphanumeric)
                        }
                    };
                    if closes {
                        let mut o = open.take().expect("open quote");
                        o.parts.push(trimmed(text, o.inner_start..b));
                        push(&mut out, o, after, pi);
                    } else if o.family == Family::Single && matches!(c, '"' | '“' | '”') {
                        // The single mark was an apostrophe after all; read this mark afresh.
                        open = None;
                        continue;
                    }
                }
            }
            k += 1;
        }
        if let Some(mut o) = open.take() {
            if o.family == Family::Single {
                pi += 1;
                continue;
            }
            let first = &paras[o.first_para];
            let opened_paragraph = o.mark == first.start;
            o.parts.push(trimmed(text, o.inner_start..para.end));
            // The next turn of a transcript is a quote of its own.
            let next_turn = paras.get(pi + 1).is_some_and(|next| {
                let open = next.start + text[next.clone()].chars().next().map_or(0, char::len_utf8);
                transcript_label(text, open).is_some()
            });
            if !next_turn && paras.get(pi + 1).and_then(|next| paragraph_family(text, next)) == Some(o.family)
            {
                open = Some(o);
            } else if opened_paragraph && o.label.is_none() {
                // A block excerpt never closed: read its first paragraph again past the mark.
                resume = Some(o.mark + text[o.mark..].chars().next().map_or(1, char::len_utf8));
                pi = o.first_para;
                continue;
            } else {
                push(&mut out, o, para.end, pi);
            }
        }
        pi += 1;
    }
    out
}

fn push(out: &mut Vec<Quoted>, o: Open, close: usize, last_para: usize) {
    let parts: Vec<Range<usize>> = o.parts.into_iter().filter(|r| !r.is_empty()).collect();
    if parts.is_empty() {
        return;
    }
    out.push(Quoted {
        parts,
        open: o.mark,
        close,
        first_para: o.first_para,
        last_para,
        single: o.family == Family::Single,
        label: o.label,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiretrace_text::paragraphs;

    fn quoted(text: &str) -> Vec<Vec<&str>> {
        find(text, &paragraphs(text))
            .into_iter()
            .map(|q| q.parts.into_iter().map(|r| &text[r]).collect())
            .collect()
    }

    #[test]
    fn pairs_straight_and_curly_marks() {
        let text = "\"We will stay,\" Orla Finch said. Later: “It holds.”";
        assert_eq!(quoted(text), [vec!["We will stay,"], vec!["It holds."]]);
    }

    #[test]
    fn nested_marks_of_another_kind_stay_inside() {
        let text = "\"She asked “why now?” and left,\" he said.";
        assert_eq!(quoted(text), [vec!["She asked “why now?” and left,"]]);
    }

    #[test]
    fn quote_runs_over_paragraphs_only_when_the_next_opens_with_a_mark() {
        let text = "“First part.\n\n“Second part,” she said.\n\nAn \"unclosed mark here.\n\nNext paragraph \"is safe.\"";
        assert_eq!(
            quoted(text),
            [vec!["First part.", "Second part,"], vec!["unclosed mark here."], vec!["is safe."]]
        );
    }

    #[test]
    fn mixed_mark_families_pair_up() {
        let text = "There was “no evidence\" yet, and \"a long night” ahead. “Ready now.“ Done.";
        assert_eq!(quoted(text), [vec!["no evidence"], vec!["a long night"], vec!["Ready now."]]);
        let text = "\"She asked “why now?” and left,\" he said.";
        assert_eq!(quoted(text), [vec!["She asked “why now?” and left,"]]);
    }

    #[test]
    fn a_block_excerpt_never_closed_gives_the_quotes_inside_it() {
        let text = "The Ledger reports:\n\n\"Rook had seen the storm, what she called a “monster,” from the pier.\n\n\"Later the boats came in.\n\n“We were lucky,” she said.";
        assert_eq!(quoted(text), [vec!["monster,"], vec!["We were lucky,"]]);
    }

    #[test]
    fn transcript_turns_are_quotes_with_their_label() {
        let text = "\"HOST: Will the bridge open?\n\n\"ROOK: It will, “soon” as we say.\n\n\"And on time.";
        let found = find(text, &paragraphs(text));
        let got: Vec<(Vec<&str>, Option<&str>)> = found
            .iter()
            .map(|q| (q.parts.iter().map(|r| &text[r.clone()]).collect(), q.label.clone().map(|l| &text[l])))
            .collect();
        assert_eq!(
            got,
            [
                (vec!["Will the bridge open?"], Some("HOST")),
                (vec!["It will, “soon” as we say.", "And on time."], Some("ROOK")),
            ]
        );
    }

    #[test]
    fn apostrophes_do_not_open_single_quotes() {
        let text = "Don’t fear the ‘rock ’n’ roll’ years, he said, holding ‘five boats to the north’.";
        let q = quoted(text);
        assert_eq!(q.last().unwrap(), &vec!["five boats to the north"]);
    }
}

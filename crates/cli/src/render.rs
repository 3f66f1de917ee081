//! What the user sees: stories as text, Markdown or JSON.
//!
//! Article text is untrusted: control characters (terminal escape sequences) are replaced
//! before printing, and Markdown gets its markup characters escaped, so a hostile article
//! can neither drive the terminal nor inject links or HTML into a rendered report.

use std::fmt::Write;

use anyhow::Result;
use wiretrace_core::{Direction, EntityKind, OriginKind, Story};

use crate::Format;

/// Entities shown per kind in text and Markdown (JSON carries all of them).
const TOP_ENTITIES: usize = 8;
/// Quotes shown in text and Markdown (JSON carries all of them).
const TOP_QUOTES: usize = 12;
/// Claims shown in text and Markdown (JSON carries all of them).
const TOP_CLAIMS: usize = 8;

pub fn stories(stories: &[Story], format: Format) -> Result<String> {
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(stories)? + "\n",
        Format::Text => stories.iter().map(story_text).collect::<Vec<_>>().join("\n"),
        Format::Md => stories.iter().map(story_md).collect::<Vec<_>>().join("\n"),
    })
}

pub fn story(story: &Story, format: Format) -> Result<String> {
    match format {
        Format::Json => Ok(serde_json::to_string_pretty(story)? + "\n"),
        _ => stories(std::slice::from_ref(story), format),
    }
}

pub fn story_list(stories: &[Story], format: Format) -> Result<String> {
    let mut out = String::new();
    match format {
        Format::Json => return Ok(serde_json::to_string_pretty(stories)? + "\n"),
        Format::Text => {
            for s in stories {
                writeln!(
                    out,
                    "{:>4}  {}  {:>3} articles  {:>2} independent origins  {}",
                    s.id,
                    date_range(s),
                    s.articles.len(),
                    s.independent_origins,
                    clean(&s.title)
                )?;
            }
        }
        Format::Md => {
            out.push_str(
                "| story | dates | articles | independent origins | title |\n|---:|---|---:|---:|---|\n",
            );
            for s in stories {
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    s.id,
                    date_range(s),
                    s.articles.len(),
                    s.independent_origins,
                    md(&s.title)
                )?;
            }
        }
    }
    Ok(out)
}

pub fn schema() -> Result<String> {
    Ok(serde_json::to_string_pretty(&schemars::schema_for!(Story))? + "\n")
}

fn date_range(s: &Story) -> String {
    let day = |d: Option<chrono::DateTime<chrono::Utc>>| {
        d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "undated".into())
    };
    match (s.first_published, s.last_published) {
        (Some(a), Some(b)) if a.date_naive() != b.date_naive() => {
            format!("{} – {}", day(Some(a)), day(Some(b)))
        }
        (a, _) => format!("{:<23}", day(a)),
    }
}

/// "1 article", "2 articles".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn origin_kind(kind: OriginKind) -> &'static str {
    match kind {
        OriginKind::Attributed => "attributed",
        OriginKind::OwnReporting => "own reporting",
    }
}

fn arrow(d: Direction) -> &'static str {
    match d {
        Direction::AToB => "→",
        Direction::BToA => "←",
        Direction::Unknown => "↔",
    }
}

fn kind_heading(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Organization => "Organisations",
        EntityKind::Location => "Places",
        EntityKind::Misc => "Other names",
    }
}

/// "8 articles · 6 outlets · 4 events · 3 independent origins · dates": the line under a
/// story's title; `emphasis` marks the independent-origin count, the figure that matters.
fn at_a_glance(s: &Story, emphasis: impl Fn(String) -> String) -> String {
    format!(
        "{} · {} · {} · {} · {}",
        count(s.articles.len(), "article"),
        count(s.outlets.len(), "outlet"),
        count(s.events.len(), "event"),
        emphasis(count(s.independent_origins, "independent origin")),
        date_range(s).trim_end()
    )
}

fn story_text(s: &Story) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Story {} · {}", s.id, clean(&s.title));
    let _ = writeln!(o, "{}", at_a_glance(s, |origins| origins));
    if let Some(summary) = &s.summary {
        let _ = writeln!(o, "{}", clean(summary));
    }
    let _ = writeln!(o, "\nEvents");
    for (n, e) in s.events.iter().enumerate() {
        let day = e
            .first_published
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "undated   ".into());
        let _ = writeln!(
            o,
            "  {}. {}  {}\n       articles: {}",
            n + 1,
            day,
            clean(&e.title),
            e.articles.join(", ")
        );
    }
    let _ = writeln!(o, "\nOrigins ({} independent)", s.independent_origins);
    let width = s.origins.iter().map(|x| x.name.chars().count()).max().unwrap_or(0);
    for origin in &s.origins {
        let _ = writeln!(
            o,
            "  {:width$}  {:13}  {}",
            clean(&origin.name),
            origin_kind(origin.kind),
            origin.articles.join(", ")
        );
    }
    let _ = writeln!(o, "\nCopied passages");
    if s.reuse.is_empty() {
        let _ = writeln!(o, "  none");
    }
    for link in &s.reuse {
        let chars: usize = link.passages.iter().map(|p| p.a_end - p.a_start).sum();
        let sim = link.passages.iter().map(|p| p.similarity).fold(0.0f32, f32::max);
        let _ = writeln!(
            o,
            "  {} {} {}  {}, {} chars, best similarity {:.2}",
            link.a,
            arrow(link.direction),
            link.b,
            count(link.passages.len(), "passage"),
            chars,
            sim
        );
    }
    let _ = writeln!(o, "\nQuotes");
    if s.quotes.is_empty() {
        let _ = writeln!(o, "  none");
    }
    for q in s.quotes.iter().take(TOP_QUOTES) {
        let who = q.speaker.as_deref().map(clean).unwrap_or_else(|| "unknown speaker".into());
        let to = q.medium.as_deref().map(|m| format!(" (to {})", clean(m))).unwrap_or_default();
        let _ = writeln!(
            o,
            "  {who}{to} — in {} · {}",
            q.articles.join(", "),
            count(q.independent_origins, "origin")
        );
        let _ = writeln!(o, "    “{}”", clean(&q.text));
    }
    if s.quotes.len() > TOP_QUOTES {
        let _ = writeln!(o, "  … {} more (--format json lists all)", s.quotes.len() - TOP_QUOTES);
    }
    if !s.claims.is_empty() {
        let _ = writeln!(o, "\nClaims");
        for c in s.claims.iter().take(TOP_CLAIMS) {
            let _ = writeln!(
                o,
                "  {} — {} · in {} · {}",
                clean(&c.number),
                c.sources.iter().map(|x| clean(x)).collect::<Vec<_>>().join(", "),
                c.articles.join(", "),
                count(c.independent_origins, "origin")
            );
            let _ = writeln!(o, "    {}", clean(&c.text));
        }
    }
    for kind in [EntityKind::Person, EntityKind::Organization, EntityKind::Location] {
        let of_kind: Vec<_> = s.entities.iter().filter(|e| e.kind == kind).take(TOP_ENTITIES).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\n{}", kind_heading(kind));
        for e in of_kind {
            let also = if e.variants.is_empty() {
                String::new()
            } else {
                format!("; also {}", e.variants.iter().map(|v| clean(v)).collect::<Vec<_>>().join(", "))
            };
            let _ = writeln!(
                o,
                "  {} ({} in {}{also})",
                clean(&e.name),
                count(e.mentions, "mention"),
                count(e.articles.len(), "article")
            );
        }
    }
    o
}

fn story_md(s: &Story) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "## Story {}: {}\n", s.id, md(&s.title));
    let _ = writeln!(o, "{}\n", at_a_glance(s, |origins| format!("**{origins}**")));
    if let Some(summary) = &s.summary {
        let _ = writeln!(o, "> {}\n", md(summary));
    }
    let _ = writeln!(o, "### Events\n");
    for e in &s.events {
        let day =
            e.first_published.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "undated".into());
        let _ = writeln!(o, "1. {day} — {} ({})", md(&e.title), e.articles.join(", "));
    }
    let _ = writeln!(o, "\n### Origins\n\n| origin | kind | articles |\n|---|---|---|");
    for origin in &s.origins {
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            md(&origin.name),
            origin_kind(origin.kind),
            origin.articles.join(", ")
        );
    }
    let _ = writeln!(o, "\n### Copied passages\n");
    if s.reuse.is_empty() {
        let _ = writeln!(o, "None.");
    }
    for link in &s.reuse {
        let chars: usize = link.passages.iter().map(|p| p.a_end - p.a_start).sum();
        let _ = writeln!(
            o,
            "- {} {} {}: {} passages, {chars} chars",
            link.a,
            arrow(link.direction),
            link.b,
            link.passages.len()
        );
    }
    let _ = writeln!(o, "\n### Quotes\n");
    for q in s.quotes.iter().take(TOP_QUOTES) {
        let who = q.speaker.as_deref().map(md).unwrap_or_else(|| "unknown speaker".into());
        let to = q.medium.as_deref().map(|m| format!(" to {}", md(m))).unwrap_or_default();
        let _ = writeln!(o, "- **{who}**{to} ({}): “{}”", q.articles.join(", "), md(&q.text));
    }
    if !s.claims.is_empty() {
        let _ = writeln!(o, "\n### Claims\n");
        for c in s.claims.iter().take(TOP_CLAIMS) {
            let sources = c.sources.iter().map(|x| md(x)).collect::<Vec<_>>().join(", ");
            let _ = writeln!(
                o,
                "- **{}** ({sources}; {}): {}",
                md(&c.number),
                c.articles.join(", "),
                md(&c.text)
            );
        }
    }
    let _ = writeln!(o, "\n### Entities\n");
    for e in s.entities.iter().filter(|e| e.kind != EntityKind::Misc).take(TOP_ENTITIES * 2) {
        let _ = writeln!(o, "- {} ({}, {} mentions)", md(&e.name), e.kind.as_str(), e.mentions);
    }
    o
}

/// Untrusted text made safe for a terminal: control characters become spaces.
fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Untrusted text made inert in Markdown: markup characters escaped, HTML brackets included.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '(' | ')') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_in_article_text_are_neutralised() {
        assert_eq!(clean("evil\u{1b}[2Jtitle\r"), "evil [2Jtitle ");
    }

    #[test]
    fn markdown_markup_in_article_text_is_escaped() {
        assert_eq!(md("<script>x</script> [a](b)"), "\\<script\\>x\\</script\\> \\[a\\]\\(b\\)");
    }
}

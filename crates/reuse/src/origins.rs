//! Origins: the wires, broadcasters and outlets whose reporting the articles carry.
//!
//! Rules:
//! - An article names its origins through its attribution cues (told, dash sign-off, according
//!   to, with files from, dateline). A photo credit ("via REUTERS") counts only when the article
//!   has no other cue: a wire photo shows the outlet subscribes to the wire, which is weak
//!   evidence that the text came from it, but better than nothing.
//! - Origins flow along links, because a copy carries the reporting it copies: a cue-less
//!   article that copies a Reuters-cued one carries Reuters, and so does one that copies that
//!   copy (transitively). The first step is gated: a cue that attributes one remark ("told
//!   CNN", "according to the Associated Press") only flows over a link whose shared passages
//!   touch the paragraph the cue sits in, since the copy may have taken other paragraphs; cues
//!   about the whole article (dash sign-off, "With files from", dateline, photo credit) always
//!   flow. Past the first step links cannot say which passages came from which origin, so
//!   inherited origins flow over every link.
//! - Articles left without any origin form, per connected group (over all links), one
//!   [`OriginKind::OwnReporting`] origin named after the outlet of the group's earliest article
//!   (earliest publication time, then smallest id; the id itself when that article has no
//!   outlet): what they carry is that outlet's own reporting.
//! - Origins with the same name are one origin: Reuters' own article (outlet "Reuters", no cue)
//!   and articles crediting Reuters share the origin "Reuters", which is then
//!   [`OriginKind::Attributed`].

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use ahash::AHashMap;
use wiretrace_core::{Article, ArticleId, AttributionCue, CueKind, Origin, OriginKind, ReuseLink, Span};
use wiretrace_text::media::known_outlet;
use wiretrace_text::{paragraphs, CharOffsets};

/// Groups `articles` into origins (see the module docs). Links and cues about articles not in
/// `articles` are ignored. Sorted by number of articles (most first), then name; each origin's
/// articles sorted by id.
pub fn origins(articles: &[Article], links: &[ReuseLink], cues: &[AttributionCue]) -> Vec<Origin> {
    let mut index: AHashMap<&str, usize> = AHashMap::new();
    for (i, a) in articles.iter().enumerate() {
        index.entry(a.id.as_str()).or_insert(i);
    }

    // Each article's links: (other article, the link, whether this article is the link's `a`).
    let mut adjacent: Vec<Vec<(usize, &ReuseLink, bool)>> = vec![Vec::new(); articles.len()];
    let mut sets = DisjointSets::new(articles.len());
    for link in links {
        if let (Some(&x), Some(&y)) = (index.get(link.a.as_str()), index.get(link.b.as_str())) {
            if x != y {
                adjacent[x].push((y, link, true));
                adjacent[y].push((x, link, false));
                sets.union(x, y);
            }
        }
    }

    // The cues each article counts: its text cues, or failing those its photo credits. A cue
    // naming the article's own outlet ("told Valdoria Today" in Valdoria Today) is the outlet's
    // own reporting, not an outside origin.
    let cues = unify_acronyms(cues);
    let mut own: Vec<Vec<&AttributionCue>> = vec![Vec::new(); articles.len()];
    for cue in &cues {
        if let Some(&i) = index.get(cue.article.as_str()) {
            if !articles[i].outlet.as_deref().is_some_and(|o| same_outlet(o, &cue.origin)) {
                own[i].push(cue);
            }
        }
    }
    for list in &mut own {
        if list.iter().any(|c| c.kind != CueKind::Credit) {
            list.retain(|c| c.kind != CueKind::Credit);
        }
    }

    let mut carriers: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    let names: BTreeSet<&str> = own.iter().flatten().map(|c| c.origin.as_str()).collect();
    for name in names {
        let reached = spread(articles, &adjacent, &own, name);
        carriers.insert(name.to_string(), reached);
    }

    let mut by_name: BTreeMap<String, (OriginKind, BTreeSet<ArticleId>)> = BTreeMap::new();
    let mut carried = vec![false; articles.len()];
    for (name, members) in carriers {
        for &i in &members {
            carried[i] = true;
        }
        by_name.insert(
            name,
            (OriginKind::Attributed, members.iter().map(|&i| articles[i].id.clone()).collect()),
        );
    }

    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        if index.get(a.id.as_str()) == Some(&i) {
            groups.entry(sets.find(i)).or_default().push(i);
        }
    }
    for members in groups.values() {
        let bare: Vec<usize> = members.iter().copied().filter(|&i| !carried[i]).collect();
        if bare.is_empty() {
            continue;
        }
        let entry = by_name
            .entry(own_name(articles, members))
            .or_insert_with(|| (OriginKind::OwnReporting, BTreeSet::new()));
        entry.1.extend(bare.iter().map(|&i| articles[i].id.clone()));
    }

    let mut out: Vec<Origin> = by_name
        .into_iter()
        .map(|(name, (kind, ids))| Origin { name, kind, articles: ids.into_iter().collect() })
        .collect();
    out.sort_by(|x, y| y.articles.len().cmp(&x.articles.len()).then_with(|| x.name.cmp(&y.name)));
    out
}

/// Whether two spellings name one outlet: case, accents and a leading "The" aside.
fn same_outlet(a: &str, b: &str) -> bool {
    let bare = |s: &str| {
        let f = wiretrace_text::fold(s.trim());
        f.strip_prefix("the ").map(str::to_string).unwrap_or(f)
    };
    bare(a) == bare(b)
}

/// Renames acronym origins to the full name they abbreviate when the full name is also cited
/// ("AWS" and "Allied Wire Service" are one wire), so one wire is not counted twice.
fn unify_acronyms(cues: &[AttributionCue]) -> Vec<AttributionCue> {
    let names: BTreeSet<&str> = cues.iter().map(|c| c.origin.as_str()).collect();
    let initials = |name: &str| -> String {
        name.split_whitespace()
            .filter(|w| !matches!(*w, "of" | "the" | "and" | "&" | "The"))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    let full_of: BTreeMap<&str, &str> = names
        .iter()
        .filter(|n| n.len() >= 2 && n.chars().all(|c| c.is_ascii_uppercase()))
        .filter_map(|acronym| {
            let mut full = names.iter().filter(|n| n.contains(' ') && initials(n) == *acronym);
            match (full.next(), full.next()) {
                (Some(f), None) => Some((*acronym, *f)),
                _ => None,
            }
        })
        .collect();
    cues.iter()
        .map(|c| {
            let mut c = c.clone();
            if let Some(full) = full_of.get(c.origin.as_str()) {
                c.origin = full.to_string();
            }
            c
        })
        .collect()
}

/// The articles that carry origin `name`: those whose cues name it, and those reached from
/// them over links (first step gated, see the module docs).
fn spread(
    articles: &[Article],
    adjacent: &[Vec<(usize, &ReuseLink, bool)>],
    own: &[Vec<&AttributionCue>],
    name: &str,
) -> BTreeSet<usize> {
    let mut reached: BTreeSet<usize> = BTreeSet::new();
    let mut inherited = vec![false; articles.len()];
    let mut queue: VecDeque<usize> = VecDeque::new();
    for (i, list) in own.iter().enumerate() {
        let named: Vec<&AttributionCue> = list.iter().copied().filter(|c| c.origin == name).collect();
        if named.is_empty() {
            continue;
        }
        reached.insert(i);
        let whole_article = named.iter().any(|c| !is_local(c.kind));
        let cue_paragraphs: Vec<Span> = if whole_article {
            Vec::new()
        } else {
            named.iter().filter_map(|c| paragraph_of(&articles[i].text, c.span)).collect()
        };
        for &(j, link, is_a) in &adjacent[i] {
            let flows = whole_article
                || link.passages.iter().any(|p| {
                    let side = if is_a { p.a() } else { p.b() };
                    cue_paragraphs.iter().any(|para| para.overlaps(&side))
                });
            if flows && !inherited[j] {
                inherited[j] = true;
                queue.push_back(j);
            }
        }
    }
    while let Some(i) = queue.pop_front() {
        reached.insert(i);
        for &(j, _, _) in &adjacent[i] {
            if !inherited[j] {
                inherited[j] = true;
                queue.push_back(j);
            }
        }
    }
    reached
}

/// Cues that attribute one remark or paragraph rather than the whole article.
fn is_local(kind: CueKind) -> bool {
    matches!(kind, CueKind::Told | CueKind::AccordingTo)
}

/// The char span of the paragraph holding `span`.
fn paragraph_of(text: &str, span: Span) -> Option<Span> {
    let offsets = CharOffsets::new(text);
    paragraphs(text)
        .into_iter()
        .map(|r| Span::new(offsets.to_char(r.start), offsets.to_char(r.end)))
        .find(|p| p.start <= span.start && span.start < p.end)
}

/// The name of a group's own reporting: its earliest article's outlet, or that article's id.
fn own_name(articles: &[Article], members: &[usize]) -> String {
    let earliest = members
        .iter()
        .map(|&i| &articles[i])
        .min_by(|x, y| {
            // Articles without a time sort after dated ones.
            (x.published.is_none(), x.published, &x.id).cmp(&(y.published.is_none(), y.published, &y.id))
        })
        .expect("a group has members");
    match earliest.outlet.as_deref().map(str::trim) {
        Some(outlet) if !outlet.is_empty() => {
            known_outlet(outlet).map(str::to_string).unwrap_or_else(|| outlet.to_string())
        }
        _ => earliest.id.clone(),
    }
}

/// Union-find with path halving.
struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets { parent: (0..n).collect() }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, x: usize, y: usize) {
        let (rx, ry) = (self.find(x), self.find(y));
        if rx != ry {
            // The smaller index as root keeps group order stable.
            let (lo, hi) = (rx.min(ry), rx.max(ry));
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiretrace_core::{Direction, Passage};

    fn article(id: &str, outlet: &str) -> Article {
        let mut a = Article::new(id, "text");
        a.outlet = Some(outlet.to_string());
        a
    }

    fn link(a: &str, b: &str) -> ReuseLink {
        ReuseLink { a: a.into(), b: b.into(), direction: Direction::Unknown, passages: Vec::new() }
    }

    fn cue(article: &str, origin: &str, kind: CueKind) -> AttributionCue {
        AttributionCue { article: article.into(), origin: origin.into(), kind, span: Span::new(0, 1) }
    }

    #[test]
    fn copies_share_the_wire_and_loners_are_their_own_origin() {
        let articles = [
            article("w1", "Harbour Ledger"),
            article("w2", "Lowland Gazette"),
            article("w3", "Daily Beacon"),
            article("solo", "Estrel Courier"),
        ];
        let links = [link("w1", "w3"), link("w2", "w3")];
        let cues =
            [cue("w1", "Meridian Press", CueKind::Dateline), cue("w2", "Meridian Press", CueKind::WithFiles)];
        let got = origins(&articles, &links, &cues);
        assert_eq!(
            got,
            [
                Origin {
                    name: "Meridian Press".into(),
                    kind: OriginKind::Attributed,
                    articles: vec!["w1".into(), "w2".into(), "w3".into()],
                },
                Origin {
                    name: "Estrel Courier".into(),
                    kind: OriginKind::OwnReporting,
                    articles: vec!["solo".into()],
                },
            ]
        );
    }

    #[test]
    fn an_acronym_and_its_full_name_are_one_wire() {
        let articles = [article("f1", "Daily Beacon"), article("f2", "Estrel Courier")];
        let cues = [
            cue("f1", "AWS", CueKind::Dateline),
            cue("f1", "Allied Wire Service", CueKind::Dash),
            cue("f2", "AWS", CueKind::Told),
        ];
        let got = origins(&articles, &[], &cues);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].name, "Allied Wire Service");
        assert_eq!(got[0].articles, ["f1", "f2"]);
    }

    #[test]
    fn a_cue_naming_the_outlet_itself_is_own_reporting() {
        let articles = [article("v", "Valdoria Today")];
        let got = origins(&articles, &[], &[cue("v", "Valdoria Today", CueKind::Told)]);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].name.as_str(), got[0].kind), ("Valdoria Today", OriginKind::OwnReporting));
    }

    #[test]
    fn a_remark_cue_flows_only_over_links_touching_its_paragraph() {
        use chrono::{TimeZone, Utc};
        let text = "Ships queued, a pilot told BNC.\n\nThe pier was shut all week.";
        let mut x = Article::new("x", text);
        x.outlet = Some("Harbour Ledger".into());
        x.published = Some(Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap());
        let y = Article::new("y", "Copied text.");
        let told = AttributionCue { span: Span::new(22, 30), ..cue("x", "BNC", CueKind::Told) };
        assert_eq!(told.span.slice(text), "told BNC");
        let linked = |a_start, a_end| ReuseLink {
            passages: vec![Passage { a_start, a_end, b_start: 0, b_end: 5, similarity: 1.0 }],
            ..link("x", "y")
        };
        let summary = |got: Vec<Origin>| -> Vec<(String, OriginKind, Vec<String>)> {
            got.into_iter().map(|o| (o.name, o.kind, o.articles)).collect()
        };
        // y copied the second paragraph: the remark told to BNC is not in it.
        let got = origins(&[x.clone(), y.clone()], &[linked(33, 59)], std::slice::from_ref(&told));
        assert_eq!(
            summary(got),
            [
                ("BNC".into(), OriginKind::Attributed, vec!["x".into()]),
                ("Harbour Ledger".into(), OriginKind::OwnReporting, vec!["y".into()]),
            ]
        );
        let got = origins(&[x, y], &[linked(0, 30)], &[told]);
        assert_eq!(summary(got), [("BNC".into(), OriginKind::Attributed, vec!["x".into(), "y".into()])]);
    }

    #[test]
    fn credit_counts_only_without_other_cues() {
        let articles = [article("a", "Daily Beacon"), article("b", "Daily Beacon")];
        let cues = [
            cue("a", "Reuters", CueKind::Credit),
            cue("b", "Reuters", CueKind::Credit),
            cue("b", "BNC", CueKind::Told),
        ];
        let got = origins(&articles, &[], &cues);
        let names: Vec<(&str, Vec<&str>)> =
            got.iter().map(|o| (o.name.as_str(), o.articles.iter().map(String::as_str).collect())).collect();
        assert_eq!(names, [("BNC", vec!["b"]), ("Reuters", vec!["a"])]);
    }

    #[test]
    fn cueless_group_is_named_after_earliest_outlet_or_id() {
        use chrono::{TimeZone, Utc};
        let mut early = article("z-early", "Coastline Herald");
        early.published = Some(Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap());
        let mut late = article("a-late", "Valdoria Today");
        late.published = Some(Utc.with_ymd_and_hms(2025, 3, 2, 8, 0, 0).unwrap());
        let bare = Article::new("bare", "text");
        let got = origins(&[late, early, bare], &[link("a-late", "z-early")], &[]);
        assert_eq!(got[0].name, "Coastline Herald");
        assert_eq!(got[0].kind, OriginKind::OwnReporting);
        assert_eq!(got[0].articles, ["a-late", "z-early"]);
        assert_eq!(got[1].name, "bare");
    }
}

//! Publication dates as news pages write them: "January 31, 2019 12:29 am", "Friday 08
//! February 2019 18:38 GMT", "Jan 30, 2019 02:14 AM IST", "Jan. 27, 2019", "2019-01-30",
//! RFC 3339, and dates inside URLs (`/2019-01-30/`, `/2019/01/30/`).
//!
//! A date without a year is never completed from context, and a time without a zone is read
//! as UTC: the article's time is never invented, only read.

use std::ops::Range;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use once_cell::sync::Lazy;
use regex::{Captures, Regex};

const MONTH: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
/// Month names of other languages that pages print day first ("3. März 2022", "12 janvier
/// 2021", "04-ago-2021", "5 de mayo de 2021"), with their numbers. Only read in day-first
/// forms: short ones ("set", "out") are English words before a day number.
const FOREIGN_MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("gennaio", 1),
    ("gen", 1),
    ("janeiro", 1),
    ("januari", 1),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("fev", 2),
    ("februari", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("marco", 3),
    ("maart", 3),
    ("mrt", 3),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mag", 5),
    ("maio", 5),
    ("mei", 5),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("giu", 6),
    ("junho", 6),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("luglio", 7),
    ("lug", 7),
    ("julho", 7),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("augustus", 8),
    ("septembre", 9),
    ("septiembre", 9),
    ("settembre", 9),
    ("sett", 9),
    ("setembro", 9),
    ("set", 9),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("ott", 10),
    ("outubro", 10),
    ("out", 10),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dicembre", 12),
    ("dezembro", 12),
];

/// `FOREIGN_MONTHS` as a regex alternation, longest names first so "marzo" is not read as "mar".
fn foreign_months() -> String {
    let mut names: Vec<&str> = FOREIGN_MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.join("|")
}

const WEEKDAY: &str =
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun";

fn date_pattern() -> String {
    let foreign = foreign_months();
    format!(
        r"(?ix)
        (?:(?-u:\b)(?:{WEEKDAY})\.?,?\s+)?
        (?:
            (?-u:\b)(?P<m1>{MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})
          | (?-u:\b)(?P<d2>\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+|de\s+)?(?P<m2>{MONTH}|{foreign})\.?,?\s+(?:de\s+)?(?P<y2>\d{{4}})
          | (?-u:\b)(?P<d6>\d{{1,2}})-(?P<m6>{MONTH}|{foreign})\.?-(?P<y6>\d{{4}})
          | (?-u:\b)(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})
          | (?-u:\b)(?P<y7>\d{{4}})\.(?P<m7>\d{{1,2}})\.(?P<d7>\d{{1,2}})
          | (?-u:\b)(?P<a4>\d{{1,2}})/(?P<b4>\d{{1,2}})/(?P<y4>\d{{4}})
          | (?-u:\b)(?P<d5>\d{{1,2}})\.(?P<m5>\d{{1,2}})\.(?P<y5>\d{{4}})
        )
        (?:
            (?:\s*(?:,|at(?-u:\b)|-|–|—|\|)\s*|\s+|t)
            (?P<h>\d{{1,2}})[:.](?P<mi>\d{{2}})(?::(?P<s>\d{{2}})(?:\.\d+)?)?
            (?:\s*(?P<ap>[ap]\.?\s?m(?-u:\b)\.?))?
            (?:\s*(?P<tz>z(?-u:\b)|(?:gmt|utc)\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?|[+-]\d{{2}}:?\d{{2}}|[a-z]{{2,5}}(?-u:\b)))?
        )?"
    )
}

/// Word boundaries are ASCII ones: a Unicode `\b` stops the regex engine's DFA at the first
/// non-ASCII byte of a page (a curly quote, a dash) and the slow engine then scans the whole
/// text; around dates (digits, Latin month names) the two kinds of boundary agree.
static DATE: Lazy<Regex> = Lazy::new(|| Regex::new(&date_pattern()).expect("date pattern"));

/// A time before its date, as some wire pages print it.
static TIME_FIRST: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(?P<time>\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\b\.?)?(?:\s+[a-z]{2,5}\b)?)\s*,?\s+(?P<date>\S.*)$",
    )
    .expect("time-first pattern")
});

/// `Published: ...`, `Updated on ...`: the label that may stand before a date on its own line.
static LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)^(?P<label>(?:first\s+|originally\s+)?(?:published|posted)|(?:last\s+)?(?:updated|modified)|date)(?:\s+on)?\s*(?:[:|\-–—]\s*|\s+|$)",
    )
    .expect("label pattern")
});

static URL_DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:[/\-_.?#+]|$)")
        .expect("url date pattern")
});

/// A date found in a string and the byte range it covers.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMatch {
    pub at: DateTime<Utc>,
    pub range: Range<usize>,
}

/// What a line that is only a date says about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateLabel {
    /// No label, or `Published:` / `Posted:`.
    Published,
    /// `Updated:` / `Last modified:`: a later date than publication.
    Updated,
}

/// The first date in `s`.
pub fn find_date(s: &str) -> Option<DateMatch> {
    DATE.captures_iter(s).find_map(|c| to_match(s, &c))
}

/// Every date in `s`, in order.
pub fn find_dates(s: &str) -> impl Iterator<Item = DateMatch> + '_ {
    DATE.captures_iter(s).filter_map(move |c| to_match(s, &c))
}

/// Where a dateline's date may end: a dateline is the opening of a story.
const DATELINE_SPAN: usize = 100;

/// The date of a wire dateline opening `text`: a place in capitals, the date, then the agency
/// or a dash ("PORT ESTREL, Mar 3, 2024 (Wirepost) - …", "By Ana Ruiz PORT ESTREL, March 3,
/// 2024: …"). A date later in a sentence is not a dateline.
pub fn dateline(text: &str) -> Option<DateTime<Utc>> {
    let m = find_date(text)?;
    if m.range.end > DATELINE_SPAN {
        return None;
    }
    let before = text[..m.range.start].trim_end();
    let place = before.strip_suffix(',')?.split_whitespace().last()?;
    let capitals = place.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && place.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let after = text[m.range.end..].trim_start();
    let opens = after.starts_with('(') || after.starts_with(['-', '–', '—', ':']);
    (capitals && opens).then_some(m.at)
}

/// A date that starts `s` (after leading spaces).
pub fn date_at_start(s: &str) -> Option<DateMatch> {
    let lead = s.len() - s.trim_start().len();
    DATE.captures_at(s, lead)
        .filter(|c| c.get(0).is_some_and(|m| m.start() == lead))
        .and_then(|c| to_match(s, &c))
}

/// `s` as a date when the date is all it holds (trailing punctuation aside).
pub fn whole_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim().trim_end_matches(['.', ',', ';', ')', ']']).trim_start_matches(['(', '[']);
    // "9:05 PM GMT, Mon March 3, 2025": the time first; read it as date then time.
    if let Some(c) = TIME_FIRST.captures(s) {
        if let Some(at) = whole_date(&format!("{} {}", &c["date"], &c["time"])) {
            return Some(at);
        }
    }
    let m = date_at_start(s)?;
    (m.range.end == s.len()).then_some(m.at)
}

/// A line that is only a (labelled) date: `Some((label, date))`, with `date` `None` for an
/// empty label such as `Published :`, which pages leave when their script did not run.
pub fn date_line(line: &str) -> Option<(DateLabel, Option<DateTime<Utc>>)> {
    let line = line.trim();
    if let Some(c) = LABEL.captures(line) {
        let label = c["label"].to_lowercase();
        let kind = if label.contains("updated") || label.contains("modified") {
            DateLabel::Updated
        } else {
            DateLabel::Published
        };
        let rest = line[c.get(0).map_or(0, |m| m.end())..].trim();
        if rest.is_empty() {
            return Some((kind, None));
        }
        return whole_date(rest).map(|d| (kind, Some(d)));
    }
    if let Some(d) = whole_date(line) {
        return Some((DateLabel::Published, Some(d)));
    }
    // An ambiguous numeric date line ("10/03/2025 15:47") is still a date line, not text.
    NUMERIC_DATE.is_match(line).then_some((DateLabel::Published, None))
}

static NUMERIC_DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?P<rest>(?:,?\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?)$",
    )
    .expect("numeric date")
});

static NUMERIC_IN_TEXT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?:19|20)\d{2}\b").expect("numeric date in text")
});

/// The two readings of a line that is only an ambiguous numeric date ("03/10/2023 15:47"):
/// day first, then month first. Which one the page means is for its context to tell.
pub fn numeric_readings(line: &str) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let c = NUMERIC_DATE.captures(line.trim())?;
    let rest = c["rest"].trim_start_matches(',');
    let read = |m: &str, d: &str| whole_date(&format!("{}-{m:0>2}-{d:0>2}{rest}", &c["y"]));
    Some((read(&c["b"], &c["a"])?, read(&c["a"], &c["b"])?))
}

/// Whether `text` writes numeric dates day first (`Some(true)`: "25/03/2025" somewhere) or
/// month first (`Some(false)`: "03/25/2025"); `None` when no date tells or the text mixes both.
pub fn numeric_order(text: &str) -> Option<bool> {
    let (mut day_first, mut month_first) = (false, false);
    for c in NUMERIC_IN_TEXT.captures_iter(text) {
        let (a, b): (u32, u32) = (c["a"].parse().ok()?, c["b"].parse().ok()?);
        day_first |= a > 12 && b <= 12;
        month_first |= b > 12 && a <= 12;
    }
    match (day_first, month_first) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// The date in a URL's path (`/2019/01/30/`, `/2019-01-30/`).
pub fn url_date(url: &str) -> Option<DateTime<Utc>> {
    URL_DATE.captures_iter(url).find_map(|c| {
        let date = NaiveDate::from_ymd_opt(c["y"].parse().ok()?, c["m"].parse().ok()?, c["d"].parse().ok()?)?;
        Some(Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)))
    })
}

/// A JSONL `published` value: RFC 3339 / ISO 8601, a plain date, or any form above.
pub fn parse_published(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, format) {
            return Some(Utc.from_utc_datetime(&d));
        }
    }
    whole_date(s)
}

fn to_match(s: &str, c: &Captures) -> Option<DateMatch> {
    let whole = c.get(0)?;
    let (year, month, day) = if let Some(y) = c.name("y1") {
        (y.as_str(), month_number(&c["m1"])?, &c["d1"])
    } else if let Some(y) = c.name("y2") {
        (y.as_str(), month_number(&c["m2"])?, &c["d2"])
    } else if let Some(y) = c.name("y6") {
        (y.as_str(), month_number(&c["m6"])?, &c["d6"])
    } else if let Some(y) = c.name("y3") {
        (y.as_str(), c["m3"].parse().ok()?, &c["d3"])
    } else if let Some(y) = c.name("y7") {
        // 2025.12.17 (year first, as East Asian and Hungarian pages write it), unless it goes
        // on as a version number does ("2025.12.17.1").
        let rest = &s[c.name("d7")?.end()..];
        if rest.starts_with(|ch: char| ch.is_ascii_digit())
            || rest.strip_prefix('.').is_some_and(|r| r.starts_with(|ch: char| ch.is_ascii_digit()))
        {
            return None;
        }
        (y.as_str(), c["m7"].parse().ok()?, &c["d7"])
    } else if let Some(y) = c.name("y5") {
        // 17.05.2021: dotted dates are day first wherever they are written.
        (y.as_str(), c["m5"].parse().ok()?, &c["d5"])
    } else {
        // 10/03/2025: day-first or month-first? Only a number over 12 tells; otherwise the
        // date is not read at all rather than guessed.
        let (a, b): (u32, u32) = (c["a4"].parse().ok()?, c["b4"].parse().ok()?);
        let (month, day) = match (a > 12, b > 12) {
            (true, false) => (b, &c["a4"]),
            (false, true) => (a, &c["b4"]),
            _ => return None,
        };
        (&c["y4"], month, day)
    };
    // Text from two elements may run together ("March 3, 2024Updated"), so a year may end
    // without a word boundary, but never inside a longer number.
    let year_end =
        ["y1", "y2", "y3", "y4", "y5", "y6", "y7"].iter().find_map(|n| c.name(n)).map_or(0, |m| m.end());
    if s[year_end..].starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day.parse().ok()?)?;
    let mut end = whole.end();
    let time = match c.name("h") {
        Some(h) => {
            let mut hour: u32 = h.as_str().parse().ok()?;
            let minute: u32 = c["mi"].parse().ok()?;
            let second: u32 = c.name("s").map_or(Ok(0), |m| m.as_str().parse()).ok()?;
            if let Some(ap) = c.name("ap") {
                if !(1..=12).contains(&hour) {
                    return None;
                }
                let pm = ap.as_str().to_lowercase().starts_with('p');
                hour = match (hour, pm) {
                    (12, false) => 0,
                    (12, true) => 12,
                    (h, true) => h + 12,
                    (h, false) => h,
                };
            }
            NaiveTime::from_hms_opt(hour, minute, second)?
        }
        None => NaiveTime::MIN,
    };
    let mut offset = FixedOffset::east_opt(0)?;
    if let Some(tz) = c.name("tz") {
        match zone_offset(tz.as_str()) {
            Some(o) => offset = o,
            // A word after the time ("12:30 in Caracas") is not part of the date.
            None => end = s[..tz.start()].trim_end().len(),
        }
    }
    let local = date.and_time(time);
    let at = offset.from_local_datetime(&local).single()?.with_timezone(&Utc);
    Some(DateMatch { at, range: whole.start()..end })
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    if let Some((_, n)) = FOREIGN_MONTHS.iter().find(|(n, _)| *n == lower) {
        return Some(*n);
    }
    const PREFIXES: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    PREFIXES.iter().position(|p| lower.starts_with(p)).map(|i| i as u32 + 1)
}

/// Zone abbreviations news pages print. Ambiguous ones take the reading common in English
/// news: IST is India (+05:30), CST is US Central.
fn zone_offset(tz: &str) -> Option<FixedOffset> {
    let tz: String = tz.chars().filter(|c| !c.is_whitespace()).collect();
    let upper = tz.to_uppercase();
    if let Some(rest) =
        upper.strip_prefix("GMT").or_else(|| upper.strip_prefix("UTC")).filter(|r| !r.is_empty())
    {
        return signed_offset(rest);
    }
    if upper.starts_with(['+', '-']) {
        return signed_offset(&upper);
    }
    let minutes = match upper.as_str() {
        "Z" | "GMT" | "UTC" | "UT" | "WET" => 0,
        "BST" | "CET" | "WEST" | "WAT" => 60,
        "CEST" | "EET" | "SAST" => 120,
        "EEST" | "MSK" | "EAT" => 180,
        "PKT" => 300,
        "IST" => 330,
        "NPT" => 345,
        "ICT" | "WIB" => 420,
        "HKT" | "SGT" | "AWST" | "PHT" => 480,
        "JST" | "KST" => 540,
        "ACST" => 570,
        "AEST" => 600,
        "AEDT" => 660,
        "NZST" => 720,
        "NZDT" => 780,
        "ART" | "BRT" => -180,
        "VET" | "EDT" | "AST" => -240,
        "EST" | "CDT" | "ET" => -300,
        "CST" | "MDT" => -360,
        "MST" | "PDT" => -420,
        "PST" | "PT" => -480,
        _ => return None,
    };
    FixedOffset::east_opt(minutes * 60)
}

/// `+05:30`, `-0400`, `+1`, `+5:30`.
fn signed_offset(s: &str) -> Option<FixedOffset> {
    let sign = match s.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digits = &s[1..];
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_dates_are_read_only_when_unambiguous() {
        assert_eq!(
            whole_date("25/03/2025 15:47").map(|d| d.to_rfc3339()),
            Some("2025-03-25T15:47:00+00:00".into())
        );
        assert_eq!(
            whole_date("03/25/2025").map(|d| d.to_rfc3339()),
            Some("2025-03-25T00:00:00+00:00".into())
        );
        assert_eq!(whole_date("10/03/2025 15:47"), None);
        assert_eq!(date_line("10/03/2025 15:47"), Some((DateLabel::Published, None)));
    }

    #[test]
    fn month_names_of_other_languages_day_first() {
        let cases = [
            ("3. März 2022", "2022-03-03T00:00:00Z"),
            ("12 janvier 2021", "2021-01-12T00:00:00Z"),
            ("04-ago-2021", "2021-08-04T00:00:00Z"),
            ("5 de mayo de 2021", "2021-05-05T00:00:00Z"),
            ("1 août 2020 14:05", "2020-08-01T14:05:00Z"),
            ("9 marzo 2023", "2023-03-09T00:00:00Z"),
            ("04-Aug-2021", "2021-08-04T00:00:00Z"),
        ];
        for (text, want) in cases {
            assert_eq!(whole_date(text), Some(utc(want)), "{text}");
        }
        // Month-first is English only: "out 3, 2020" is no date.
        assert_eq!(find_date("rolled out 3, 2020 units"), None);
    }

    #[test]
    fn ambiguous_numeric_dates_have_two_readings_and_pages_an_order() {
        assert_eq!(
            numeric_readings("03/10/2023, 15:47"),
            Some((utc("2023-10-03T15:47:00Z"), utc("2023-03-10T15:47:00Z")))
        );
        assert_eq!(numeric_readings("25/03/2025"), None);
        assert_eq!(numeric_readings("On 03/10/2023 the dam held"), None);
        assert_eq!(numeric_order("Posted 03/10/2023. Comments: 25/09/2023"), Some(true));
        assert_eq!(numeric_order("Posted 03/10/2023. Comments: 09/25/2023"), Some(false));
        assert_eq!(numeric_order("25/09/2023 and 09/25/2023"), None);
        assert_eq!(numeric_order("03/10/2023"), None);
    }

    #[test]
    fn year_first_dotted_dates_but_not_version_numbers() {
        assert_eq!(whole_date("2025.12.17"), Some(utc("2025-12-17T00:00:00Z")));
        assert_eq!(
            find_date("Essay - Published: 2025.3.4 | Ana Ruiz").map(|m| m.at),
            Some(utc("2025-03-04T00:00:00Z"))
        );
        assert_eq!(find_date("release 2025.12.17.1 is out"), None);
        assert_eq!(find_date("build 2025.12.170"), None);
    }

    #[test]
    fn time_first_and_pipe_separated_dates() {
        assert_eq!(
            whole_date("9:05 PM GMT, Mon March 3, 2025").map(|d| d.to_rfc3339()),
            Some("2025-03-03T21:05:00+00:00".into())
        );
        assert_eq!(
            whole_date("Wednesday, 5 March 2025 | 19:20").map(|d| d.to_rfc3339()),
            Some("2025-03-05T19:20:00+00:00".into())
        );
        assert_eq!(whole_date("9:05 PM GMT"), None);
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn reads_the_formats_pages_print() {
        let cases = [
            ("March 4, 2021 9:05 pm", "2021-03-04T21:05:00Z"),
            ("March 4, 2021 12:05 am", "2021-03-04T00:05:00Z"),
            ("Thursday 04 March 2021 18:38 GMT", "2021-03-04T18:38:00Z"),
            ("Mar 5, 2021 02:14 AM IST", "2021-03-04T20:44:00Z"),
            ("Mar. 4, 2021", "2021-03-04T00:00:00Z"),
            ("2021-03-04", "2021-03-04T00:00:00Z"),
            ("2021-03-04T10:15:00+02:00", "2021-03-04T08:15:00Z"),
            ("4th March 2021, 10.15 BST", "2021-03-04T09:15:00Z"),
            ("Sept. 9, 2020 at 7:00 p.m. EDT", "2020-09-09T23:00:00Z"),
            ("Jan 2, 2020 10:00 GMT+1", "2020-01-02T09:00:00Z"),
        ];
        for (text, want) in cases {
            assert_eq!(whole_date(text), Some(utc(want)), "{text}");
        }
    }

    #[test]
    fn never_completes_a_date_without_a_year() {
        assert_eq!(whole_date("March 4"), None);
        assert_eq!(find_date("Port Estrel, March 4: the dam held"), None);
        assert_eq!(whole_date("February 30, 2021"), None);
    }

    #[test]
    fn a_word_after_the_time_is_not_a_zone() {
        let s = "March 4, 2021 10:15 in Port Estrel";
        let m = find_date(s).unwrap();
        assert_eq!(m.at, utc("2021-03-04T10:15:00Z"));
        assert_eq!(&s[m.range], "March 4, 2021 10:15");
        assert_eq!(whole_date(s), None);
    }

    #[test]
    fn labelled_and_empty_date_lines() {
        assert_eq!(
            date_line("Published: March 4, 2021"),
            Some((DateLabel::Published, Some(utc("2021-03-04T00:00:00Z"))))
        );
        assert_eq!(
            date_line("Updated: March 5, 2021 3:13 pm"),
            Some((DateLabel::Updated, Some(utc("2021-03-05T15:13:00Z"))))
        );
        assert_eq!(date_line("Updated :"), Some((DateLabel::Updated, None)));
        assert_eq!(date_line("Published"), Some((DateLabel::Published, None)));
        assert_eq!(date_line("On March 4, 2021, the dam held."), None);
        assert_eq!(date_line("Published reports say the dam held."), None);
    }

    #[test]
    fn a_year_inside_a_longer_number_is_no_date() {
        assert_eq!(find_date("Mar 3, 20245 visitors"), None);
        let joined = find_date("Posted March 3, 2024Tags").unwrap();
        assert_eq!(joined.at.to_rfc3339(), "2024-03-03T00:00:00+00:00");
        assert_eq!(find_date("17.05.2021").unwrap().at.to_rfc3339(), "2021-05-17T00:00:00+00:00");
        assert_eq!(find_date("3rd of March 2024").unwrap().at.to_rfc3339(), "2024-03-03T00:00:00+00:00");
    }

    #[test]
    fn datelines_open_wire_stories() {
        assert_eq!(
            dateline("PORT ESTREL, Mar 3, 2024 (Wirepost) - The dam held."),
            Some(utc("2024-03-03T00:00:00Z"))
        );
        assert_eq!(
            dateline("By Ana Ruiz ISLE MARN, March 4, 2024: ferries resumed."),
            Some(utc("2024-03-04T00:00:00Z"))
        );
        assert_eq!(dateline("The board met in Port Estrel, Mar 3, 2024 (a Sunday) to vote."), None);
        assert_eq!(dateline("Engineers said on March 3, 2024 - a Sunday - that it held."), None);
    }

    #[test]
    fn dates_in_urls() {
        assert_eq!(
            url_date("https://example.org/news/2021-03-04/dam-holds"),
            Some(utc("2021-03-04T00:00:00Z"))
        );
        assert_eq!(url_date("https://example.org/2021/03/04/dam-holds/"), Some(utc("2021-03-04T00:00:00Z")));
        assert_eq!(url_date("https://example.org/story/2021-dam"), None);
    }

    #[test]
    fn jsonl_published_values() {
        assert_eq!(parse_published("2021-03-04T10:15:00Z"), Some(utc("2021-03-04T10:15:00Z")));
        assert_eq!(parse_published("2021-03-04T10:15:00"), Some(utc("2021-03-04T10:15:00Z")));
        assert_eq!(parse_published("2021-03-04"), Some(utc("2021-03-04T00:00:00Z")));
        assert_eq!(parse_published("Mar 5, 2021 02:14 AM IST"), Some(utc("2021-03-04T20:44:00Z")));
        assert_eq!(parse_published("last Tuesday"), None);
    }
}

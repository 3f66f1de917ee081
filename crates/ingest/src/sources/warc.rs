//! WARC archives (`.warc`, `.warc.gz` as Common Crawl ships them: one gzip member per record).
//! Each `response` record whose HTTP payload is HTML becomes an article with the record's
//! target URL. Its publication date is the page's own; when the page states none, the record's
//! `WARC-Date` stands in, since the page existed then at the latest and the archive says so.
//! A record cut off mid-body ends the read with a rejection; the records before it stand.

use std::io::BufReader;

use flate2::read::MultiGzDecoder;
use warc::{RecordType, WarcHeader, WarcReader};

use crate::error::Error;
use crate::sources::{html, id_from_url};
use crate::ReadOutcome;

pub fn read(stem: &str, source: &str, bytes: &[u8], gzipped: bool) -> ReadOutcome {
    if gzipped {
        records(stem, source, WarcReader::new(BufReader::new(MultiGzDecoder::new(bytes))))
    } else {
        records(stem, source, WarcReader::new(BufReader::new(bytes)))
    }
}

fn records<R: std::io::BufRead>(stem: &str, source: &str, reader: WarcReader<R>) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    for (index, record) in reader.iter_records().enumerate() {
        let number = index + 1;
        let record_source = format!("{source}#{number}");
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                outcome.rejections.push(Error::Warc(err.to_string()).into_rejection(record_source));
                // The reader cannot find the next record's start after a broken one.
                break;
            }
        };
        if *record.warc_type() != RecordType::Response {
            continue;
        }
        let url = record.header(WarcHeader::TargetURI).map(|u| u.trim_matches(['<', '>']).to_string());
        let Some((content_type, body)) = http_payload(record.body()) else { continue };
        if !content_type.as_deref().is_some_and(|c| c.to_ascii_lowercase().contains("html")) {
            continue;
        }
        let id = url.as_deref().map(id_from_url).unwrap_or_else(|| format!("{stem}-{number}"));
        let source = url.clone().unwrap_or(record_source);
        match html::read_page(&id, &source, body, content_type.as_deref(), url.as_deref()) {
            Ok(mut article) => {
                if article.published.is_none() {
                    article.published = Some(*record.date());
                }
                outcome.articles.push(article);
            }
            Err(err) => outcome.rejections.push(err.into_rejection(source)),
        }
    }
    outcome
}

/// The `Content-Type` and body of an HTTP response as a WARC response record holds it.
fn http_payload(record: &[u8]) -> Option<(Option<String>, &[u8])> {
    let split = record
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| record.windows(2).position(|w| w == b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(&record[..split.0]);
    if !head.starts_with("HTTP/") {
        return None;
    }
    let content_type = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim().eq_ignore_ascii_case("content-type").then(|| value.trim().to_string())
    });
    Some((content_type, &record[split.1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html lang=\"en\"><head><title>Dam holds after record rain | Harbour Ledger</title></head><body><article><h1>Dam holds after record rain</h1><p>The dam above Port Estrel held overnight after the heaviest rain in forty years, the water board said on Thursday, as engineers checked the spillway for damage.</p><p>Residents of the lower town were allowed back into their homes at dawn, and the board said the river would fall through the weekend if the forecast held.</p><p>The board will publish its inspection report next week, a spokeswoman said, adding that the reservoir was still a metre above its usual level.</p></article></body></html>";

    fn record(url: &str, payload: &str) -> Vec<u8> {
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{payload}");
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{}>\r\nWARC-Date: 2021-03-05T08:00:00Z\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            url.len(),
            http.len()
        )
        .into_bytes()
    }

    #[test]
    fn response_records_become_articles_with_url_and_date() {
        let bytes = record("https://ledger.example/dam", PAGE);
        let out = read("crawl", "crawl.warc", &bytes, false);
        assert!(out.rejections.is_empty(), "{:?}", out.rejections);
        let a = &out.articles[0];
        assert_eq!(a.url.as_deref(), Some("https://ledger.example/dam"));
        assert_eq!(a.id, "ledger.example-dam");
        assert_eq!(a.title.as_deref(), Some("Dam holds after record rain"));
        assert_eq!(a.published.unwrap().to_rfc3339(), "2021-03-05T08:00:00+00:00");
    }

    #[test]
    fn a_cut_off_record_is_rejected_and_earlier_ones_stand() {
        let mut bytes = record("https://ledger.example/dam", PAGE);
        let second = record("https://ledger.example/spillway", PAGE);
        bytes.extend_from_slice(&second[..second.len() / 2]);
        let out = read("crawl", "crawl.warc", &bytes, false);
        assert_eq!(out.articles.len(), 1);
        assert_eq!(out.rejections.len(), 1);
        assert!(
            out.rejections[0].reason.starts_with("cut-off or malformed WARC record"),
            "{}",
            out.rejections[0].reason
        );
    }

    #[test]
    fn gzipped_warc_reads_the_same() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, &record("https://ledger.example/dam", PAGE)).unwrap();
        let out = read("crawl", "crawl.warc.gz", &gz.finish().unwrap(), true);
        assert_eq!(out.articles.len(), 1);
    }
}

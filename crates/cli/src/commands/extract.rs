//! `wiretrace extract PATH...`: what wiretrace reads from HTML pages (plain or `.gz`), without
//! storing anything: for checking extraction on one's own pages.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;
use wiretrace_ingest::{decode_html, extract_html, MAX_PAGE_BYTES};

use crate::{print_out, GlobalArgs, Outcome};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// Metadata lines and the text, for reading.
    Text,
    /// One JSON object a line.
    Jsonl,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// HTML files (.html, .htm, .html.gz) or folders of them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    pub format: ExtractFormat,
}

#[derive(Serialize)]
struct Extracted {
    id: String,
    url: Option<String>,
    title: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    outlet: Option<String>,
    language: Option<String>,
    page_type: String,
    text: String,
}

pub fn run(g: &GlobalArgs, args: ExtractArgs) -> Result<Outcome> {
    let mut files = Vec::new();
    for path in &args.paths {
        collect(path, &mut files);
    }
    let mut failed = 0;
    for file in files {
        match extract_file(&file) {
            Ok(page) => {
                if !g.quiet {
                    print_out(&render(&page, args.format)?)?;
                }
            }
            Err(reason) => {
                failed += 1;
                eprintln!("rejected: {}: {reason} (read)", file.display());
            }
        }
    }
    Ok(if failed == 0 { Outcome::Clean } else { Outcome::SomethingMissing })
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut children: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        children.sort();
        for child in children {
            let name = child.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
            let html = [".html", ".htm", ".html.gz", ".htm.gz"].iter().any(|e| name.ends_with(e));
            if child.is_dir() || html {
                collect(&child, files);
            }
        }
    } else {
        files.push(path.to_path_buf());
    }
}

fn extract_file(path: &Path) -> Result<Extracted, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string().to_lowercase())?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = if name.to_lowercase().ends_with(".gz") {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .take(MAX_PAGE_BYTES as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("truncated or corrupt gzip: {}", e.to_string().to_lowercase()))?;
        out
    } else {
        bytes
    };
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(format!("too large: over {MAX_PAGE_BYTES} bytes"));
    }
    let page = extract_html(&decode_html(&bytes, None), None);
    let id = name.split('.').next().unwrap_or(&name).to_string();
    Ok(Extracted {
        id,
        url: page.url,
        title: page.title,
        authors: page.authors,
        published: page.published.map(|d| d.to_rfc3339()),
        outlet: page.outlet,
        language: page.language,
        page_type: page.page_type.to_string(),
        text: page.text,
    })
}

fn render(page: &Extracted, format: ExtractFormat) -> Result<String> {
    Ok(match format {
        ExtractFormat::Jsonl => format!("{}\n", serde_json::to_string(page)?),
        ExtractFormat::Text => {
            let mut out = String::new();
            let none = || "-".to_string();
            writeln!(out, "== {} ({})", page.id, page.page_type)?;
            writeln!(out, "title:     {}", page.title.clone().unwrap_or_else(none))?;
            writeln!(out, "url:       {}", page.url.clone().unwrap_or_else(none))?;
            writeln!(
                out,
                "authors:   {}",
                if page.authors.is_empty() { none() } else { page.authors.join("; ") }
            )?;
            writeln!(out, "published: {}", page.published.clone().unwrap_or_else(none))?;
            writeln!(out, "outlet:    {}", page.outlet.clone().unwrap_or_else(none))?;
            writeln!(out, "language:  {}", page.language.clone().unwrap_or_else(none))?;
            writeln!(out, "\n{}\n", page.text)?;
            out
        }
    })
}

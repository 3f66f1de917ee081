//! `wiretrace train page-type DIR --out FILE`: trains the page-type model (article or not) from
//! a folder of labelled pages laid out as WCXB's (`html/ID.html.gz`, `ground-truth/ID.json` with
//! `_internal.page_type.primary`), prints its k-fold cross-validated accuracy next to its
//! accuracy on the pages it was trained on, and writes the model (commit it as
//! `crates/ingest/src/extract/html/page_type_model.json` to ship it). Pages are read with the
//! extractor as built, so retrain after the extractor's body or metadata changes. Deterministic.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Args;
use wiretrace_eval::extract::{read_labelled_pages, LabelledPage};
use wiretrace_ingest::PageTypeTrainOptions as TrainOptions;
use wiretrace_ingest::{
    decode_html, extract_html_with_features, page_kind_of, page_type_feature_names, PageTypeModel,
};

use crate::{GlobalArgs, Outcome};

#[derive(Args, Debug)]
pub struct TrainPageTypeArgs {
    /// A folder with `html/` and `ground-truth/` (e.g. WCXB's dev split).
    pub dir: PathBuf,
    /// Where to write the model (JSON).
    #[arg(long)]
    pub out: PathBuf,
    /// Folds of the cross-validation (0: none).
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Trees in the ensemble.
    #[arg(long, default_value_t = TrainOptions::default().trees)]
    pub trees: usize,
    /// Depth of each tree.
    #[arg(long, default_value_t = TrainOptions::default().depth)]
    pub depth: usize,
    /// Also write every page's features as CSV (id, labelled type, site, features), to study them.
    #[arg(long)]
    pub features_csv: Option<PathBuf>,
    /// Shrinkage of each tree's leaves.
    #[arg(long, default_value_t = TrainOptions::default().learning_rate)]
    pub learning_rate: f32,
}

struct Labelled {
    id: String,
    /// The labelled primary type (article, listing, forum, ...).
    primary: String,
    /// The host of the page's URL (`url` in the ground truth), or its id when there is none.
    site: String,
    features: Vec<f32>,
}

pub fn run(g: &GlobalArgs, args: TrainPageTypeArgs) -> Result<Outcome> {
    let started = Instant::now();
    let pages = read_pages(&args.dir)?;
    let options = TrainOptions {
        trees: args.trees,
        depth: args.depth,
        learning_rate: args.learning_rate,
        ..TrainOptions::default()
    };
    let names = page_type_feature_names();
    if let Some(path) = &args.features_csv {
        let mut csv = format!("id,primary,site,{}\n", names.join(","));
        for p in &pages {
            let values: Vec<String> = p.features.iter().map(f32::to_string).collect();
            let _ = writeln!(csv, "{},{},{},{}", p.id, p.primary, p.site, values.join(","));
        }
        std::fs::write(path, csv).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let xs: Vec<Vec<f32>> = pages.iter().map(|p| p.features.clone()).collect();
    let kinds: Vec<&str> = pages.iter().map(|p| page_kind_of(&p.primary)).collect();
    if !g.quiet {
        eprintln!(
            "{} pages ({} articles), {} features, read in {:.1} s",
            pages.len(),
            kinds.iter().filter(|k| **k == "article").count(),
            names.len(),
            started.elapsed().as_secs_f64()
        );
    }
    if args.folds >= 2 {
        // Pages of one site share templates: they go to the same fold, so that a fold's pages
        // are judged by a model that never saw their site (the sites taken in name order, k mod
        // folds).
        let mut sites: Vec<&str> = pages.iter().map(|p| p.site.as_str()).collect();
        sites.sort_unstable();
        sites.dedup();
        let fold_of: Vec<usize> =
            pages.iter().map(|p| sites.binary_search(&p.site.as_str()).unwrap_or(0) % args.folds).collect();
        let mut predicted = vec![""; pages.len()];
        for fold in 0..args.folds {
            let train: Vec<usize> = (0..pages.len()).filter(|&i| fold_of[i] != fold).collect();
            let model = PageTypeModel::train(
                names.clone(),
                &train.iter().map(|&i| xs[i].clone()).collect::<Vec<_>>(),
                &train.iter().map(|&i| kinds[i]).collect::<Vec<_>>(),
                &options,
            );
            for i in (0..pages.len()).filter(|&i| fold_of[i] == fold) {
                predicted[i] = page_kind_of(model.kind(&xs[i]));
            }
        }
        println!("{}-fold cross-validation (folds by site): {}", args.folds, summary(&pages, &predicted));
        if g.verbose > 0 {
            for (page, p) in pages.iter().zip(&predicted) {
                if (*p == "article") != (page.primary == "article") {
                    eprintln!("  cv miss {} labelled {}", page.id, page.primary);
                }
            }
        }
    }
    let model = PageTypeModel::train(names, &xs, &kinds, &options);
    let predicted: Vec<&str> = xs.iter().map(|x| page_kind_of(model.kind(x))).collect();
    println!("trained on all pages, scored on them: {}", summary(&pages, &predicted));
    let json = to_json(&model)?;
    std::fs::write(&args.out, &json).with_context(|| format!("cannot write {}", args.out.display()))?;
    if !g.quiet {
        eprintln!(
            "{} trees, {} bytes -> {} in {:.1} s",
            model.article.trees.len() + model.kinds.iter().map(|(_, e)| e.trees.len()).sum::<usize>(),
            json.len(),
            args.out.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(Outcome::Clean)
}

/// Accuracy of article-or-not, per labelled type how many pages were taken for articles, and
/// how many of the pages that are not articles (and were not taken for one) got their kind.
fn summary(pages: &[Labelled], predicted: &[&str]) -> String {
    let ok =
        pages.iter().zip(predicted).filter(|(p, k)| (p.primary == "article") == (**k == "article")).count();
    let mut per_type: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let (mut kinds_ok, mut kinds_judged) = (0, 0);
    for (page, k) in pages.iter().zip(predicted) {
        let e = per_type.entry(&page.primary).or_default();
        e.0 += usize::from(*k == "article");
        e.1 += 1;
        if page.primary != "article" && *k != "article" {
            kinds_judged += 1;
            kinds_ok += usize::from(*k == page_kind_of(&page.primary));
        }
    }
    let mut out = format!("article or not {:.4} ({ok}/{})", ok as f64 / pages.len() as f64, pages.len());
    for (t, (articles, n)) in per_type {
        let _ = write!(out, ", {t} {articles}/{n} as article");
    }
    let _ = write!(
        out,
        "; kind of the other pages {:.4} ({kinds_ok}/{kinds_judged})",
        kinds_ok as f64 / kinds_judged.max(1) as f64
    );
    out
}

/// One tree a line, so a retrained model diffs readably.
fn to_json(model: &PageTypeModel) -> Result<String> {
    fn ensemble(out: &mut String, e: &wiretrace_ingest::PageTypeEnsemble) -> Result<()> {
        let _ = write!(out, "{{\"base\": {},\n\"trees\": [\n", serde_json::to_string(&e.base)?);
        for (i, tree) in e.trees.iter().enumerate() {
            *out += &serde_json::to_string(tree)?;
            *out += if i + 1 < e.trees.len() { ",\n" } else { "\n" };
        }
        *out += "]}";
        Ok(())
    }
    let mut out = String::from("{\n\"features\": ");
    out += &serde_json::to_string(&model.features)?;
    out += ",\n\"article\": ";
    ensemble(&mut out, &model.article)?;
    out += ",\n\"kinds\": [\n";
    for (i, (kind, e)) in model.kinds.iter().enumerate() {
        let _ = write!(out, "[{}, ", serde_json::to_string(kind)?);
        ensemble(&mut out, e)?;
        out += if i + 1 < model.kinds.len() { "],\n" } else { "]\n" };
    }
    out += "]\n}\n";
    Ok(out)
}

fn read_pages(dir: &Path) -> Result<Vec<Labelled>> {
    let mut pages = Vec::new();
    for LabelledPage { id, label, html } in read_labelled_pages(dir)? {
        let Some(primary) = label["_internal"]["page_type"]["primary"].as_str() else {
            bail!("{}/ground-truth/{id}.json has no _internal.page_type.primary", dir.display());
        };
        let (_, features) = extract_html_with_features(&decode_html(&html, None), None);
        let site = label["url"]
            .as_str()
            .and_then(|u| u.split_once("://"))
            .map(|(_, rest)| rest.split('/').next().unwrap_or(rest).trim_start_matches("www.").to_string())
            .unwrap_or_else(|| id.clone());
        pages.push(Labelled { id, primary: primary.to_string(), site, features });
    }
    Ok(pages)
}

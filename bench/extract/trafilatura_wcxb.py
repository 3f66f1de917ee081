"""trafilatura on WCXB pages, scored as wiretrace_eval::extract scores wiretrace (WCXB's
evaluate.py body metric; title exact; exact-day date; dates given to undated pages)."""
import glob, gzip, json, os, re, sys, time, unicodedata
from collections import Counter

import trafilatura


# As crates/eval/src/extract.rs compares titles: Unicode compatibility form (NFKC: "…" is
# "..."), typographic quotes read as plain ones, whitespace collapsed.
PLAIN_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def squash(s):
    return " ".join(unicodedata.normalize("NFKC", s).translate(PLAIN_QUOTES).split())


def body_scores(pred, ref):
    """Precision, recall and F1 of the predicted body's words against the reference's."""
    p = re.findall(r"\w+", (pred or "").lower())
    r = re.findall(r"\w+", (ref or "").lower())
    if not r:
        s = 1.0 if not p else 0.0
        return s, s, s
    if not p:
        return 0.0, 0.0, 0.0
    overlap = sum((Counter(p) & Counter(r)).values())
    pr, rc = overlap / len(p), overlap / len(r)
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

def main(data):
    pages = []
    for path in sorted(glob.glob(os.path.join(data, "ground-truth", "*.json"))):
        truth = json.load(open(path))
        if truth["_internal"]["page_type"]["primary"] != "article":
            continue
        fid = os.path.basename(path)[:-5]
        html = gzip.open(os.path.join(data, "html", fid + ".html.gz")).read().decode("utf-8", "replace")
        pages.append((truth["ground_truth"], html))
    start = time.process_time()
    results = [trafilatura.bare_extraction(html, with_metadata=True, as_dict=True) for _, html in pages]
    seconds = time.process_time() - start
    scores, titles, titled, dates, dated, invented = [], 0, 0, 0, 0, 0
    for (gt, _), res in zip(pages, results):
        res = res or {}
        scores.append(body_scores(res.get("text"), gt.get("main_content")))
        if gt.get("title"):
            titled += 1
            titles += squash(res.get("title") or "") == squash(gt["title"])
        day = (gt.get("publish_date") or "")[:10]
        got = (res.get("date") or "")[:10]
        if day:
            dated += 1
            dates += got == day
        elif got:
            invented += 1
    p, r, f1 = (sum(s[i] for s in scores) / len(scores) for i in range(3))
    print(f"trafilatura: {len(pages) / seconds:.1f} pages/s  body P {p:.4f} R {r:.4f} F1 {f1:.4f}  title exact {titles / max(titled, 1):.4f}  "
          f"date exact {dates / max(dated, 1):.4f}  invented {invented}  ({len(pages)} articles, CPU time)")

if __name__ == "__main__":
    main(sys.argv[1])

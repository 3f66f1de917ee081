"""The peer in the reuse benchmark: datasketch's MinHashLSH on a reuse-gen corpus.

Each article becomes the set of its 5-word shingles (lowercased \\w+ words, as wiretrace folds
them), a MinHash of NUM_PERM permutations, and is queried against the LSH index before being
inserted, so every pair is reported once (the incremental use, as wiretrace's index). The pairs
LSH returns are the prediction: MinHashLSH has no alignment step, so it gives no passages.

Prints one JSON object like reuse-run's: articles, seconds, articles_per_s, cpu_seconds,
peak_rss_mb, recall, precision, recall_by_kind.
"""
import argparse
import json
import re
import resource
import time
from collections import defaultdict

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+")


def shingles(text, k):
    words = WORD.findall(text.lower())
    return {" ".join(words[i:i + k]).encode() for i in range(max(0, len(words) - k + 1))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--threshold", type=float, default=0.1)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--shingle", type=int, default=5)
    args = ap.parse_args()

    started = time.perf_counter()
    cpu0 = time.process_time()
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.num_perm)
    found = set()
    n = 0
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            m = MinHash(num_perm=args.num_perm)
            m.update_batch(list(shingles(doc["text"], args.shingle)))
            me = int(doc["id"])
            for other in lsh.query(m):
                found.add((min(me, other), max(me, other)))
            lsh.insert(me, m)
            n += 1
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    gold = set()
    by_kind = defaultdict(lambda: [0, 0])
    with open(args.truth) as f:
        for line in f:
            a, b, kind = line.rstrip("\n").split("\t")
            pair = (int(a), int(b))
            gold.add(pair)
            by_kind[kind][0] += 1
            by_kind[kind][1] += pair in found
    hits = len(found & gold)
    print(json.dumps({
        "tool": f"datasketch MinHashLSH (threshold {args.threshold}, {args.num_perm} perms, {args.shingle}-word shingles)",
        "articles": n,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "articles_per_s": n / seconds,
        "peak_rss_mb": peak_mb,
        "recall": hits / len(gold) if gold else 1.0,
        "precision": hits / len(found) if found else 1.0,
        "found": len(found),
        "gold": len(gold),
        "recall_by_kind": {k: v[1] / v[0] for k, v in sorted(by_kind.items())},
    }))


if __name__ == "__main__":
    main()

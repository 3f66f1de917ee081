"""Prints the reuse benchmark's Markdown table from run.sh's results.jsonl (last run per tool and N)."""
import json
import sys

rows = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    rows[(r["n"], r["tool"].split()[0])] = r

print("| articles | tool | recall | precision | articles/s (wall) | articles per CPU-second | peak RSS (MB) | vs datasketch (wall / CPU) |")
print("|---:|---|---:|---:|---:|---:|---:|---:|")
for (n, tool), r in sorted(rows.items()):
    ds = rows.get((n, "datasketch"))
    cpu_rate = r["articles"] / r["cpu_seconds"]
    ratio = ""
    if tool == "wiretrace" and ds:
        ratio = "%.1fx / %.1fx" % (r["articles_per_s"] / ds["articles_per_s"], cpu_rate / (ds["articles"] / ds["cpu_seconds"]))
    print("| %d | %s | %.4f | %.4f | %.0f | %.0f | %.0f | %s |" % (
        n, tool, r["recall"], r["precision"], r["articles_per_s"], cpu_rate, r["time_max_rss_mb"], ratio))

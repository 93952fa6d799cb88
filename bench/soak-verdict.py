#!/usr/bin/env python3
"""Judges a soak's samples: is the server's memory flat, and is the database bounded by the retention?

    soak-verdict.py SAMPLES.csv WARMUP_S RETENTION_S MAINTENANCE_S [TOLERANCE]

SAMPLES.csv is soak.sh's: t_s,rss_mb,db_bytes,wal_bytes,audit_rows,audit_max_seq,oldest_age_s.
- RSS is flat when the mean of the last third of the samples after the warm-up is at most
  (1 + TOLERANCE) times the mean of the first third (default tolerance 0.10).
- The database is bounded when the largest db + WAL size in the last third is at most (1 + TOLERANCE)
  times the largest in the middle third, and the oldest kept audit record in the last two thirds is
  never older than retention + maintenance interval + one sample period (what the prune promises);
  a run whose middle third starts before the first prune is too short to judge.
Prints the summary; exits 0 when both hold, 1 otherwise.
"""
import csv
import sys

path, warmup, retention, interval = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
tolerance = float(sys.argv[5]) if len(sys.argv) > 5 else 0.10
rows = [{k: float(v) for k, v in r.items()} for r in csv.DictReader(open(path))]
steady = [r for r in rows if r["t_s"] >= warmup]
if len(steady) < 6:
    sys.exit(f"only {len(steady)} samples after the {warmup:.0f} s warm-up: run longer")
third = len(steady) // 3
first, middle, last = steady[:third], steady[third:2 * third], steady[2 * third:]
period = (rows[-1]["t_s"] - rows[0]["t_s"]) / (len(rows) - 1)


def mean(rs, key):
    return sum(r[key] for r in rs) / len(rs)


def size(r):
    return r["db_bytes"] + r["wal_bytes"]


mb = 1024 * 1024
rss_first, rss_last = mean(first, "rss_mb"), mean(last, "rss_mb")
rss_flat = rss_last <= rss_first * (1 + tolerance)
size_middle, size_last = max(map(size, middle)), max(map(size, last))
oldest = max(r["oldest_age_s"] for r in middle + last)
age_bound = retention + interval + period
bounded = size_last <= size_middle * (1 + tolerance) and oldest <= age_bound
# Before the first prune the file only grows: the middle third must start after it to show a bound.
too_short = middle[0]["t_s"] < retention + interval
written = rows[-1]["audit_max_seq"]
span = rows[-1]["t_s"] - rows[0]["t_s"]

print(f"samples: {len(rows)}, one every {period:.1f} s over {span:.0f} s; {len(steady)} after the {warmup:.0f} s warm-up,"
      f" compared in thirds of {third}")
print(f"audit records written: {written:.0f} ({written / span:.0f}/s); kept at the end: {rows[-1]['audit_rows']:.0f}")
print(f"RSS MB: first third mean {rss_first:.0f}, last third mean {rss_last:.0f}"
      f" ({(rss_last / rss_first - 1) * 100:+.1f} %), min {min(r['rss_mb'] for r in steady):.0f},"
      f" max {max(r['rss_mb'] for r in steady):.0f} -> {'FLAT' if rss_flat else 'GROWING'}")
print(f"db + WAL MB: max middle third {size_middle / mb:.1f}, max last third {size_last / mb:.1f},"
      f" end {size(rows[-1]) / mb:.1f} (WAL {rows[-1]['wal_bytes'] / mb:.1f});"
      f" rows kept at most {max(r['audit_rows'] for r in middle):.0f} (middle third),"
      f" {max(r['audit_rows'] for r in last):.0f} (last third);"
      f" oldest kept record at most {oldest:.0f} s old (bound {age_bound:.0f} s)"
      f" -> {'TOO SHORT' if too_short else 'BOUNDED' if bounded else 'GROWING'}")
if too_short:
    print(f"the middle third starts at {middle[0]['t_s']:.0f} s, before the first prune can have run"
          f" ({retention + interval:.0f} s): run at least {3 * (retention + interval) + warmup:.0f} s")
print(f"without retention the file would hold every record: about {written * 450 / mb:.0f} MB at 450 B each")
database = "too-short-to-judge" if too_short else "bounded" if bounded else "growing"
print(f"VERDICT rss={'flat' if rss_flat else 'growing'} database={database}")
sys.exit(0 if rss_flat and bounded and not too_short else 1)

#!/usr/bin/env bash
# JMH micro-benchmarks of the pipeline's steps (bench/jmh), with allocation per operation (-prof gc).
#   bench/jmh.sh                       every benchmark (about 5 minutes)
#   bench/jmh.sh ApiKey Policy         only those whose name matches (JMH regexps)
# Knobs (environment): FORKS=1 WARMUPS=3 WARMUP_TIME=2s ITERATIONS=5 TIME=2s, JAVA_OPTS for the forked JVMs,
# OUT=bench/results/jmh-<time>. Prints a Markdown table (ops/s, allocation per op) and keeps JMH's JSON.
# Benchmarks are not tests: nothing here runs in mvnw verify (the module only compiles there).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODULE=$ROOT/bench/jmh
OUT=${OUT:-$ROOT/bench/results/jmh-$(date +%Y%m%d-%H%M%S)}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
mkdir -p "$OUT"

echo "building bench/jmh ..." >&2
(cd "$ROOT" && ./mvnw -q -DskipTests -pl bench/jmh -am package)
CP=$MODULE/target/classes:$(cat "$MODULE/target/classpath.txt")

# sqlite-jdbc loads a native library: JDK 24+ wants that allowed, JDK 17 accepts the flag.
"$JAVA" -cp "$CP" org.openjdk.jmh.Main \
  -f "${FORKS:-1}" -wi "${WARMUPS:-3}" -w "${WARMUP_TIME:-2s}" -i "${ITERATIONS:-5}" -r "${TIME:-2s}" \
  -jvmArgsAppend "--enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-}" \
  -prof gc -rf json -rff "$OUT/results.json" "$@" | tee "$OUT/jmh.txt" >&2

python3 - "$OUT/results.json" <<'PY' | tee "$OUT/table.md"
import json, sys
rows = json.load(open(sys.argv[1]))
print("| benchmark | threads | ops/s | ± (99.9 %) | allocated B/op |")
print("|---|---|---|---|---|")
for r in rows:
    name = r["benchmark"].replace("dev.toolgate.bench.", "")
    m = r["primaryMetric"]
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    print(f"| {name} | {r['threads']} | {m['score']:,.0f} | {m['scoreError']:,.0f} |"
          f" {'' if alloc is None else f'{alloc:,.0f}'} |")
PY
echo "results in $OUT" >&2

#!/usr/bin/env bash
# The soak: the packaged server under the read scenario for MINUTES minutes with a short audit retention,
# then a session flood from one key. Answers: is memory flat, is the database bounded by the retention,
# does the per-key session cap hold?
#   bench/soak.sh                (from anywhere; builds app-cli/target/toolgate.jar when it is missing)
# Knobs (environment), defaults in brackets:
#   MINUTES [10]             how long wrk drives POST /tools/search_customer (cache hit, audited)
#   RETENTION [PT2M]         TOOLGATE_AUDIT_RETENTION of the server (ISO-8601 duration)
#   MAINTENANCE_SECONDS [10] TOOLGATE_MAINTENANCE_INTERVAL_SECONDS: how often the prune runs
#   SAMPLE_SECONDS [10]      how often RSS, file sizes and audit rows are sampled into samples.csv
#   WARMUP_SECONDS [60]      samples before this are left out of the RSS comparison
#   FLOOD [20000]            MCP initialize requests with one key after the read run
#   SESSION_CAP [100]        TOOLGATE_MCP_MAX_SESSIONS_PER_KEY of the server
#   THREADS [2] CONNS [16] JAVA_OPTS [-Xmx512m] TOLERANCE [0.10]; REBUILD=1 packages the jar again
#   OUT [bench/results/soak-<time>]  where samples.csv, summary.txt and the logs go
# Needs wrk (apt-get install -y wrk), python3, curl and sqlite3 (to count the audit rows).
# Exit status: 0 when RSS is flat, the database bounded, the cap held and the chain verifies.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
JAR=$ROOT/app-cli/target/toolgate.jar
MINUTES=${MINUTES:-10}; RETENTION=${RETENTION:-PT2M}; MAINTENANCE_SECONDS=${MAINTENANCE_SECONDS:-10}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-10}; WARMUP_SECONDS=${WARMUP_SECONDS:-60}; FLOOD=${FLOOD:-20000}
SESSION_CAP=${SESSION_CAP:-100}; THREADS=${THREADS:-2}; CONNS=${CONNS:-16}; JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
TOLERANCE=${TOLERANCE:-0.10}; JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
OUT=${OUT:-$HERE/results/soak-$(date +%Y%m%d-%H%M%S)}

for tool in wrk python3 curl sqlite3; do
  command -v "$tool" > /dev/null || { echo "soak needs $tool on the PATH" >&2; exit 1; }
done
if [ "${REBUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; then
  echo "packaging $JAR ..." >&2
  (cd "$ROOT" && ./mvnw -q -DskipTests -pl app-cli -am package)
fi
retention_s=$(python3 -c 'import re,sys
m=re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", sys.argv[1].upper())
if not m or not any(m.groups()): sys.exit("RETENTION must look like PT2M, PT1H30M or P1D, got " + sys.argv[1])
d,h,mi,s=(int(g or 0) for g in m.groups()); print(d*86400+h*3600+mi*60+s)' "$RETENTION")
mkdir -p "$OUT"
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)

PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
KEY=soak-key-0123456789; URL=http://127.0.0.1:$PORT
DATA=$(mktemp -d); DB=$DATA/data/toolgate.db
# shellcheck disable=SC2086
(cd "$DATA" && exec env API_KEY=$KEY PORT=$PORT RATE_LIMIT=100000000/minute TOOLGATE_AUDIT_RETENTION=$RETENTION \
  TOOLGATE_MAINTENANCE_INTERVAL_SECONDS=$MAINTENANCE_SECONDS TOOLGATE_MCP_MAX_SESSIONS_PER_KEY=$SESSION_CAP \
  "$JAVA" $JAVA_OPTS -jar "$JAR" serve > "$OUT/server.log" 2>&1) &
PID=$!
WRK=
cleanup() {
  [ -n "$WRK" ] && kill "$WRK" 2> /dev/null || true
  kill "$PID" 2> /dev/null || true
  wait "$PID" 2> /dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT
for _ in $(seq 600); do curl -fs -o /dev/null "$URL/healthz" && break; sleep 0.1; done
curl -fs -o /dev/null "$URL/healthz" || { echo "the server did not start; see $OUT/server.log" >&2; exit 1; }

rss_mb() { awk '$1=="VmRSS:"{printf "%.1f", $2/1024}' "/proc/$PID/status"; }
bytes() { stat -c %s "$1" 2> /dev/null || echo 0; }
# Rows kept, the newest seq (= records ever written) and the oldest kept record's age; read-only, so the
# server's writer never waits for it. A busy moment gives blanks, written as the previous sample's.
audit() {
  sqlite3 -readonly -cmd '.timeout 2000' -separator , "$DB" \
    "SELECT count(*), coalesce(max(seq),0), coalesce((CAST(strftime('%s','now') AS INTEGER)*1000 - min(at))/1000.0, 0) FROM audit_log" \
    2> /dev/null || echo "$last_audit"
}
last_audit=0,0,0
echo "t_s,rss_mb,db_bytes,wal_bytes,audit_rows,audit_max_seq,oldest_age_s" > "$OUT/samples.csv"
sample() {
  last_audit=$(audit)
  echo "$1,$(rss_mb),$(bytes "$DB"),$(bytes "$DB-wal"),$last_audit" >> "$OUT/samples.csv"
}

echo "soak: $MINUTES min of the read scenario on $URL, retention $RETENTION, prune every ${MAINTENANCE_SECONDS}s -> $OUT" >&2
wrk -t"$THREADS" -c"$CONNS" -d"${MINUTES}m" -s "$HERE/rest-read.lua" "$URL/tools/search_customer" -- "$KEY" \
  > "$OUT/wrk.txt" 2>&1 &
WRK=$!
start=$(date +%s)
sample 0
while kill -0 "$WRK" 2> /dev/null; do
  sleep "$SAMPLE_SECONDS"
  kill -0 "$WRK" 2> /dev/null || break
  sample $(( $(date +%s) - start ))
done
wait "$WRK" || true
WRK=

python3 "$HERE/session-flood.py" "$URL/mcp" "$KEY" "$FLOOD" > "$OUT/flood.txt" 2>&1 && flood_ok=1 || flood_ok=0
sessions=$(curl -fs "$URL/readyz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["mcp_sessions"])')
rss_after_flood=$(rss_mb)
kill "$PID"; wait "$PID" 2> /dev/null || true
(cd "$DATA" && "$JAVA" -jar "$JAR" --output table audit verify) > "$OUT/verify.txt" 2>&1 && verified=1 || verified=0

{
  echo "# bench/soak.sh $(date -Is) cpus=$(nproc) project HEAD at start $COMMIT ($JAR)"
  echo "# $MINUTES min, wrk -t$THREADS -c$CONNS, retention $RETENTION, prune every ${MAINTENANCE_SECONDS}s, JAVA_OPTS=$JAVA_OPTS"
  awk '/Requests\/sec|Non-2xx|Socket errors|requests in/' "$OUT/wrk.txt" | sed 's/^ */wrk: /'
  python3 "$HERE/soak-verdict.py" "$OUT/samples.csv" "$WARMUP_SECONDS" "$retention_s" "$MAINTENANCE_SECONDS" "$TOLERANCE" \
    && soak_ok=1 || soak_ok=0
  echo "session flood: $(cat "$OUT/flood.txt" | tail -1); mcp_sessions in /readyz after it: $sessions (cap $SESSION_CAP);" \
    "RSS after it: $rss_after_flood MB"
  cap_ok=0; [ "$flood_ok" = 1 ] && [ "$sessions" -le "$SESSION_CAP" ] && cap_ok=1
  echo "audit verify after the run: $(tail -1 "$OUT/verify.txt")"
  echo "VERDICT session_cap=$([ $cap_ok = 1 ] && echo held || echo BROKEN) chain=$([ $verified = 1 ] && echo valid || echo BROKEN)"
  [ "$soak_ok" = 1 ] && [ "$cap_ok" = 1 ] && [ "$verified" = 1 ]
} | tee "$OUT/summary.txt"

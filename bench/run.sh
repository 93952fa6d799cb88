#!/usr/bin/env bash
# Toolgate's guarded calls against the bare baselines, in one run on this machine.
#   bench/run.sh                 (from anywhere; builds app-cli/target/toolgate.jar when it is missing)
# Knobs are the shared harness's: WARMUP=60s DURATION=15s THREADS=2 CONNS=16 JAVA_OPTS=-Xmx512m,
# plus REBUILD=1 to package the jar even if it exists, and HARNESS=<path to toolgate/run.sh>.
# The harness starts `java $JAVA_OPTS -jar toolgate.jar serve`; the JVM flags `./toolgate serve` adds
# (the class-data archive, made here if missing) go first in JAVA_OPTS, so the harness measures what the
# launcher runs. LAUNCHER_FLAGS=0 leaves them out (a bare `java -jar`, as before).
# Needs wrk (Debian package: apt-get install -y wrk) and python3, like the harness.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HARNESS=${HARNESS:-$ROOT/../shared/bench/toolgate/run.sh}
JAR=$ROOT/app-cli/target/toolgate.jar

[ -x "$HARNESS" ] || [ -f "$HARNESS" ] || {
  echo "no benchmark harness at $HARNESS (set HARNESS=/path/to/shared/bench/toolgate/run.sh)" >&2; exit 1; }
command -v wrk > /dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

if [ "${REBUILD:-0}" = 1 ] || [ ! -f "$JAR" ]; then
  echo "packaging $JAR ..." >&2
  (cd "$ROOT" && ./mvnw -q -DskipTests -pl app-cli -am package)
fi

# Reported figures use a 60 s warm-up: JVM servers keep speeding up that long under load on 2 cores.
export WARMUP=${WARMUP:-60s}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
if [ "${LAUNCHER_FLAGS:-1}" != 0 ]; then
  JAVA_OPTS="$(TOOLGATE_PRINT_FLAGS=1 "$ROOT/toolgate" serve) $JAVA_OPTS"
fi
export JAVA_OPTS
echo "JAVA_OPTS=$JAVA_OPTS" >&2
exec bash "$HARNESS" "$ROOT"

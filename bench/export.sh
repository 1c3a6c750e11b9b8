#!/usr/bin/env bash
# Samtal export benchmark (issue 4 item 12): one command, from nothing to a table of figures.
#
#   bench/export.sh        # about 5 minutes on a quiet 2-core machine
#
# For each heap setting (HEAPS, default "256m default"):
#   1. A fresh app (demo profile, embedded PostgreSQL 18 as the app starts it: durable, fsync on, synchronous_commit
#      on) on a fresh data directory and a free 127.0.0.1 port, with -Xmx<heap> (none for "default") and a GC log
#      (-Xlog:gc:file=<run dir>/gc.log:utctime).
#   2. Two subjects, "small" and "large": their client accounts are opened through the API (POST /api/v1/accounts);
#      BenchChainSeed (bench/src/hooks, run with the app's classes) appends SMALL_ACCESS_LOG / ACCESS_LOG access-log
#      entries under client:<account id> (the key the app files a client's records under), validly chained after the
#      app's head, over the demo organisations' staff; ExportBench gets tokens (POST /api/v1/auth/token) and writes one
#      ongoing conversation per client (ACTIVE, at a demo reception, handle = username) holding SMALL_MESSAGES /
#      MESSAGES chat messages of 50-300 characters.
#   3. ExportBench measures GET /api/v1/me/export: WARMUP exports per subject, then REPS rounds (small, large): time to
#      the first and the last byte, the body parsed as a stream (nothing kept) to check it is well formed, complete and
#      holds every seeded record; CPU shares; GC pauses during each export from the GC log. An export during which
#      other work took more than 0.25 cores is measured again (RETRY_BUSY times).
#   4. Memory probes (PROBES=true): one more export per subject, read through a small socket buffer and stopped at
#      10/50/90 % of the access-log entries and of the messages; at each stop the app's live heap (used after a full
#      GC, jcmd) and where its export thread is (jcmd Thread.dump_to_file); the same before and after the export. The
#      app can run ~4 MB (what loopback buffers) ahead of the reader, so a stop late in a small export finds it done.
#   5. The app verifies its access-log chain (GET /actuator/accesslog as an admin).
#
# Environment knobs:
#   ACCESS_LOG (90000)  MESSAGES (10000)              the large subject: 100,000 records
#   SMALL_ACCESS_LOG (9000)  SMALL_MESSAGES (1000)    the small subject: 10,000 records
#   (e.g. ACCESS_LOG=0 MESSAGES=100000 SMALL_ACCESS_LOG=0 SMALL_MESSAGES=10000: messages only, 10k against 100k)
#   HEAPS ("256m default")  REPS (5)  WARMUP (2)  PROBES (true)  RETRY_BUSY (2)
#   WAIT_QUIET  seconds to wait at most for the machine to be idle before each app (default 300; 0: don't)
#   APP_JAVA_OPTS, APP_ARGS, APP_JAR, LABEL, RESULTS as in bench/privacy.sh
set -euo pipefail

WAIT_QUIET=${WAIT_QUIET:-300}
APP_JAVA_OPTS=${APP_JAVA_OPTS:-}
APP_ARGS=${APP_ARGS:-}
ACCESS_LOG=${ACCESS_LOG:-90000}
MESSAGES=${MESSAGES:-10000}
SMALL_ACCESS_LOG=${SMALL_ACCESS_LOG:-9000}
SMALL_MESSAGES=${SMALL_MESSAGES:-1000}
HEAPS=${HEAPS:-256m default}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
APP_JAR=${APP_JAR:-"$ROOT/target/samtal-0.1.0-SNAPSHOT.jar"}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$BENCH_DIR/target/results/export-$STAMP"
RESULTS=${RESULTS:-$OUT/results.jsonl}
PASSWORD="bench-$RANDOM$RANDOM-pw"
CLIENT_PASSWORD="Export-bench-$RANDOM$RANDOM-pw"
mkdir -p "$OUT"

BENCH_NAME=export
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

# ---------------------------------------------------------------- one app instance
# start_app <run dir> [loader.path] [jar]: sets APP_PID, APP_PORT
start_app() {
  local dir=$1 loader=${2:-} jar=${3:-$APP_JAR}
  mkdir -p "$dir"
  APP_PORT=$(free_port)
  # shellcheck disable=SC2086
  java $APP_JAVA_OPTS ${loader:+-Dloader.path=$loader} -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher \
    --spring.profiles.active=demo --samtal.demo.password="$PASSWORD" \
    --server.address=127.0.0.1 --server.port="$APP_PORT" \
    --samtal.embedded-postgres.data-directory="$dir/pg" \
    --samtal.access-log.signing-key-file="$dir/access-log-signing-key" \
    --samtal.retention.initial-delay=PT24H \
    --samtal.rate-limit.sensitive-per-minute=1000000 --samtal.rate-limit.api-per-minute=100000000 \
    $APP_ARGS > "$dir/app.log" 2>&1 &
  APP_PID=$!
  APP_PIDS+=("$APP_PID")
  APP_DIRS+=("$dir")
  echo "$APP_PID" > "$dir/app.pid"
}

# wait_up <run dir> <pid> <port>: sets PG_PORT
wait_up() {
  local dir=$1 pid=$2 port=$3
  for _ in $(seq 1 480); do
    if ! kill -0 "$pid" 2>/dev/null; then echo "[export] the app died; see $dir/app.log"; tail -20 "$dir/app.log"; exit 1; fi
    if curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q UP; then
      PG_PORT=$(grep -o 'Started embedded PostgreSQL on port [0-9]*' "$dir/app.log" | grep -o '[0-9]*$' | head -1)
      echo "[export] app up: pid $pid, 127.0.0.1:$port, PostgreSQL $(cat "$dir/pg/PG_VERSION") on port $PG_PORT ($(grep -o 'Started SamtalApplication in [0-9.]* seconds' "$dir/app.log"))"
      return 0
    fi
    sleep 0.5
  done
  echo "[export] the app did not come up in 240 s"; exit 1
}

# open_account <username>: opens a client account through the API and prints its id
open_account() {
  curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$CLIENT_PASSWORD\"}" \
    "http://127.0.0.1:$APP_PORT/api/v1/accounts" | grep -o '"id":"[^"]*"' | cut -d'"' -f4
}

# ---------------------------------------------------------------- build
build_driver_and_hooks "$BENCH_DIR/target/hooks-classes-export"
HOOKS_CP="$APP_CLASSES/BOOT-INF/classes:$APP_CLASSES/BOOT-INF/lib/*:$HOOKS:$DRIVER_JAR:$HDR"

# ---------------------------------------------------------------- machine
echo "[export] machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
$(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), kernel $(uname -r), \
$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), $(java -version 2>&1 | sed -n 2p)"

status=0
for HEAP in $HEAPS; do
  RUN_DIR="$OUT/heap-$HEAP"
  mkdir -p "$RUN_DIR"
  HEAP_OPT=""; [[ "$HEAP" == default ]] || HEAP_OPT="-Xmx$HEAP"
  wait_quiet
  echo "[export] heap $HEAP: machine before start: $(uptime)"
  SAVED_OPTS=$APP_JAVA_OPTS SAVED_ARGS=$APP_ARGS
  APP_JAVA_OPTS="$HEAP_OPT -Xlog:gc:file=$RUN_DIR/gc.log:utctime $SAVED_OPTS"
  # The seeded conversations are ongoing: keep the abandoned-conversation sweep off them for the run.
  APP_ARGS="--samtal.chat.visitor-timeout=PT24H $SAVED_ARGS"
  start_app "$RUN_DIR"
  APP_JAVA_OPTS=$SAVED_OPTS APP_ARGS=$SAVED_ARGS
  wait_up "$RUN_DIR" "$APP_PID" "$APP_PORT"
  echo "[export] app JVM: $(jcmd "$APP_PID" VM.flags 2>/dev/null | grep -o -- '-XX:MaxHeapSize=[0-9]*\|-XX:+Use[A-Za-z]*GC' | tr '\n' ' ')"
  SMALL_USER="exp-small-$RANDOM"
  LARGE_USER="exp-large-$RANDOM"
  SMALL_ID=$(open_account "$SMALL_USER")
  LARGE_ID=$(open_account "$LARGE_USER")
  echo "[export] accounts opened through the API: $SMALL_USER ($SMALL_ID), $LARGE_USER ($LARGE_ID)"
  for seed in "$SMALL_ID:$SMALL_ACCESS_LOG" "$LARGE_ID:$ACCESS_LOG"; do
    [[ ${seed#*:} -gt 0 ]] || continue
    java -cp "$HOOKS_CP" org.samtal.privacy.BenchChainSeed --pg-port="$PG_PORT" --entries="${seed#*:}" \
      --subject="client:${seed%%:*}" --append --years-back=0
  done
  sleep 3
  wait_quiet 20
  set +e
  java -Xmx1g -cp "$DRIVER_CP" org.samtal.bench.ExportBench \
    --base="http://127.0.0.1:$APP_PORT" --pg-port="$PG_PORT" --app-pid="$APP_PID" --pg-data="$RUN_DIR/pg" \
    --gc-log="$RUN_DIR/gc.log" --dump-dir="$RUN_DIR" --heap="$HEAP" --label="${LABEL:-}" --results="$RESULTS" \
    --client-password="$CLIENT_PASSWORD" \
    --subjects="small:$SMALL_USER:$SMALL_ACCESS_LOG:$SMALL_MESSAGES,large:$LARGE_USER:$ACCESS_LOG:$MESSAGES" \
    --reps="${REPS:-5}" --warmup="${WARMUP:-2}" --probes="${PROBES:-true}" --retry-busy="${RETRY_BUSY:-2}" \
    2>&1 | tee "$RUN_DIR/export.log"
  rc=${PIPESTATUS[0]}; [[ $rc -eq 0 ]] || { echo "[export] export bench exit code $rc (2 = a check failed)"; status=$rc; }
  java -cp "$DRIVER_CP" org.samtal.bench.ChainCheck --base="http://127.0.0.1:$APP_PORT" --password="$PASSWORD"
  rc=$?; [[ $rc -eq 0 ]] || { echo "[export] the chain does not verify"; status=$rc; }
  set -e
  stop_apps
  echo "[export] machine after stop: $(uptime)"
done

echo
echo "Results ($RESULTS); CPU shares in cores (of $(nproc)):"
[[ -f "$RESULTS" ]] && java -cp "$DRIVER_CP" org.samtal.bench.ExportBench --table="$RESULTS"
exit $status

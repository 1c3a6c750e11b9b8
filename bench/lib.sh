# Shared by the benchmark scripts (sourced, not run): the apps a script started and only those, stopped on exit;
# how busy the machine is; waiting for it to be quiet; a free port. The caller sets BENCH_NAME and WAIT_QUIET.
# ---------------------------------------------------------------- processes this script started, and only those
APP_PIDS=()
APP_DIRS=()
stop_apps() {
  local pid dir pg
  for pid in "${APP_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for pid in "${APP_PIDS[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  # The embedded PostgreSQL is not a child of the JVM; after a hard kill it would outlive it. Stop ours only.
  for dir in "${APP_DIRS[@]}"; do
    if [[ -f "$dir/pg/postmaster.pid" ]]; then
      pg=$(head -1 "$dir/pg/postmaster.pid" || true)
      if [[ "$pg" =~ ^[0-9]+$ ]] && kill -0 "$pg" 2>/dev/null && grep -q "$dir/pg" "/proc/$pg/cmdline" 2>/dev/null; then
        kill -INT "$pg" 2>/dev/null || true
        for _ in $(seq 1 40); do kill -0 "$pg" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$pg" 2>/dev/null || true
      fi
    fi
  done
  APP_PIDS=()
  APP_DIRS=()
}
trap 'stop_apps' EXIT
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

# Waits for the machine to be idle; $1 is the share of all cores our own idle apps may use (default 15 %).
wait_quiet() {
  [[ "$WAIT_QUIET" -gt 0 ]] || return 0
  local limit=${1:-15} deadline=$((SECONDS + WAIT_QUIET)) busy
  while true; do
    busy=$(busy_percent)
    if [[ $busy -lt $limit ]]; then echo "[$BENCH_NAME] machine idle enough (${busy}% busy)"; return 0; fi
    if [[ $SECONDS -ge $deadline ]]; then echo "[$BENCH_NAME] WARNING: machine still ${busy}% busy after ${WAIT_QUIET} s; measuring anyway"; return 0; fi
    echo "[$BENCH_NAME] machine ${busy}% busy (other work); waiting"
    sleep 10
  done
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Builds the app jar when missing and the driver, and compiles the hooks (bench/src/hooks) against the app's own
# classes, unpacked from the jar that is measured, into $1. Sets DRIVER_JAR, DRIVER_CP, APP_CLASSES, HOOKS, HDR.
# The caller sets ROOT, BENCH_DIR and APP_JAR.
build_driver_and_hooks() {
  if [[ ! -f "$APP_JAR" ]]; then
    echo "[$BENCH_NAME] building the app jar"
    (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
  fi
  echo "[$BENCH_NAME] building the driver"
  (cd "$ROOT" && ./mvnw -q -B -f bench/pom.xml package)
  DRIVER_JAR="$BENCH_DIR/target/samtal-chat-bench-0.1.0-SNAPSHOT.jar"
  DRIVER_CP="$DRIVER_JAR:$BENCH_DIR/target/lib/*"
  APP_CLASSES="$BENCH_DIR/target/app"
  local from="$APP_JAR $(stat -c %Y "$APP_JAR")"
  if [[ ! -f "$APP_CLASSES/.from" || "$(cat "$APP_CLASSES/.from")" != "$from" ]]; then
    rm -rf "$APP_CLASSES" && mkdir -p "$APP_CLASSES"
    (cd "$APP_CLASSES" && unzip -q "$APP_JAR" 'BOOT-INF/*')
    echo "$from" > "$APP_CLASSES/.from"
  fi
  HOOKS=$1
  rm -rf "$HOOKS" && mkdir -p "$HOOKS"
  HDR=$(ls "$BENCH_DIR"/target/lib/HdrHistogram-*.jar)
  # shellcheck disable=SC2046
  javac --release 21 -nowarn -d "$HOOKS" -cp "$APP_CLASSES/BOOT-INF/classes:$APP_CLASSES/BOOT-INF/lib/*:$DRIVER_JAR:$HDR" \
    $(find "$BENCH_DIR/src/hooks/java" -name '*.java')
}

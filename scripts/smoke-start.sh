#!/usr/bin/env bash
# Starts the service as a newcomer would (`npm start`, embedded database in a fresh folder), checks /health, kills
# the service under its supervisor and waits for it to come back, restarts it on the same data (and on PostgreSQL
# when SMOKE_DATABASE_URL is set), then checks that bad settings stop start-up with a one-line reason.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
log=$(mktemp)
pid=

# A free port, so that nothing else answering on a fixed one can pass for this service.
port=${SMOKE_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}

# Each start runs in a process group of its own: stopping it stops npm and the node process under it.
stop() {
  if [ -n "$pid" ]; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
  fi
}
trap 'stop; rm -rf "$data" "$log"' EXIT

start() {
  setsid "$@" >"$log" 2>&1 &
  pid=$!
}

wait_healthy() {
  for _ in $(seq 1 90); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the service exited; log:"; cat "$log"; return 1
    fi
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      grep -q "Vigil listening on http://127.0.0.1:$port" "$log" || { echo "something else answers on $port"; return 1; }
      return 0
    fi
    sleep 1
  done
  echo "service did not become healthy; log:"; cat "$log"; return 1
}

if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
  echo "port $port is already in use"; exit 1
fi

started=$(date +%s)
start env DATA_DIR="$data" PORT="$port" npm start
wait_healthy
echo "first start healthy after $(( $(date +%s) - started )) s (build included)"
# npm start caps the heap (scripts/serve.sh); uncapped, V8 would size it from the machine's memory.
heap=$(grep -o 'heap limit [0-9]* MB' "$log" | grep -o '[0-9][0-9]*' || true)
if [ -z "$heap" ] || [ "$heap" -gt 1024 ]; then
  echo "npm start did not cap the heap (start-up log says: ${heap:-no heap limit})"; exit 1
fi
echo "heap limit ${heap} MB"

# npm start runs the service under a supervisor: the service killed (not the supervisor) comes back on its own.
service_pid() {
  for p in $(pgrep -s "$pid" -f 'dist/main.js' || true); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q 'supervisor' || echo "$p"
  done
}
first=$(service_pid)
[ -n "$first" ] || { echo "no service process under npm start"; exit 1; }
kill -9 "$first"
back=
for _ in $(seq 1 90); do
  sleep 1
  now=$(service_pid)
  if [ -n "$now" ] && [ "$now" != "$first" ] && curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
    back=1; break
  fi
done
[ -n "$back" ] || { echo "the supervisor did not start the killed service again; log:"; cat "$log"; exit 1; }
grep -q 'Service stopped: the service was killed (SIGKILL)' "$log" || { echo "no supervisor line for the restart"; exit 1; }
echo "service killed under npm start: started again by its supervisor"
stop

start env DATA_DIR="$data" PORT="$port" node dist/main.js
wait_healthy
curl -fsS "http://127.0.0.1:$port/health"; echo
grep -q '"applied"' <(curl -fsS "http://127.0.0.1:$port/health")
# The embedded database runs the service as a role that does not own the audit trail.
grep -q '"auditTrail":"separate-owner"' <(curl -fsS "http://127.0.0.1:$port/health")
stop
echo "restart on the same data healthy, audit trail owned by another role than the service's"

# Two services on one data folder: the second is refused with a one-line reason; the first keeps serving.
start env DATA_DIR="$data" PORT="$port" node dist/main.js
wait_healthy
if out=$(env DATA_DIR="$data" PORT=$((port + 1)) node dist/main.js 2>&1); then
  echo "a second service started on the same data folder"; exit 1
fi
grep -q "another Vigil service" <<<"$out" || { echo "second service refused for another reason: $out"; exit 1; }
echo "second service refused: $out"
curl -fsS "http://127.0.0.1:$port/health" | grep -q '"reachable":true'

# The database server killed under the running service: the service starts it again.
db_pid=$(head -n 1 "$data/postgres/postmaster.pid")
kill -9 "$db_pid"
recovered=
for _ in $(seq 1 60); do
  sleep 1
  now=$(head -n 1 "$data/postgres/postmaster.pid" 2>/dev/null || true)
  if [ -n "$now" ] && [ "$now" != "$db_pid" ] && curl -fsS "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"reachable":true'; then
    recovered=1; break
  fi
done
[ -n "$recovered" ] || { echo "the database did not come back after its process was killed; log:"; cat "$log"; exit 1; }
echo "database process killed: started again by the service"

# The service killed without its shutdown leaves its database server running: the next start takes it over.
kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=
left=$(head -n 1 "$data/postgres/postmaster.pid")
kill -0 "$left" 2>/dev/null || { echo "expected the killed service's database server to be left running"; exit 1; }
start env DATA_DIR="$data" PORT="$port" node dist/main.js
wait_healthy
if kill -0 "$left" 2>/dev/null; then echo "the left-over database server still runs"; exit 1; fi
stop
echo "start after a killed service healthy (left-over database server taken over)"

if [ -n "${SMOKE_DATABASE_URL:-}" ]; then
  start env DATABASE_URL="$SMOKE_DATABASE_URL" PORT="$port" node dist/main.js
  wait_healthy
  curl -fsS "http://127.0.0.1:$port/health"; echo
  stop
  echo "healthy on PostgreSQL too"
fi

check_refusal() {
  local expected=$1; shift
  local out
  if out=$(env "$@" node dist/main.js 2>&1); then echo "start-up should have failed: $*"; exit 1; fi
  [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || { echo "expected one line, got:"; echo "$out"; exit 1; }
  grep -q "$expected" <<<"$out" || { echo "expected '$expected' in: $out"; exit 1; }
  echo "refused as expected: $out"
}
check_refusal 'PORT must be' PORT=not-a-port DATA_DIR="$data"
check_refusal 'DATABASE_URL' DATABASE_URL='mysql://u:pw@localhost/x'
check_refusal 'cannot reach the database' DATABASE_URL='postgres://u:pw@127.0.0.1:1/x'

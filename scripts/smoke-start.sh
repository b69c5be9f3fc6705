#!/usr/bin/env bash
# Starts the service as a newcomer would (`npm start`, embedded database in a fresh folder), checks /health,
# restarts it on the same data, then checks that bad settings stop start-up with a one-line reason.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
port=${SMOKE_PORT:-3917}
log=$(mktemp)
pid=

stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi; }
trap 'stop; rm -rf "$data" "$log"' EXIT

wait_healthy() {
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "service did not become healthy; log:"; cat "$log"; return 1
}

start=$(date +%s)
DATA_DIR="$data" PORT=$port npm start >"$log" 2>&1 &
pid=$!
wait_healthy
echo "first start healthy after $(( $(date +%s) - start )) s (build included)"
stop

DATA_DIR="$data" PORT=$port node dist/main.js >"$log" 2>&1 &
pid=$!
wait_healthy
curl -fsS "http://127.0.0.1:$port/health"; echo
stop
echo "restart on the same data healthy"

if [ -n "${SMOKE_DATABASE_URL:-}" ]; then
  DATABASE_URL="$SMOKE_DATABASE_URL" PORT=$port node dist/main.js >"$log" 2>&1 &
  pid=$!
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

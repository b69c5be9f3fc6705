#!/bin/sh
# Starts the built service (dist/main.js): `npm start`, the container and the benchmark all start it here, so they
# run with the same Node settings. Extra arguments are Node flags (the benchmark passes --cpu-prof).
#
# VIGIL_HEAP_MB (768) caps the JavaScript heap of the main thread (import staging runs in a worker thread with its
# own cap, src/imports/staging/staging-run.ts). The cap keeps V8 from sizing the heap from the machine's memory;
# peak live memory of the heaviest operation (a portfolio report of 100,000 suppliers) is ~125 MB, so it leaves
# room for several at once. A lower cap trades headroom for memory: at 256 a 100,000-row import peaked 20-50 MB
# lower (as fast in one window, 20-30 % slower in another), but two large reports beside an import would reach the
# cap, and a heap limit ends the process. docs/benchmarks.md has the figures.
#
# --max-semi-space-size=4 (MB) bounds the main thread's young generation (V8 grows it to 16 MB semi-spaces, 48 MB in
# all, under an import's allocation rate); the staging worker sets its own (src/imports/staging/staging-run.ts).
# Measured over six 100,000-row imports in one process: peak RSS 295-359 MB with it, 333-397 MB without
# (docs/benchmarks.md). VIGIL_SEMI_SPACE_MB changes it.
#
# --heap-growing-percent=30 lets each heap (main thread and staging worker) grow by at most 30 % past what survived
# its last full collection before the next one (V8 picks a factor up to 4x from how fast it collects). Over six
# 100,000-row imports in one process: peak RSS 296-331 MB with it, 317-356 MB without, at the same speed within the
# noise (docs/benchmarks.md). VIGIL_HEAP_GROWING_PERCENT changes it.
#
# Source maps are off: with --enable-source-maps Node keeps the maps of every loaded module (the dependencies'
# included), some 10-15 MB of heap per thread. Stack traces name the compiled files in dist/, which follow the
# sources file by file; NODE_OPTIONS=--enable-source-maps turns them back on to debug.
#
# The service runs under a supervisor (dist/supervisor/supervisor.js) that starts it again if it stops on its own,
# with a growing wait while it keeps failing at start-up; VIGIL_SUPERVISOR=off runs the service alone (as a
# process manager of one's own would).
set -- --max-old-space-size="${VIGIL_HEAP_MB:-768}" --max-semi-space-size="${VIGIL_SEMI_SPACE_MB:-4}" \
  --heap-growing-percent="${VIGIL_HEAP_GROWING_PERCENT:-30}" "$@" dist/main.js
if [ "${VIGIL_SUPERVISOR:-on}" = off ]; then
  exec node "$@"
fi
exec node dist/supervisor/supervisor.js "$@"

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
# Source maps are off: with --enable-source-maps Node keeps the maps of every loaded module (the dependencies'
# included), some 10-15 MB of heap per thread. Stack traces name the compiled files in dist/, which follow the
# sources file by file; NODE_OPTIONS=--enable-source-maps turns them back on to debug.
exec node --max-old-space-size="${VIGIL_HEAP_MB:-768}" "$@" dist/main.js

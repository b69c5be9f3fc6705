#!/bin/sh
# Starts the built service (dist/main.js): `npm start`, the container and the benchmark all start it here, so they
# run with the same Node settings. Extra arguments are Node flags (the benchmark passes --cpu-prof).
#
# VIGIL_HEAP_MB (768) caps the JavaScript heap. Without a cap V8 sizes the heap from the machine's memory and lets
# it grow to several times what is live while an import allocates fast (a 100,000-row import peaked at 400-550 MB
# RSS with ~65 MB live); with the cap it collects sooner and the same import stays under 300 MB. Peak live memory
# of the heaviest operation (a portfolio report of 100,000 suppliers) is ~125 MB, so the cap leaves room for
# several at once. docs/benchmarks.md has the figures.
exec node --max-old-space-size="${VIGIL_HEAP_MB:-768}" --enable-source-maps "$@" dist/main.js

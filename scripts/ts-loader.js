// Runs the TypeScript sources in a plain Node.js process or worker thread, the way the tests' SWC transform does:
// `node --import ./scripts/ts-loader.js src/...ts`. The built service never uses it; worker threads started from
// the sources (under Jest) are started with it (src/common/workers/worker-entry.ts).
import { register } from 'node:module';

register('./ts-loader-hooks.js', import.meta.url);

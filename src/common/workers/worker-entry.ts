import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on a module beside the caller. The built service runs JavaScript and starts the `.js`
 * file; when the caller is itself a TypeScript source (the tests run the sources through SWC), the worker is the
 * `.ts` file, started with the project's TypeScript loader (scripts/ts-loader.js) so it runs the same code.
 */
export function startWorker(callerUrl: string, moduleName: string, options: WorkerOptions): Worker {
  const fromSources = callerUrl.endsWith('.ts');
  const entry = new URL(`./${moduleName}.${fromSources ? 'ts' : 'js'}`, callerUrl);
  const loader = new URL('../../../scripts/ts-loader.js', import.meta.url);
  return new Worker(entry, {
    ...options,
    ...(fromSources ? { execArgv: [...(options.execArgv ?? []), '--import', loader.href] } : {}),
  });
}

import { createRequire } from 'node:module';
import { median } from './stats.js';

// 32 concurrent clients against one endpoint for a few seconds (autocannon), with the latency of every
// response kept so p95 is exact (autocannon's own summary has p90 and p97.5 but no p95).

interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = ((
  options: Record<string, unknown>,
  done: (
    error: Error | null,
    result: { requests: { total: number }; non2xx: number; errors: number; timeouts: number },
  ) => void,
) => AutocannonInstance) & { track?: unknown };

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failures: number;
  timeouts: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** For `seconds`, or until `amount` requests have been answered (for endpoints too slow for a timed window). */
export function runLoad(
  url: string,
  headers: Record<string, string>,
  connections: number,
  length: { seconds: number } | { amount: number },
): Promise<LoadResult> {
  const started = Date.now();
  const latencies: number[] = [];
  let failures = 0;
  return new Promise((resolve, reject) => {
    // A slow endpoint still gets its answers counted: the timeout is far above the test's length.
    const options = {
      url,
      headers,
      connections,
      timeout: 120,
      ...('seconds' in length ? { duration: length.seconds } : { amount: length.amount }),
    };
    const instance = autocannon(options, (error, result) => {
      if (error) {
        reject(error);
        return;
      }
      latencies.sort((a, b) => a - b);
      resolve({
        requests: latencies.length,
        perSecond: latencies.length / ((Date.now() - started) / 1000),
        p50: median(latencies),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        failures: failures + result.errors,
        timeouts: result.timeouts,
      });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status < 200 || status >= 300) {
        failures++;
      }
    });
  });
}

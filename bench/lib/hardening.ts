import { createWriteStream } from 'node:fs';
import { Agent, get } from 'node:http';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CorpusCase } from '../../src/imports/domain/testing/upload-corpus.js';
import { buildXlsx } from '../../src/imports/domain/testing/zip-writer.js';
import { MemoryWatch, type Service } from './service.js';

// The hardening figures of the benchmark: how slow /health gets while the malformed-upload corpus and a real-size
// bomb are refused, and the memory of a 1,000,000-row import whose every row is rejected, and of its error
// workbook's download.

export interface HealthWatch {
  stop(): Promise<{
    requests: number;
    failures: number;
    /** What the first failures were (status and body, or the error), to say why in the notes. */
    reasons: string[];
    p50: number;
    p99: number;
    worst: number;
  }>;
}

/** One GET /health on `agent`'s connection: its status and body. */
function getHealth(baseUrl: string, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = get(`${baseUrl}/health`, { agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/**
 * Asks /health every `everyMs` (one request at a time on one kept-alive connection of its own, as a load balancer
 * does) until stopped. Not through the bench's shared fetch pool: a connection of that pool left idle while the
 * bench itself was busy (building the bomb) may have been closed by the service's keep-alive timeout meanwhile,
 * and reusing it fails on the client's side without the request reaching the service.
 */
export function watchHealth(service: Service, everyMs = 25): HealthWatch {
  const latencies: number[] = [];
  let failures = 0;
  const reasons: string[] = [];
  let running = true;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const loop = (async () => {
    while (running) {
      const start = performance.now();
      try {
        const { status, body } = await getHealth(service.baseUrl, agent);
        if (status !== 200) {
          failures++;
          reasons.push(`${status} ${body.slice(0, 300)}`);
        }
      } catch (error) {
        failures++;
        reasons.push(`${(error as NodeJS.ErrnoException).code ?? ''} ${(error as Error).message}`);
      }
      latencies.push(performance.now() - start);
      await sleep(everyMs);
    }
    agent.destroy();
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      return {
        requests: sorted.length,
        failures,
        reasons: reasons.slice(0, 5),
        p50: at(0.5),
        p99: at(0.99),
        worst: sorted.at(-1) ?? 0,
      };
    },
  };
}

/** Uploads every case; counts the answers by kind. */
export async function postCorpus(
  service: Service,
  cases: CorpusCase[],
): Promise<{ refused: number; imported: number; wrong: string[] }> {
  let refused = 0;
  let imported = 0;
  const wrong: string[] = [];
  for (const [index, sample] of cases.entries()) {
    const form = new FormData();
    for (const [field, value] of Object.entries({ list: `Corpus ${index}`, ...sample.fields })) {
      form.set(field, value);
    }
    form.set('file', new Blob([sample.bytes]), sample.fileName);
    const response = await fetch(`${service.baseUrl}/imports`, {
      method: 'POST',
      headers: { authorization: service.authorization },
      body: form,
    });
    await response.arrayBuffer();
    const expected = 'refused' in sample.expect ? 'refused' : 'imported';
    const got =
      response.status >= 400 && response.status < 500 ? 'refused' : response.ok ? 'imported' : 'error';
    if (got === 'refused') {
      refused++;
    } else if (got === 'imported') {
      imported++;
    }
    if (got !== expected) {
      wrong.push(`${sample.name}: ${response.status}`);
    }
  }
  return { refused, imported, wrong };
}

/**
 * The shape of the 2.4 MB workbook that took the service down: millions of empty shared strings, with a little
 * whitespace between them so that it compresses under the 200:1 ratio check (the original did, at 167:1): only
 * the shared-strings budget stops it.
 */
export function sharedStringsBomb(entries: number): Buffer {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const gaps = ['', ' ', '  ', '\n', '\t', ' \n', '\n ', '   '];
  // A block of 100,000 entries, repeated: its period (some 650 kB) is far past deflate's 32 kB window.
  let seed = 7;
  const block: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    seed = (seed * 48_271) % 2_147_483_647;
    block.push(`<si/>${gaps[seed % gaps.length]}`);
  }
  const whole = Math.floor(entries / block.length);
  const parts = [block.join('').repeat(whole), block.slice(0, entries - whole * block.length).join('')];
  return buildXlsx({
    sheets: [
      {
        name: 'Suppliers',
        rows: [
          ['Supplier name', 'Country'],
          ['Bomb Textiles', 'Viet Nam'],
        ],
      },
    ],
    sharedStringsXml: `<sst xmlns="${main}">${parts.join('')}</sst>`,
  });
}

/** Writes a csv of `rows` supplier rows, every one of them rejected (a country that does not exist). */
export async function writeRejectedCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) {
      await once(out, 'drain');
    }
  };
  await write('Vendor No.,Supplier name,Country/Region,Industry\r\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `R${i},Rejected Supplier ${i},Atlantis,garments\r\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'close');
}

/** Posts a file and waits for its import to finish; the service's peak RSS meanwhile. */
export async function timedImport(
  service: Service,
  file: Blob,
  name: string,
): Promise<{
  ms: number;
  peakMb: number;
  view: { id: string; status: string; counts: { rejected: number } };
}> {
  const watch = await MemoryWatch.start(service.pid);
  const start = performance.now();
  const form = new FormData();
  form.set('file', file, name);
  type View = { id: string; status: string; counts: { rejected: number }; failure?: { message: string } };
  let view = await service.json<View>('/imports', { method: 'POST', body: form });
  while (view.status === 'processing') {
    await sleep(250);
    view = await service.json<View>(`/imports/${view.id}`);
  }
  return { ms: performance.now() - start, peakMb: await watch.stop(), view };
}

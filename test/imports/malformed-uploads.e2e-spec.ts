import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import {
  CORPUS_BUDGETS,
  type CorpusCase,
  uploadCorpus,
} from '../../src/imports/domain/testing/upload-corpus.js';
import { buildXlsx, buildZip } from '../../src/imports/domain/testing/zip-writer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// A corpus of malformed and odd uploads (src/imports/domain/testing/upload-corpus.ts, and the first one below):
// each gets a 4xx with a message and changes nothing, or, for the odd but valid ones, imports with its supplier's
// name intact; the server answers /health throughout. The budgets are low (CORPUS_BUDGETS) so each bomb is small.

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

interface Sample {
  name: string;
  bytes: Buffer;
}

/** A small deterministic generator, so a failure names a file that can be made again. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

/** The first corpus: the broken fixtures, cut workbooks, noise, whitespace bombs and their like. */
function firstCorpus(): Sample[] {
  const samples: Sample[] = readdirSync(join(FIXTURES, 'broken')).map((name) => ({
    name: `broken/${name}`,
    bytes: readFileSync(join(FIXTURES, 'broken', name)),
  }));
  const random = prng(42);
  for (const seed of ['agriculture-suppliers.xlsx', 'messy-suppliers.xlsx', 'electronics-suppliers.xlsx']) {
    const bytes = readFileSync(join(FIXTURES, seed));
    // Cut before the zip directory at the end: every such cut leaves an unreadable workbook.
    for (let i = 1; i <= 12; i++) {
      const at = Math.floor((bytes.length - 200) * (i / 13));
      samples.push({ name: `${seed} cut at ${at}`, bytes: bytes.subarray(0, at) });
    }
  }
  for (let i = 0; i < 20; i++) {
    const length = 1 + Math.floor(random() * 4096);
    const bytes = Buffer.alloc(length);
    for (let j = 0; j < length; j++) {
      bytes[j] = Math.floor(random() * 256);
    }
    bytes[0] = 0x00; // binary from the first byte, never a lucky csv
    samples.push({ name: `random-${i}.xlsx`, bytes });
  }
  for (let i = 0; i < 10; i++) {
    const size = 2_000_000 + i * 500_000;
    samples.push({
      name: `bomb-${i}.xlsx`,
      bytes: buildXlsx({
        sheets: [{ name: 'Suppliers', xml: `<worksheet>${' '.repeat(size)}</worksheet>` }],
      }),
    });
  }
  for (let i = 0; i < 8; i++) {
    samples.push({
      name: `zip-without-workbook-${i}.xlsx`,
      bytes: buildZip([{ name: `docs/readme-${i}.txt`, data: 'not a workbook' }]),
    });
  }
  for (let i = 0; i < 6; i++) {
    const long = 'x'.repeat(40_000 + i * 1000);
    samples.push({ name: `long-cell-${i}.csv`, bytes: Buffer.from(`Supplier name,Country\n${long},VN\n`) });
  }
  for (let i = 0; i < 6; i++) {
    const header = Array.from({ length: 600 + i * 1000 }, (_, c) => `Column ${c}`).join(',');
    samples.push({ name: `wide-${i}.csv`, bytes: Buffer.from(`Supplier name,Country,${header}\nA,VN\n`) });
  }
  for (let i = 0; i < 6; i++) {
    // UTF-16 byte-order mark followed by text that is not UTF-16: decodes to noise with no header row.
    samples.push({
      name: `bad-utf16-${i}.csv`,
      bytes: Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        iconv.encode(`Supplier name,Country\nA${i},VN\n`, 'utf8'),
      ]),
    });
  }
  for (let i = 0; i < 4; i++) {
    samples.push({
      name: `unterminated-quote-${i}.csv`,
      bytes: Buffer.from(`Supplier name,Country\n"Open ${i},VN\nB,MY\n`),
    });
  }
  return samples;
}

describe('malformed uploads', () => {
  let sut: TestApp;
  const cases: CorpusCase[] = uploadCorpus(
    firstCorpus().map((sample) => ({
      name: sample.name,
      fileName: sample.name.split('/').pop() ?? 'x',
      bytes: sample.bytes,
      expect: { refused: true },
    })),
  );

  let uploads: string;

  beforeAll(async () => {
    uploads = await mkdtemp(join(tmpdir(), 'vigil-test-uploads-'));
    sut = await startTestApp({ UPLOAD_TMP_DIR: uploads, ...CORPUS_BUDGETS });
  });

  afterAll(async () => {
    await sut.close();
    await rm(uploads, { recursive: true, force: true });
  });

  it('is a corpus of at least 200 distinct cases', () => {
    // Counted without the first corpus's variants (cuts, noise, sizes of one bomb): its broken fixtures and the
    // shapes of upload-corpus.ts, each a case of its own.
    const distinct = uploadCorpus().length + readdirSync(join(FIXTURES, 'broken')).length;
    expect(distinct).toBeGreaterThanOrEqual(200);
  });

  it('refuses each malformed file with a 4xx and a message, changing nothing, imports each odd valid one, and keeps answering', async () => {
    const snapshot = async () =>
      sut.dataSource.query(
        `SELECT (SELECT count(*) FROM suppliers)::int AS suppliers, (SELECT count(*) FROM import_batches)::int AS batches,
                (SELECT count(*) FROM assessments)::int AS assessments, (SELECT count(*) FROM import_rejected_rows)::int AS rejected`,
      );
    // /health is asked all along, as a load balancer would.
    let polling = true;
    const healthFailures: string[] = [];
    const poller = (async () => {
      while (polling) {
        const response = await sut.as().get('/health');
        if (response.status !== 200) {
          healthFailures.push(`${response.status}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const failures: string[] = [];
    for (const sample of cases) {
      const before = await snapshot();
      // Each case a list of its own: what one imports is never an update of another's suppliers.
      let upload = sut.as().post('/imports');
      const fields = { list: `Corpus ${cases.indexOf(sample)}`, ...sample.fields };
      for (const [field, value] of Object.entries(fields)) {
        upload = upload.field(field, value);
      }
      const response = await upload.attach('file', sample.bytes, sample.fileName);
      if ('refused' in sample.expect) {
        if (response.status < 400 || response.status >= 500 || typeof response.body.message !== 'string') {
          failures.push(`${sample.name}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
        } else if (JSON.stringify(await snapshot()) !== JSON.stringify(before)) {
          failures.push(`${sample.name}: refused, but the database changed`);
        }
      } else {
        const { imported, supplier } = sample.expect;
        const [found] = await sut.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM suppliers s JOIN supplier_listings l ON l.supplier_id = s.id
            WHERE s.profile->>'name' = $1 AND l.last_batch_id = $2`,
          [supplier, response.body.id],
        );
        if (response.status !== 201 || response.body.counts?.imported !== imported || found?.n !== 1) {
          failures.push(`${sample.name}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
        }
      }
    }
    polling = false;
    await poller;
    expect(failures).toEqual([]);
    expect(healthFailures).toEqual([]);
    await sut.as().get('/health').expect(200);
    // Refused uploads leave no temporary file behind.
    expect(await readdir(uploads)).toEqual([]);
  }, 300_000);
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportBatchesRepository } from '../../src/imports/import-batches.repository.js';
import { ROWS_SHEET, SUMMARY_SHEET } from '../../src/imports/domain/error-workbook.js';
import { binary } from '../support/binary.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { readXlsx } from '../support/workbooks.js';

// Rejected rows are written to the database as staging finds them, and the error workbook is read back from it a
// page at a time: a list of mostly unusable rows neither piles up in memory nor loses a row on the way.

const REJECTED = 2_600;

function vendorMaster(): Buffer {
  const lines = ['Vendor No.,Vendor Name,Country/Region,Industry,% Migrant Workers'];
  for (let i = 0; i < REJECTED; i++) {
    lines.push(`R${i},Unknown Place Supplier ${i},Atlantis,garments,`);
  }
  lines.push('OK1,Kept Supplier One,Viet Nam,garments,20');
  lines.push('OK2,Kept Supplier Two,India,garments,110%');
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

describe('rejected rows', () => {
  let sut: TestApp;
  let batchId: string;

  beforeAll(async () => {
    sut = await startTestApp({ IMPORT_BACKGROUND_THRESHOLD_KB: '0' });
    const accepted = await sut
      .as()
      .post('/imports')
      .attach('file', vendorMaster(), 'vendor-master.csv')
      .expect(202);
    batchId = (accepted.body as { id: string }).id;
    for (let i = 0; i < 600; i++) {
      const status = (await sut.as().get(`/imports/${batchId}`).expect(200)).body as { status: string };
      if (status.status !== 'processing') {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    await sut.close();
  });

  it('lists every rejected row, and the row with a warning, in the error workbook', async () => {
    const batch = (await sut.as().get(`/imports/${batchId}`).expect(200)).body as unknown;
    expect(batch).toMatchObject({
      status: 'completed',
      counts: { imported: 2, rejected: REJECTED, withWarnings: 1 },
    });

    const download = await sut
      .as('auditor')
      .get(`/imports/${batchId}/errors.xlsx`)
      .buffer(true)
      .parse(binary);
    const workbook = await readXlsx(download.body as Buffer);

    const rows = workbook.getWorksheet(ROWS_SHEET);
    const listed: number[] = [];
    rows?.eachRow((row, index) => {
      if (index > 1) {
        listed.push(Number(row.getCell(1).value));
      }
    });
    expect(listed).toEqual([...Array.from({ length: REJECTED }, (_, i) => i + 2), REJECTED + 3]);
    // The per-column tally is counted in the database, not from rows held in memory.
    const summary = JSON.stringify(workbook.getWorksheet(SUMMARY_SHEET)?.getSheetValues());
    expect(summary).toContain(`"Country/Region","C","Country",${REJECTED}`);
    expect(summary).toContain('"% Migrant Workers","E"');
    const [{ n }] = await sut.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'import.errors.downloaded' AND target_id = $1`,
      [batchId],
    );
    expect(n).toBe(1);
  });

  it('turns a row listed for its warning into a duplicate keeping its cells, and adds other rows listed again', async () => {
    const repository = sut.app.get(ImportBatchesRepository);
    const warned = REJECTED + 3;
    const again = (rowNumber: number) => ({
      rowNumber,
      cells: [],
      outcome: 'duplicate' as const,
      errors: [{ column: 'Vendor No.', field: 'externalRef', value: 'OK2', message: 'Same site as row 2' }],
    });

    const replaced = await sut.dataSource.transaction((manager) =>
      repository.listRowsAgain(manager, batchId, [again(warned), again(REJECTED + 2)]),
    );

    expect(replaced).toBe(1);
    const stored = await sut.dataSource.query<
      { row_number: number; outcome: string; cells: unknown[]; errors: { message: string }[] }[]
    >(
      'SELECT row_number, outcome, cells, errors FROM import_rejected_rows WHERE batch_id = $1 AND row_number >= $2 ORDER BY row_number',
      [batchId, REJECTED + 2],
    );
    expect(stored).toEqual([
      expect.objectContaining({ row_number: REJECTED + 2, outcome: 'duplicate', cells: [] }),
      expect.objectContaining({
        row_number: warned,
        outcome: 'duplicate',
        cells: ['OK2', 'Kept Supplier Two', 'India', 'garments', '110%'],
      }),
    ]);
    expect(stored[1]?.errors.map((e) => e.message)).toEqual([
      'Same site as row 2',
      expect.stringMatching(/100/),
    ]);
  });

  it('stores a background upload a part at a time and reads back the same bytes', async () => {
    const repository = sut.app.get(ImportBatchesRepository);
    const dir = await mkdtemp(join(tmpdir(), 'vigil-upload-'));
    const path = join(dir, 'big.csv');
    // Three parts of 8 MB and a little more, of bytes that do not repeat.
    const bytes = randomBytes(17 * 1024 * 1024 + 123);
    await writeFile(path, bytes);
    try {
      await sut.dataSource.query('DELETE FROM import_uploads WHERE batch_id = $1', [batchId]);
      await sut.dataSource.transaction((manager) => repository.storeUpload(manager, batchId, path));

      expect(await repository.uploadSize(batchId)).toBe(bytes.length);
      const parts: Buffer[] = [];
      for (let offset = 0; offset < bytes.length; offset += 5 * 1024 * 1024) {
        parts.push((await repository.uploadPart(batchId, offset, 5 * 1024 * 1024)) ?? Buffer.alloc(0));
      }
      expect(Buffer.concat(parts).equals(bytes)).toBe(true);
    } finally {
      await repository.discardUpload(batchId);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

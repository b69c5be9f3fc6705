import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { ImportService } from '../../src/imports/import.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Supplier lists saved as "CSV" by Excel on Chinese, Taiwanese, Japanese and Korean Windows: the names arrive as
// written, and a code page Vigil could only guess is said with the import, never imported silently.

const HEADER = 'Vendor No.,Vendor Name,Country,Sector,City';

function list(rows: string[]): string {
  return `${HEADER}\r\n${rows.map((row, i) => `E${i + 1},${row}`).join('\r\n')}\r\n`;
}

const CASES = [
  {
    encoding: 'gb18030',
    text: list([
      '深圳市华强电子有限公司,China,electronics,深圳',
      '东莞纺织制衣厂,China,garments,东莞',
      '浙江茶叶合作社,China,agriculture,杭州',
      '广州皮革制品有限公司,China,leather,广州',
    ]),
    name: '深圳市华强电子有限公司',
  },
  {
    encoding: 'big5',
    text: list([
      '台灣積體電路製造股份有限公司,Taiwan,electronics,新竹',
      '鴻海精密工業,Taiwan,electronics,台北',
    ]),
    name: '鴻海精密工業',
  },
  {
    encoding: 'shift_jis',
    text: list(['株式会社東京繊維,Japan,garments,東京', '大阪電子工業株式会社,Japan,electronics,大阪']),
    name: '株式会社東京繊維',
  },
  {
    encoding: 'euc-kr',
    text: list([
      '삼성전자 주식회사,Korea,electronics,수원',
      '서울섬유,Korea,garments,서울',
      '부산수산,Korea,fishing,부산',
    ]),
    name: '서울섬유',
  },
] as const;

describe('csv files in the code pages of East Asian Windows', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it.each(CASES)('imports a $encoding list with its names as written', async ({ encoding, text, name }) => {
    const response = await sut
      .as()
      .post('/imports')
      .field('list', `Disclosure ${encoding}`)
      .attach('file', iconv.encode(text, encoding), `suppliers-${encoding}.csv`)
      .expect(201);

    expect(response.body).toMatchObject({ status: 'completed', counts: { rejected: 0 } });
    const found = await sut.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM suppliers WHERE profile->>'name' = $1`,
      [name],
    );
    expect(found[0]?.n).toBe(1);
    const [event] = await sut.dataSource.query<{ summary: { encoding: string } }[]>(
      `SELECT summary FROM audit_events WHERE action = 'import.uploaded' AND target_id = $1`,
      [response.body.id],
    );
    expect(event?.summary.encoding).toBe(encoding);
  });

  it('says so with the import and in the preview when it could only guess the code page', async () => {
    const shortList = iconv.encode(list(['株式会社東京繊維,Japan,garments,東京']), 'shift_jis');

    const preview = await sut
      .as()
      .post('/imports?preview=true')
      .attach('file', shortList, 'tokyo.csv')
      .expect(200);
    const imported = await sut
      .as()
      .post('/imports')
      .field('list', 'Tokyo')
      .attach('file', shortList, 'tokyo.csv');

    const note = expect.stringMatching(
      /^The file is not UTF-8; it was read as Shift-JIS \(Japanese\), a guess/,
    );
    expect(preview.body.problems).toEqual(expect.arrayContaining([{ severity: 'warning', message: note }]));
    expect(imported.status).toBe(201);
    expect(imported.body.notes).toEqual([note]);
  });

  it('adds no note to a list it reads for sure', async () => {
    const utf8 = await sut
      .as()
      .post('/imports')
      .field('list', 'Plain')
      .attach('file', Buffer.from(list(['Müller Garn GmbH,Germany,garments,München'])), 'plain.csv')
      .expect(201);

    expect(utf8.body.notes).toEqual([]);
  });
});

describe('a csv in a legacy code page imported in the background', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ IMPORT_BACKGROUND_THRESHOLD_KB: '0' });
  });

  afterAll(async () => {
    await sut.close();
  });

  it('is read by its job in the code page found when the upload was checked', async () => {
    const { encoding, text, name } = CASES[0];
    const accepted = await sut
      .as()
      .post('/imports')
      .field('list', 'Background GB18030')
      .attach('file', iconv.encode(text, encoding), 'background.csv')
      .expect(202);
    const [job] = await sut.dataSource.query<{ data: { csvFormat?: { encoding: string } } }[]>(
      `SELECT data FROM pgboss.job WHERE name = 'import' AND data->>'batchId' = $1`,
      [accepted.body.id],
    );
    expect(job?.data.csvFormat?.encoding).toBe(encoding);
    await sut.app.get(ImportService).idle();

    const done = await sut.as().get(`/imports/${accepted.body.id}`).expect(200);
    expect(done.body).toMatchObject({ status: 'completed', counts: { imported: 4, rejected: 0 } });
    const found = await sut.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM suppliers WHERE profile->>'name' = $1`,
      [name],
    );
    expect(found[0]?.n).toBe(1);
  });
});

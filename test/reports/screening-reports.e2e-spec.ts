import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type ExcelJS from 'exceljs';
import { JOB_QUEUE, type JobQueue } from '../../src/jobs/job-queue.js';
import { countOf } from '../../src/reports/domain/format.js';
import { formatTimestamp } from '../../src/reports/domain/pdf/report-canvas.js';
import { extractPdf, searchableText, squash } from '../../src/reports/domain/testing/pdf-text.js';
import { LIST_TITLES } from '../../src/scoring/domain/screening-findings.js';
import type {
  ListEditionView,
  ScreeningHitView,
  ScreeningSummary,
} from '../../src/screening/dto/screening.views.js';
import type { SupplierDetail } from '../../src/suppliers/dto/supplier.views.js';
import { binary } from '../support/binary.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { readXlsx, xlsxBuffer, type Cell } from '../support/workbooks.js';

// A brand's supplier disclosure list screened against the shipped enforcement lists, hits decided by compliance,
// then what an auditor downloads: the supplier reports, the portfolio report and the export.

const TITLE: Cell[][] = [['Supplier disclosure list: finished goods'], ['As of November 2026'], []];
const HEADER: Cell[] = [
  'Supplier ID',
  'Factory Name',
  'Address',
  'City',
  'State/Province',
  'Country',
  'Product Type',
];
const ROWS: Cell[][] = [
  // The UFLPA entity "Hetian Taida Apparel Co., Ltd" under the other spelling of Hetian.
  ['F-101', 'Hotan Taida Apparel', 'Beijing West Road 18', 'Hotan', 'Xinjiang', 'China', 'Knitted garments'],
  // A cotton garment maker outside China: asked where its cotton comes from.
  [
    'F-102',
    'Dhaka Knit Composite Ltd',
    'Plot 14, BSCIC',
    'Narayanganj',
    'Dhaka',
    'Bangladesh',
    'Cotton T-shirts',
  ],
  // Nothing on any list.
  ['F-103', 'Cerâmica do Vouga Lda', 'Rua da Estação 7', 'Aveiro', 'Aveiro', 'Portugal', 'Ceramic tiles'],
];

const CONFIRM_REASON = 'Same company: address and business licence match the listing (checked 2026-12-01)';
const DISMISS_REASON =
  'Cotton bought from US and Australian gins only: ginning certificates for the last 12 months on file';

const PARTY_LABELS: Record<string, string> = {
  supplier: 'Supplier name',
  parent: 'Parent company',
  subcontractor: 'Subcontractor',
};

describe('reports on suppliers screened against enforcement lists', () => {
  let sut: TestApp;
  let queue: JobQueue;
  const ids: Record<'taida' | 'dhaka' | 'clear', string> = { taida: '', dhaka: '', clear: '' };

  const hitsOf = async (supplierId: string): Promise<ScreeningHitView[]> =>
    (
      (await sut.as('auditor').get(`/screening/hits?status=all&supplier=${supplierId}&limit=500`).expect(200))
        .body as { items: ScreeningHitView[] }
    ).items;
  const detailOf = async (supplierId: string): Promise<SupplierDetail> =>
    (await sut.as('auditor').get(`/suppliers/${supplierId}`).expect(200)).body as SupplierDetail;
  const editionsInForce = async (): Promise<ListEditionView[]> =>
    (
      (await sut.as('auditor').get('/screening/lists').expect(200)).body as { items: ListEditionView[] }
    ).items.filter((edition) => edition.inForce);

  async function supplierPdf(supplierId: string): Promise<{ bytes: Buffer; id: string; text: string }> {
    const response = await sut
      .as('auditor')
      .get(`/suppliers/${supplierId}/report.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const bytes = response.body as Buffer;
    return {
      bytes,
      id: String(response.headers['x-report-id']),
      text: searchableText(await extractPdf(bytes)),
    };
  }

  /** The squashed text from one heading to the next. */
  function section(text: string, from: string, to: string): string {
    const start = text.indexOf(squash(from));
    expect(start).toBeGreaterThanOrEqual(0);
    const end = text.indexOf(squash(to), start);
    expect(end).toBeGreaterThan(start);
    return text.slice(start, end);
  }

  /** Each edition in force with its as-of date, rows, short sha256, source and coverage, as the edition says. */
  function expectEditions(text: string, editions: ListEditionView[]): void {
    expect(editions.map((edition) => edition.kind).sort()).toEqual(['cbp-wro', 'uflpa']);
    for (const edition of editions) {
      expect(edition.coverage).toBeTruthy();
      expect(text).toContain(
        squash(
          `${LIST_TITLES[edition.kind]} Edition as of ${edition.asOf} ${edition.rowCount} rows · sha256 ` +
            `${edition.sha256.slice(0, 12)} ${edition.source} ${edition.coverage}`,
        ),
      );
    }
  }

  /** The decision column of a hit as the report words it. */
  function decision(hit: ScreeningHitView): string {
    const by = `Decided by ${hit.decidedBy} on ${formatTimestamp(hit.decidedAt ?? '')}`;
    switch (hit.status) {
      case 'confirmed':
        return `Confirmed: a critical red flag Reason: ${hit.reason} ${by}`;
      case 'dismissed':
        return `Dismissed Reason: ${hit.reason} ${by}`;
      case 'open':
        return 'Awaiting review Not decided yet';
      case 'withdrawn':
        return 'Withdrawn No longer raised before anyone decided it.';
    }
  }

  /** Every hit: both names side by side, the list and edition, then the decision with its reason, who and when. */
  function expectHits(text: string, hits: ScreeningHitView[]): void {
    for (const hit of hits) {
      const side = hit.party.role ? PARTY_LABELS[hit.party.role] : 'Place and products';
      const names = squash(`${side} ${hit.party.name} ${hit.listedName}`);
      expect(text).toContain(names);
      const row = text.slice(text.indexOf(names));
      expect(row).toContain(squash(`${LIST_TITLES[hit.list]}, edition as of ${hit.edition.asOf}`));
      expect(row).toContain(squash(`effective ${hit.details.effectiveDate}`));
      if (hit.details.question) {
        expect(row).toContain(squash(hit.details.question));
      }
      expect(row).toContain(squash(decision(hit)));
    }
  }

  beforeAll(async () => {
    sut = await startTestApp();
    queue = sut.app.get<JobQueue>(JOB_QUEUE);
    await queue.idle();
    const list = await xlsxBuffer([HEADER, ...ROWS], { bannerRows: TITLE });
    await sut.as('compliance').post('/imports').attach('file', list, 'disclosure-list.xlsx').expect(201);
    await queue.idle();
    const page = await sut.as('auditor').get('/suppliers?pageSize=50').expect(200);
    const byName = new Map((page.body.items as { id: string; name: string }[]).map((s) => [s.name, s.id]));
    ids.taida = byName.get('Hotan Taida Apparel') ?? '';
    ids.dhaka = byName.get('Dhaka Knit Composite Ltd') ?? '';
    ids.clear = byName.get('Cerâmica do Vouga Lda') ?? '';
    expect(Object.values(ids).every((id) => id !== '')).toBe(true);

    const taida = (await hitsOf(ids.taida)).find((hit) => hit.list === 'uflpa' && hit.kind === 'name');
    expect(taida).toMatchObject({ status: 'open', party: { role: 'supplier', name: 'Hotan Taida Apparel' } });
    await sut
      .as('compliance')
      .post(`/screening/hits/${taida?.id}/decision`)
      .send({ decision: 'confirm', reason: CONFIRM_REASON })
      .expect(200);
    const turkmen = (await hitsOf(ids.dhaka)).find((hit) => hit.details.question?.includes('Turkmenistan'));
    expect(turkmen).toMatchObject({ status: 'open', strength: 'potential' });
    await sut
      .as('compliance')
      .post(`/screening/hits/${turkmen?.id}/decision`)
      .send({ decision: 'dismiss', reason: DISMISS_REASON })
      .expect(200);
  });

  afterAll(async () => {
    await sut.close();
  });

  it("prints a confirmed hit with both names, the decision, its reason, who and when, and the editions' coverage", async () => {
    const [detail, hits, editions] = await Promise.all([
      detailOf(ids.taida),
      hitsOf(ids.taida),
      editionsInForce(),
    ]);
    expect(detail.screening).toMatchObject({ status: 'confirmed', confirmed: 1 });
    const confirmed = hits.find((hit) => hit.status === 'confirmed');
    expect(confirmed).toMatchObject({ reason: CONFIRM_REASON, decidedBy: 'token:test compliance' });

    const { text } = await supplierPdf(ids.taida);

    const screening = section(text, 'Screening against enforcement lists', 'Questions to ask next');
    expect(screening).toContain(
      squash('Confirmed: 1 hit confirmed by a compliance officer, each a critical red flag'),
    );
    expect(screening).toContain(
      squash(
        "Latest screening of this supplier: the screening of an import's new and changed sites, started",
      ),
    );
    expectEditions(screening, editions);
    expect(screening).toContain(squash(`Hits in force (${hits.filter((hit) => hit.current).length})`));
    expectHits(screening, hits);
    expect(screening).toContain(
      squash(
        `Supplier name Hotan Taida Apparel ${confirmed?.listedName} UFLPA Entity List, edition as of 2026-08-03`,
      ),
    );
    // The confirmation is a critical red flag citing the list, in the red flags above.
    const flag = detail.assessment?.redFlags.find((candidate) => candidate.indicatorId === 'screening.uflpa');
    expect(flag?.evidence).toContain(CONFIRM_REASON);
    expect(section(text, 'Red flags', 'Screening against enforcement lists')).toContain(
      squash(flag?.evidence ?? '-'),
    );
  });

  it('shows an open hit as awaiting review beside a dismissal and its reason, and the priority the work list gives', async () => {
    const [detail, hits, editions] = await Promise.all([
      detailOf(ids.dhaka),
      hitsOf(ids.dhaka),
      editionsInForce(),
    ]);
    expect(detail.screening).toEqual({ status: 'open', confirmed: 0, open: 1 });
    expect(hits.map((hit) => hit.status).sort()).toEqual(['dismissed', 'open']);
    expect(detail.priorityReason).toContain('1 enforcement-list hit awaiting review (ask first)');

    const { text } = await supplierPdf(ids.dhaka);

    expect(text).toContain(squash(`Work-list priority: ${detail.priorityReason}.`));
    const screening = section(text, 'Screening against enforcement lists', 'Questions to ask next');
    expect(screening).toContain(squash('Awaiting review: 1 hit awaits a decision.'));
    expectEditions(screening, editions);
    expectHits(screening, hits);
    expect(screening).toContain(
      squash(
        `Dismissed Reason: ${DISMISS_REASON} Decided by token:test compliance on ` +
          formatTimestamp(hits.find((hit) => hit.status === 'dismissed')?.decidedAt ?? ''),
      ),
    );
    expect(screening).toContain(
      squash("Does this supplier's cotton come from the Xinjiang Uyghur Autonomous Region"),
    );
  });

  it('says a supplier was screened and nothing was raised', async () => {
    const [detail, hits, editions] = await Promise.all([
      detailOf(ids.clear),
      hitsOf(ids.clear),
      editionsInForce(),
    ]);
    expect(hits).toEqual([]);
    expect(detail.screening).toEqual({ status: 'clear', confirmed: 0, open: 0 });

    const { text } = await supplierPdf(ids.clear);

    const screening = section(text, 'Screening against enforcement lists', 'Questions to ask next');
    expect(screening).toContain(
      squash('Clear: screened against the editions below, and nothing was raised.'),
    );
    expectEditions(screening, editions);
    expect(screening).not.toContain(squash('Hits in force'));
  });

  it('archives the report with its screening section and verifies a copy to the byte', async () => {
    const { bytes, id } = await supplierPdf(ids.taida);

    const verified = await sut
      .as('auditor')
      .post('/reports/verify')
      .attach('file', bytes, 'taida.pdf')
      .expect(200);

    expect(verified.body).toMatchObject({
      match: true,
      report: { id, kind: 'supplier', supplierId: ids.taida },
    });
  });

  it('counts open, confirmed and dismissed hits in the portfolio report and ranks suppliers as the work list does', async () => {
    const summary = (await sut.as('auditor').get('/screening/summary').expect(200)).body as ScreeningSummary;
    expect(summary.confirmed).toEqual({ hits: 1, suppliers: 1 });
    expect(summary.dismissed).toBe(1);
    const list = (await sut.as('auditor').get('/suppliers?sort=priority&pageSize=50').expect(200)).body;
    const dhaka = await detailOf(ids.dhaka);

    const started = await sut.as('auditor').post('/reports/portfolio').expect(202);
    let status = started.body;
    for (let i = 0; i < 200 && status.status === 'processing'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await sut.as('auditor').get(`/reports/${started.body.id}/status`).expect(200)).body;
    }
    expect(status.status).toBe('completed');
    const response = await sut
      .as('auditor')
      .get(`/reports/${started.body.id}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = searchableText(await extractPdf(response.body as Buffer));

    const screening = section(text, 'Screening against enforcement lists', 'Data quality');
    const { open } = summary;
    expect(screening).toContain(
      squash(
        `Awaiting review ${countOf(open.hits, 'hit')} and ${countOf(open.potential, 'potential hit')}, at ` +
          `${countOf(open.suppliers, 'supplier')}`,
      ),
    );
    expect(screening).toContain(squash('Confirmed 1 hit, at 1 supplier'));
    expect(screening).toContain(squash('Dismissed 1 hit'));
    expectEditions(screening, summary.editions);

    const priority = section(
      text,
      `Priority list: the ${list.total} suppliers to act on first`,
      'Red-flagged suppliers (',
    );
    const rows = (list.items as { name: string }[]).map((item, index) =>
      priority.indexOf(squash(`${index + 1} ${item.name}`)),
    );
    expect(rows.every((row) => row >= 0)).toBe(true);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    expect(priority).toContain(squash(`Why here: ${dhaka.priorityReason}`));
  });

  it("exports each supplier's screening status and the priority reason its detail gives", async () => {
    const details = await Promise.all([detailOf(ids.taida), detailOf(ids.dhaka), detailOf(ids.clear)]);

    const response = await sut
      .as('procurement')
      .get('/suppliers/export.xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);

    const sheet = (await readXlsx(response.body as Buffer)).worksheets[0];
    const headers = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, column) => headers.set(cell.text, column));
    const rowOf = (id: string): ExcelJS.Row | undefined => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(headers.get('Vigil supplier id') ?? 0).value === id) {
          found = row;
        }
      });
      return found;
    };
    const [taida, dhaka, clear] = details;
    const openAtTaida = taida.screening.open;
    const expected: Array<[SupplierDetail, string]> = [
      [taida, openAtTaida > 0 ? `Confirmed (1); awaiting review (${openAtTaida})` : 'Confirmed (1)'],
      [dhaka, 'Awaiting review (1)'],
      [clear, 'Clear'],
    ];
    for (const [detail, screening] of expected) {
      const row = rowOf(detail.id);
      expect(row?.getCell(headers.get('Screening') ?? 0).value).toBe(screening);
      expect(row?.getCell(headers.get('Priority reason') ?? 0).value).toBe(detail.priorityReason);
    }
  });
});

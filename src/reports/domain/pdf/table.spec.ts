import { describe, expect, it } from '@jest/globals';
import { extractPdf } from '../testing/pdf-text.js';
import { ReportCanvas } from './report-canvas.js';
import { drawTable } from './table.js';

function canvas(): ReportCanvas {
  return new ReportCanvas({
    reportId: 'RPT-TABLE-1',
    generatedAt: '2025-01-20T14:05:00.000Z',
    generatedBy: 'table test',
    title: 'Table test',
    subject: 'Table test',
    ruleSetHash: 'f'.repeat(64),
    runningTitle: 'Table test',
  });
}

describe(drawTable.name, () => {
  it('reads each row only when it is about to be drawn, so a long table needs the memory of one row', async () => {
    const sut = canvas();
    const pageWhenRead: number[] = [];
    function* rows(): Generator<{ n: number }> {
      for (let n = 1; n <= 300; n++) {
        pageWhenRead.push(sut.pageCount);
        yield { n };
      }
    }

    drawTable(sut, [{ header: 'Row', width: 1, cell: (row) => `Supplier row ${row.n}` }], rows());
    const pdf = await extractPdf(await sut.finish());

    expect(pdf.pageCount).toBeGreaterThan(3);
    expect(pageWhenRead[0]).toBe(1);
    expect(pageWhenRead[pageWhenRead.length - 1]).toBe(pdf.pageCount);
    // Rows come off the generator page by page, as the table fills them.
    for (let page = 1; page <= pdf.pageCount; page++) {
      expect(pageWhenRead).toContain(page);
    }
    pdf.pages.forEach((page, index) => {
      expect(page).toContain('Row');
      expect(page).toContain(`Page ${index + 1} of ${pdf.pageCount}`);
    });
    expect(pdf.pages.join(' ')).toContain('Supplier row 300');
  });

  it('draws the empty text when the rows run out before the first', async () => {
    const sut = canvas();

    drawTable(sut, [{ header: 'Row', width: 1, cell: (row: string) => row }], new Set<string>(), {
      emptyText: 'Nothing to list.',
    });
    const pdf = await extractPdf(await sut.finish());

    expect(pdf.pageCount).toBe(1);
    expect(pdf.pages[0]).toContain('Nothing to list.');
  });
});

import { describe, expect, it } from '@jest/globals';
import { extractPdf, squash, type PlacedText } from '../testing/pdf-text.js';
import { monoCell } from './blocks.js';
import { ReportCanvas } from './report-canvas.js';
import { drawTable, tableStartHeight, type TableColumn } from './table.js';

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

  describe('where it breaks', () => {
    interface Row {
      n: number;
      lines: number;
    }
    const columns: TableColumn<Row>[] = [
      { header: 'Item', width: 0.3, cell: (row) => `Row ${row.n} body` },
      {
        header: 'Text',
        width: 0.7,
        cell: (row) => Array.from({ length: row.lines }, () => 'line').join('\n'),
      },
    ];
    const rowsOn = (page: string, count: number): number[] =>
      Array.from({ length: count }, (_, index) => index + 1).filter((n) =>
        squash(page).includes(`Row${n}body`),
      );

    /** Draws the table under a heading kept with its start, `used` points down the first page. */
    async function pagesOf(rows: Row[], used: number): Promise<string[]> {
      const sut = canvas();
      if (used > 0) {
        sut.reserve(used);
      }
      sut.heading('Table heading', 'h2', tableStartHeight(sut, columns, rows));
      drawTable(sut, columns, rows);
      return (await extractPdf(await sut.finish())).pages;
    }

    it.each([2, 3, 5, 9])(
      'never leaves the heading or the header without two rows, nor the last row alone (%i rows, any start)',
      async (count) => {
        const rows = Array.from({ length: count }, (_, index) => ({ n: index + 1, lines: 1 + (index % 3) }));
        for (let used = 0; used <= 720; used += 36) {
          const pages = await pagesOf(rows, used);
          const withRows = pages.filter((page) => rowsOn(page, count).length > 0);
          expect(withRows.flatMap((page) => rowsOn(page, count))).toEqual(rows.map((row) => row.n));
          for (const page of withRows) {
            expect(rowsOn(page, count).length).toBeGreaterThanOrEqual(2);
            expect(page).toContain('Item');
          }
          const headingPage = pages.findIndex((page) => page.includes('Table heading'));
          expect(rowsOn(pages[headingPage], count)).toContain(1);
          if (count <= 3) {
            expect(withRows).toHaveLength(1);
          }
        }
      },
    );
  });

  describe('long identifiers', () => {
    const hash = 'c0ffee'.repeat(10) + 'beef';
    const fileName =
      'brand-a_factory_disclosure_list_2026_Q1_final_version_with_all_tier_one_and_tier_two_sites_including_subcontractors.xlsx';
    const columns: TableColumn<string>[] = [
      { header: 'Name', width: 0.5, cell: (name) => name },
      { header: 'Hash', width: 0.22, cell: () => monoCell(hash) },
      { header: 'File', width: 0.28, cell: () => monoCell(fileName) },
    ];

    it('wrap inside their cells, filling each line, and read back whole', async () => {
      const sut = canvas();
      drawTable(sut, columns, ['Şahin Tekstil']);
      const pdf = await extractPdf(await sut.finish());

      expect(hash).toHaveLength(64);
      expect(fileName).toHaveLength(120);
      expect(fileName).not.toContain(' ');
      const width = sut.width;
      const hashColumn = { left: sut.left + 0.5 * width, right: sut.left + 0.72 * width };
      const fileColumn = { left: hashColumn.right, right: sut.right };
      const inColumn = (column: { left: number; right: number }): PlacedText[] =>
        pdf.placedItems[0].filter(
          (item) =>
            item.x >= column.left &&
            item.x < column.right &&
            item.text.trim() !== '' &&
            !['Hash', 'File'].includes(item.text) &&
            !item.text.startsWith('Page'),
        );
      for (const [column, text] of [
        [hashColumn, hash],
        [fileColumn, fileName],
      ] as const) {
        const lines = inColumn(column);
        expect(lines.length).toBeGreaterThan(1);
        expect(lines.map((line) => line.text).join('')).toBe(text);
        for (const line of lines) {
          expect(line.x + line.width).toBeLessThanOrEqual(column.right + 0.5);
        }
        // Broken anywhere, not at the underscores: every line but the last is full (monospace: same length).
        const lengths = lines.slice(0, -1).map((line) => line.text.length);
        expect(new Set(lengths).size).toBe(1);
        expect(lines[lines.length - 1].text.length).toBeLessThanOrEqual(lengths[0]);
      }
    });
  });
});

import { describe, expect, it } from '@jest/globals';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { extractPdf } from '../testing/pdf-text.js';
import { ReportCanvas } from './report-canvas.js';

function canvas(reportId: string, generatedBy = 'anna.kowalska@example.com'): ReportCanvas {
  return new ReportCanvas({
    reportId,
    generatedAt: '2025-01-20T14:05:00.000Z',
    generatedBy,
    title: 'Canvas test',
    subject: 'Canvas test',
    ruleSetHash: 'e'.repeat(64),
    runningTitle: 'Canvas test',
  });
}

describe(ReportCanvas.name, () => {
  it('fits a five-digit page count into the footer label, on one line inside its box', async () => {
    const sut = new ReportCanvas({
      reportId: 'RPT-PAGES-1',
      generatedAt: '2025-01-20T14:05:00.000Z',
      generatedBy: 'page count test',
      title: 'Page count test',
      subject: 'Page count test',
      ruleSetHash: 'e'.repeat(64),
      runningTitle: 'Page count test',
    });
    for (let page = 0; page < 10_000; page++) {
      sut.reserve(10);
      sut.newPage();
    }
    sut.reserve(10);

    const document = await getDocument({ data: new Uint8Array(await sut.finish()), verbosity: 0 }).promise;
    const last = await document.getPage(document.numPages);
    const items = (await last.getTextContent()).items.flatMap((item) =>
      'str' in item && item.str.length > 0
        ? [{ text: item.str, x: item.transform[4] as number, width: item.width }]
        : [],
    );
    await document.destroy();

    expect(document.numPages).toBe(10_001);
    const label = items.find((item) => item.text === 'Page 10001 of 10001');
    expect(label).toBeDefined();
    // Right-aligned within the 70-point box at the right margin (A4 is 595.28 wide, margins 50).
    expect(label?.x).toBeGreaterThanOrEqual(545.28 - 70 - 0.5);
    expect((label?.x ?? 0) + (label?.width ?? 0)).toBeCloseTo(545.28, 0);
  });

  it('numbers a list of twelve with each marker whole, left of its item', async () => {
    const sut = canvas('RPT-LIST-1');
    const items = Array.from({ length: 12 }, (_, index) => `Action number ${index + 1}`);

    sut.list(items, { numbered: true });
    const pdf = await extractPdf(await sut.finish());

    const placed = pdf.placedItems[0];
    items.forEach((item, index) => {
      const marker = placed.find((candidate) => candidate.text === `${index + 1}.`);
      const text = placed.find((candidate) => candidate.text === item);
      expect(marker).toBeDefined();
      expect(text).toBeDefined();
      expect(marker!.y).toBeCloseTo(text!.y, 1);
      expect(marker!.x + marker!.width).toBeLessThan(text!.x);
    });
  });

  it('keeps the footer on one line when the report id and the user name are long', async () => {
    const sut = canvas('f'.repeat(64), 'responsible.sourcing.team@subsidiary.example.com');
    sut.reserve(10);

    const pdf = await extractPdf(await sut.finish());

    const footer = pdf.placedItems[0].filter(
      (item) => item.y < 62 && item.text.trim() !== '' && !item.text.startsWith('Page '),
    );
    expect(new Set(footer.map((item) => Math.round(item.y))).size).toBe(1);
    expect(footer.map((item) => item.text).join('')).toContain(`Report ${'f'.repeat(64)}`);
  });

  it('never leaves the last item of a list alone on a new page, wherever the list starts', async () => {
    const items = Array.from(
      { length: 5 },
      (_, index) =>
        `Item ${index + 1}: ${'ask the supplier for its records. '.repeat(index % 2 === 0 ? 1 : 4)}`,
    );
    for (let used = 500; used <= 720; used += 12) {
      const sut = canvas('RPT-LIST-2');
      sut.reserve(used);
      sut.list(items, { numbered: true });
      const pages = (await extractPdf(await sut.finish())).pages;

      const itemsOn = pages.map(
        (page) => items.filter((_, index) => page.includes(`Item ${index + 1}:`)).length,
      );
      expect(itemsOn.reduce((sum, count) => sum + count, 0)).toBe(items.length);
      expect(itemsOn[itemsOn.length - 1]).toBeGreaterThanOrEqual(2);
    }
  });
});

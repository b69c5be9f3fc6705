import { describe, expect, it } from '@jest/globals';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ReportCanvas } from './report-canvas.js';

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
});

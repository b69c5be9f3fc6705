import {
  fontCoverage,
  pdfFontName,
  primerCodePoints,
  type FontFamily,
  type FontWeight,
  type GlyphCoverage,
} from '../fonts/font-catalogue.js';
import type { Font } from 'fontkit';
import { reverseGraphemes } from '../text/script-runs.js';
import {
  layoutText,
  lineHeightOf,
  type TextLine,
  type TextMeasurer,
  type TextStyle,
} from '../text/text-layout.js';

export type Align = 'left' | 'right' | 'center';

export const INK = '#1B2430';

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Measured widths kept for reuse; past this many the cache starts afresh, so a long report stays in bounds. */
const MEASURE_CACHE_ENTRIES = 20_000;

/** Measures and draws laid-out text on a pdfkit document. Never lets pdfkit wrap or paginate on its own. */
export class PdfText implements TextMeasurer {
  private readonly widths = new Map<string, number>();
  private readonly primed = new Set<string>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly coverage: GlyphCoverage = fontCoverage(),
  ) {}

  measure(text: string, family: FontFamily, weight: FontWeight, size: number, rtl: boolean): number {
    const key = `${family}|${weight}|${size}|${rtl ? 1 : 0}|${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      this.selectFont(family, weight).fontSize(size);
      // An empty feature list makes pdfkit shape the whole run at once; by default it shapes word by word,
      // which puts right-to-left words in the wrong order.
      width = this.doc.widthOfString(text, rtl ? { features: [] } : {});
      if (this.widths.size >= MEASURE_CACHE_ENTRIES) {
        this.widths.clear();
      }
      this.widths.set(key, width);
    }
    return width;
  }

  private selectFont(family: FontFamily, weight: FontWeight): PDFKit.PDFDocument {
    const name = pdfFontName(family, weight);
    this.doc.font(name);
    if (!this.primed.has(name)) {
      this.primed.add(name);
      // pdfkit keeps the fontkit font of the current face in an internal field; see primerCodePoints.
      const embedded = (this.doc as unknown as { _font?: { font?: Partial<Font> } })._font?.font;
      if (embedded?.glyphForCodePoint) {
        for (const codePoint of primerCodePoints(family)) {
          embedded.glyphForCodePoint(codePoint);
        }
      }
    }
    return this.doc;
  }

  layout(text: string, width: number, style: TextStyle): TextLine[] {
    return layoutText(text, width, style, this.coverage, this);
  }

  /**
   * Lines filled to `width` that break between any two characters (grapheme clusters), for identifiers: a hash,
   * an id or a file name wraps as a block instead of at its hyphens and underscores. "\n" starts a new line.
   */
  layoutAnywhere(text: string, width: number, style: TextStyle): TextLine[] {
    if (text.length === 0) {
      return [];
    }
    const lines: TextLine[] = [];
    for (const paragraph of text.split('\n')) {
      const graphemes = [...GRAPHEMES.segment(paragraph)].map((segment) => segment.segment);
      let start = 0;
      do {
        // The longest run from `start` that fits, and at least one character, so every line makes progress.
        let fits = Math.min(start + 1, graphemes.length);
        let tooLong = graphemes.length + 1;
        while (tooLong - fits > 1) {
          const middle = Math.floor((fits + tooLong) / 2);
          if (this.widthOf(graphemes.slice(start, middle).join(''), style) <= width) {
            fits = middle;
          } else {
            tooLong = middle;
          }
        }
        const line = this.layout(graphemes.slice(start, fits).join(''), Number.MAX_SAFE_INTEGER, style);
        lines.push(...(line.length > 0 ? line : [{ runs: [], width: 0, text: '' }]));
        start = fits;
      } while (start < graphemes.length);
    }
    return lines;
  }

  heightOf(text: string, width: number, style: TextStyle): number {
    return this.layout(text, width, style).length * lineHeightOf(style);
  }

  /** Natural width of the widest line when nothing wraps. */
  widthOf(text: string, style: TextStyle): number {
    return Math.max(0, ...this.layout(text, Number.MAX_SAFE_INTEGER, style).map((line) => line.width));
  }

  /** Draws lines from the top edge y; returns the height used. */
  drawLines(
    lines: TextLine[],
    x: number,
    y: number,
    width: number,
    style: TextStyle,
    align: Align = 'left',
  ): number {
    const lineHeight = lineHeightOf(style);
    // Baseline sits so that ascenders and descenders of every script stay inside the line box.
    const baselineOffset = lineHeight / 2 + style.size * 0.33;
    lines.forEach((line, index) => {
      let cursor = x;
      if (align === 'right') {
        cursor = x + width - line.width;
      } else if (align === 'center') {
        cursor = x + (width - line.width) / 2;
      }
      const baseline = y + index * lineHeight + baselineOffset;
      // Indic glyphs are stored in visual order and right-to-left runs are drawn reversed: one ActualText span per
      // line gives extractors and screen readers the line in reading order, runs of both directions included.
      const tagged = line.runs.some((run) => run.needsActualText);
      if (tagged) {
        this.doc.markContent('Span', { actual: line.text });
      }
      for (const run of line.runs) {
        this.drawRun(run.text, run.family, style, cursor, baseline, {
          rtl: run.level % 2 === 1,
          reverse: run.reverseBeforeDrawing,
        });
        cursor += run.width;
      }
      if (tagged) {
        this.doc.endMarkedContent();
      }
    });
    return lines.length * lineHeight;
  }

  draw(text: string, x: number, y: number, width: number, style: TextStyle, align: Align = 'left'): number {
    return this.drawLines(this.layout(text, width, style), x, y, width, style, align);
  }

  private drawRun(
    text: string,
    family: FontFamily,
    style: TextStyle,
    x: number,
    baseline: number,
    flags: { rtl: boolean; reverse: boolean },
  ): void {
    this.selectFont(family, style.weight ?? 'regular')
      .fontSize(style.size)
      .fillColor(style.color ?? INK);
    this.doc.text(flags.reverse ? reverseGraphemes(text) : text, x, baseline, {
      lineBreak: false,
      baseline: 'alphabetic',
      ...(flags.rtl ? { features: [] } : {}),
    });
  }
}

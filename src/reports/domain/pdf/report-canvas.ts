import PDFDocument from 'pdfkit';
import { registerReportFonts } from '../fonts/font-catalogue.js';
import { lineHeightOf, type TextLine, type TextStyle } from '../text/text-layout.js';
import { PdfText, type Align } from './pdf-text.js';
import { breaksBefore, SHORT_TABLE_ROWS, tableStartNeeds } from './table-breaks.js';
import { COLORS, TYPE } from './theme.js';

export interface DocumentMeta {
  reportId: string;
  /** ISO timestamp; also the PDF's CreationDate so the same data always gives the same bytes. */
  generatedAt: string;
  generatedBy: string;
  title: string;
  subject: string;
  ruleSetHash: string;
  /** Short name of the report kind, printed in every page header. */
  runningTitle: string;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 70, bottom: 62, left: 50, right: 50 };

export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Pages after which pdfkit's per-font word layout cache is started afresh (see resetLayoutCaches). */
const LAYOUT_CACHE_PAGES = 10;
/** The box of the "Page x of y" label in the footer, drawn once the page count is known. */
const PAGE_LABEL = { width: 70, height: 12 };
const PAGE_LABEL_NAME = 'VigilPageLabel';

export interface ListOptions {
  numbered?: boolean;
  style?: TextStyle;
  marker?: string;
}

/** The part of a pdfkit indirect object used here (its typings only describe page resources). */
interface PdfObject {
  data: Record<string, unknown>;
  write(chunk: string | Uint8Array): void;
  end(): void;
}

/**
 * A page-aware cursor over a pdfkit document. Every block is measured before it is drawn, and a new page is
 * added only when something that does not fit is about to be drawn: the document can never end on a blank page.
 *
 * Pages are written out as soon as the next one starts, so memory does not grow with the length of the report.
 * Running header and footer are drawn when a page starts; the one thing not known then, the page count, sits in
 * the footer as a small form object per page whose content is written when the document is finished.
 */
export class ReportCanvas {
  readonly doc: PDFKit.PDFDocument;
  readonly text: PdfText;
  y = MARGIN.top;
  private pageHasContent = false;
  private readonly chunks: Buffer[] = [];
  private readonly pageLabels: PdfObject[] = [];
  private pagesSinceCacheReset = 0;
  private readonly ended: Promise<Buffer>;
  /** Called after each new page, e.g. to repeat a table header. */
  private pageListeners: Array<() => void> = [];

  constructor(private readonly meta: DocumentMeta) {
    const generatedAt = new Date(meta.generatedAt);
    const info: PDFKit.DocumentInfo & Record<string, string | Date> = {
      Title: meta.title,
      Author: meta.generatedBy,
      Subject: meta.subject,
      Keywords: `vigil-report-id:${meta.reportId} rule-set-hash:${meta.ruleSetHash}`,
      Creator: 'Vigil',
      Producer: 'Vigil report renderer (pdfkit)',
      CreationDate: generatedAt,
      ModDate: generatedAt,
      VigilReportId: meta.reportId,
      VigilRuleSetHash: meta.ruleSetHash,
    };
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      autoFirstPage: false,
      pdfVersion: '1.7',
      lang: 'en-GB',
      displayTitle: true,
      info,
    });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    registerReportFonts(this.doc);
    this.text = new PdfText(this.doc);
    this.doc.on('pageAdded', () => {
      this.decoratePage(this.pageLabels.length);
      if (++this.pagesSinceCacheReset === LAYOUT_CACHE_PAGES) {
        this.resetLayoutCaches();
      }
    });
    this.doc.addPage();
  }

  /** Pages so far. */
  get pageCount(): number {
    return this.pageLabels.length;
  }

  /**
   * pdfkit keeps the glyph layout of every distinct word it has set, for the document's lifetime: for a portfolio
   * of 10,000 suppliers (a distinct name and reference each) that is most of the memory the report takes. The
   * cache pays off within a page or two (table headers, tier names, evidence phrases), so it is started afresh
   * every few pages.
   */
  private resetLayoutCaches(): void {
    this.pagesSinceCacheReset = 0;
    const fonts = (this.doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: unknown }> })
      ._fontFamilies;
    for (const font of Object.values(fonts ?? {})) {
      if (font.layoutCache) {
        font.layoutCache = Object.create(null);
      }
    }
  }

  get left(): number {
    return MARGIN.left;
  }

  get right(): number {
    return PAGE.width - MARGIN.right;
  }

  get width(): number {
    return this.right - this.left;
  }

  get top(): number {
    return MARGIN.top;
  }

  get bottom(): number {
    return PAGE.height - MARGIN.bottom;
  }

  get pageHeight(): number {
    return PAGE.height;
  }

  get pageWidth(): number {
    return PAGE.width;
  }

  get remaining(): number {
    return this.bottom - this.y;
  }

  get isPageFresh(): boolean {
    return !this.pageHasContent;
  }

  /** Starts a new page unless the current one is still empty. */
  newPage(): void {
    if (!this.pageHasContent) {
      return;
    }
    this.doc.addPage();
    this.y = this.top;
    this.pageHasContent = false;
    for (const listener of this.pageListeners) {
      listener();
    }
  }

  /** Makes sure `height` fits below the cursor, breaking the page if needed. */
  ensure(height: number): void {
    if (this.y + height > this.bottom + 0.01) {
      this.newPage();
    }
  }

  /** Reserves a block of `height` (breaking the page first if needed) and returns its top. */
  reserve(height: number): number {
    this.ensure(height);
    const top = this.y;
    this.y += height;
    this.pageHasContent = true;
    return top;
  }

  /** Vertical gap; never carried onto a new page. */
  gap(height: number): void {
    this.y = Math.min(this.y + height, this.bottom);
  }

  whileOnNewPages(listener: () => void, body: () => void): void {
    this.pageListeners.push(listener);
    try {
      body();
    } finally {
      this.pageListeners = this.pageListeners.filter((candidate) => candidate !== listener);
    }
  }

  /** Draws laid-out lines, continuing on the next page line by line when they do not fit. */
  lines(
    lines: TextLine[],
    style: TextStyle,
    options: { indent?: number; width?: number; align?: Align } = {},
  ): void {
    const lineHeight = lineHeightOf(style);
    const x = this.left + (options.indent ?? 0);
    const width = options.width ?? this.width - (options.indent ?? 0);
    for (const line of lines) {
      const top = this.reserve(lineHeight);
      this.text.drawLines([line], x, top, width, style, options.align);
    }
  }

  paragraph(
    text: string,
    style: TextStyle = TYPE.body,
    options: { indent?: number; gapAfter?: number } = {},
  ): void {
    const width = this.width - (options.indent ?? 0);
    this.lines(this.text.layout(text, width, style), style, { indent: options.indent });
    this.gap(options.gapAfter ?? style.size * 0.6);
  }

  /** The height `paragraph` takes with the same arguments, its gap after included: what a heading keeps with it. */
  paragraphHeight(
    text: string,
    style: TextStyle = TYPE.body,
    options: { indent?: number; gapAfter?: number } = {},
  ): number {
    const width = this.width - (options.indent ?? 0);
    return this.text.heightOf(text, width, style) + (options.gapAfter ?? style.size * 0.6);
  }

  /** A section heading, kept on the same page as at least `keepWithNext` points of what follows. */
  heading(text: string, level: 'h1' | 'h2' = 'h1', keepWithNext = 70): void {
    const style = TYPE[level];
    const lines = this.text.layout(text, this.width, style);
    const height = lines.length * lineHeightOf(style);
    const spaceBefore = this.isPageFresh ? 0 : level === 'h1' ? 16 : 10;
    // The h1 rule and the gap under the heading count too, or what is kept with it could still miss the page.
    const spaceAfter = level === 'h1' ? 12 : 4;
    this.ensure(spaceBefore + height + spaceAfter + keepWithNext);
    if (!this.isPageFresh) {
      this.gap(spaceBefore);
    }
    const top = this.reserve(height);
    this.text.drawLines(lines, this.left, top, this.width, style);
    if (level === 'h1') {
      const ruleY = this.reserve(6) + 2;
      this.doc
        .moveTo(this.left, ruleY)
        .lineTo(this.right, ruleY)
        .lineWidth(0.8)
        .strokeColor(COLORS.navy)
        .stroke();
      this.gap(6);
    } else {
      this.gap(4);
    }
  }

  /**
   * Bulleted or numbered items with hanging indentation, wide enough for the widest marker ("12."). An item moves
   * whole to the next page when it fits there, and the last item never goes there alone (table-breaks.ts).
   */
  list(items: string[], options: ListOptions = {}): void {
    const { style, markerStyle, indent, markerOf } = this.listLayout(items, options);
    const lineHeight = lineHeightOf(style);
    const itemGap = style.size * 0.35;
    const laidOut = items.map((item) => this.text.layout(item, this.width - indent, style));
    let page = this.pageCount;
    let itemsOnPage = 0;
    laidOut.forEach((lines, index) => {
      const last = index === items.length - 2 ? laidOut[index + 1] : undefined;
      const place = {
        remaining: this.remaining,
        pageRoom: this.bottom - this.top,
        rowsOnPage: itemsOnPage,
        row: lines.length * lineHeight,
        // The gap between the two items counts with the last one.
        lastRow: last ? itemGap + last.length * lineHeight : undefined,
      };
      if (breaksBefore(place)) {
        this.newPage();
      }
      lines.forEach((line, lineIndex) => {
        const top = this.reserve(lineHeight);
        if (lineIndex === 0) {
          this.text.draw(markerOf(index), this.left, top, indent - 4, markerStyle);
        }
        this.text.drawLines([line], this.left + indent, top, this.width - indent, style);
      });
      this.gap(itemGap);
      // An item that moved or was split starts the count of the page it ends on.
      if (this.pageCount !== page) {
        page = this.pageCount;
        itemsOnPage = 0;
      }
      itemsOnPage++;
    });
  }

  /**
   * The height a list needs on the page it starts on, as a table's rows (table-breaks.ts): its first two items, or
   * the whole of a short list. What a heading above the list keeps with it.
   */
  listStartHeight(items: string[], options: ListOptions = {}): number {
    const { style, indent } = this.listLayout(items, options);
    const heights = items
      .slice(0, SHORT_TABLE_ROWS)
      .map((item) => this.text.heightOf(item, this.width - indent, style) + style.size * 0.35);
    return tableStartNeeds(0, heights, items.length > SHORT_TABLE_ROWS, this.bottom - this.top);
  }

  private listLayout(items: string[], options: ListOptions) {
    const style = options.style ?? TYPE.body;
    const markerOf = (index: number): string =>
      options.numbered ? `${index + 1}.` : (options.marker ?? '•');
    const markerStyle = { ...style, color: COLORS.navy };
    const indent = Math.max(16, Math.ceil(this.text.widthOf(markerOf(items.length - 1), markerStyle)) + 6);
    return { style, markerStyle, indent, markerOf };
  }

  /** Writes "page x of y" into every page's footer and closes the document. */
  async finish(): Promise<Buffer> {
    this.pageLabels.forEach((label, index) => this.writePageLabel(label, index + 1));
    this.doc.end();
    return this.ended;
  }

  /** Running header (not on the cover) and footer of the page that has just started. */
  private decoratePage(pageIndex: number): void {
    const doc = this.doc;
    // Furniture sits in the margins: lift the bottom margin so nothing can push pdfkit into a new page, and keep
    // its line widths and colours from the page's own drawing.
    const savedMargins = { ...doc.page.margins };
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.save();
    if (pageIndex > 0) {
      const headerY = 32;
      this.text.draw(`VIGIL  ·  ${this.meta.runningTitle}`, this.left, headerY, this.width / 2, {
        ...TYPE.label,
        color: COLORS.navy,
      });
      const reportLabel = `Report ${this.meta.reportId}`;
      this.text.draw(
        reportLabel,
        this.left + this.width / 2,
        headerY,
        this.width / 2,
        this.oneLine(reportLabel, this.width / 2, TYPE.small),
        'right',
      );
      doc
        .moveTo(this.left, headerY + 15)
        .lineTo(this.right, headerY + 15)
        .lineWidth(0.5)
        .strokeColor(COLORS.rule)
        .stroke();
    }
    const footerY = this.pageHeight - 44;
    doc
      .moveTo(this.left, footerY - 6)
      .lineTo(this.right, footerY - 6)
      .lineWidth(0.5)
      .strokeColor(COLORS.rule)
      .stroke();
    const footer = `Report ${this.meta.reportId}  ·  generated ${formatTimestamp(this.meta.generatedAt)} by ${this.meta.generatedBy}`;
    const footerWidth = this.width - PAGE_LABEL.width - 10;
    this.text.draw(footer, this.left, footerY, footerWidth, this.oneLine(footer, footerWidth, TYPE.small));
    const label = doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, PAGE_LABEL.width, PAGE_LABEL.height],
    }) as unknown as PdfObject;
    this.pageLabels.push(label);
    (doc.page as unknown as { xobjects: Record<string, PdfObject> }).xobjects[PAGE_LABEL_NAME] = label;
    // The page's coordinates run downwards from the top; the form's run upwards from its bottom-left corner.
    const x = this.right - PAGE_LABEL.width;
    doc.addContent(`q 1 0 0 -1 ${x} ${footerY + PAGE_LABEL.height} cm /${PAGE_LABEL_NAME} Do Q`);
    doc.restore();
    doc.page.margins = savedMargins;
  }

  /**
   * The style that sets running text on one line of `width`: smaller when a long report id or user name would
   * wrap it below the footer rule. Past a legible size it wraps.
   */
  private oneLine(text: string, width: number, style: TextStyle): TextStyle {
    const natural = this.text.widthOf(text, style);
    return natural <= width
      ? style
      : { ...style, size: Math.max(5.5, (style.size * width * 0.98) / natural) };
  }

  /**
   * Draws "Page x of y" into the page's label form, through the same text drawing as everything else: pdfkit's
   * output is pointed at the form for the duration (its fonts become the form's resources).
   */
  private writePageLabel(label: PdfObject, pageNumber: number): void {
    const doc = this.doc as unknown as { page: unknown };
    const page = doc.page;
    const fonts: Record<string, unknown> = {};
    doc.page = {
      width: PAGE_LABEL.width,
      height: PAGE_LABEL.height,
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      fonts,
      colorSpaces: {},
      ext_gstates: {},
      markings: [],
      write: (chunk: string | Uint8Array) => label.write(chunk),
    };
    // pdfkit draws as if the coordinates ran downwards from the top, as they do on its pages.
    label.write(`1 0 0 -1 0 ${PAGE_LABEL.height} cm`);
    const text = `Page ${pageNumber} of ${this.pageLabels.length}`;
    // Five-digit page counts would not fit the box at the footer's size (and would wrap out of the form).
    const style = this.oneLine(text, PAGE_LABEL.width, TYPE.small);
    try {
      this.text.draw(text, 0, 0, PAGE_LABEL.width, style, 'right');
    } finally {
      doc.page = page;
    }
    label.data.Resources = { Font: fonts };
    label.end();
  }
}

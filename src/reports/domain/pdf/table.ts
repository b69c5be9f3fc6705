import type { RiskTier } from '../../../scoring/domain/assessment-result.js';
import { lineHeightOf, type TextLine, type TextStyle } from '../text/text-layout.js';
import type { Align } from './pdf-text.js';
import type { ReportCanvas } from './report-canvas.js';
import { breaksBefore, SHORT_TABLE_ROWS, tableStartNeeds } from './table-breaks.js';
import { COLORS, TIER_COLORS, TIER_LABELS, TYPE } from './theme.js';

export interface CellParagraph {
  text: string;
  style?: TextStyle;
  /**
   * 'anywhere' for identifiers (hashes, ids, references, file names): lines are filled to the cell's width and
   * break between any two characters, so a long one wraps inside its cell as a block.
   */
  wrap?: 'words' | 'anywhere';
}

export interface CellSpec {
  paragraphs: CellParagraph[];
  /** Background of this cell (heat tables). */
  fill?: string;
  /** Draws a coloured tier pill before the paragraphs. */
  badge?: RiskTier;
  align?: Align;
}

export interface TableColumn<Row> {
  header: string;
  /** Relative width; columns share the table width in proportion. */
  width: number;
  align?: Align;
  cell: (row: Row, index: number) => CellSpec | string;
}

export interface TableOptions {
  showHeader?: boolean;
  zebra?: boolean;
  /** Text shown in one full-width row when there are no rows. */
  emptyText?: string;
  bodyStyle?: TextStyle;
}

const PAD_X = 5;
const PAD_Y = 4;
const BADGE_HEIGHT = 13;

interface CellLine {
  line: TextLine;
  style: TextStyle;
  height: number;
}

interface LaidOutCell {
  spec: CellSpec;
  lines: CellLine[];
  badge?: RiskTier;
}

export function textCell(text: string, style?: TextStyle, extra: Partial<CellSpec> = {}): CellSpec {
  return { paragraphs: [{ text, style }], ...extra };
}

export function tierCell(tier: RiskTier, note?: string): CellSpec {
  return { badge: tier, paragraphs: note ? [{ text: note, style: TYPE.tableMuted }] : [] };
}

export function drawTierBadge(canvas: ReportCanvas, tier: RiskTier, x: number, y: number, size = 7): number {
  const label = TIER_LABELS[tier].toUpperCase();
  const style: TextStyle = { size, weight: 'bold', color: COLORS.white, leading: 1.2 };
  const textWidth = canvas.text.widthOf(label, style);
  const width = textWidth + 12;
  const height = size * 1.75;
  canvas.doc.roundedRect(x, y, width, height, height / 2).fill(TIER_COLORS[tier].solid);
  canvas.text.draw(label, x, y + (height - size * 1.2) / 2, width, style, 'center');
  return width;
}

function toSpec(value: CellSpec | string): CellSpec {
  return typeof value === 'string' ? textCell(value) : value;
}

/** Column positions, the laid-out header and a row layout: what drawing a table and measuring its start share. */
function tableLayout<Row>(canvas: ReportCanvas, columns: TableColumn<Row>[], options: TableOptions) {
  const totalWeight = columns.reduce((sum, column) => sum + column.width, 0);
  const widths = columns.map((column) => (column.width / totalWeight) * canvas.width);
  const xs = widths.map(
    (_, index) => canvas.left + widths.slice(0, index).reduce((sum, width) => sum + width, 0),
  );
  const bodyStyle = options.bodyStyle ?? TYPE.tableBody;
  const showHeader = options.showHeader ?? true;

  const layoutCell = (spec: CellSpec, width: number, defaultStyle: TextStyle): LaidOutCell => {
    const lines: CellLine[] = [];
    for (const paragraph of spec.paragraphs) {
      const style = paragraph.style ?? defaultStyle;
      const laidOut =
        paragraph.wrap === 'anywhere'
          ? canvas.text.layoutAnywhere(paragraph.text, width - 2 * PAD_X, style)
          : canvas.text.layout(paragraph.text, width - 2 * PAD_X, style);
      for (const line of laidOut) {
        lines.push({ line, style, height: lineHeightOf(style) });
      }
    }
    return { spec, lines, badge: spec.badge };
  };

  const headerCells = columns.map((column, index) => {
    const style = fittedHeaderStyle(canvas, column.header, widths[index] - 2 * PAD_X);
    return layoutCell(textCell(column.header, style, { align: column.align }), widths[index], style);
  });
  const headerHeight = showHeader ? cellsHeight(headerCells) : 0;

  const layoutRow = (row: Row, rowIndex: number): LaidOutCell[] =>
    columns.map((column, columnIndex) => {
      const spec = toSpec(column.cell(row, rowIndex));
      return layoutCell({ ...spec, align: spec.align ?? column.align }, widths[columnIndex], bodyStyle);
    });

  return { widths, xs, bodyStyle, showHeader, layoutCell, headerCells, headerHeight, layoutRow };
}

/**
 * The height a table needs on the page it starts on: its header and its first two rows, or the whole of a short
 * table (table-breaks.ts). A heading kept with this much stays on the page where the table starts.
 */
export function tableStartHeight<Row>(
  canvas: ReportCanvas,
  columns: TableColumn<Row>[],
  rows: readonly Row[],
  options: TableOptions = {},
): number {
  const { headerHeight, layoutRow, layoutCell, bodyStyle } = tableLayout(canvas, columns, options);
  if (rows.length === 0) {
    return (
      headerHeight +
      (options.emptyText
        ? cellsHeight([layoutCell(textCell(options.emptyText, TYPE.tableMuted), canvas.width, bodyStyle)])
        : 0)
    );
  }
  const heights = rows.slice(0, SHORT_TABLE_ROWS).map((row, index) => cellsHeight(layoutRow(row, index)));
  return tableStartNeeds(
    headerHeight,
    heights,
    rows.length > SHORT_TABLE_ROWS,
    pageRoom(canvas, headerHeight),
  );
}

function pageRoom(canvas: ReportCanvas, headerHeight: number): number {
  return canvas.bottom - canvas.top - headerHeight;
}

/**
 * Draws a table that breaks across pages with its header repeated. It starts on a page with its header and first
 * two rows (a short one whole), and its last row never goes alone to a new page (table-breaks.ts). Rows move whole
 * to the next page when they fit there; a row taller than a page is split between lines, so nothing is ever
 * clipped. Rows are laid out a few ahead of the one drawn, so a long table (every red-flagged supplier of a
 * portfolio) takes the memory of a few rows, and rows can come from a generator.
 */
export function drawTable<Row>(
  canvas: ReportCanvas,
  columns: TableColumn<Row>[],
  rows: Iterable<Row>,
  options: TableOptions = {},
): void {
  const { widths, xs, bodyStyle, showHeader, layoutCell, headerCells, headerHeight, layoutRow } = tableLayout(
    canvas,
    columns,
    options,
  );

  const drawHeader = (): void => {
    if (!showHeader) {
      return;
    }
    const top = canvas.reserve(headerHeight);
    canvas.doc.rect(canvas.left, top, canvas.width, headerHeight).fill(COLORS.navyTint);
    headerCells.forEach((cell, index) =>
      drawCellLines(canvas, cell.lines, xs[index], top, widths[index], cell.spec.align),
    );
    rule(canvas, top + headerHeight, COLORS.navy, 0.7);
  };

  // Rows laid out ahead of the one drawn, and whether the source has more after them.
  const source = rows[Symbol.iterator]();
  const ahead: LaidOutCell[][] = [];
  let nextIndex = 0;
  let exhausted = false;
  const fill = (count: number): void => {
    while (!exhausted && ahead.length < count) {
      const next = source.next();
      if (next.done) {
        exhausted = true;
      } else {
        ahead.push(layoutRow(next.value, nextIndex++));
      }
    }
  };

  fill(SHORT_TABLE_ROWS + 1);
  const room = pageRoom(canvas, headerHeight);
  if (ahead.length === 0) {
    if (options.emptyText) {
      const cell = layoutCell(textCell(options.emptyText, TYPE.tableMuted), canvas.width, bodyStyle);
      const height = cellsHeight([cell]);
      canvas.ensure(headerHeight + height);
      drawHeader();
      const top = canvas.reserve(height);
      drawCellLines(canvas, cell.lines, canvas.left, top, canvas.width);
      rule(canvas, top + height, COLORS.rule, 0.5);
    } else {
      canvas.ensure(headerHeight);
      drawHeader();
    }
    return;
  }
  const firstHeights = ahead.slice(0, SHORT_TABLE_ROWS).map(cellsHeight);
  canvas.ensure(tableStartNeeds(headerHeight, firstHeights, ahead.length > SHORT_TABLE_ROWS, room));
  drawHeader();
  canvas.whileOnNewPages(drawHeader, () => {
    let rowIndex = 0;
    let page = canvas.pageCount;
    let rowsOnPage = 0;
    for (let cells = ahead.shift(); cells; cells = ahead.shift(), rowIndex++) {
      fill(2);
      const row = cellsHeight(cells);
      const lastRow = ahead.length === 1 && exhausted ? cellsHeight(ahead[0]) : undefined;
      if (breaksBefore({ remaining: canvas.remaining, pageRoom: room, rowsOnPage, row, lastRow })) {
        canvas.newPage();
      }
      if (canvas.pageCount !== page) {
        page = canvas.pageCount;
        rowsOnPage = 0;
      }
      const fillColor = options.zebra !== false && rowIndex % 2 === 1 ? COLORS.zebra : undefined;
      drawRow(canvas, cells, xs, widths, fillColor);
      if (canvas.pageCount !== page) {
        // A row split across pages: its tail starts the new page.
        page = canvas.pageCount;
        rowsOnPage = 0;
      }
      rowsOnPage++;
    }
  });
}

/** Shrinks a header (down to 5.5 pt) until its longest word fits the column, so headers never split inside a word. */
function fittedHeaderStyle(canvas: ReportCanvas, header: string, width: number): TextStyle {
  const words = header.split(/\s+/).filter(Boolean);
  let style: TextStyle = TYPE.tableHeader;
  while (style.size > 5.5 && words.some((word) => canvas.text.widthOf(word, style) > width)) {
    style = { ...style, size: style.size - 0.25 };
  }
  return style;
}

function cellsHeight(cells: LaidOutCell[]): number {
  return Math.max(...cells.map((cell) => cellContentHeight(cell.lines, cell.badge) + 2 * PAD_Y));
}

function cellContentHeight(lines: CellLine[], badge?: RiskTier): number {
  return (
    lines.reduce((sum, line) => sum + line.height, 0) +
    (badge ? BADGE_HEIGHT + (lines.length > 0 ? 2 : 0) : 0)
  );
}

function rule(canvas: ReportCanvas, y: number, color: string, width: number): void {
  canvas.doc.moveTo(canvas.left, y).lineTo(canvas.right, y).lineWidth(width).strokeColor(color).stroke();
}

function drawCellLines(
  canvas: ReportCanvas,
  lines: CellLine[],
  x: number,
  top: number,
  width: number,
  align: Align = 'left',
): number {
  let y = top + PAD_Y;
  for (const { line, style, height } of lines) {
    canvas.text.drawLines([line], x + PAD_X, y, width - 2 * PAD_X, style, align);
    y += height;
  }
  return y - top;
}

function drawRow(
  canvas: ReportCanvas,
  cells: LaidOutCell[],
  xs: number[],
  widths: number[],
  rowFill: string | undefined,
): void {
  // Remaining lines per cell; badges are drawn with the first chunk.
  const pending = cells.map((cell) => [...cell.lines]);
  let first = true;
  while (first || pending.some((lines) => lines.length > 0)) {
    const minimum = Math.max(...pending.map((lines) => (lines[0]?.height ?? 0) + 2 * PAD_Y));
    if (canvas.remaining < minimum || (first && canvas.remaining < 2 * PAD_Y + BADGE_HEIGHT)) {
      canvas.newPage();
    }
    const available = canvas.remaining - 2 * PAD_Y;
    const chunks = pending.map((lines, index) => {
      const taken: CellLine[] = [];
      let used = first && cells[index].badge ? BADGE_HEIGHT + 2 : 0;
      while (lines.length > 0 && used + lines[0].height <= available + 0.01) {
        const next = lines.shift();
        if (!next) {
          break;
        }
        used += next.height;
        taken.push(next);
      }
      return { taken, used };
    });
    if (chunks.every((chunk) => chunk.taken.length === 0) && !first) {
      // A single line taller than a whole page cannot happen with report styles; force progress anyway.
      const index = pending.findIndex((lines) => lines.length > 0);
      const forced = pending[index].shift();
      if (forced) {
        chunks[index].taken.push(forced);
        chunks[index].used += forced.height;
      }
    }
    const height = Math.max(...chunks.map((chunk) => chunk.used)) + 2 * PAD_Y;
    const top = canvas.reserve(height);
    if (rowFill) {
      canvas.doc.rect(canvas.left, top, canvas.width, height).fill(rowFill);
    }
    cells.forEach((cell, index) => {
      if (cell.spec.fill) {
        canvas.doc.rect(xs[index], top, widths[index], height).fill(cell.spec.fill);
      }
      let offset = 0;
      if (first && cell.badge) {
        drawTierBadge(canvas, cell.badge, xs[index] + PAD_X, top + PAD_Y);
        offset = BADGE_HEIGHT + 2;
      }
      drawCellLines(canvas, chunks[index].taken, xs[index], top + offset, widths[index], cell.spec.align);
    });
    canvas.doc
      .moveTo(canvas.left, top + height)
      .lineTo(canvas.right, top + height)
      .lineWidth(0.4)
      .strokeColor(COLORS.rule)
      .stroke();
    first = false;
  }
}

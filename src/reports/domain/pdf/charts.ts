import { lineHeightOf, type TextStyle } from '../text/text-layout.js';
import type { ReportCanvas } from './report-canvas.js';
import { COLORS, TYPE } from './theme.js';

// Charts are drawn with pdfkit vector shapes so they stay sharp when printed and carry their numbers as text.

export interface BarSegment {
  value: number;
  color: string;
}

export interface BarRow {
  label: string;
  /** One segment for a plain bar, several (all positive) for a stacked bar. */
  segments: BarSegment[];
  /** Printed right of the plot, e.g. "+18" or "42 (12%)". */
  valueLabel: string;
}

export interface BarChartOptions {
  labelWidth?: number;
  valueWidth?: number;
  barHeight?: number;
  labelStyle?: TextStyle;
}

export interface LegendItem {
  label: string;
  color: string;
}

/** Height the chart needs, so a heading can be kept with it. */
export function barChartHeight(canvas: ReportCanvas, rows: BarRow[], options: BarChartOptions = {}): number {
  const labelStyle = options.labelStyle ?? { ...TYPE.tableBody, size: 8 };
  const labelWidth = options.labelWidth ?? 150;
  return rows.reduce(
    (sum, row) =>
      sum +
      Math.max(
        canvas.text.layout(row.label, labelWidth, labelStyle).length * lineHeightOf(labelStyle),
        options.barHeight ?? 11,
      ) +
      6,
    0,
  );
}

/** Horizontal bars, one row per item; negative values grow left of a zero axis. Rows may continue on a new page. */
export function drawBarChart(canvas: ReportCanvas, rows: BarRow[], options: BarChartOptions = {}): void {
  if (rows.length === 0) {
    return;
  }
  const labelWidth = options.labelWidth ?? 150;
  const valueWidth = options.valueWidth ?? 56;
  const barHeight = options.barHeight ?? 11;
  const labelStyle = options.labelStyle ?? { ...TYPE.tableBody, size: 8 };
  const plotLeft = canvas.left + labelWidth + 8;
  const plotWidth = canvas.width - labelWidth - valueWidth - 16;
  const totals = rows.map((row) => row.segments.reduce((sum, segment) => sum + segment.value, 0));
  const maximum = Math.max(0, ...totals);
  const minimum = Math.min(0, ...totals);
  const span = maximum - minimum || 1;
  const zeroX = plotLeft + (-minimum / span) * plotWidth;
  const scale = plotWidth / span;

  const laidOut = rows.map((row) => {
    const labelLines = canvas.text.layout(row.label, labelWidth, labelStyle);
    return {
      row,
      labelLines,
      rowHeight: Math.max(labelLines.length * lineHeightOf(labelStyle), barHeight) + 6,
    };
  });
  // Keep the chart on one page when it fits on one.
  const chartHeight = laidOut.reduce((sum, entry) => sum + entry.rowHeight, 0);
  if (chartHeight <= canvas.bottom - canvas.top) {
    canvas.ensure(chartHeight);
  }
  for (const { row, labelLines, rowHeight } of laidOut) {
    const top = canvas.reserve(rowHeight);
    const labelTop = top + (rowHeight - labelLines.length * lineHeightOf(labelStyle)) / 2;
    canvas.text.drawLines(labelLines, canvas.left, labelTop, labelWidth, labelStyle, 'right');
    const barTop = top + (rowHeight - barHeight) / 2;
    canvas.doc.rect(plotLeft, barTop, plotWidth, barHeight).fill(COLORS.zebra);
    let x = zeroX;
    for (const segment of row.segments) {
      const width = Math.abs(segment.value) * scale;
      if (width <= 0) {
        continue;
      }
      const start = segment.value < 0 ? x - width : x;
      canvas.doc.rect(start, barTop, width, barHeight).fill(segment.color);
      x = segment.value < 0 ? start : start + width;
    }
    canvas.doc
      .moveTo(zeroX, top)
      .lineTo(zeroX, top + rowHeight)
      .lineWidth(0.6)
      .strokeColor(COLORS.muted)
      .stroke();
    canvas.text.draw(
      row.valueLabel,
      plotLeft + plotWidth + 8,
      top + (rowHeight - lineHeightOf(labelStyle)) / 2,
      valueWidth,
      { ...labelStyle, weight: 'bold' },
    );
  }
}

/** A single 100 % bar split into shares, with the count printed inside each segment wide enough to hold it. */
export function drawShareBar(
  canvas: ReportCanvas,
  segments: Array<BarSegment & { label: string }>,
  height = 22,
): void {
  const total = segments.reduce((sum, segment) => sum + segment.value, 0);
  const top = canvas.reserve(height);
  if (total <= 0) {
    canvas.doc.rect(canvas.left, top, canvas.width, height).fill(COLORS.zebra);
    return;
  }
  let x = canvas.left;
  const style: TextStyle = { size: 8, weight: 'bold', color: COLORS.white, leading: 1.2 };
  for (const segment of segments) {
    const width = (segment.value / total) * canvas.width;
    if (width <= 0) {
      continue;
    }
    canvas.doc.rect(x, top, width, height).fill(segment.color);
    const label = String(segment.value);
    if (canvas.text.widthOf(label, style) + 6 < width) {
      canvas.text.draw(label, x, top + (height - lineHeightOf(style)) / 2, width, style, 'center');
    }
    x += width;
  }
}

/** A row of colour keys; wraps onto several lines when needed. */
export function drawLegend(canvas: ReportCanvas, items: LegendItem[]): void {
  const style: TextStyle = { size: 7.5, color: COLORS.muted, leading: 1.3 };
  const lineHeight = lineHeightOf(style) + 2;
  const swatch = 7;
  let x = canvas.left;
  let top = canvas.reserve(lineHeight);
  for (const item of items) {
    const width = swatch + 4 + canvas.text.widthOf(item.label, style) + 14;
    if (x + width > canvas.right && x > canvas.left) {
      x = canvas.left;
      top = canvas.reserve(lineHeight);
    }
    canvas.doc.rect(x, top + (lineHeight - swatch) / 2, swatch, swatch).fill(item.color);
    canvas.text.draw(item.label, x + swatch + 4, top + 1, width, style);
    x += width;
  }
}

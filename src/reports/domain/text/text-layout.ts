import type { FontFamily, FontWeight, GlyphCoverage } from '../fonts/font-catalogue.js';
import {
  analyseParagraph,
  logicalRuns,
  visualOrder,
  type ParagraphAnalysis,
  type TextRun,
} from './script-runs.js';

// Line breaking is done here rather than by pdfkit: pdfkit wraps one font at a time, cannot reorder
// right-to-left runs, and silently adds a page when text passes the bottom margin. Laying out first gives exact
// heights, so the caller can decide where pages break.

export interface TextStyle {
  size: number;
  weight?: FontWeight;
  color?: string;
  /** Base family for Latin text; other scripts always use their own family. */
  family?: 'sans' | 'mono';
  /** Line height as a multiple of the font size. */
  leading?: number;
}

export interface TextMeasurer {
  measure(text: string, family: FontFamily, weight: FontWeight, size: number, rtl: boolean): number;
}

export interface PlacedRun extends TextRun {
  width: number;
}

export interface TextLine {
  /** Runs in visual (left-to-right drawing) order. */
  runs: PlacedRun[];
  width: number;
  /** The line's text in reading (logical) order. */
  text: string;
}

const DEFAULT_LEADING = 1.32;

export function lineHeightOf(style: TextStyle): number {
  return style.size * (style.leading ?? DEFAULT_LEADING);
}

const SPACE = /\s/u;
const BREAK_AFTER = /[-/\u2010-\u2014_]/u;
const WIDE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303F\uFF00-\uFFEF]/u;
// Kinsoku: CJK closing punctuation never starts a line, opening punctuation never ends one.
const NO_LINE_START = /[、。，．：；！？）」』】〕〉》”’ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.;:!?)\]}]/u;
const NO_LINE_END = /[（「『【〔〈《“‘([{]/u;
const DICTIONARY_SCRIPTS = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Code-unit offsets where a new line may start, always including 0 and the text length. */
export function breakOpportunities(text: string): number[] {
  const points = new Set<number>([0, text.length]);
  const chars = [...text];
  let offset = 0;
  const offsets: number[] = [];
  for (const char of chars) {
    offsets.push(offset);
    offset += char.length;
  }
  for (let i = 1; i < chars.length; i++) {
    const before = chars[i - 1];
    const current = chars[i];
    if (SPACE.test(current)) {
      continue;
    }
    const afterSpace = SPACE.test(before);
    const afterHyphen = BREAK_AFTER.test(before) && i >= 2 && /[\p{L}\p{N}]/u.test(chars[i - 2]);
    const aroundWide =
      (WIDE.test(before) || WIDE.test(current)) && !NO_LINE_START.test(current) && !NO_LINE_END.test(before);
    if (afterSpace || afterHyphen || aroundWide) {
      points.add(offsets[i]);
    }
  }
  if (DICTIONARY_SCRIPTS.test(text)) {
    // Thai, Lao, Khmer and Burmese write no spaces between words: ICU's dictionary finds the word boundaries.
    const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
    for (const segment of segmenter.segment(text)) {
      const index = segment.index;
      if (index > 0 && DICTIONARY_SCRIPTS.test(text[index - 1]) && DICTIONARY_SCRIPTS.test(text[index])) {
        points.add(index);
      }
    }
  }
  return [...points].sort((a, b) => a - b);
}

function trimEndIndex(text: string, start: number, end: number): number {
  let index = end;
  while (index > start && SPACE.test(text[index - 1])) {
    index--;
  }
  return index;
}

function graphemeEnds(text: string, start: number, end: number): number[] {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return [...segmenter.segment(text.slice(start, end))].map(
    (segment) => start + segment.index + segment.segment.length,
  );
}

/** A lower bound for the advance of any character, in em (a space or an "i" is wider in the report fonts). */
const NARROWEST_GLYPH_EM = 0.2;

class ParagraphLayout {
  constructor(
    private readonly analysis: ParagraphAnalysis,
    private readonly style: TextStyle,
    private readonly measurer: TextMeasurer,
  ) {}

  width(start: number, end: number): number {
    return this.placed(start, end).reduce((sum, run) => sum + run.width, 0);
  }

  placed(start: number, end: number): PlacedRun[] {
    if (end <= start) {
      return [];
    }
    return logicalRuns(this.analysis, start, end).map((run) => ({
      ...run,
      width: this.measurer.measure(
        run.text,
        run.family,
        this.style.weight ?? 'regular',
        this.style.size,
        run.level % 2 === 1,
      ),
    }));
  }

  line(start: number, end: number): TextLine {
    const contentEnd = trimEndIndex(this.analysis.text, start, end);
    const runs = visualOrder(this.placed(start, contentEnd));
    return {
      runs,
      width: runs.reduce((sum, run) => sum + run.width, 0),
      text: this.analysis.text.slice(start, contentEnd),
    };
  }

  /** Greedy filling; a word longer than the line is split between grapheme clusters, never clipped. */
  wrap(maxWidth: number): TextLine[] {
    const text = this.analysis.text;
    if (text.trim().length === 0) {
      return [{ runs: [], width: 0, text: '' }];
    }
    // Most table cells fit on one line: measure the whole text once instead of word by word. Skipped when even
    // a narrow glyph for every character would not fit.
    if ([...text].length * this.style.size * NARROWEST_GLYPH_EM <= maxWidth) {
      const whole = this.line(0, text.length);
      if (whole.width <= maxWidth) {
        return [whole];
      }
    }
    const points = breakOpportunities(text);
    const lines: TextLine[] = [];
    let lineStart = 0;
    let lineEnd = 0;
    let lineWidth = 0;
    for (let k = 0; k < points.length - 1; k++) {
      const atomStart = points[k];
      const atomEnd = points[k + 1];
      const contentEnd = trimEndIndex(text, atomStart, atomEnd);
      const contentWidth = this.width(atomStart, contentEnd);
      if (lineEnd > lineStart && lineWidth + contentWidth <= maxWidth) {
        lineWidth += this.width(atomStart, atomEnd);
        lineEnd = atomEnd;
        continue;
      }
      if (lineEnd > lineStart) {
        lines.push(this.line(lineStart, lineEnd));
      }
      lineStart = atomStart;
      if (contentWidth <= maxWidth) {
        lineEnd = atomEnd;
        lineWidth = this.width(atomStart, atomEnd);
        continue;
      }
      // Overlong word: emit full lines of grapheme clusters, keep the tail open for the next atoms.
      let pieceStart = atomStart;
      const ends = graphemeEnds(text, atomStart, contentEnd);
      let pieceEnd = pieceStart;
      for (const end of ends) {
        if (pieceEnd > pieceStart && this.width(pieceStart, end) > maxWidth) {
          lines.push(this.line(pieceStart, pieceEnd));
          pieceStart = pieceEnd;
        }
        pieceEnd = end;
      }
      lineStart = pieceStart;
      lineEnd = atomEnd;
      lineWidth = this.width(pieceStart, atomEnd);
    }
    if (lineEnd > lineStart) {
      lines.push(this.line(lineStart, lineEnd));
    }
    return lines;
  }
}

/** Lays text out in lines no wider than maxWidth; "\n" starts a new paragraph. Empty text gives no lines. */
export function layoutText(
  text: string,
  maxWidth: number,
  style: TextStyle,
  coverage: GlyphCoverage,
  measurer: TextMeasurer,
): TextLine[] {
  if (text.length === 0) {
    return [];
  }
  const paragraphs = text.normalize('NFC').replace(/\r\n?/g, '\n').split('\n');
  return paragraphs.flatMap((paragraph) => {
    const analysis = analyseParagraph(paragraph.replace(/\t/g, ' '), style.family ?? 'sans', coverage);
    return new ParagraphLayout(analysis, style, measurer).wrap(Math.max(maxWidth, 1));
  });
}

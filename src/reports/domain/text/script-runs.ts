import bidiModule from 'bidi-js';
import { FALLBACK_ORDER, type FontFamily, type GlyphCoverage } from '../fonts/font-catalogue.js';

// Splits text into runs that one font can draw, in the order they must be drawn. A supplier name may mix scripts
// ("深圳华强 Electronics Co.") and directions (Arabic with Latin digits), so the font is chosen per character and the
// Unicode bidirectional algorithm (UAX #9, via bidi-js) orders the runs of each line.

// The bundled types describe an ES module, but Node hands ESM importers the UMD bundle's module.exports: the
// factory itself.
const bidiFactory = bidiModule as unknown as typeof bidiModule.default;
const bidi = bidiFactory();

const SCRIPT_FAMILIES: ReadonlyArray<[RegExp, FontFamily]> = [
  [/[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Armenian}\p{Script=Georgian}]/u, 'dejavu'],
  [/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]/u, 'cjk'],
  [/\p{Script=Bengali}/u, 'bengali'],
  [/\p{Script=Devanagari}/u, 'devanagari'],
  [/\p{Script=Thai}/u, 'thai'],
];

const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
// Joiners, variation selectors and other default-ignorable characters belong to the run they sit in.
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** Families whose glyph order differs from the logical order or whose glyphs do not map one-to-one to letters. */
const COMPLEX_FAMILIES: ReadonlySet<FontFamily> = new Set(['bengali', 'devanagari', 'thai']);

export interface TextRun {
  /** Code-unit offsets into the paragraph text. */
  start: number;
  end: number;
  /** Text to draw: mirrored brackets applied for right-to-left runs. */
  text: string;
  /** The run exactly as written, in reading order. */
  logicalText: string;
  family: FontFamily;
  level: number;
  /** Right-to-left run that the shaper will not reverse on its own (only neutrals): reverse before drawing. */
  reverseBeforeDrawing: boolean;
  /** The drawn glyphs do not spell the text in reading order: the line needs an ActualText span. */
  needsActualText: boolean;
}

export interface ParagraphAnalysis {
  text: string;
  /** Font family per UTF-16 code unit. */
  families: FontFamily[];
  /** Bidi embedding level per code unit, or undefined when the text is entirely left-to-right. */
  levels: Uint8Array | undefined;
}

function scriptFamily(char: string): FontFamily | undefined {
  for (const [pattern, family] of SCRIPT_FAMILIES) {
    if (pattern.test(char)) {
      return family;
    }
  }
  return undefined;
}

function firstCovering(
  codePoint: number,
  preferred: FontFamily[],
  coverage: GlyphCoverage,
): FontFamily | undefined {
  for (const family of [...preferred, ...FALLBACK_ORDER]) {
    if (coverage.has(family, codePoint)) {
      return family;
    }
  }
  return undefined;
}

/** Chooses the font family for every character of one paragraph and resolves its bidi levels. */
export function analyseParagraph(
  text: string,
  baseFamily: FontFamily,
  coverage: GlyphCoverage,
): ParagraphAnalysis {
  const chars = [...text];
  const choices: (FontFamily | undefined)[] = chars.map((char) => {
    const codePoint = char.codePointAt(0) ?? 0;
    if (IGNORABLE.test(char) || NEUTRAL.test(char)) {
      return undefined;
    }
    const byScript = scriptFamily(char);
    return firstCovering(codePoint, byScript ? [byScript] : [baseFamily], coverage) ?? byScript ?? baseFamily;
  });

  // Neutrals (spaces, digits, punctuation, combining marks) stay in the run before them when that font has the
  // glyph, else join the run after them, so a name is not chopped into many single-character runs.
  const nextChoice: (FontFamily | undefined)[] = new Array<FontFamily | undefined>(chars.length);
  for (let i = chars.length - 2; i >= 0; i--) {
    nextChoice[i] = choices[i + 1] ?? nextChoice[i + 1];
  }
  let previous: FontFamily | undefined;
  for (let i = 0; i < chars.length; i++) {
    if (choices[i] !== undefined) {
      previous = choices[i];
      continue;
    }
    const char = chars[i];
    const codePoint = char.codePointAt(0) ?? 0;
    const next = nextChoice[i];
    if (IGNORABLE.test(char)) {
      choices[i] = previous ?? next ?? baseFamily;
      continue;
    }
    const candidates = [previous, next, baseFamily].filter(
      (family): family is FontFamily => family !== undefined,
    );
    choices[i] = firstCovering(codePoint, candidates, coverage) ?? previous ?? baseFamily;
    previous = choices[i];
  }

  const families: FontFamily[] = [];
  chars.forEach((char, index) => {
    const family = choices[index] ?? baseFamily;
    for (let unit = 0; unit < char.length; unit++) {
      families.push(family);
    }
  });

  const levels = STRONG_RTL.test(text) ? bidi.getEmbeddingLevels(text).levels : undefined;
  return { text, families, levels };
}

function levelAt(analysis: ParagraphAnalysis, index: number): number {
  return analysis.levels ? analysis.levels[index] : 0;
}

/** Splits [start, end) into runs of one family and one level, in logical order. */
export function logicalRuns(analysis: ParagraphAnalysis, start: number, end: number): TextRun[] {
  const runs: TextRun[] = [];
  let runStart = start;
  for (let i = start + 1; i <= end; i++) {
    const boundary =
      i === end ||
      analysis.families[i] !== analysis.families[runStart] ||
      levelAt(analysis, i) !== levelAt(analysis, runStart);
    if (boundary && i > runStart) {
      runs.push(makeRun(analysis, runStart, i));
      runStart = i;
    }
  }
  return runs;
}

function makeRun(analysis: ParagraphAnalysis, start: number, end: number): TextRun {
  const logicalText = analysis.text.slice(start, end);
  const level = levelAt(analysis, start);
  const rtl = level % 2 === 1;
  const family = analysis.families[start];
  let text = logicalText;
  if (rtl) {
    text = [...logicalText].map((char) => bidi.getMirroredCharacter(char) ?? char).join('');
  }
  const hasStrongRtl = STRONG_RTL.test(logicalText);
  return {
    start,
    end,
    text,
    logicalText,
    family,
    level,
    reverseBeforeDrawing: rtl && !hasStrongRtl,
    needsActualText: COMPLEX_FAMILIES.has(family) || hasStrongRtl,
  };
}

/** Reorders the runs of one line from logical to visual order (UAX #9 rule L2, applied to whole runs). */
export function visualOrder<T extends { level: number }>(runs: T[]): T[] {
  const ordered = [...runs];
  if (ordered.length < 2) {
    return ordered;
  }
  const maxLevel = Math.max(...ordered.map((run) => run.level));
  const oddLevels = ordered.map((run) => run.level).filter((level) => level % 2 === 1);
  if (oddLevels.length === 0) {
    return ordered;
  }
  const lowestOdd = Math.min(...oddLevels);
  for (let level = maxLevel; level >= lowestOdd; level--) {
    let i = 0;
    while (i < ordered.length) {
      if (ordered[i].level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < ordered.length && ordered[j].level >= level) {
        j++;
      }
      const reversed = ordered.slice(i, j).reverse();
      ordered.splice(i, j - i, ...reversed);
      i = j;
    }
  }
  return ordered;
}

/** Reverses a string by grapheme cluster, for right-to-left runs of neutrals that the shaper leaves alone. */
export function reverseGraphemes(text: string): string {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return [...segmenter.segment(text)]
    .map((segment) => segment.segment)
    .reverse()
    .join('');
}

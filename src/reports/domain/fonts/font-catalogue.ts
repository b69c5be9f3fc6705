import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { ReportError } from '../report-error.js';

// Every font is an npm package, so nothing is downloaded at run time. Noto Sans covers Latin (Vietnamese, Turkish,
// Polish ...), Greek and Cyrillic; DejaVu Sans covers Arabic with one glyph per shaped letter (so text extractors
// recover the letters; Noto's Arabic splits dots into separate glyphs that extractors cannot map back) plus Hebrew,
// Armenian, Georgian and many symbols; Noto Sans SC covers Chinese and Japanese kana; the Indic and Thai faces
// come from @fontsource (WOFF, which fontkit reads directly).

export const FONT_FAMILIES = ['sans', 'mono', 'dejavu', 'cjk', 'bengali', 'devanagari', 'thai'] as const;
export type FontFamily = (typeof FONT_FAMILIES)[number];
export type FontWeight = 'regular' | 'bold';

const FONT_FILES: Record<FontFamily, Record<FontWeight, string>> = {
  sans: {
    regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  },
  mono: {
    regular: 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
    bold: 'dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf',
  },
  dejavu: {
    regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
    bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  },
  cjk: {
    regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  },
  bengali: {
    regular: '@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-400-normal.woff',
    bold: '@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-700-normal.woff',
  },
  devanagari: {
    regular: '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-400-normal.woff',
    bold: '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-700-normal.woff',
  },
  thai: {
    regular: '@fontsource/noto-sans-thai/files/noto-sans-thai-thai-400-normal.woff',
    bold: '@fontsource/noto-sans-thai/files/noto-sans-thai-thai-700-normal.woff',
  },
};

/** Order in which families are tried for a character the preferred family lacks. */
export const FALLBACK_ORDER: readonly FontFamily[] = [
  'sans',
  'cjk',
  'dejavu',
  'bengali',
  'devanagari',
  'thai',
];

export function pdfFontName(family: FontFamily, weight: FontWeight): string {
  return `${family}-${weight}`;
}

const requireFromHere = createRequire(import.meta.url);
const buffers = new Map<string, Buffer>();
const coverageFonts = new Map<FontFamily, fontkit.Font>();

function fontBuffer(family: FontFamily, weight: FontWeight): Buffer {
  const specifier = FONT_FILES[family][weight];
  let buffer = buffers.get(specifier);
  if (!buffer) {
    try {
      buffer = readFileSync(requireFromHere.resolve(specifier));
    } catch (error) {
      throw new ReportError(
        'FONT_NOT_INSTALLED',
        `The report font "${specifier}" is not installed; run npm install before generating reports.`,
        { font: specifier, cause: error instanceof Error ? error.message : String(error) },
      );
    }
    buffers.set(specifier, buffer);
  }
  return buffer;
}

/** Registers every family and weight on a pdfkit document; pdfkit only parses and embeds the ones it uses. */
export function registerReportFonts(doc: PDFKit.PDFDocument): void {
  for (const family of FONT_FAMILIES) {
    for (const weight of ['regular', 'bold'] as const) {
      doc.registerFont(pdfFontName(family, weight), fontBuffer(family, weight));
    }
  }
}

/** Which characters each family can draw; both weights of a family cover the same characters. */
export interface GlyphCoverage {
  has(family: FontFamily, codePoint: number): boolean;
}

class FontkitCoverage implements GlyphCoverage {
  private readonly cache = new Map<string, boolean>();

  has(family: FontFamily, codePoint: number): boolean {
    const key = `${family}:${codePoint}`;
    let result = this.cache.get(key);
    if (result === undefined) {
      result = coverageFont(family).hasGlyphForCodePoint(codePoint);
      this.cache.set(key, result);
    }
    return result;
  }
}

function coverageFont(family: FontFamily): fontkit.Font {
  let font = coverageFonts.get(family);
  if (!font) {
    const created = fontkit.create(fontBuffer(family, 'regular'));
    if (!('hasGlyphForCodePoint' in created)) {
      throw new ReportError(
        'FONT_NOT_INSTALLED',
        `The report font for "${family}" is a collection, not a font.`,
      );
    }
    font = created;
    coverageFonts.set(family, font);
  }
  return font;
}

// Presentation forms (ligatures, Arabic contextual forms) must keep the code points of the letters they stand for.
const PRESENTATION_FORMS = /[\uFB00-\uFDFF\uFE70-\uFEFF]/u;
const primers = new Map<FontFamily, number[]>();

/**
 * Code points a family maps directly, for priming a document's copy of the font. fontkit keeps the code points a
 * glyph was first created with and pdfkit writes those into the PDF's ToUnicode map: if "i" were first met as
 * part of a decomposed "ị", every "i" would extract as "ị". Creating each glyph from its own code point first
 * keeps copy and paste and text search exact.
 */
export function primerCodePoints(family: FontFamily): number[] {
  let codePoints = primers.get(family);
  if (!codePoints) {
    // CJK glyphs are not decomposed by the font; priming 30,000 of them would only cost time.
    codePoints =
      family === 'cjk'
        ? []
        : coverageFont(family).characterSet.filter(
            (codePoint) => codePoint > 0x20 && !PRESENTATION_FORMS.test(String.fromCodePoint(codePoint)),
          );
    primers.set(family, codePoints);
  }
  return codePoints;
}

let sharedCoverage: GlyphCoverage | undefined;

export function fontCoverage(): GlyphCoverage {
  sharedCoverage ??= new FontkitCoverage();
  return sharedCoverage;
}

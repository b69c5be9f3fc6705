import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// Test helper: reads a generated PDF back the way a reader would. pdf.js extracts each page's text from the
// glyphs but ignores ActualText; the spans the renderer tags (Indic and right-to-left lines) are read from the
// content streams and put in place of their glyphs, as poppler, Acrobat and screen readers do.

export interface ExtractedPdf {
  pageCount: number;
  /** Text of each page with ActualText spans in place of their glyphs, items joined with spaces. */
  pages: string[];
  /** Text of each page from the glyphs alone (what pdf.js based viewers copy). */
  glyphPages: string[];
  /** Each page's text items with where they sit (PDF units from the page's bottom-left corner). */
  placedItems: PlacedText[][];
  /** Every ActualText span in content-stream order. */
  actualTexts: string[];
  info: Record<string, unknown>;
}

export interface PlacedText {
  text: string;
  x: number;
  /** Baseline, from the bottom of the page. */
  y: number;
  width: number;
  /** Neither mirrored nor turned. */
  upright: boolean;
}

export async function extractPdf(pdf: Buffer): Promise<ExtractedPdf> {
  const document = await getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const actualTexts = actualTextSpans(pdf);
  let nextSpan = 0;
  const pages: string[] = [];
  const glyphPages: string[] = [];
  const placedItems: PlacedText[][] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const withActualText: string[] = [];
    const glyphsOnly: string[] = [];
    const placed: PlacedText[] = [];
    let inSpan = false;
    for (const item of content.items) {
      if ('type' in item) {
        // pdf.js reports the tag at run time but leaves it out of its types.
        if (item.type === 'beginMarkedContentProps' && (item as { tag?: string }).tag === 'Span') {
          withActualText.push(actualTexts[nextSpan++] ?? '');
          inSpan = true;
        } else if (item.type === 'endMarkedContent') {
          inSpan = false;
        }
        continue;
      }
      if (item.str.length > 0) {
        const [a, b, c, d, x, y] = item.transform as number[];
        placed.push({
          text: item.str,
          x,
          y,
          width: item.width,
          upright: a > 0 && d > 0 && b === 0 && c === 0,
        });
        glyphsOnly.push(item.str);
        if (!inSpan) {
          withActualText.push(item.str);
        }
      }
    }
    pages.push(withActualText.join(' '));
    glyphPages.push(glyphsOnly.join(' '));
    placedItems.push(placed);
  }
  if (nextSpan !== actualTexts.length) {
    throw new Error(
      `Found ${actualTexts.length} ActualText spans but pdf.js reported ${nextSpan} Span marks.`,
    );
  }
  const metadata = await document.getMetadata();
  await document.destroy();
  return {
    pageCount: pages.length,
    pages,
    glyphPages,
    placedItems,
    actualTexts,
    info: metadata.info as Record<string, unknown>,
  };
}

/** Removes all white space and normalises to NFC, so wrapped lines and extraction spacing do not matter. */
export function squash(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, '');
}

/** The whole document's text as a reader gets it, squashed. */
export function searchableText(extracted: ExtractedPdf): string {
  return squash(extracted.pages.join(' '));
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

function actualTextSpans(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const spans: string[] = [];
  const streamPattern = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = streamPattern.exec(raw)) !== null) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) {
      break;
    }
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    let index = content.indexOf('/ActualText (');
    while (index >= 0) {
      const parsed = readLiteralString(content, index + '/ActualText ('.length);
      spans.push(decodePdfString(parsed.bytes));
      index = content.indexOf('/ActualText (', parsed.end);
    }
  }
  return spans;
}

function readLiteralString(content: string, from: number): { bytes: string; end: number } {
  let bytes = '';
  let depth = 0;
  let i = from;
  for (; i < content.length; i++) {
    const char = content[i];
    if (char === '\\') {
      const next = content[++i];
      bytes += ESCAPES[next] ?? next;
    } else if (char === '(') {
      depth++;
      bytes += char;
    } else if (char === ')') {
      if (depth === 0) {
        break;
      }
      depth--;
      bytes += char;
    } else {
      bytes += char;
    }
  }
  return { bytes, end: i };
}

function decodePdfString(bytes: string): string {
  if (bytes.charCodeAt(0) === 0xfe && bytes.charCodeAt(1) === 0xff) {
    const buffer = Buffer.from(bytes.slice(2), 'latin1');
    buffer.swap16();
    return buffer.toString('utf16le');
  }
  return bytes;
}

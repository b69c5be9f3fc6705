import {
  compatibilityForms,
  dropApostrophes,
  foldUndecomposedLetters,
  spellOutAmpersand,
  splitWords,
  stripAccents,
} from '../../common/text/fold.js';
import type { CellValue } from './cell-value.js';
import { accept, reject, type NormaliseResult } from './normalise-result.js';

// Soft hyphen, Mongolian vowel separator, zero-width characters, bidi marks and embeddings, word joiner,
// invisible operators, BOM: they survive copy-paste from web pages and PDFs and break matching.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
// Our error workbook and exports prefix formula-like text with an apostrophe (src/common/spreadsheet/neutralise.ts)
// so spreadsheets never run it; a re-uploaded cell gets its original text back.
const NEUTRALISED_CONTROL = /^'(?=[\t\r])/;
const NEUTRALISED = /^'(?=[=+\-@＝＋－＠])/;

/** Cleans one piece of text: NFC, invisible and control characters removed, whitespace collapsed, trimmed. */
export function cleanText(text: string): string {
  // NFC last: removing a zero-width character can bring a letter and its combining accent together.
  return text
    .replace(NEUTRALISED_CONTROL, '')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(NEUTRALISED, '');
}

function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A cell as text, the way a person reading the sheet sees it (used for extra attributes and error reports). */
export function cellText(value: CellValue): string {
  if (value === null) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    // 15 significant digits, like Excel, so 0.1 + 0.2 shows as 0.3.
    return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
  }
  if (typeof value === 'boolean') {
    return value ? 'TRUE' : 'FALSE';
  }
  if (Number.isNaN(value.getTime())) {
    return '';
  }
  const iso = value.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? isoDateOf(value) : iso.replace('.000Z', 'Z');
}

export function isBlankCell(value: CellValue): boolean {
  return cleanText(cellText(value)) === '';
}

/** Free text: cleaned; an empty cell is unknown. Text longer than `maxLength` is rejected, not cut. */
export function normaliseText(
  value: CellValue,
  maxLength = Number.POSITIVE_INFINITY,
): NormaliseResult<string> {
  const text = cleanText(cellText(value));
  if (text === '') {
    return accept(undefined);
  }
  if (text.length > maxLength) {
    return reject(`text of at most ${maxLength} characters (this cell has ${text.length})`);
  }
  return accept(text);
}

// Separators between list items; commas inside brackets ("nuts (cashew, almond)") do not split.
const LIST_SEPARATORS = new Set([';', ',', '/', '|', '\n', '\r', '•']);

function splitOutsideBrackets(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(' || char === '[') {
      depth += 1;
    } else if ((char === ')' || char === ']') && depth > 0) {
      depth -= 1;
    }
    if (depth === 0 && LIST_SEPARATORS.has(char)) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

// Whole cells that stand for "nothing to say" in exported lists: not a list of items ("N/A" is not "N" and "A").
const LIST_PLACEHOLDERS = new Set([
  'n/a',
  'n.a.',
  'na',
  'n/a.',
  '-',
  '--',
  'none',
  'unknown',
  'tbd',
  'not applicable',
]);

/**
 * A list cell ("T-shirts; polo shirts", one item per line, "a, b | c"): split on ; , / | bullets and line breaks,
 * each item cleaned, blanks dropped, duplicates (ignoring case) removed keeping the first spelling. A placeholder
 * for the whole cell ("N/A", "-", "none") is blank.
 */
export function normaliseList(
  value: CellValue,
  maxItemLength = Number.POSITIVE_INFINITY,
): NormaliseResult<string[]> {
  const raw = cellText(value).normalize('NFC').replace(INVISIBLE, '');
  if (LIST_PLACEHOLDERS.has(cleanText(raw).toLocaleLowerCase('en'))) {
    return accept(undefined);
  }
  const items: string[] = [];
  const seen = new Set<string>();
  for (const part of splitOutsideBrackets(raw)) {
    const item = cleanText(part);
    const key = item.toLocaleLowerCase('en');
    if (item === '' || seen.has(key)) {
      continue;
    }
    if (item.length > maxItemLength) {
      return reject(`list items of at most ${maxItemLength} characters ("${item.slice(0, 40)}…" is longer)`);
    }
    seen.add(key);
    items.push(item);
  }
  return accept(items.length > 0 ? items : undefined);
}

/**
 * Folds case and diacritics, đ ł ø ß ı included (NFKC first, so full-width "ＡＢＣ" meets "ABC"); punctuation stays
 * for the caller to split on.
 */
export function foldCaseAndAccents(text: string): string {
  // NFC last: NFKD leaves Hangul syllables as separate jamo.
  return foldUndecomposedLetters(stripAccents(compatibilityForms(text).toLowerCase())).normalize('NFC');
}

// Legal-form words stripped from the ends of a name for matching. Multi-word forms are single entries.
const LEGAL_SUFFIXES: readonly string[][] = [
  'co ltd',
  'coltd',
  'co limited',
  'company limited',
  'pvt ltd',
  'private limited',
  'pte ltd',
  'pty ltd',
  'sdn bhd',
  'bhd',
  'ltd',
  'limited',
  'co',
  'company',
  'corp',
  'corporation',
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'plc',
  'gmbh',
  'gmbh co kg',
  'gmbh and co kg',
  'ag',
  'kg',
  'ohg',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'sa de cv',
  'de cv',
  'ltda',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
  'kk',
  'jsc',
  'ojsc',
  'cjsc',
  'pjsc',
  'tbk',
  'pt',
  'cv',
  'ltd sti',
  'san ve tic ltd sti',
  'san ve tic as',
  'tnhh',
]
  .map((form) => form.split(' '))
  // Longest forms first so "co ltd" goes as one, not "ltd" then "co".
  .sort((a, b) => b.length - a.length);

const LEGAL_PREFIXES: readonly string[][] = [
  'pt',
  'cv',
  'ooo',
  'zao',
  'oao',
  'cong ty tnhh',
  'cong ty co phan',
  'cong ty',
  'the',
]
  .map((form) => form.split(' '))
  .sort((a, b) => b.length - a.length);

// Chinese and Japanese legal forms are written without spaces, so they are stripped as string suffixes.
const CJK_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '有限責任公司',
  '有限公司',
  '株式会社',
  '(株)',
  '（株）',
];
const CJK_PREFIXES = ['株式会社', '(株)', '（株）'];

function endsWithTokens(tokens: string[], form: readonly string[]): boolean {
  return (
    form.length < tokens.length && form.every((word, i) => tokens[tokens.length - form.length + i] === word)
  );
}

function startsWithTokens(tokens: string[], form: readonly string[]): boolean {
  return form.length < tokens.length && form.every((word, i) => tokens[i] === word);
}

function stripLegalForms(tokens: string[]): string[] {
  let result = tokens;
  let changed = true;
  while (changed) {
    changed = false;
    const suffix = LEGAL_SUFFIXES.find((form) => endsWithTokens(result, form));
    if (suffix) {
      result = result.slice(0, result.length - suffix.length);
      changed = true;
    }
    const prefix = LEGAL_PREFIXES.find((form) => startsWithTokens(result, form));
    if (prefix) {
      result = result.slice(prefix.length);
      changed = true;
    }
  }
  return result;
}

function stripCjkForms(text: string): string {
  let result = text;
  for (const suffix of CJK_SUFFIXES) {
    if (result.endsWith(suffix) && result.length > suffix.length) {
      result = result.slice(0, -suffix.length);
    }
  }
  for (const prefix of CJK_PREFIXES) {
    if (result.startsWith(prefix) && result.length > prefix.length) {
      result = result.slice(prefix.length);
    }
  }
  return result;
}

/**
 * The key a supplier name is matched on at re-upload (with the country): case, diacritics, punctuation,
 * "&"/"and" and legal forms (Ltd, Co., Ltd, LLC, GmbH, JSC, PT, Sdn Bhd, Công ty TNHH, 有限公司 ...) ignored.
 * A name made only of a legal form keeps it rather than becoming empty.
 */
export function normaliseNameKey(name: string): string {
  const folded = spellOutAmpersand(stripCjkForms(foldCaseAndAccents(cleanText(name))));
  // Dots inside abbreviations join their letters ("S.A." -> "sa", "Co.,Ltd." -> "co ltd").
  const tokens = splitWords(dropApostrophes(folded.replace(/\./g, '')));
  return stripLegalForms(tokens).join(' ');
}

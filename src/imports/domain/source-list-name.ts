import { cleanText, foldCaseAndAccents } from './normalise-text.js';

// An upload belongs to a source list. Files of one list come with dates and version marks in their names
// ("Vendor_Master_2024-03.xlsx", "vendor master v2 FINAL (1).csv"): the list is proposed from the name without
// them, so the next month's file is the same list again, not a new one.

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|maerz|mai|juni|juli|oktober|dezember';

const DATE_AND_VERSION_MARKS: readonly RegExp[] = [
  /\b\d{4}[-_. ]?\d{2}[-_. ]?\d{2}\b/g, // 2024-03-01, 20240301
  /\b\d{1,2}[-_.]\d{1,2}[-_.]\d{2,4}\b/g, // 01.03.2024, 3-1-24
  /\b\d{4}[-_. ]\d{1,2}\b/g, // 2024-03
  /\b\d{1,2}[-_. ]\d{4}\b/g, // 03-2024
  new RegExp(`\\b(?:${MONTHS})\\.?[-_ ]?(?:\\d{2}|\\d{4})?\\b`, 'gi'), // Mar 2024, march24
  /\b(?:q[1-4]|h[1-2]|fy)[-_ ]?\d{2,4}\b/gi, // Q1 2024, FY24
  /\b(?:19|20)\d{2}\b/g, // a lone year
  /\b(?:v|ver|version|rev|revision)[-_. ]?\d+(?:[._]\d+)*\b/gi, // v2, V1.3, rev 4
  /\b(?:final|draft|copy|updated|update|latest|new|old|current|export|neu|kopie)\b/gi,
  /\(\s*\d+\s*\)/g, // "(1)" from a browser's second download
];

/** The list name proposed for an uploaded file name. */
export function proposeListName(fileName: string): string {
  let name = cleanText(fileName).replace(/\.(xlsx|xlsm|xls|csv|tsv|txt)$/i, '');
  name = name.replace(/[_]+/g, ' ');
  for (const mark of DATE_AND_VERSION_MARKS) {
    name = name.replace(mark, ' ');
  }
  name = name
    .replace(/\s*[-–.]+\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return name === '' ? 'Supplier list' : name;
}

/** Case, accents and punctuation folded: "Vendor master" and "VENDOR-MASTER" are one list. */
export function sourceListKey(name: string): string {
  return foldCaseAndAccents(cleanText(name))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '')
    .join(' ');
}

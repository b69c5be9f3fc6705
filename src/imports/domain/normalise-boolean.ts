import type { CellValue } from './cell-value.js';
import { accept, reject, type NormaliseResult } from './normalise-result.js';
import { cleanText, foldCaseAndAccents } from './normalise-text.js';

// A yes/no answer about a risk indicator. Blank, "unknown", "n/a", "-" all mean unknown, never "no":
// a missing answer must not lower a risk score (DESIGN.md, principle 2). A tick or an "x" means yes.

const YES = new Set([
  'yes',
  'y',
  'true',
  't',
  '1',
  'x',
  '✓',
  '✔',
  '☑',
  '✅',
  'reported',
  'confirmed',
  'found',
]);
const NO = new Set(['no', 'n', 'false', 'f', '0', '✗', '✘', '☐', '❌', 'none', 'not reported', 'not found']);
const UNKNOWN = new Set([
  'unknown',
  'unk',
  'n/a',
  'na',
  'n.a',
  'not applicable',
  'not known',
  'dont know',
  'don’t know',
  "don't know",
  'no data',
  'no info',
  'no information',
  'not assessed',
  'not audited',
  'tbc',
  'tbd',
  'to be confirmed',
  'pending',
  '?',
  '-',
  '–',
  '—',
]);

export const YES_NO_EXPECTED =
  'yes or no (also y/n, true/false, 1/0, x for yes); leave blank or write "unknown" if not known';

function classify(text: string): boolean | null | 'invalid' {
  if (UNKNOWN.has(text)) {
    return null;
  }
  if (YES.has(text)) {
    return true;
  }
  if (NO.has(text)) {
    return false;
  }
  return 'invalid';
}

/**
 * yes / no / unknown. A leading answer followed by punctuation and a remark ("Yes - reported",
 * "No (audit 2023)", "yes: 3 cases") counts as that answer; other text is rejected rather than guessed.
 */
export function normaliseYesNo(value: CellValue): NormaliseResult<boolean> {
  if (value === null) {
    return accept(undefined);
  }
  if (typeof value === 'boolean') {
    return accept(value);
  }
  if (typeof value === 'number') {
    return value === 1 ? accept(true) : value === 0 ? accept(false) : reject(YES_NO_EXPECTED);
  }
  if (value instanceof Date) {
    return reject(YES_NO_EXPECTED);
  }
  const text = foldCaseAndAccents(cleanText(value)).replace(/[.!]+$/, '');
  if (text === '') {
    return accept(undefined);
  }
  const whole = classify(text);
  if (whole !== 'invalid') {
    return accept(whole ?? undefined);
  }
  const leading = /^([^\s\-–—:,;(]+)\s*[-–—:,;(]/u.exec(text);
  const answer = leading ? classify(leading[1]) : 'invalid';
  if (answer === 'invalid') {
    return reject(YES_NO_EXPECTED);
  }
  return accept(answer ?? undefined);
}

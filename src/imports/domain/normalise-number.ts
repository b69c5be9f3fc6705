import type { CellValue } from './cell-value.js';
import { normaliseCurrency } from './normalise-currency.js';
import { accept, reject, type NormaliseResult } from './normalise-result.js';
import { cleanText } from './normalise-text.js';

/**
 * How a lone separator followed by exactly three digits ("1,250", "1.250") is read:
 * - `integer` and `money`: as a thousands separator (no head count has a fraction, and amounts have at most
 *   two decimals), so both are 1250;
 * - `decimal`: as the decimal mark (percentages: "12.5", "12,5" are 12.5).
 * Otherwise the last of "." and "," is the decimal mark and the other the thousands separator
 * ("1.250.000,50" and "1,250,000.50"); spaces and apostrophes ("1 250", "12'500") group thousands.
 */
export type NumberStyle = 'integer' | 'money' | 'decimal';

function escapeForRegex(char: string): string {
  return char === '.' ? '\\.' : char;
}

function parseUnsigned(body: string, style: NumberStyle): number | undefined {
  if (/^\d+$/.test(body)) {
    return Number(body);
  }
  if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(body)) {
    return Number(body);
  }
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const at = body.lastIndexOf(decimal);
    const intPart = body.slice(0, at);
    const fraction = body.slice(at + 1);
    const grouped = new RegExp(`^\\d{1,3}(${escapeForRegex(thousands)}\\d{3})+$`);
    if (!grouped.test(intPart) || !/^\d+$/.test(fraction)) {
      return undefined;
    }
    return Number(`${intPart.split(thousands).join('')}.${fraction}`);
  }
  const separator = lastDot >= 0 ? '.' : ',';
  const parts = body.split(separator);
  if (parts.length > 2) {
    const grouped = new RegExp(`^\\d{1,3}(${escapeForRegex(separator)}\\d{3})+$`);
    return grouped.test(body) ? Number(parts.join('')) : undefined;
  }
  const [intPart, fraction] = parts;
  if (!/^\d*$/.test(intPart) || !/^\d+$/.test(fraction)) {
    return undefined;
  }
  const looksGrouped = fraction.length === 3 && /^[1-9]\d{0,2}$/.test(intPart);
  if (looksGrouped && style !== 'decimal') {
    return Number(intPart + fraction);
  }
  return Number(`${intPart || '0'}.${fraction}`);
}

/** Parses a number written as text in any common convention (see `NumberStyle`); undefined when it is not one. */
export function parseNumberText(text: string, style: NumberStyle): number | undefined {
  let body = cleanText(text).replace(/\u2212/g, '-');
  let negative = false;
  // Accounting negatives "(1,250)" and trailing minus "1250-" (SAP exports).
  const accounting = /^\((.*)\)$/.exec(body) ?? /^(.*\d)\s*-$/.exec(body);
  if (accounting) {
    negative = true;
    body = accounting[1].trim();
  }
  const signed = /^([+-])\s*(.*)$/.exec(body);
  if (signed) {
    negative = negative !== (signed[1] === '-');
    body = signed[2];
  }
  if (/[\s'’]/.test(body)) {
    if (!/^\d{1,3}([\s'’]\d{3})+([.,]\d+)?$/.test(body)) {
      return undefined;
    }
    body = body.replace(/[\s'’]/g, '');
  }
  const value = parseUnsigned(body, style);
  if (value === undefined || !Number.isFinite(value)) {
    return undefined;
  }
  return negative ? -value : value;
}

// Spreadsheets store 1250 computed by a formula as 1249.9999999999998.
function nearInteger(value: number): number | undefined {
  const rounded = Math.round(value);
  return Math.abs(value - rounded) < 1e-9 ? rounded : undefined;
}

function numericInput(value: CellValue, style: NumberStyle): number | 'blank' | 'invalid' {
  if (value === null) {
    return 'blank';
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : 'invalid';
  }
  if (typeof value !== 'string') {
    return 'invalid';
  }
  if (cleanText(value) === '') {
    return 'blank';
  }
  return parseNumberText(value, style) ?? 'invalid';
}

/** A whole number >= `min` (worker counts): 1250, "1,250", "1.250", "1 250", "12'500". */
export function normaliseWholeNumber(
  value: CellValue,
  min: number,
  expected: string,
): NormaliseResult<number> {
  const input = numericInput(value, 'integer');
  if (input === 'blank') {
    return accept(undefined);
  }
  if (input === 'invalid') {
    return reject(expected);
  }
  const whole = nearInteger(input);
  return whole === undefined || whole < min ? reject(expected) : accept(whole);
}

export const WORKER_COUNT_EXPECTED = 'a whole number of workers, 0 or more (e.g. 1250 or 1,250)';
export const TIER_EXPECTED =
  'a supply-chain tier: a whole number from 1 (1 = direct supplier), e.g. 1, 2 or "Tier 2"';

// "1001-5000", "100 – 500", "1,001 to 5,000": two whole numbers, each in any convention `integer` reads.
const WORKER_RANGE = /^(\d[\d.,'’\s]*?)\s*(?:-|–|—|to)\s*(\d[\d.,'’\s]*)$/i;

// Open-ended buckets: "Less than 100", "under 100", "< 100"; "More than 10000", "over 10,000", "> 10000", "10000+".
const WORKERS_BELOW = /^(?:less than|fewer than|under|below|<)\s*(\d[\d.,'’\s]*)$/i;
const WORKERS_ABOVE = /^(?:(?:more than|over|above|>)\s*(\d[\d.,'’\s]*)|(\d[\d.,'’\s]*?)\s*\+)$/i;

/**
 * Workers on site: a whole number, or a range as Open Supply Hub and brand lists write it ("1001-5000"),
 * read as its midpoint rounded down ("1001-5000" = 3000, "100-500" = 300). The midpoint is the least biased
 * single figure: the lower bound would understate every large site, the upper bound overstate it. An open bucket
 * below a bound is read as the midpoint from 0 ("Less than 100" = 50); one above a bound, whose top nobody knows,
 * as the bound itself ("More than 10000" = 10000).
 */
export function normaliseWorkerCount(value: CellValue): NormaliseResult<number> {
  const text = typeof value === 'string' ? cleanText(value) : '';
  const below = WORKERS_BELOW.exec(text);
  if (below) {
    const bound = normaliseWholeNumber(below[1], 1, WORKER_COUNT_EXPECTED);
    return bound.ok && bound.value !== undefined
      ? accept(Math.floor(bound.value / 2))
      : reject(WORKER_COUNT_EXPECTED);
  }
  const above = WORKERS_ABOVE.exec(text);
  if (above) {
    return normaliseWholeNumber(above[1] ?? above[2], 0, WORKER_COUNT_EXPECTED);
  }
  const range = typeof value === 'string' ? WORKER_RANGE.exec(text) : null;
  if (!range) {
    return normaliseWholeNumber(value, 0, WORKER_COUNT_EXPECTED);
  }
  const low = normaliseWholeNumber(range[1], 0, WORKER_COUNT_EXPECTED);
  const high = normaliseWholeNumber(range[2], 0, WORKER_COUNT_EXPECTED);
  if (!low.ok || !high.ok || low.value === undefined || high.value === undefined || low.value > high.value) {
    return reject(WORKER_COUNT_EXPECTED);
  }
  return accept(Math.floor((low.value + high.value) / 2));
}

/** Supply-chain tier: 2, "2", "Tier 2", "tier-2", "T2", "2nd tier". */
export function normaliseTier(value: CellValue): NormaliseResult<number> {
  if (typeof value === 'string') {
    const text = cleanText(value).toLowerCase();
    const match =
      /^(?:tier|t)\s*[-:]?\s*(\d+)$/.exec(text) ?? /^(\d+)\s*(?:st|nd|rd|th)?(?:\s*[-]?\s*tier)?$/.exec(text);
    if (match) {
      return normaliseWholeNumber(match[1], 1, TIER_EXPECTED);
    }
  }
  return normaliseWholeNumber(value, 1, TIER_EXPECTED);
}

/**
 * How plain numbers in a percentage column are read:
 * - `percent`: as written, 35 = 35 %;
 * - `fraction`: as a share of 1, 0.35 = 35 % and 1 = 100 % (an xlsx column formatted as percent, or every
 *   number in the column between 0 and 1);
 * - `auto`, without knowledge of the column: numbers strictly between 0 and 1 are fractions, 0 and numbers
 *   above 1 are percentages, and 1 itself is rejected as ambiguous (1 % or 100 %?).
 * Text with a % sign is always taken as written ("0.5%" = 0.5 %).
 */
export type PercentScale = 'auto' | 'percent' | 'fraction';

export const PERCENT_EXPECTED = 'a percentage from 0 to 100, e.g. 35, 35% or 0.35';

function roundPercent(value: number): number {
  return Number(value.toPrecision(12));
}

function percentFromNumber(value: number, scale: PercentScale): NormaliseResult<number> {
  switch (scale) {
    case 'percent':
      return value >= 0 && value <= 100 ? accept(roundPercent(value)) : reject(PERCENT_EXPECTED);
    case 'fraction':
      return value >= 0 && value <= 1
        ? accept(roundPercent(value * 100))
        : reject(`${PERCENT_EXPECTED} (this column holds fractions of 1, so 0.35 = 35%)`);
    case 'auto':
      if (value === 1) {
        return reject(`${PERCENT_EXPECTED}; 1 is ambiguous: write 1% or 100%`);
      }
      return percentFromNumber(value, value > 0 && value < 1 ? 'fraction' : 'percent');
  }
}

export function normalisePercentage(value: CellValue, scale: PercentScale = 'auto'): NormaliseResult<number> {
  if (typeof value === 'string') {
    const text = cleanText(value);
    const withSign = /^(.*?)\s*(?:%|per\s?cent|pct)$/i.exec(text);
    if (withSign) {
      const written = parseNumberText(withSign[1], 'decimal');
      return written === undefined ? reject(PERCENT_EXPECTED) : percentFromNumber(written, 'percent');
    }
  }
  const input = numericInput(value, 'decimal');
  if (input === 'blank') {
    return accept(undefined);
  }
  return input === 'invalid' ? reject(PERCENT_EXPECTED) : percentFromNumber(input, scale);
}

/**
 * Looks at a column's cells (all of them, or a sample) and says how its plain numbers are meant:
 * `fraction` when every number is within 0..1 and one lies strictly between, `percent` when one is above 1.
 */
export function inferPercentScale(values: Iterable<CellValue>): PercentScale {
  let sawFraction = false;
  for (const value of values) {
    if (typeof value === 'string' && /%|per\s?cent|pct/i.test(value)) {
      continue;
    }
    const input = numericInput(value, 'decimal');
    if (typeof input !== 'number') {
      continue;
    }
    if (input > 1) {
      return 'percent';
    }
    sawFraction ||= input > 0 && input < 1;
  }
  return sawFraction ? 'fraction' : 'auto';
}

export interface Money {
  amount: number;
  /** Present when the cell itself names the currency ("€ 1.250,00", "1,250 USD"). */
  currency?: string;
}

export const MONEY_EXPECTED = 'an amount of 0 or more, e.g. 1250000, 1,250,000, € 1.250.000,00 or 1.25m';

const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['k', 1e3],
  ['thousand', 1e3],
  ['m', 1e6],
  ['mn', 1e6],
  ['mio', 1e6],
  ['million', 1e6],
  ['millions', 1e6],
  ['bn', 1e9],
  ['billion', 1e9],
]);

/** An amount with optional currency symbol or code and k / m / bn multiplier: "$1,250", "EUR 1.2m", "1 250 €". */
export function normaliseMoney(value: CellValue): NormaliseResult<Money> {
  if (typeof value !== 'string') {
    const input = numericInput(value, 'money');
    if (input === 'blank') {
      return accept(undefined);
    }
    return input === 'invalid' || input < 0 ? reject(MONEY_EXPECTED) : accept({ amount: input });
  }
  const text = cleanText(value);
  if (text === '') {
    return accept(undefined);
  }
  const parts = /^(?<pre>[^\d]*?)\s*(?<number>[(+\-\u2212]?\s*\d[\d.,'’\s]*\)?-?)\s*(?<post>[^\d]*)$/u.exec(
    text,
  )?.groups;
  if (!parts) {
    return reject(MONEY_EXPECTED);
  }
  let pre = parts.pre.trim();
  let numberText = parts.number;
  const postWords = parts.post
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  // A sign written before the currency ("-$1,250") belongs to the number.
  if (/^[-\u2212(]/.test(pre)) {
    numberText = `-${numberText}`;
    pre = pre.slice(1).trim();
  }
  // The multiplier comes right after the number ("1.5m", "1.5 M USD") or last ("EUR 1.5 million").
  let multiplier = 1;
  for (const at of [0, postWords.length - 1]) {
    const factor = MULTIPLIERS.get(postWords[at]?.toLowerCase() ?? '');
    if (factor !== undefined && multiplier === 1) {
      multiplier = factor;
      postWords.splice(at, 1);
    }
  }
  const currencyText = [pre, postWords.join(' ')].filter((part) => part !== '');
  if (currencyText.length > 1) {
    return reject(MONEY_EXPECTED);
  }
  let currency: string | undefined;
  if (currencyText.length === 1) {
    const resolved = normaliseCurrency(currencyText[0]);
    if (!resolved.ok) {
      return reject(`${MONEY_EXPECTED}; the currency must be ${resolved.expected}`);
    }
    currency = resolved.value;
  }
  const amount = parseNumberText(numberText, 'money');
  if (amount === undefined || amount < 0) {
    return reject(MONEY_EXPECTED);
  }
  return accept({ amount: Number((amount * multiplier).toPrecision(15)), ...(currency ? { currency } : {}) });
}

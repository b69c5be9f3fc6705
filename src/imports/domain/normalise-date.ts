import type { CellValue } from './cell-value.js';
import { accept, reject, type NormaliseResult } from './normalise-result.js';
import { cleanText } from './normalise-text.js';
import { daysInMonth } from '../../common/dates/iso-date.js';

/** Order of day and month in all-numeric dates like 03/04/2024: day first unless the upload says otherwise. */
export type DateOrder = 'DMY' | 'MDY';

export interface DateOptions {
  dateOrder?: DateOrder;
  /** The workbook uses the 1904 date system (old Mac Excel): serial 0 is 1904-01-01. */
  date1904?: boolean;
}

const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ['jan', 'january'],
    ['feb', 'february'],
    ['mar', 'march'],
    ['apr', 'april'],
    ['may', 'may'],
    ['jun', 'june'],
    ['jul', 'july'],
    ['aug', 'august'],
    ['sep', 'september', 'sept'],
    ['oct', 'october'],
    ['nov', 'november'],
    ['dec', 'december'],
  ].flatMap((names, index) => names.map((name): [string, number] => [name, index + 1])),
);

const WEEKDAY = /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+/;
// Largest serial Excel accepts: 9999-12-31.
const MAX_SERIAL = 2958465;
const MS_PER_DAY = 86_400_000;

function expectedDate(order: DateOrder): string {
  const numeric = order === 'DMY' ? '03/04/2024 (day first)' : '04/03/2024 (month first)';
  return `a date such as 2024-04-03, ${numeric}, 3 Apr 2024 or Apr 2024`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function fullYear(year: number, digits: number): number {
  // Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999.
  if (digits === 2) {
    return year < 70 ? 2000 + year : 1900 + year;
  }
  return year;
}

function isoDate(year: number, month: number, day: number, order: DateOrder): NormaliseResult<string> {
  if (year < 1900 || year > 9999) {
    return reject(`${expectedDate(order)} (year ${year} is out of range)`);
  }
  if (month < 1 || month > 12) {
    return reject(`${expectedDate(order)} (${month} is not a month)`);
  }
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) {
    return reject(`${expectedDate(order)} (${year}-${pad(month, 2)} has no day ${day})`);
  }
  return accept(`${year}-${pad(month, 2)}-${pad(day, 2)}`);
}

function fromDate(value: Date, order: DateOrder): NormaliseResult<string> {
  if (Number.isNaN(value.getTime())) {
    return reject(expectedDate(order));
  }
  // exceljs builds dates in UTC from the serial; reading UTC parts keeps the day the sheet shows.
  return isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), order);
}

function fromSerial(serial: number, options: Required<DateOptions>): NormaliseResult<string> {
  const order = options.dateOrder;
  if (Number.isInteger(serial) && serial >= 1900 && serial <= 2100) {
    return reject(`${expectedDate(order)}; ${serial} looks like a year only`);
  }
  // SAP and many ERPs export dates as the number 20240403.
  if (Number.isInteger(serial) && serial >= 19000101 && serial <= 99991231) {
    return isoDate(Math.floor(serial / 10000), Math.floor(serial / 100) % 100, serial % 100, order);
  }
  const day = Math.floor(serial);
  const [first, last] = options.date1904 ? [0, MAX_SERIAL - 1462] : [1, MAX_SERIAL];
  if (day < first || day > last) {
    return reject(expectedDate(order));
  }
  if (options.date1904) {
    return fromDate(new Date(Date.UTC(1904, 0, 1) + day * MS_PER_DAY), order);
  }
  // Excel's 1900 system counts a 29 February 1900 that never existed (serial 60).
  if (day === 60) {
    return reject(`${expectedDate(order)} (serial 60 is 29 February 1900, which does not exist)`);
  }
  const base = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return fromDate(new Date(base + day * MS_PER_DAY), order);
}

// Text is lower-cased before matching, hence [t ] and z.
const TIME = String.raw`(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:am|pm)?\s*(?:z|[+-]\d{2}:?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const NUMERIC = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})${TIME}$`);
const YEAR_MONTH = /^(\d{4})[-/.](\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})[-/.](\d{4})$/;

function fromNamedMonth(text: string, order: DateOrder): NormaliseResult<string> | undefined {
  const tokens = text
    .replace(WEEKDAY, '')
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .replace(/\bof\b/g, ' ')
    .split(/[\s,./-]+/)
    .filter((token) => token !== '');
  const monthAt = tokens.findIndex((token) => MONTHS.has(token));
  if (monthAt < 0 || tokens.some((token, i) => i !== monthAt && !/^\d+$/.test(token))) {
    return undefined;
  }
  const month = MONTHS.get(tokens[monthAt]) ?? 0;
  const numbers = tokens.filter((_, i) => i !== monthAt);
  const year = (token: string): number => fullYear(Number(token), token.length);
  if (numbers.length === 1 && numbers[0].length === 4) {
    // Month and year only: the first day of the month, the earliest the event can have been.
    return isoDate(Number(numbers[0]), month, 1, order);
  }
  if (numbers.length !== 2) {
    return undefined;
  }
  const [first, second] = numbers;
  if (first.length === 4) {
    return isoDate(Number(first), month, Number(second), order);
  }
  // "3 Apr 2024" and "Apr 3, 2024" both put the day before the year.
  return isoDate(year(second), month, Number(first), order);
}

function fromText(raw: string, options: Required<DateOptions>): NormaliseResult<string> {
  const order = options.dateOrder;
  const text = cleanText(raw).toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) {
    return fromSerial(Number(text), options);
  }
  const iso = ISO.exec(text);
  if (iso) {
    return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), order);
  }
  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const [a, b] = [Number(numeric[1]), Number(numeric[2])];
    const [day, month] = order === 'DMY' ? [a, b] : [b, a];
    return isoDate(fullYear(Number(numeric[3]), numeric[3].length), month, day, order);
  }
  const yearMonth = YEAR_MONTH.exec(text);
  if (yearMonth) {
    return isoDate(Number(yearMonth[1]), Number(yearMonth[2]), 1, order);
  }
  const monthYear = MONTH_YEAR.exec(text);
  if (monthYear) {
    return isoDate(Number(monthYear[2]), Number(monthYear[1]), 1, order);
  }
  return fromNamedMonth(text, order) ?? reject(expectedDate(order));
}

/**
 * A calendar date as ISO `YYYY-MM-DD`: JS dates from exceljs, Excel serial numbers (1900 or 1904 system),
 * YYYYMMDD numbers, ISO text, all-numeric text in the given day/month order (day first by default), English
 * month names ("3 Apr 2024", "April 3, 2024") and month-year ("Apr 2024", "04/2024" = the 1st of the month).
 * Dates that do not exist (31/02/2024) are rejected, never rolled over.
 */
export function normaliseDate(value: CellValue, options: DateOptions = {}): NormaliseResult<string> {
  const resolved: Required<DateOptions> = {
    dateOrder: options.dateOrder ?? 'DMY',
    date1904: options.date1904 ?? false,
  };
  if (value === null) {
    return accept(undefined);
  }
  if (value instanceof Date) {
    return fromDate(value, resolved.dateOrder);
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? fromSerial(value, resolved) : reject(expectedDate(resolved.dateOrder));
  }
  if (typeof value === 'boolean') {
    return reject(expectedDate(resolved.dateOrder));
  }
  return cleanText(value) === '' ? accept(undefined) : fromText(value, resolved);
}

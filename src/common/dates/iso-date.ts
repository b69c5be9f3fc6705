// Calendar dates written as ISO 8601 (YYYY-MM-DD), checked against a month table rather than through `Date`: these
// run once per supplier and field on imports and scoring.

const LEADING_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const WHOLE_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1-12) of a year of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** The calendar day a text starts with (a time after it is ignored); undefined when it names no such day. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = LEADING_DATE.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

/** Exactly YYYY-MM-DD, naming a day the calendar has. */
export function isCalendarDate(text: string): boolean {
  return WHOLE_DATE.test(text) && parseIsoDate(text) !== undefined;
}

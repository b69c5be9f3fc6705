import { describe, expect, it } from '@jest/globals';
import { daysInMonth, isCalendarDate, parseIsoDate } from './iso-date.js';

describe('parseIsoDate', () => {
  it('reads calendar dates and refuses days a month does not have', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseIsoDate('2023-02-29')).toBeUndefined();
    expect(parseIsoDate('1900-02-29')).toBeUndefined();
    expect(parseIsoDate('2026-04-31')).toBeUndefined();
    expect(parseIsoDate('2026-12-31T10:00:00Z')).toEqual({ year: 2026, month: 12, day: 31 });
    expect(parseIsoDate('2026-13-01')).toBeUndefined();
    expect(parseIsoDate('31/12/2026')).toBeUndefined();
  });

  it('agrees with the calendar on every day from 1896 to 2104', () => {
    for (let time = Date.UTC(1896, 0, 1); time <= Date.UTC(2104, 11, 31); time += 86_400_000) {
      const date = new Date(time);
      const text = date.toISOString().slice(0, 10);
      expect(parseIsoDate(text)).toEqual({
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
      });
    }
    for (const month of [2, 4, 6, 9, 11]) {
      const days = new Date(Date.UTC(2025, month, 0)).getUTCDate();
      expect(parseIsoDate(`2025-${String(month).padStart(2, '0')}-${days + 1}`)).toBeUndefined();
    }
  });
});

describe('isCalendarDate', () => {
  it('takes exactly YYYY-MM-DD of a day the calendar has', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2026-12-31T10:00:00Z')).toBe(false);
    expect(isCalendarDate(' 2026-12-31')).toBe(false);
    expect(isCalendarDate('2024-1-5')).toBe(false);
  });
});

describe('daysInMonth', () => {
  it('agrees with the calendar for every month from 1896 to 2104', () => {
    for (let year = 1896; year <= 2104; year++) {
      for (let month = 1; month <= 12; month++) {
        expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
      }
    }
  });
});

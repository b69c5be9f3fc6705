import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CellValue } from './cell-value.js';
import { normaliseDate } from './normalise-date.js';

describe(normaliseDate.name, () => {
  describe('values typed as dates or numbers by the spreadsheet', () => {
    it.each<[string, CellValue, string]>([
      ['an exceljs date', new Date(Date.UTC(2024, 3, 3)), '2024-04-03'],
      ['an exceljs date-time', new Date(Date.UTC(2024, 3, 3, 23, 59, 59)), '2024-04-03'],
      ['serial 45385', 45385, '2024-04-03'],
      ['serial with a time fraction', 45385.75, '2024-04-03'],
      ['serial 1', 1, '1900-01-01'],
      ['serial 59', 59, '1900-02-28'],
      ['serial 61', 61, '1900-03-01'],
      ['serial 36526', 36526, '2000-01-01'],
      ['serial 2958465', 2958465, '9999-12-31'],
      ['a YYYYMMDD number from an ERP', 20240403, '2024-04-03'],
    ])('reads %s', (_scenario, value, expected) => {
      expect(normaliseDate(value)).toEqual({ ok: true, value: expected });
    });

    it('reads serials in the 1904 date system', () => {
      expect(normaliseDate(0, { date1904: true })).toEqual({ ok: true, value: '1904-01-01' });
      expect(normaliseDate(43923, { date1904: true })).toEqual({ ok: true, value: '2024-04-03' });
    });

    it('agrees with exceljs for every serial (exceljs dates are UTC)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
          const exceljsDate = new Date(Math.round((serial - 25569) * 24 * 3600 * 1000));
          expect(normaliseDate(serial)).toEqual(normaliseDate(exceljsDate));
        }),
      );
    });
  });

  describe('text', () => {
    // Every row has the same length: jest reads an extra callback parameter as a `done` callback.
    it.each<[CellValue, string]>([
      ['2024-04-03', '2024-04-03'],
      ['2024-4-3', '2024-04-03'],
      ['2024/04/03', '2024-04-03'],
      ['2024.04.03', '2024-04-03'],
      ['2024-04-03T10:15:00Z', '2024-04-03'],
      ['2024-04-03T10:15:00.000+07:00', '2024-04-03'],
      ['2024-04-03 10:15', '2024-04-03'],
      ['2024-04-03 10:15:30', '2024-04-03'],
      ['03/04/2024', '2024-04-03'],
      ['3/4/2024', '2024-04-03'],
      ['03.04.2024', '2024-04-03'],
      ['03-04-2024', '2024-04-03'],
      ['03/04/24', '2024-04-03'],
      ['31/12/99', '1999-12-31'],
      ['03/04/2024 00:00', '2024-04-03'],
      ['3 Apr 2024', '2024-04-03'],
      ['3 April 2024', '2024-04-03'],
      ['03-Apr-2024', '2024-04-03'],
      ['03-APR-24', '2024-04-03'],
      ['Apr 3, 2024', '2024-04-03'],
      ['April 3 2024', '2024-04-03'],
      ['3rd April 2024', '2024-04-03'],
      ['3rd of April 2024', '2024-04-03'],
      ['Wednesday, 3 April 2024', '2024-04-03'],
      ['Wed 3 Apr 2024', '2024-04-03'],
      ['2024 Apr 3', '2024-04-03'],
      ['1 Sept 2023', '2023-09-01'],
      ['Apr 2024', '2024-04-01'],
      ['April 2024', '2024-04-01'],
      ['Apr-2024', '2024-04-01'],
      ['04/2024', '2024-04-01'],
      ['4/2024', '2024-04-01'],
      ['2024-04', '2024-04-01'],
      ['29/02/2024', '2024-02-29'],
      ['45385', '2024-04-03'],
      ['20240403', '2024-04-03'],
      ['  3 Apr 2024  ', '2024-04-03'],
    ])('reads %p as %s', (value, expected) => {
      expect(normaliseDate(value)).toEqual({ ok: true, value: expected });
    });

    it.each<[CellValue, string]>([
      ['04/03/2024', '2024-04-03'],
      ['12/31/2024', '2024-12-31'],
      ['4/3/24', '2024-04-03'],
      ['2024-04-03', '2024-04-03'],
      ['3 Apr 2024', '2024-04-03'],
    ])('reads %p as %s when the upload is month first', (value, expected) => {
      expect(normaliseDate(value, { dateOrder: 'MDY' })).toEqual({ ok: true, value: expected });
    });

    it.each<[CellValue]>([[null], [''], ['   ']])('treats %p as unknown', (value) => {
      expect(normaliseDate(value)).toEqual({ ok: true, value: undefined });
    });
  });

  describe('dates that do not exist or cannot be read', () => {
    it.each<[string, CellValue, string]>([
      ['31 February', '31/02/2024', 'has no day 31'],
      ['29 February in a common year', '29/02/2023', 'has no day 29'],
      ['month 13', '01/13/2024', '13 is not a month'],
      ['a US date read day first', '12/31/2024', '31 is not a month'],
      ['day 0', '2024-04-00', 'has no day 0'],
      ['month 0', '2024-00-10', '0 is not a month'],
      ['31 April by name', '31 Apr 2024', 'has no day 31'],
      ['Excel’s phantom 29 February 1900', 60, 'does not exist'],
      ['a year on its own', 2023, 'looks like a year only'],
      ['a year as text', '2023', 'looks like a year only'],
      ['serial 0', 0, 'a date such as'],
      ['a negative serial', -5, 'a date such as'],
      ['beyond 9999', 3000000, 'a date such as'],
      ['an invalid JS date', new Date(Number.NaN), 'a date such as'],
      ['a YYYYMMDD number with month 13', 20241303, '13 is not a month'],
      ['free text', 'last spring', 'a date such as'],
      ['a month and a two-digit year', 'Apr-24', 'a date such as'],
      ['a bare month', 'April', 'a date such as'],
      ['a boolean', true, 'a date such as'],
      ['a time with rubbish', '2024-04-03 lunchtime', 'a date such as'],
    ])('rejects %s', (_scenario, value, message) => {
      const result = normaliseDate(value);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.expected).toContain(message);
    });

    it('says which order numeric dates are read in', () => {
      const dayFirst = normaliseDate('31/31/2024');
      const monthFirst = normaliseDate('31/31/2024', { dateOrder: 'MDY' });
      expect(dayFirst.ok ? '' : dayFirst.expected).toContain('03/04/2024 (day first)');
      expect(monthFirst.ok ? '' : monthFirst.expected).toContain('04/03/2024 (month first)');
    });
  });

  it('round-trips every real date written day first', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const [y, m, d] = iso.split('-');
          expect(normaliseDate(`${d}/${m}/${y}`)).toEqual({ ok: true, value: iso });
          expect(normaliseDate(iso)).toEqual({ ok: true, value: iso });
        },
      ),
    );
  });
});

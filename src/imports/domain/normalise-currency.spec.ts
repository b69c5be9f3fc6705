import { describe, expect, it } from '@jest/globals';
import type { CellValue } from './cell-value.js';
import { CURRENCY_EXPECTED, isCurrencyCode, normaliseCurrency } from './normalise-currency.js';

describe(normaliseCurrency.name, () => {
  it.each<[CellValue, string]>([
    ['USD', 'USD'],
    ['usd', 'USD'],
    [' eur ', 'EUR'],
    ['GBP', 'GBP'],
    ['CNY', 'CNY'],
    ['VND', 'VND'],
    ['BDT', 'BDT'],
    ['MYR', 'MYR'],
    ['€', 'EUR'],
    ['£', 'GBP'],
    ['$', 'USD'],
    ['US$', 'USD'],
    ['HK$', 'HKD'],
    ['S$', 'SGD'],
    ['A$', 'AUD'],
    ['C$', 'CAD'],
    ['R$', 'BRL'],
    ['RMB', 'CNY'],
    ['rmb', 'CNY'],
    ['CN¥', 'CNY'],
    ['JP¥', 'JPY'],
    ['₹', 'INR'],
    ['₫', 'VND'],
    ['₺', 'TRY'],
    ['৳', 'BDT'],
    ['RM', 'MYR'],
    ['Rp', 'IDR'],
    ['Euro', 'EUR'],
    ['euros', 'EUR'],
    ['US dollars', 'USD'],
    ['Pound sterling', 'GBP'],
    ['Yuan', 'CNY'],
    ['Renminbi', 'CNY'],
  ])('reads %p as %s', (value, code) => {
    expect(normaliseCurrency(value)).toEqual({ ok: true, value: code });
  });

  it.each<[CellValue]>([[null], [''], ['  ']])('treats %p as unknown', (value) => {
    expect(normaliseCurrency(value)).toEqual({ ok: true, value: undefined });
  });

  it.each<[CellValue]>([['ABC'], ['US'], ['EURO$'], ['dollar bills'], ['XXXX'], [840], [true]])(
    'rejects %p',
    (value) => {
      expect(normaliseCurrency(value)).toEqual({ ok: false, expected: CURRENCY_EXPECTED });
    },
  );

  it.each<[string, string]>([
    ['¥', 'CNY (yuan) or JPY (yen)'],
    ['Rs', 'INR, PKR, LKR or NPR'],
    ['Rs.', 'INR, PKR, LKR or NPR'],
    ['kr', 'SEK, NOK, DKK or ISK'],
  ])('rejects the shared symbol %j and names the choices', (value, choices) => {
    const result = normaliseCurrency(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.expected).toContain(`write ${choices}`);
  });
});

describe(isCurrencyCode.name, () => {
  it.each([
    ['USD', true],
    ['EUR', true],
    ['VND', true],
    ['usd', false],
    ['ABC', false],
    ['', false],
  ])('%j -> %p', (code, expected) => {
    expect(isCurrencyCode(code)).toBe(expected);
  });
});

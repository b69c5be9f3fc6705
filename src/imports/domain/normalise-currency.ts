import type { CellValue } from './cell-value.js';
import { accept, reject, type NormaliseResult } from './normalise-result.js';
import { cleanText } from './normalise-text.js';

// ISO 4217 codes come from ICU (bundled with Node), which follows the ISO maintenance agency: no hand-kept list.
const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

export const CURRENCY_EXPECTED = 'an ISO 4217 currency code such as USD, EUR, GBP or CNY';

// Symbols and names that identify one currency. "$" is read as US dollar, the convention of international
// trade documents; symbols shared by several currencies are rejected with the choices (see AMBIGUOUS).
const SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['$', 'USD'],
  ['US$', 'USD'],
  ['U$S', 'USD'],
  ['HK$', 'HKD'],
  ['S$', 'SGD'],
  ['SG$', 'SGD'],
  ['A$', 'AUD'],
  ['AU$', 'AUD'],
  ['C$', 'CAD'],
  ['CA$', 'CAD'],
  ['NZ$', 'NZD'],
  ['NT$', 'TWD'],
  ['MX$', 'MXN'],
  ['R$', 'BRL'],
  ['CN¥', 'CNY'],
  ['RMB', 'CNY'],
  ['元', 'CNY'],
  ['JP¥', 'JPY'],
  ['円', 'JPY'],
  ['₹', 'INR'],
  ['₫', 'VND'],
  ['₺', 'TRY'],
  ['₩', 'KRW'],
  ['฿', 'THB'],
  ['₱', 'PHP'],
  ['₦', 'NGN'],
  ['₴', 'UAH'],
  ['₽', 'RUB'],
  ['৳', 'BDT'],
  ['₪', 'ILS'],
  ['RM', 'MYR'],
  ['RP', 'IDR'],
  ['EURO', 'EUR'],
  ['EUROS', 'EUR'],
  ['DOLLAR', 'USD'],
  ['DOLLARS', 'USD'],
  ['US DOLLAR', 'USD'],
  ['US DOLLARS', 'USD'],
  ['POUND', 'GBP'],
  ['POUNDS', 'GBP'],
  ['STERLING', 'GBP'],
  ['POUND STERLING', 'GBP'],
  ['YUAN', 'CNY'],
  ['RENMINBI', 'CNY'],
  ['YEN', 'JPY'],
]);

const AMBIGUOUS: ReadonlyMap<string, string> = new Map([
  ['¥', 'CNY (yuan) or JPY (yen)'],
  ['RS', 'INR, PKR, LKR or NPR'],
  ['RS.', 'INR, PKR, LKR or NPR'],
  ['RUPEE', 'INR, PKR, LKR or NPR'],
  ['RUPEES', 'INR, PKR, LKR or NPR'],
  ['KR', 'SEK, NOK, DKK or ISK'],
  ['KR.', 'SEK, NOK, DKK or ISK'],
]);

export function isCurrencyCode(code: string): boolean {
  return ISO_4217.has(code);
}

/** A currency code, symbol or name to its ISO 4217 code; an empty cell is unknown. */
export function normaliseCurrency(value: CellValue): NormaliseResult<string> {
  if (value === null) {
    return accept(undefined);
  }
  if (typeof value !== 'string') {
    return reject(CURRENCY_EXPECTED);
  }
  const text = cleanText(value).toUpperCase();
  if (text === '') {
    return accept(undefined);
  }
  const fromSymbol = SYMBOLS.get(text);
  if (fromSymbol) {
    return accept(fromSymbol);
  }
  const choices = AMBIGUOUS.get(text);
  if (choices) {
    return reject(
      `${CURRENCY_EXPECTED}; "${cleanText(value)}" is used for several currencies: write ${choices}`,
    );
  }
  return /^[A-Z]{3}$/.test(text) && isCurrencyCode(text) ? accept(text) : reject(CURRENCY_EXPECTED);
}

import { resolveCountry, type Country } from '../../common/countries/country-resolver.js';
import type { CellValue } from './cell-value.js';
import { accept, reject, type NormaliseResult } from './normalise-result.js';
import { cleanText } from './normalise-text.js';

export const COUNTRY_EXPECTED = 'a country name or ISO 3166 code, e.g. "Viet Nam", "Vietnam", "VN" or "VNM"';

/** A country name, code or variant to its ISO 3166 alpha-2 code, through the shipped ISO table and alias list. */
export function normaliseCountry(
  value: CellValue,
  resolve: (input: string) => Country | undefined = resolveCountry,
): NormaliseResult<string> {
  if (value === null) {
    return accept(undefined);
  }
  if (typeof value !== 'string') {
    return reject(COUNTRY_EXPECTED);
  }
  const text = cleanText(value);
  if (text === '') {
    return accept(undefined);
  }
  const country = resolve(text);
  return country ? accept(country.alpha2) : reject(COUNTRY_EXPECTED);
}

import { describe, expect, it, jest } from '@jest/globals';
import type { Country } from '../../common/countries/country-resolver.js';
import type { CellValue } from './cell-value.js';
import { COUNTRY_EXPECTED, normaliseCountry } from './normalise-country.js';

describe(normaliseCountry.name, () => {
  // The variants the issue names, plus spellings seen in brand disclosure lists and ERP exports.
  it.each<[string, string]>([
    ['China Mainland', 'CN'],
    ['Mainland China', 'CN'],
    ['CHINA', 'CN'],
    ['china', 'CN'],
    ['CN', 'CN'],
    ['CHN', 'CN'],
    ['PRC', 'CN'],
    ["People's Republic of China", 'CN'],
    ['Viet Nam', 'VN'],
    ['Vietnam', 'VN'],
    ['VIET NAM', 'VN'],
    ['vn', 'VN'],
    ['VNM', 'VN'],
    ['Korea (Republic of)', 'KR'],
    ['Korea, Republic of', 'KR'],
    ['South Korea', 'KR'],
    ['United States of America', 'US'],
    ['United States', 'US'],
    ['USA', 'US'],
    ['U.S.A.', 'US'],
    ['US', 'US'],
    ['Türkiye', 'TR'],
    ['Turkiye', 'TR'],
    ['Turkey', 'TR'],
    ['Turkey (Türkiye)', 'TR'],
    ['CI', 'CI'],
    ['Côte d’Ivoire', 'CI'],
    ["Cote d'Ivoire", 'CI'],
    ["CÔTE D'IVOIRE", 'CI'],
    ['Ivory Coast', 'CI'],
    ['Burma', 'MM'],
    ['Myanmar', 'MM'],
    ['Lao PDR', 'LA'],
    ['Laos', 'LA'],
    ['Congo, Democratic Republic of the', 'CD'],
    ['DRC', 'CD'],
    ['UK', 'GB'],
    ['United Kingdom', 'GB'],
    ['Great Britain', 'GB'],
    ['GBR', 'GB'],
    ['Bangladesh', 'BD'],
    ['BGD', 'BD'],
    ['India', 'IN'],
    ['Malaysia', 'MY'],
    ['Uzbekistan', 'UZ'],
    ['Russia', 'RU'],
    ['Taiwan', 'TW'],
    ['Hong Kong', 'HK'],
    ['Czech Republic', 'CZ'],
    ['Eswatini', 'SZ'],
    ['Cape Verde', 'CV'],
    ['The Netherlands', 'NL'],
    ['Deutschland', 'DE'],
    ['México', 'MX'],
    ['  Viet\u00A0Nam  ', 'VN'],
    ['Viet\u200BNam', 'VN'],
  ])('resolves %j to %s', (input, alpha2) => {
    expect(normaliseCountry(input)).toEqual({ ok: true, value: alpha2 });
  });

  it.each<[CellValue]>([[null], [''], ['   ']])('treats %p as unknown', (value) => {
    expect(normaliseCountry(value)).toEqual({ ok: true, value: undefined });
  });

  it.each<[CellValue]>([
    ['Chna'],
    ['Xinjiang'],
    ['ZZ'],
    ['XYZ'],
    ['Shenzhen, China'],
    ['Asia'],
    [156],
    [true],
    [new Date(Date.UTC(2024, 0, 1))],
  ])('rejects %p, saying a country name or code is expected', (value) => {
    expect(normaliseCountry(value)).toEqual({ ok: false, expected: COUNTRY_EXPECTED });
  });

  it('asks the injected resolver with the cleaned text', () => {
    const resolve = jest.fn((_input: string): Country | undefined => undefined);
    normaliseCountry('  Viet\u00A0 Nam ', resolve);
    expect(resolve).toHaveBeenCalledWith('Viet Nam');
  });
});

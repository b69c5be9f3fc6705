import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { allCountries, countryByAlpha2, countryKey, resolveCountry } from './country-resolver.js';

describe(resolveCountry.name, () => {
  it.each([
    ['China Mainland', 'CN'],
    ['CHINA', 'CN'],
    ['Viet Nam', 'VN'],
    ['Vietnam', 'VN'],
    ['Korea (Republic of)', 'KR'],
    ['South Korea', 'KR'],
    ['United States of America', 'US'],
    ['Türkiye', 'TR'],
    ['Turkey (Türkiye)', 'TR'],
    ['TURKIYE', 'TR'],
    ['CI', 'CI'],
    ['ci', 'CI'],
    ['CIV', 'CI'],
    ['Côte d’Ivoire', 'CI'],
    ["Cote d'Ivoire", 'CI'],
    ['Ivory Coast', 'CI'],
    ['Burma', 'MM'],
    ['Lao PDR', 'LA'],
    ['Congo, Democratic Republic of the', 'CD'],
    ['Kyrgyz Republic', 'KG'],
    ['  Bangladesh ', 'BD'],
    ['NA', 'NA'],
    ['Namibia', 'NA'],
    ['the Netherlands', 'NL'],
    ['Bolivia (Plurinational State of)', 'BO'],
    ['Hong Kong', 'HK'],
    ['UK', 'GB'],
  ])('resolves %p to %s', (input, alpha2) => {
    expect(resolveCountry(input)?.alpha2).toBe(alpha2);
  });

  it.each(['Atlantis', '', 'XX', 'ZZZ', 'Asia'])('does not guess a country for %p', (input) => {
    expect(resolveCountry(input)).toBeUndefined();
  });

  it('resolves every ISO short and official name in the shipped table back to its own code', () => {
    for (const country of allCountries()) {
      expect(resolveCountry(country.name)?.alpha2).toBe(country.alpha2);
      expect(resolveCountry(country.alpha3)?.alpha2).toBe(country.alpha2);
    }
    expect(allCountries().length).toBeGreaterThanOrEqual(249);
  });

  it('maps every alias to a code that exists in the ISO table', () => {
    const aliases = parse<{ alias: string; alpha2: string }>(
      readFileSync(new URL('../../../rules/reference/country-aliases.csv', import.meta.url)),
      { columns: true },
    );
    for (const { alias, alpha2 } of aliases) {
      expect({ alias, code: resolveCountry(alias)?.alpha2 }).toEqual({ alias, code: alpha2 });
    }
  });
});

describe(countryKey.name, () => {
  it('folds case, accents, apostrophes and punctuation', () => {
    expect(countryKey('Côte d’Ivoire')).toBe(countryKey("COTE D'IVOIRE"));
    expect(countryKey('Trinidad & Tobago')).toBe('trinidad and tobago');
  });
});

describe(countryByAlpha2.name, () => {
  it('looks a country up by its code in any case', () => {
    expect(countryByAlpha2('my')?.name).toBe('Malaysia');
    expect(countryByAlpha2('QQ')).toBeUndefined();
  });
});

import { describe, expect, it } from '@jest/globals';
import { countryAsListed, countryDisplayName } from './country-names.js';

describe(countryDisplayName.name, () => {
  it.each([
    ['MM', 'Myanmar'],
    ['VN', 'Vietnam'],
    ['KP', 'North Korea'],
    ['RU', 'Russia'],
    ['SY', 'Syria'],
    ['CI', 'Côte d’Ivoire'],
    ['TR', 'Türkiye'],
  ])('names %s %s', (alpha2, name) => {
    expect(countryDisplayName(alpha2)).toBe(name);
  });

  it('reads the code in either case and gives an unknown code back as it is', () => {
    expect(countryDisplayName('mm')).toBe('Myanmar');
    expect(countryDisplayName('XX')).toBe('XX');
  });
});

describe(countryAsListed.name, () => {
  it.each([
    ['MM', 'Burma', 'Myanmar (listed as "Burma")'],
    ['VN', 'Viet Nam', 'Vietnam (listed as "Viet Nam")'],
    ['RU', 'Russian Federation', 'Russia (listed as "Russian Federation")'],
    ['TR', 'Turkey', 'Türkiye (listed as "Turkey")'],
  ])('quotes the source when it calls %s "%s"', (alpha2, listed, sentence) => {
    expect(countryAsListed(alpha2, listed)).toBe(sentence);
  });

  it.each([
    ['MM', 'Myanmar'],
    ['KP', 'North Korea'],
    ['CI', "Côte d'Ivoire"],
    ['CI', 'COTE D’IVOIRE'],
  ])('gives only the display name when %s is listed as "%s", the same name', (alpha2, listed) => {
    expect(countryAsListed(alpha2, listed)).toBe(countryDisplayName(alpha2));
  });

  it('gives the display name when the source names no country', () => {
    expect(countryAsListed('SY', '')).toBe('Syria');
  });
});

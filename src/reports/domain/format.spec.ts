import { describe, expect, it } from '@jest/globals';
import { allCountries } from '../../common/countries/country-resolver.js';
import { countryAsListed } from '../../scoring/domain/country-names.js';
import { countryLabel, countryName } from './format.js';

describe(countryName.name, () => {
  it.each([
    ['MM', 'Myanmar'],
    ['VN', 'Vietnam'],
    ['KP', 'North Korea'],
    ['RU', 'Russia'],
    ['SY', 'Syria'],
    ['CI', 'Côte d’Ivoire'],
    ['TR', 'Türkiye'],
  ])('names %s "%s", whatever the sources call it', (alpha2, name) => {
    expect(countryName(alpha2)).toBe(name);
    expect(countryLabel(alpha2)).toBe(`${name} (${alpha2})`);
  });

  it('gives every code the name the label, the export and the evidence sentences use', () => {
    for (const { alpha2 } of allCountries()) {
      const name = countryName(alpha2);
      expect(countryName(alpha2.toLowerCase())).toBe(name);
      expect(countryLabel(alpha2)).toBe(`${name} (${alpha2})`);
      expect(countryAsListed(alpha2, name)).toBe(name);
    }
  });

  it('gives a code it does not know back as it is', () => {
    expect(countryName('XX')).toBe('XX');
    expect(countryLabel('XX')).toBe('XX');
  });
});

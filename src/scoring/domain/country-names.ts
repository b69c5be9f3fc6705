import { countryByAlpha2, countryKey } from '../../common/countries/country-resolver.js';

// Vigil names each country one way in its own words, whatever its sources call it: the short English name of the
// ISO 3166 table (rules/reference/iso3166_countries.csv). A source's own name for the country is only ever quoted.

/** The one name Vigil gives the country of an ISO alpha-2 code ("Myanmar", "Vietnam"); the code when unknown. */
export function countryDisplayName(alpha2: string): string {
  return countryByAlpha2(alpha2)?.name ?? alpha2;
}

const asListed = new Map<string, string>();

/**
 * The country a source row is about, as Vigil's sentences cite it: its display name, followed by the source's own
 * name in quotes when that is another name, e.g. `Myanmar (listed as "Burma")`. A mere difference of spelling
 * (Côte d'Ivoire, Côte d’Ivoire) is not another name.
 */
export function countryAsListed(alpha2: string, listedName: string): string {
  const key = `${alpha2}\u0000${listedName}`;
  let text = asListed.get(key);
  if (text === undefined) {
    const name = countryDisplayName(alpha2);
    text =
      listedName.trim() === '' || countryKey(listedName) === countryKey(name)
        ? name
        : `${name} (listed as "${listedName}")`;
    asListed.set(key, text);
  }
  return text;
}

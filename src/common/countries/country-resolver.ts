import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { foldText } from '../text/fold.js';

// Countries come from the shipped ISO 3166 table (rules/reference/iso3166_countries.csv), an alias list
// (rules/reference/country-aliases.csv) for the forms that ERPs, the US DOL, the State Department and Walk
// Free use, and names in other languages and scripts (rules/reference/country-names-localised.csv, generated
// by scripts/build-country-names.js) for ERPs that write the country in their own language.

export interface Country {
  alpha2: string;
  alpha3: string;
  /** Short English display name (CLDR). */
  name: string;
  officialName: string;
  region: string;
  subRegion: string;
}

interface IsoRow {
  name: string;
  official_name_en: string;
  alpha2: string;
  alpha3: string;
  region: string;
  sub_region: string;
}

interface AliasRow {
  alias: string;
  alpha2: string;
}

interface LocalisedNameRow {
  name: string;
  alpha2: string;
  languages: string;
}

const REFERENCE_DIR = new URL('../../../rules/reference/', import.meta.url);

/** Folds case, diacritics, apostrophes, punctuation and a leading "the": "The Gambia" and "GAMBIA" meet. */
export function countryKey(text: string): string {
  return foldText(text).replace(/^the /, '');
}

/** The lookup tables behind {@link resolveCountry}; exported for scripts/build-country-names.js. */
export class CountryIndex {
  private readonly byAlpha2 = new Map<string, Country>();
  private readonly byAlpha3 = new Map<string, Country>();
  private readonly byKey = new Map<string, Country>();
  private localisedByKey: Map<string, Country> | undefined;

  /** `readLocalisedCsv` is called at the first name that the ISO and alias tables do not know. */
  constructor(
    isoCsv: string,
    aliasCsv: string,
    private readonly readLocalisedCsv: () => string | Buffer = () => '',
  ) {
    const isoRows = parse<IsoRow>(isoCsv, { columns: true, skip_empty_lines: true, trim: true });
    for (const row of isoRows) {
      const country: Country = {
        alpha2: row.alpha2.toUpperCase(),
        alpha3: row.alpha3.toUpperCase(),
        name: row.name,
        officialName: row.official_name_en,
        region: row.region,
        subRegion: row.sub_region,
      };
      this.byAlpha2.set(country.alpha2, country);
      this.byAlpha3.set(country.alpha3, country);
      for (const form of [row.name, row.official_name_en]) {
        this.addKey(form, country);
      }
    }
    const aliases = parse<AliasRow>(aliasCsv, { columns: true, skip_empty_lines: true, trim: true });
    aliases.forEach((alias, index) => {
      const country = this.byAlpha2.get(alias.alpha2.toUpperCase());
      if (!country) {
        // A broken alias table is a packaging defect, not a user error: fail loudly at load.
        throw new Error(`country-aliases.csv line ${index + 2}: unknown alpha-2 code "${alias.alpha2}"`);
      }
      this.byKey.set(countryKey(alias.alias), country);
    });
  }

  // Read at the first miss, not with the other tables: most lists write countries in English, and this table
  // is many times their size. Consulted after them, so an ISO name or an alias keeps its country.
  private localised(): Map<string, Country> {
    if (!this.localisedByKey) {
      const byKey = new Map<string, Country>();
      const rows = parse<LocalisedNameRow>(this.readLocalisedCsv(), {
        columns: true,
        skip_empty_lines: true,
        trim: true,
      });
      rows.forEach((row, index) => {
        const country = this.byAlpha2.get(row.alpha2.toUpperCase());
        if (!country) {
          throw new Error(
            `country-names-localised.csv line ${index + 2}: unknown alpha-2 code "${row.alpha2}"`,
          );
        }
        const key = countryKey(row.name);
        if (key && !byKey.has(key)) {
          byKey.set(key, country);
        }
      });
      this.localisedByKey = byKey;
    }
    return this.localisedByKey;
  }

  private addKey(form: string, country: Country): void {
    const key = countryKey(form);
    if (key && !this.byKey.has(key)) {
      this.byKey.set(key, country);
    }
  }

  resolve(input: string): Country | undefined {
    const trimmed = input.trim();
    const upper = trimmed.toUpperCase();
    const byCode = /^[A-Z]{2}$/.test(upper)
      ? this.byAlpha2.get(upper)
      : /^[A-Z]{3}$/.test(upper)
        ? this.byAlpha3.get(upper)
        : undefined;
    if (byCode) {
      return byCode;
    }
    const key = countryKey(trimmed);
    return key ? (this.byKey.get(key) ?? this.localised().get(key)) : undefined;
  }

  byCode(alpha2: string): Country | undefined {
    return this.byAlpha2.get(alpha2.toUpperCase());
  }

  all(): Country[] {
    return [...this.byAlpha2.values()];
  }
}

let index: CountryIndex | undefined;

function getIndex(): CountryIndex {
  index ??= new CountryIndex(
    readFileSync(new URL('iso3166_countries.csv', REFERENCE_DIR), 'utf8'),
    readFileSync(new URL('country-aliases.csv', REFERENCE_DIR), 'utf8'),
    // csv-parse reads a Buffer faster than a string, which it re-encodes.
    () => readFileSync(new URL('country-names-localised.csv', REFERENCE_DIR)),
  );
  return index;
}

/**
 * Resolves a country name (in English or, from the localised table, in another language or script), ISO
 * alpha-2 / alpha-3 code or common variant; undefined when it is not a country.
 */
export function resolveCountry(input: string): Country | undefined {
  return getIndex().resolve(input);
}

export function countryByAlpha2(alpha2: string): Country | undefined {
  return getIndex().byCode(alpha2);
}

export function allCountries(): Country[] {
  return getIndex().all();
}

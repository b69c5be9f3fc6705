#!/usr/bin/env node
// Builds rules/reference/country-names-localised.csv, the country names in other languages and scripts that
// src/common/countries/country-resolver.ts loads after its ISO and alias tables, from maintained open
// datasets (listed in rules/reference/SOURCES.md).
//
// The source packages are only needed here, so they are not project dependencies. To regenerate, install the
// pinned versions below into a scratch folder, then:
//
//   npm install --prefix /tmp/country-names-deps i18n-iso-countries@7.14.0 cldr-localenames-full@48.2.0 \
//     cldr-core@48.2.0
//   node scripts/build-country-names.js /tmp/country-names-deps
//
// Bump a version here and in SOURCES.md together: the script refuses other versions, so its output is
// reproducible.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { requirePinned } from './lib/pinned-packages.js';

const PACKAGES = {
  'i18n-iso-countries': '7.14.0',
  'cldr-localenames-full': '48.2.0',
  'cldr-core': '48.2.0',
};

const REFERENCE_DIR = fileURLToPath(new URL('../rules/reference/', import.meta.url));
const OUTPUT = path.join(REFERENCE_DIR, 'country-names-localised.csv');
const RESOLVER = fileURLToPath(new URL('../src/common/countries/country-resolver.ts', import.meta.url));

// Thai writes a country's name after the word "country" as often as without it (ประเทศไทย, ประเทศจีน); CLDR
// has the form inside its names of Hong Kong and Macao (เขตปกครองพิเศษประเทศจีน).
const COUNTRY_WORD_PREFIXES = { th: 'ประเทศ' };

// A name in plain ASCII of at most three letters reads as a code or an abbreviation in a country column
// ("SIN" is Singapore's usual abbreviation, not China in Hausa; "S.A." is a company suffix, not the US in
// Irish): dropped. Short names with diacritics ("Mỹ", "Đức", "Çin") stay.
const isCodeLike = (name, key) => /^[\x20-\x7e]+$/.test(name) && key.replace(/ /g, '').length <= 3;

// A country's own languages, for its endonyms: CLDR's official ones (national, de facto or regional) and any
// language at least this share of the population speaks.
const ENDONYM_MIN_POPULATION_PERCENT = 25;

// CLDR territory keys that name the country itself in another form ("HK-alt-short" is 香港).
const TERRITORY_ALTERNATIVES = ['', '-alt-short', '-alt-variant'];

// Zero-width joiners shape Indic and Persian script ("ශ්‍රී ලංකාව") but are often left out when typing; the
// resolver's key function turns them into spaces, so the form without them needs its own row.
const JOINERS = /[\u200c\u200d]/g;

async function main() {
  const depsDir = path.resolve(process.argv[2] ?? '/tmp/country-names-deps');
  const require = requirePinned(depsDir, PACKAGES);

  // The resolver's own key function and tables decide what collides and what is already known.
  const { CountryIndex, countryKey } = await importTypeScript(RESOLVER);
  const existing = new CountryIndex(
    readFileSync(path.join(REFERENCE_DIR, 'iso3166_countries.csv'), 'utf8'),
    readFileSync(path.join(REFERENCE_DIR, 'country-aliases.csv'), 'utf8'),
  );
  const codes = new Set(existing.all().map((country) => country.alpha2));

  /** @type {{ name: string, alpha2: string, language: string }[]} */
  const names = [];
  const add = (name, alpha2, language) => {
    const trimmed = name.trim();
    names.push({ name: trimmed, alpha2, language });
    const unjoined = trimmed.replace(JOINERS, '');
    if (unjoined !== trimmed) {
      names.push({ name: unjoined, alpha2, language });
    }
  };

  // i18n-iso-countries: every country in each of its languages, with its alternative names.
  const i18nDir = path.join(depsDir, 'node_modules', 'i18n-iso-countries', 'langs');
  const i18nLanguages = readdirSync(i18nDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, ''))
    .sort();
  const unknownCodes = new Set();
  for (const language of i18nLanguages) {
    const { countries } = require(path.join(i18nDir, `${language}.json`));
    for (const [alpha2, value] of Object.entries(countries)) {
      if (!codes.has(alpha2)) {
        unknownCodes.add(alpha2);
        continue;
      }
      for (const name of Array.isArray(value) ? value : [value]) {
        add(name, alpha2, language);
      }
    }
  }

  // CLDR: every country in the same languages and in every national language (中國 in Traditional Chinese),
  // which adds short and variant forms ("香港" beside "中国香港特别行政区") and, where the two datasets give one name to
  // different countries, drops it; then each country in its own languages, national or regional, for its
  // endonyms.
  const cldrDir = path.join(depsDir, 'node_modules', 'cldr-localenames-full', 'main');
  // "und" (no language) is a locale folder without territory names.
  const cldrLocales = new Set(
    readdirSync(cldrDir).filter((locale) => existsSync(path.join(cldrDir, locale, 'territories.json'))),
  );
  const territoriesOf = (locale) =>
    require(path.join(cldrDir, locale, 'territories.json')).main[locale].localeDisplayNames.territories;
  const addCldr = (locale, alpha2, language) => {
    const territories = territoriesOf(locale);
    for (const suffix of TERRITORY_ALTERNATIVES) {
      const name = territories[`${alpha2}${suffix}`];
      if (name) {
        add(name, alpha2, language);
      }
    }
  };
  const territoryInfo = require('cldr-core/supplemental/territoryInfo.json').supplemental.territoryInfo;
  const nationalLanguages = Object.values(territoryInfo).flatMap((territory) =>
    Object.entries(territory.languagePopulation ?? {})
      .filter(([, info]) => ['official', 'de_facto_official'].includes(info._officialStatus))
      .map(([tag]) => tag.replace(/_/g, '-')),
  );
  const cldrLanguages = [...new Set([...i18nLanguages, ...nationalLanguages])]
    .filter((language) => cldrLocales.has(language))
    .sort();
  for (const language of cldrLanguages) {
    for (const alpha2 of codes) {
      addCldr(language, alpha2, language);
    }
  }
  const noCldrLocale = new Set();
  let endonymCount = 0;
  for (const alpha2 of [...codes].sort()) {
    const languages = Object.entries(territoryInfo[alpha2]?.languagePopulation ?? {})
      .filter(
        ([, info]) =>
          info._officialStatus !== undefined ||
          Number(info._populationPercent) >= ENDONYM_MIN_POPULATION_PERCENT,
      )
      .map(([tag]) => tag.replace(/_/g, '-'));
    for (const language of languages) {
      // The regional locale (de-CH, zh-Hant-HK) overrides only some names of its parent; both count.
      const locales = [language, `${language}-${alpha2}`].filter((locale) => cldrLocales.has(locale));
      if (locales.length === 0) {
        noCldrLocale.add(language);
      }
      for (const locale of locales) {
        const before = names.length;
        addCldr(locale, alpha2, language);
        endonymCount += names.length - before;
      }
    }
  }

  for (const entry of [...names]) {
    const prefix = COUNTRY_WORD_PREFIXES[entry.language];
    if (prefix && !entry.name.startsWith(prefix)) {
      add(`${prefix}${entry.name}`, entry.alpha2, entry.language);
    }
  }

  // Names are grouped by the resolver's folded key. A key that points to two countries is dropped, and so is
  // one that the ISO or alias table already gives to another country; one it already gives to the same
  // country adds nothing.
  const byKey = new Map();
  let tooShort = 0;
  const codeLike = new Map();
  for (const entry of names) {
    const key = countryKey(entry.name);
    if ([...key].length < 2) {
      tooShort++;
      continue;
    }
    if (isCodeLike(entry.name, key)) {
      codeLike.set(entry.name, entry.alpha2);
      continue;
    }
    const group = byKey.get(key) ?? { key, entries: [] };
    group.entries.push(entry);
    byKey.set(key, group);
  }
  const ambiguous = [];
  const shadowed = [];
  const rows = [];
  let alreadyKnown = 0;
  for (const group of byKey.values()) {
    const countries = [...new Set(group.entries.map((entry) => entry.alpha2))].sort();
    if (countries.length > 1) {
      ambiguous.push(describe(group));
      continue;
    }
    const [alpha2] = countries;
    const known = group.entries.map((entry) => existing.resolve(entry.name)?.alpha2);
    if (known.some((code) => code !== undefined && code !== alpha2)) {
      shadowed.push(`${describe(group)} <- already ${known.find((code) => code && code !== alpha2)}`);
      continue;
    }
    if (known.every((code) => code === alpha2)) {
      alreadyKnown++;
      continue;
    }
    // One row per spelling, so that each says which languages write it so ("Algérie" fr, "Algerie" nb).
    for (const name of new Set(group.entries.map((entry) => entry.name))) {
      rows.push({
        name,
        alpha2,
        languages: languagesOf(group.entries.filter((entry) => entry.name === name)),
      });
    }
  }
  rows.sort((a, b) => byCodePoint(a.alpha2, b.alpha2) || byCodePoint(a.name, b.name));

  const csv = [
    'name,alpha2,languages',
    ...rows.map((row) => [row.name, row.alpha2, row.languages].map(csvField).join(',')),
  ]
    .join('\n')
    .concat('\n');
  writeFileSync(OUTPUT, csv);

  const countriesCovered = new Set(rows.map((row) => row.alpha2)).size;
  console.log(
    [
      `${i18nLanguages.length} i18n-iso-countries languages, ${cldrLanguages.length} CLDR languages, ` +
        `${endonymCount} CLDR endonym names`,
      `${names.length} names -> ${byKey.size} folded keys: ${tooShort} shorter than 2 characters, ` +
        `${alreadyKnown} already resolved by the ISO or alias table`,
      `dropped ${codeLike.size} plain ASCII names of at most three letters:`,
      `  ${[...codeLike]
        .map(([name, alpha2]) => `${name} (${alpha2})`)
        .sort(byCodePoint)
        .join(', ')}`,
      `dropped ${ambiguous.length} names that fold to two or more countries:`,
      ...ambiguous.sort(byCodePoint).map((line) => `  ${line}`),
      `dropped ${shadowed.length} names that the ISO or alias table gives to another country:`,
      ...shadowed.sort(byCodePoint).map((line) => `  ${line}`),
      unknownCodes.size > 0
        ? `skipped codes not in iso3166_countries.csv: ${[...unknownCodes].sort().join(' ')}`
        : '',
      noCldrLocale.size > 0
        ? `country languages without CLDR names: ${[...noCldrLocale].sort().join(' ')}`
        : '',
      `wrote ${path.relative(process.cwd(), OUTPUT)}: ${rows.length} rows for ${countriesCovered} countries ` +
        `(${Math.round(Buffer.byteLength(csv) / 1024)} kB)`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/** "Kongo: CD (de nb), CG (cs pl)": a key, the countries it points to and the languages that say so. */
function describe(group) {
  const byCountry = new Map();
  for (const entry of group.entries) {
    const languages = byCountry.get(entry.alpha2) ?? new Set();
    languages.add(entry.language);
    byCountry.set(entry.alpha2, languages);
  }
  const parts = [...byCountry]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([alpha2, languages]) => `${alpha2} (${[...languages].sort(byCodePoint).join(' ')})`);
  return `${representative(group.entries)}: ${parts.join(', ')}`;
}

/** The spelling most languages use, to name a dropped key in the report. */
function representative(entries) {
  const counts = new Map();
  for (const entry of entries) {
    counts.set(entry.name, (counts.get(entry.name) ?? 0) + 1);
  }
  return [...counts].sort(([a, countA], [b, countB]) => countB - countA || byCodePoint(a, b))[0][0];
}

function languagesOf(entries) {
  return [...new Set(entries.map((entry) => entry.language))].sort(byCodePoint).join(' ');
}

function csvField(value) {
  return /[",\n\r]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

function byCodePoint(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Imports a TypeScript module of this project by transpiling it, and the project modules it imports, to a scratch
 * folder: the generator must fold names exactly as the resolver does, and Node 20 runs no TypeScript.
 */
async function importTypeScript(file) {
  const { default: ts } = await import('typescript');
  const root = fileURLToPath(new URL('../', import.meta.url));
  const dir = mkdtempSync(path.join(tmpdir(), 'build-country-names-'));
  const scratchOf = (source) => path.join(dir, path.relative(root, source)).replace(/\.ts$/, '.js');
  const transpile = (source) => {
    if (existsSync(scratchOf(source))) {
      return;
    }
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      fileName: source,
    });
    const relativeImports = [];
    // The scratch folder has no node_modules: package imports resolve from this script's place instead.
    const text = outputText.replace(/(from\s+)'([^']*)'/g, (_, from, specifier) => {
      if (specifier.startsWith('.')) {
        relativeImports.push(specifier);
        return `${from}'${specifier}'`;
      }
      return `${from}'${import.meta.resolve(specifier)}'`;
    });
    mkdirSync(path.dirname(scratchOf(source)), { recursive: true });
    writeFileSync(scratchOf(source), text);
    for (const specifier of relativeImports) {
      transpile(path.resolve(path.dirname(source), specifier.replace(/\.js$/, '.ts')));
    }
  };
  try {
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
    transpile(file);
    return await import(pathToFileURL(scratchOf(file)).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

import { cleanText, foldCaseAndAccents, normaliseNameKey } from '../../imports/domain/normalise-text.js';

// A supplier is a site: a name at an address in a country. Two rows are the same site when their normalised
// name, address and city agree; a group's several factories share a name but not an address.

/** What identifies a site, as uploaded. */
export interface SiteIdentity {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  address?: string;
  city?: string;
  postalCode?: string;
}

/** How strongly a site key identifies a place: by its address, only by its city, or only by its country. */
export type SiteEvidence = 'address' | 'city' | 'country';

// Address words written several ways in real lists, folded to one spelling. Keys are folded, dot-free tokens.
// A Map, not an object literal: an address word such as "constructor" must not find an inherited property.
const ADDRESS_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    rd: 'road',
    st: 'street',
    str: 'street',
    strasse: 'street',
    ave: 'avenue',
    av: 'avenue',
    avda: 'avenue',
    blvd: 'boulevard',
    hwy: 'highway',
    ln: 'lane',
    dr: 'drive',
    ct: 'court',
    pl: 'place',
    sq: 'square',
    bldg: 'building',
    blk: 'block',
    fl: 'floor',
    flr: 'floor',
    rm: 'room',
    // "No. 5" and "5" are the same number.
    no: '',
    nr: '',
    number: '',
    dist: 'district',
    ind: 'industrial',
    indl: 'industrial',
    ie: 'industrial estate',
    epz: 'export processing zone',
    sez: 'special economic zone',
    twp: 'township',
    vill: 'village',
    prov: 'province',
    jl: 'jalan',
    jln: 'jalan',
    mah: 'mahallesi',
    mh: 'mahallesi',
    cad: 'caddesi',
    cd: 'caddesi',
    sok: 'sokak',
    sk: 'sokak',
    osb: 'organize sanayi bolgesi',
    iz: 'industrial zone',
    ip: 'industrial park',
    edz: 'economic development zone',
    extn: 'extension',
    carr: 'carretera',
    col: 'colonia',
    '2nd': '2',
    ii: '2',
  }),
);

// Dotted initials are one word ("S.F. No. 245" = "SF 245"); "n.º" and "nº" say "number" in Portuguese and Spanish.
const DOTTED_INITIALS = /(?<![\p{L}\p{N}])((?:\p{L}\.){2,})/gu;
const NUMERO = /(?<![\p{L}\p{N}])n\.?\s?[º°]/giu;

/** Folded address tokens: case, accents, punctuation and common abbreviations ("Rd." = "Road") ignored. */
export function addressTokens(address: string | undefined): string[] {
  if (!address) {
    return [];
  }
  return foldCaseAndAccents(
    cleanText(address)
      .replace(NUMERO, ' ')
      .replace(DOTTED_INITIALS, (initials) => initials.replace(/\./g, '')),
  )
    .replace(/\./g, ' ')
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '')
    .flatMap((token) => (ADDRESS_WORDS.get(token) ?? token).split(' '))
    .filter((token) => token !== '');
}

export function addressKey(address: string | undefined): string {
  return addressTokens(address).join(' ');
}

function placeKey(text: string | undefined): string {
  return text ? addressKey(text) : '';
}

/** The evidence a site's identity rests on: an address, else a city, else only the country. */
export function siteEvidence(site: SiteIdentity): SiteEvidence {
  if (addressKey(site.address) !== '') {
    return 'address';
  }
  return placeKey(site.city) !== '' ? 'city' : 'country';
}

/**
 * The exact key of a site within its country: normalised name, address and city (the postal code when there is
 * no city). Two rows of one file with the same key describe the same site; different keys are different sites
 * until a fuzzy match or an officer says otherwise.
 */
export function siteKey(site: SiteIdentity): string {
  return siteKeyWith(normaliseNameKey(site.name), site);
}

function siteKeyWith(nameKey: string, site: SiteIdentity): string {
  const city = placeKey(site.city) || placeKey(site.postalCode);
  return `${nameKey}|${addressKey(site.address)}|${city}`;
}

/** Both keys of an uploaded row, the name normalised once. */
export function rowKeys(site: SiteIdentity): { siteKey: string; nameMatchKey: string } {
  const nameKey = normaliseNameKey(site.name);
  return { siteKey: siteKeyWith(nameKey, site), nameMatchKey: matchKeyOf(nameKey) };
}

/**
 * The key that finds the candidate sites of a row by name within a country: the normalised name with plurals
 * folded and spaces removed, so "Sun Kyoung Garment" meets "SUNKYOUNG GARMENTS" and "Meghna Sweaters" meets
 * "Meghna Sweater". Only a candidate: the similarity of name and address decides (site-match.ts).
 */
export function nameMatchKey(name: string): string {
  return matchKeyOf(normaliseNameKey(name));
}

function matchKeyOf(nameKey: string): string {
  return nameKey
    .split(' ')
    .map((token) =>
      token.length > 3 && token.endsWith('s') && !token.endsWith('ss') ? token.slice(0, -1) : token,
    )
    .join('');
}

import { normaliseNameKey } from '../../imports/domain/normalise-text.js';
import { addressTokens } from './site-key.js';

// Fuzzy matching of a row to the stored sites of its country, after Open Supply Hub's facility matcher: name and
// address cleaned and compared by similarity, an automatic-match threshold, and a lower "potential match" threshold
// for an officer to review; below it the row is a new site. Where OSH trains a model, the weights here are fixed
// and the thresholds measured on a hand-labelled set (fixtures/site-pairs, docs/site-matching.md).
//
//   nameScore     tokens of the two names found in each other: equal, joined ("Xin Long" = "Xinlong"), a trade
//                 word abbreviated ("Ind." = "Industry") or within a Levenshtein ratio of 0.75 (partly). Legal
//                 words are ignored and trade words ("Garments", "Textile") weigh half. The mean of the two-sided
//                 overlap (Dice) and the better-covered side, as one list often adds a word to a name.
//   addressScore  mean of the Jaccard and the containment of the addresses' word trigrams (as pg_trgm takes them),
//                 so an address that adds district, city and postal code still scores high.
//   score         both addresses: nameScore × (1 − ADDRESS_WEIGHT + ADDRESS_WEIGHT × addressScore); otherwise
//                 nameScore × CITY_FACTOR when the cities agree, × COUNTRY_FACTOR when one is unknown.
//   conflict      different house, plot or lot numbers; different numbers in the names ("Factory 1", "Factory 2");
//                 different cities or postal codes; names that each have a word the other lacks ("Sonar Bangla
//                 Knitwears", "Sonar Bangla Washing"). The score is multiplied by CONFLICT_FACTOR (and by
//                 COUNTRY_FACTOR too without both addresses) and the pair is never matched automatically.
//
// Only two addresses without a conflict can match automatically: a name alone gives at most a potential match.

export interface SiteCandidate {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  address?: string;
  city?: string;
  postalCode?: string;
}

/** What keeps a pair from an automatic match whatever its score. */
export type SiteConflict = 'country' | 'number' | 'place' | 'name';

export interface SiteSimilarity {
  /** 0..1. */
  score: number;
  nameScore: number;
  /** Null when either side has no address. */
  addressScore: number | null;
  /** What the match rests on: both addresses, the city, or only the country. */
  evidence: 'address' | 'city' | 'country';
  conflict: SiteConflict | null;
}

export interface MatchThresholds {
  automatic: number;
  potential: number;
}

// Chosen on the odd-numbered (tuning) pairs by the rule in docs/site-matching.md; the spec re-derives them.
export const MATCH_THRESHOLDS: Readonly<MatchThresholds> = { automatic: 0.75, potential: 0.65 };

export type MatchDecision = 'automatic' | 'potential' | 'new';

const ADDRESS_WEIGHT = 0.5;
const CITY_FACTOR = 0.9;
const COUNTRY_FACTOR = 0.8;
const CONFLICT_FACTOR = 0.8;
const TRADE_WORD_WEIGHT = 0.5;
const MIN_TOKEN_RATIO = 0.75;
const MIN_CITY_RATIO = 0.8;

// Legal and filler words anywhere in a name: normaliseNameKey strips legal forms only at the ends, and lists
// write "Hirdaramani Apparel (Pvt) Ltd - Agalawatta" or "Joint Stock Company" in full.
const IGNORED_NAME_WORDS = new Set(
  (
    'ltd limited pvt private p co company corp corporation inc jsc joint stock tbk pt cv lda ltda sa spa srl snc ' +
    'llc plc gmbh sdn bhd pte as anonim sirketi sti san sanayi tic ticaret ve the of and de del di do da dos das ' +
    'y e et'
  ).split(' '),
);

// Words that say what a factory makes rather than whose it is: they agree across most pairs of one sector.
const TRADE_WORDS = new Set(
  (
    'garment apparel textile textil tekstil textei knit knitting knitwear fashion clothing export industry ' +
    'industrie industrial ind mill spinning weaving dyeing printing washing fabric denim sweater footwear shoe ' +
    'leather manufacturing group international intl factory work trading enterprise hosiery composite towel ' +
    'confeccione confeccoe konfeksiyon dokuma orme calzado calcado malha tejido maglificio tessitura filatura ' +
    'lanificio conceria calzaturificio vina vietnam cambodia bangladesh china india pakistan indonesia mexico'
  ).split(' '),
);

// Words that qualify a place name rather than name it: "Ningbo City" is Ningbo, "Kab. Bekasi" is Bekasi.
const PLACE_QUALIFIERS = new Set(
  'city town district province state county prefecture regency kab kabupaten kota municipality sadar'.split(
    ' ',
  ),
);

interface NameToken {
  text: string;
  weight: number;
}

/** A site's comparable forms, computed once: pass it instead of the site when comparing one site many times. */
export interface PreparedSite {
  readonly country: string;
  readonly nameTokens: readonly NameToken[];
  readonly nameWeight: number;
  readonly nameNumbers: ReadonlySet<string>;
  readonly hasAddress: boolean;
  readonly addressTrigrams: ReadonlySet<number>;
  /** Address and city words, to find the other side's city in them. */
  readonly placeWords: ReadonlySet<string>;
  readonly houseNumbers: ReadonlySet<string>;
  readonly postcodes: ReadonlySet<string>;
  /** City words without qualifiers ("Ningbo City" is Ningbo). */
  readonly city: readonly string[];
  /** Initials of every city word, so that "HCMC" meets "Ho Chi Minh City". */
  readonly cityInitials: string;
  readonly postalCode: string;
}

function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

function digitRuns(tokens: readonly string[]): string[] {
  return tokens.flatMap((token) => token.match(/\d+/g) ?? []).map((run) => run.replace(/^0+(?=\d)/, ''));
}

// Word trigrams as pg_trgm takes them (two spaces before a word, one after), each packed into one number: three
// UTF-16 code units fit exactly in a double, and numbers spare the garbage collector a string per trigram.
function trigrams(words: readonly string[]): Set<number> {
  const result = new Set<number>();
  for (const word of words) {
    let first = 32;
    let second = 32;
    for (let i = 0; i <= word.length; i += 1) {
      const third = i < word.length ? word.charCodeAt(i) : 32;
      result.add((first * 65536 + second) * 65536 + third);
      first = second;
      second = third;
    }
  }
  return result;
}

export function prepareSite(site: SiteCandidate): PreparedSite {
  const words = normaliseNameKey(site.name).split(' ');
  const nameTokens = words
    .filter((word) => word !== '' && !IGNORED_NAME_WORDS.has(word) && !/\d/.test(word))
    .map((word) => stem(word))
    .map((text) => ({ text, weight: TRADE_WORDS.has(text) ? TRADE_WORD_WEIGHT : 1 }));
  const address = addressTokens(site.address);
  const numbers = digitRuns(address);
  const cityWords = addressTokens(site.city);
  const city = cityWords.filter((word) => !PLACE_QUALIFIERS.has(word));
  return {
    country: site.country.trim().toUpperCase(),
    nameTokens,
    nameWeight: nameTokens.reduce((sum, token) => sum + token.weight, 0),
    nameNumbers: new Set(digitRuns(words)),
    hasAddress: address.length > 0,
    addressTrigrams: trigrams(address),
    placeWords: new Set([...address, ...city]),
    // Five digits and more are postal codes, compared on their own: one list adds them, the other does not.
    houseNumbers: new Set(numbers.filter((run) => run.length < 5)),
    postcodes: new Set(numbers.filter((run) => run.length >= 5)),
    city,
    cityInitials: cityWords.map((word) => word[0]).join(''),
    postalCode: (site.postalCode ?? '').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase(),
  };
}

function isPrepared(site: SiteCandidate | PreparedSite): site is PreparedSite {
  return 'nameTokens' in site;
}

function asPrepared(site: SiteCandidate | PreparedSite): PreparedSite {
  return isPrepared(site) ? site : prepareSite(site);
}

const distances = new Int32Array(64);

/** 1 − edit distance / longer length, or 0 when below `min`. */
function levenshteinRatio(a: string, b: string, min: number): number {
  if (a === b) {
    return 1;
  }
  const longest = Math.max(a.length, b.length);
  if (longest >= distances.length || Math.abs(a.length - b.length) > longest * (1 - min)) {
    return 0;
  }
  for (let j = 0; j <= b.length; j += 1) {
    distances[j] = j;
  }
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = distances[0];
    distances[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = distances[j];
      distances[j] = Math.min(above + 1, distances[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  const ratio = 1 - distances[b.length] / longest;
  return ratio >= min ? ratio : 0;
}

// How well one token is found among the other name's tokens: alone or joined with a neighbour on either side
// ("Xin Long" = "Xinlong"), as an abbreviation of a trade word ("Ind." = "Industry"), or spelt slightly apart.
function tokenMatch(tokens: readonly NameToken[], i: number, other: readonly NameToken[]): number {
  const text = tokens[i].text;
  const before = i > 0 ? tokens[i - 1].text + text : undefined;
  const after = i + 1 < tokens.length ? text + tokens[i + 1].text : undefined;
  let best = 0;
  for (let j = 0; j < other.length; j += 1) {
    const candidate = other[j].text;
    const joined = j + 1 < other.length ? candidate + other[j + 1].text : undefined;
    if (text === candidate || text === joined || before === candidate || after === candidate) {
      return 1;
    }
    if (isAbbreviation(text, candidate) || isAbbreviation(candidate, text)) {
      return 1;
    }
    if (text.length >= 4) {
      best = Math.max(best, levenshteinRatio(text, candidate, MIN_TOKEN_RATIO));
    }
  }
  return best;
}

function isAbbreviation(short: string, long: string): boolean {
  return short.length >= 3 && short.length < long.length && TRADE_WORDS.has(long) && long.startsWith(short);
}

interface NameMatch {
  /** Weight of the tokens found in the other name, partial matches in part. */
  found: number;
  /** Whether a token is missing from the other name altogether. */
  missing: boolean;
}

function matchName(tokens: readonly NameToken[], other: readonly NameToken[]): NameMatch {
  let found = 0;
  let missing = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const match = tokenMatch(tokens, i, other);
    found += tokens[i].weight * match;
    missing ||= match === 0;
  }
  return { found, missing };
}

function nameSimilarity(a: PreparedSite, b: PreparedSite): { score: number; substituted: boolean } {
  if (a.nameWeight === 0 || b.nameWeight === 0) {
    return { score: 0, substituted: false };
  }
  const inA = matchName(a.nameTokens, b.nameTokens);
  const inB = matchName(b.nameTokens, a.nameTokens);
  const dice = (inA.found + inB.found) / (a.nameWeight + b.nameWeight);
  const coverage = Math.max(inA.found / a.nameWeight, inB.found / b.nameWeight);
  // One list adds a word to a name ("Aksu Huafu Cotton Spinning"); two names that each have a word the other
  // lacks ("Sonar Bangla Knitwears", "Sonar Bangla Washing") are two companies, often of one group.
  return { score: Math.min(1, (dice + coverage) / 2), substituted: inA.missing && inB.missing };
}

function addressSimilarity(a: PreparedSite, b: PreparedSite): number {
  const [small, large] =
    a.addressTrigrams.size <= b.addressTrigrams.size
      ? [a.addressTrigrams, b.addressTrigrams]
      : [b.addressTrigrams, a.addressTrigrams];
  let shared = 0;
  for (const trigram of small) {
    if (large.has(trigram)) {
      shared += 1;
    }
  }
  const jaccard = shared / (small.size + large.size - shared);
  const containment = shared / small.size;
  return (jaccard + containment) / 2;
}

function isSubset(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const value of a) {
    if (!b.has(value)) {
      return false;
    }
  }
  return true;
}

// "No. 18" and "No. 16-18" may be one site (one list gives the range); "No. 18" and "No. 20" are two.
function numbersConflict(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size > 0 && b.size > 0 && !isSubset(a, b) && !isSubset(b, a);
}

function citiesAgree(a: PreparedSite, b: PreparedSite): boolean {
  const joinedA = a.city.join('');
  const joinedB = b.city.join('');
  return (
    joinedA === joinedB ||
    isSubset(new Set(a.city), new Set(b.city)) ||
    isSubset(new Set(b.city), new Set(a.city)) ||
    levenshteinRatio(joinedA, joinedB, MIN_CITY_RATIO) > 0 ||
    (a.city.length === 1 && joinedA === b.cityInitials) ||
    (b.city.length === 1 && joinedB === a.cityInitials)
  );
}

// Most of a city's words among the other site's address words: a district given as the city ("Savar" for a
// site in Dhaka EPZ, Savar), or the city written only in the address.
function cityInPlace(city: readonly string[], place: ReadonlySet<string>): boolean {
  const found = city.filter((word) => place.has(word)).length;
  return found > 0 && found * 3 >= city.length * 2;
}

type Agreement = 'same' | 'different' | 'unknown';

function placeAgreement(a: PreparedSite, b: PreparedSite): Agreement {
  if (a.postalCode !== '' && b.postalCode !== '') {
    if (a.postalCode !== b.postalCode) {
      return 'different';
    }
    if (a.city.length === 0 || b.city.length === 0) {
      return 'same';
    }
  }
  if (numbersConflict(a.postcodes, b.postcodes)) {
    return 'different';
  }
  if (a.city.length === 0 || b.city.length === 0) {
    return 'unknown';
  }
  if (citiesAgree(a, b) || cityInPlace(a.city, b.placeWords) || cityInPlace(b.city, a.placeWords)) {
    return 'same';
  }
  return 'different';
}

function placeConflict(place: Agreement, namesConflict: boolean, substituted: boolean): SiteConflict | null {
  if (namesConflict) {
    return 'number';
  }
  if (place === 'different') {
    return 'place';
  }
  return substituted ? 'name' : null;
}

function addressConflict(
  a: PreparedSite,
  b: PreparedSite,
  place: Agreement,
  namesConflict: boolean,
  substituted: boolean,
): SiteConflict | null {
  return numbersConflict(a.houseNumbers, b.houseNumbers)
    ? 'number'
    : placeConflict(place, namesConflict, substituted);
}

/** How likely two rows describe one site; see the formula at the top of this file. */
export function siteSimilarity(
  a: SiteCandidate | PreparedSite,
  b: SiteCandidate | PreparedSite,
): SiteSimilarity {
  const left = asPrepared(a);
  const right = asPrepared(b);
  const name = nameSimilarity(left, right);
  const nameScore = name.score;
  if (left.country !== right.country) {
    return { score: 0, nameScore, addressScore: null, evidence: 'country', conflict: 'country' };
  }
  const place = placeAgreement(left, right);
  const namesConflict = numbersConflict(left.nameNumbers, right.nameNumbers);
  if (left.hasAddress && right.hasAddress) {
    const addressScore = addressSimilarity(left, right);
    const conflict = addressConflict(left, right, place, namesConflict, name.substituted);
    const score = nameScore * (1 - ADDRESS_WEIGHT + ADDRESS_WEIGHT * addressScore);
    return {
      score: conflict ? score * CONFLICT_FACTOR : score,
      nameScore,
      addressScore,
      evidence: 'address',
      conflict,
    };
  }
  const conflict = placeConflict(place, namesConflict, name.substituted);
  const evidence = place === 'same' ? 'city' : 'country';
  const factor = conflict
    ? CONFLICT_FACTOR * COUNTRY_FACTOR
    : place === 'same'
      ? CITY_FACTOR
      : COUNTRY_FACTOR;
  return { score: nameScore * factor, nameScore, addressScore: null, evidence, conflict };
}

export function classifyMatch(
  similarity: SiteSimilarity,
  thresholds: Readonly<MatchThresholds> = MATCH_THRESHOLDS,
): MatchDecision {
  if (similarity.conflict === 'country') {
    return 'new';
  }
  if (
    similarity.score >= thresholds.automatic &&
    similarity.evidence === 'address' &&
    similarity.conflict === null
  ) {
    return 'automatic';
  }
  return similarity.score >= thresholds.potential ? 'potential' : 'new';
}

/**
 * Best candidates for one row among candidate sites of the same country: sorted by score, with the decision.
 * When several candidates would match automatically, none does: they all go to review. `prepared` gives a
 * candidate's prepared form when the caller keeps them (a site is a candidate for many rows of an import).
 */
export function rankCandidates<T extends SiteCandidate>(
  row: SiteCandidate | PreparedSite,
  candidates: readonly T[],
  prepared: (candidate: T) => PreparedSite = prepareSite,
): Array<{ candidate: T; similarity: SiteSimilarity; decision: MatchDecision }> {
  const site = isPrepared(row) ? row : prepareSite(row);
  const ranked = candidates
    .map((candidate, index) => {
      const similarity = siteSimilarity(site, prepared(candidate));
      return { candidate, similarity, decision: classifyMatch(similarity), index };
    })
    .sort((x, y) => y.similarity.score - x.similarity.score || x.index - y.index);
  const automatic = ranked.filter((entry) => entry.decision === 'automatic').length;
  return ranked.map(({ candidate, similarity, decision }) => ({
    candidate,
    similarity,
    decision: automatic > 1 && decision === 'automatic' ? 'potential' : decision,
  }));
}

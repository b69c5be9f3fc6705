import { GAZETTEER, type GazetteerCountry } from './gazetteer/gazetteer-data.js';
import type { InferredValue } from '../../suppliers/domain/field-sources.js';
import { cleanText, foldCaseAndAccents } from './normalise-text.js';

// Infers the province / state of a supplier site from its coordinates, city or address, so that a site whose
// address names Xinjiang is not charged as "unknown region". Place names come from the generated gazetteer
// (gazetteer/SOURCES.md); region names are the Unicode CLDR English names, codes are ISO 3166-2.

export interface RegionInput {
  /** ISO 3166-1 alpha-2. */
  country: string;
  address?: string;
  city?: string;
  postalCode?: string;
  latitude?: number;
  longitude?: number;
}

export interface InferredRegion {
  /** CLDR English name of the region: "Xinjiang", "Tamil Nadu", "Dhaka Division", "Bình Dương". */
  region: string;
  /** ISO 3166-2 code, e.g. "CN-XJ". */
  code?: string;
  from: 'coordinates' | 'city' | 'address';
  /** The text (or "lat, lng") it was inferred from, for the evidence shown to auditors. */
  matched: string;
}

export const REGION_INFERENCE_COUNTRIES: readonly string[] = Object.freeze(Object.keys(GAZETTEER));

/**
 * The first-level region of a site in a covered country: coordinates first (nearest known place), then the city
 * field, then the address. Undefined when nothing is found or the evidence is ambiguous: never a guess.
 */
export function inferRegion(input: RegionInput): InferredRegion | undefined {
  const index = INDEXES.get(input.country.trim().toUpperCase());
  if (!index) {
    return undefined;
  }
  const fromPoint = regionAtPoint(index, input.latitude, input.longitude);
  if (fromPoint !== undefined) {
    const region = index.regions[fromPoint];
    return {
      region: region.name,
      code: region.code,
      from: 'coordinates',
      matched: `${input.latitude}, ${input.longitude}`,
    };
  }
  const city = resolveText(index, input.city);
  if (city.decided) {
    return result(index, city.decided, 'city');
  }
  // An ambiguous city ("Suzhou") narrows what the address may decide ("Kunshan" -> Jiangsu).
  const address = resolveText(index, input.address, city.candidates);
  return address.decided ? result(index, address.decided, 'address') : undefined;
}

// Kinds of names: A first-level region, P prefecture-level (Chinese 地级, Bangladeshi district), C county-level,
// M major city (capital, or 100,000 people and more), T town.
type Kind = 'A' | 'P' | 'C' | 'M' | 'T';
type Level = 'A' | 'P' | 'C' | 'district' | 'city';

interface Entry {
  region: number;
  kind: Kind;
  /** A Chinese name with its suffix (广东省, 和田地区): never a street, and for a region it names the level. */
  full: boolean;
}

interface Point {
  lat: number;
  lng: number;
  region: number;
}

interface CountryIndex {
  regions: { code: string; name: string }[];
  latin: Map<string, Entry[]>;
  maxLatinTokens: number;
  han: Map<string, Entry[]>;
  /** Lengths of the Chinese names, longest first, for forward maximum matching. */
  hanLengths: number[];
  /** Points by 1-degree cell. */
  grid: Map<number, Point[]>;
}

const HAN = /\p{Script=Han}/u;
// A run of Chinese characters, or a word in any other script (apostrophes inside: Xi'an, Cox's).
const TOKEN =
  /\p{Script=Han}+|(?:[^\P{L}\p{Script=Han}]|[\p{M}\p{N}])+(?:['’ʼ](?:[^\P{L}\p{Script=Han}]|[\p{M}\p{N}])+)*/gu;
// A name never runs across these: "Yen, Bai" is not Yên Bái.
const HARD_SEPARATOR = /[,;:|/\\()[\]{}<>，；：、。（）]/;
const APOSTROPHES = /['’ʼ]/g;

function foldToken(token: string): string {
  return foldCaseAndAccents(token).replace(APOSTROPHES, '');
}

function foldName(name: string): string {
  return (name.match(TOKEN) ?? []).map(foldToken).join(' ');
}

function buildIndex(data: GazetteerCountry): CountryIndex {
  const index: CountryIndex = {
    regions: [],
    latin: new Map(),
    maxLatinTokens: 1,
    han: new Map(),
    hanLengths: [],
    grid: new Map(),
  };
  const add = (name: string, entry: Omit<Entry, 'full'>): void => {
    if (HAN.test(name)) {
      const [core, suffix] = name.split('*');
      if (suffix !== undefined) {
        addEntry(index.han, core, { ...entry, full: false });
      }
      addEntry(index.han, core + (suffix ?? ''), { ...entry, full: true });
      return;
    }
    const folded = foldName(name);
    if (folded === '') {
      return;
    }
    addEntry(index.latin, folded, { ...entry, full: false });
    if (folded.includes(' ')) {
      // Pinyin and Vietnamese are written with and without spaces: "Wulumuqi", "Wu Lu Mu Qi".
      addEntry(index.latin, folded.replace(/ /g, ''), { ...entry, full: false });
    }
  };
  data.regions.forEach((line, region) => {
    const [code, name, ...names] = line.split('|');
    index.regions.push({ code, name });
    names.forEach((alias) => add(alias, { region, kind: 'A' }));
  });
  for (const line of data.places) {
    const [region, kind, names] = splitPlaceLine(line);
    names.split('|').forEach((name) => add(name, { region: Number(region), kind: kind as Kind }));
  }
  for (const line of data.points) {
    const [region, ...coordinates] = line.split(' ');
    for (const pair of coordinates) {
      const [lat, lng] = pair.split(',').map((value) => Number(value) / 100);
      const cell = cellKey(Math.floor(lat), Math.floor(lng));
      const points = index.grid.get(cell) ?? [];
      points.push({ lat, lng, region: Number(region) });
      index.grid.set(cell, points);
    }
  }
  index.maxLatinTokens = Math.max(...[...index.latin.keys()].map((key) => key.split(' ').length));
  index.hanLengths = [...new Set([...index.han.keys()].map((key) => key.length))].sort((a, b) => b - a);
  return index;
}

function splitPlaceLine(line: string): [string, string, string] {
  const first = line.indexOf(' ');
  const second = line.indexOf(' ', first + 1);
  return [line.slice(0, first), line.slice(first + 1, second), line.slice(second + 1)];
}

function addEntry(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const entries = map.get(key) ?? [];
  const duplicate = entries.some(
    (other) => other.region === entry.region && other.kind === entry.kind && other.full === entry.full,
  );
  if (!duplicate) {
    entries.push(entry);
    map.set(key, entries);
  }
}

const INDEXES = new Map(Object.entries(GAZETTEER).map(([country, data]) => [country, buildIndex(data)]));

// --- Coordinates -------------------------------------------------------------------------------------------
// Nearest neighbour over GeoNames populated places (the data has no boundaries): the site is taken to be in
// the region of the nearest known place within MAX_DISTANCE_KM. Near a border the nearest place can be across
// it, so when a place of another region is almost as near, the coordinates decide nothing and the text is read.

const MAX_DISTANCE_KM = 50;
const BORDER_MARGIN_KM = 2;
const BORDER_MARGIN_RATIO = 0.25;
const KM_PER_DEGREE = 111.2;

function cellKey(latCell: number, lngCell: number): number {
  return (latCell + 90) * 400 + (lngCell + 180);
}

function regionAtPoint(index: CountryIndex, latitude?: number, longitude?: number): number | undefined {
  if (!isCoordinate(latitude, 90) || !isCoordinate(longitude, 180) || (latitude === 0 && longitude === 0)) {
    return undefined;
  }
  const cosLat = Math.max(Math.cos((latitude * Math.PI) / 180), 0.01);
  const lngCells = Math.ceil(MAX_DISTANCE_KM / (KM_PER_DEGREE * cosLat));
  const nearest = new Map<number, number>();
  const latCell = Math.floor(latitude);
  const lngCell = Math.floor(longitude);
  for (let dLat = -1; dLat <= 1; dLat++) {
    for (let dLng = -lngCells; dLng <= lngCells; dLng++) {
      for (const point of index.grid.get(cellKey(latCell + dLat, lngCell + dLng)) ?? []) {
        const x = (point.lng - longitude) * cosLat;
        const y = point.lat - latitude;
        const distance = Math.sqrt(x * x + y * y) * KM_PER_DEGREE;
        if (distance <= MAX_DISTANCE_KM && distance < (nearest.get(point.region) ?? Infinity)) {
          nearest.set(point.region, distance);
        }
      }
    }
  }
  const ranked = [...nearest].sort((a, b) => a[1] - b[1]);
  if (ranked.length === 0) {
    return undefined;
  }
  const [[region, best], runnerUp] = ranked;
  const margin = Math.max(BORDER_MARGIN_KM, BORDER_MARGIN_RATIO * best);
  return runnerUp && runnerUp[1] - best < margin ? undefined : region;
}

function isCoordinate(value: number | undefined, limit: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit;
}

// --- Text ----------------------------------------------------------------------------------------------------

interface Evidence {
  regions: number[];
  /**
   * 4 a region named with its level ("Guangdong Province", 广东省), 3 a region, 2 a prefecture-level or major
   * city, 1 a county or town.
   */
  rank: number;
  text: string;
}

interface Resolution {
  decided?: { region: number; text: string };
  /** Regions still possible when nothing was decided (empty: no evidence at all). */
  candidates: number[];
}

// Level words after a name, folded. "Autonomous ..." may follow an ethnic word: "Xinjiang Uyghur Autonomous
// Region".
const DESIGNATORS: readonly (readonly [string, Level])[] = [
  ['autonomous region', 'A'],
  ['zizhiqu', 'A'],
  ['special administrative region', 'A'],
  ['province', 'A'],
  ['prov', 'A'],
  ['sheng', 'A'],
  ['municipality', 'A'],
  ['state', 'A'],
  ['division', 'A'],
  ['union territory', 'A'],
  ['capital territory', 'A'],
  ['territory', 'A'],
  ['autonomous prefecture', 'P'],
  ['zizhizhou', 'P'],
  ['prefecture', 'P'],
  ['diqu', 'P'],
  ['zhou', 'P'],
  ['league', 'P'],
  ['meng', 'P'],
  ['autonomous county', 'C'],
  ['autonomous banner', 'C'],
  ['zizhixian', 'C'],
  ['zizhiqi', 'C'],
  ['county', 'C'],
  ['xian', 'C'],
  ['banner', 'C'],
  ['new area', 'C'],
  ['xinqu', 'C'],
  ['district', 'district'],
  ['qu', 'C'],
  ['city', 'city'],
  ['shi', 'city'],
];
const DESIGNATOR_WORDS = DESIGNATORS.map(([words, level]) => ({ words: words.split(' '), level }));
const MAX_ETHNIC_WORDS = 2;

// A name followed by one of these, perhaps with a direction between, is a street: "Xinjiang Road", "Urumqi N Rd".
// prettier-ignore
const STREET_WORDS = new Set([
  'road', 'rd', 'street', 'st', 'str', 'lu', 'avenue', 'ave', 'av', 'lane', 'ln', 'jie', 'dajie', 'dadao', 'dao',
  'boulevard', 'blvd', 'highway', 'hwy', 'expressway', 'alley', 'hutong', 'marg', 'sarani', 'sadak', 'sarak',
]);
// prettier-ignore
const DIRECTION_WORDS = new Set([
  'north', 'south', 'east', 'west', 'middle', 'central', 'n', 's', 'e', 'w', 'bei', 'nan', 'dong', 'xi', 'zhong',
  'first', 'second', 'third', '1st', '2nd', '3rd', 'upper', 'lower', 'ring',
]);
// Vietnamese puts the street word first: "Đường Bình Dương" is a street, "Tỉnh Bình Dương" the province.
const STREET_BEFORE = new Set(['duong', 'pho', 'hem', 'ngo']);
const REGION_BEFORE = new Set(['tinh']);
// 新疆路, 北京南路, 乌鲁木齐中路: a Chinese name followed by a street word.
const HAN_STREET = /^[东西南北中]?[一二三四五六七八九十]*(?:大道|大街|路|街|道|巷|弄|胡同)/u;

interface Token {
  text: string;
  folded: string;
  start: number;
  end: number;
  /** A separator that a name does not run across stands before this token. */
  hardBefore: boolean;
  han: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const han = HAN.test(match[0]);
    tokens.push({
      text: match[0],
      folded: han ? match[0] : foldToken(match[0]),
      start,
      end: start + match[0].length,
      hardBefore: HARD_SEPARATOR.test(text.slice(previousEnd, start)),
      han,
    });
    previousEnd = start + match[0].length;
  }
  return tokens;
}

function resolveText(index: CountryIndex, value: string | undefined, prior: number[] = []): Resolution {
  const text = value === undefined ? '' : cleanText(value);
  if (text === '') {
    return { candidates: prior };
  }
  const evidence = collectEvidence(index, text);
  return resolve(evidence, prior);
}

function collectEvidence(index: CountryIndex, text: string): Evidence[] {
  const tokens = tokenize(text);
  const evidence: Evidence[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token.han) {
      evidence.push(...hanEvidence(index, token));
      i += 1;
      continue;
    }
    let found: { end: number; entries: Entry[] } | undefined;
    let key = '';
    for (let j = i; j < tokens.length && j - i < index.maxLatinTokens; j++) {
      if (j > i && (tokens[j].hardBefore || tokens[j].han)) {
        break;
      }
      key = j === i ? tokens[j].folded : `${key} ${tokens[j].folded}`;
      const entries = index.latin.get(key);
      if (entries) {
        found = { end: j + 1, entries };
      }
    }
    if (!found) {
      i += 1;
      continue;
    }
    const designator = readDesignator(tokens, found.end);
    const before = wordBefore(tokens, i);
    const end = found.end + (designator?.length ?? 0);
    if (!designator && isLatinStreet(tokens, found.end, before, wordBefore(tokens, i - 1))) {
      i = found.end;
      continue;
    }
    const level: Level | undefined = REGION_BEFORE.has(before) ? 'A' : designator?.level;
    const item = toEvidence(found.entries, level, text.slice(token.start, tokens[end - 1].end));
    if (item) {
      evidence.push(item);
    }
    i = end;
  }
  return evidence;
}

function readDesignator(tokens: Token[], start: number): { level: Level; length: number } | undefined {
  for (let skip = 0; skip <= MAX_ETHNIC_WORDS; skip++) {
    for (const { words, level } of DESIGNATOR_WORDS) {
      // Only "autonomous ..." forms may have an ethnic word before them.
      if (skip > 0 && !(words[0] === 'autonomous' || words[0].startsWith('zizhi'))) {
        continue;
      }
      const slice = tokens.slice(start, start + skip + words.length);
      if (
        slice.length === skip + words.length &&
        slice.every((token) => !token.hardBefore && !token.han) &&
        words.every((word, k) => slice[skip + k].folded === word)
      ) {
        return { level, length: skip + words.length };
      }
    }
  }
  return undefined;
}

/** The word just before token `i` when nothing separates them, else ''. */
function wordBefore(tokens: Token[], i: number): string {
  return i > 0 && !tokens[i].hardBefore && !tokens[i - 1].han ? tokens[i - 1].folded : '';
}

function isLatinStreet(tokens: Token[], end: number, before: string, beforeThat: string): boolean {
  // "Thành phố" is "city", not the street word "phố".
  if (STREET_BEFORE.has(before) && !(before === 'pho' && beforeThat === 'thanh')) {
    return true;
  }
  for (let k = end; k < tokens.length && k <= end + 2; k++) {
    if (tokens[k].hardBefore || tokens[k].han) {
      return false;
    }
    if (STREET_WORDS.has(tokens[k].folded)) {
      return true;
    }
    if (!DIRECTION_WORDS.has(tokens[k].folded)) {
      return false;
    }
  }
  return false;
}

/** Forward maximum matching over a run of Chinese characters: 江西南昌 is 江西 + 南昌, not 西南. */
function hanEvidence(index: CountryIndex, token: Token): Evidence[] {
  const run = token.text;
  const evidence: Evidence[] = [];
  let i = 0;
  while (i < run.length) {
    let matched = 0;
    let entries: Entry[] | undefined;
    for (const length of index.hanLengths) {
      if (i + length <= run.length) {
        entries = index.han.get(run.slice(i, i + length));
        if (entries) {
          matched = length;
          break;
        }
      }
    }
    if (!entries) {
      i += 1;
      continue;
    }
    const full = entries.some((entry) => entry.full);
    if (full || !HAN_STREET.test(run.slice(i + matched))) {
      const explicit = entries.some((entry) => entry.kind === 'A' && entry.full);
      const item = toEvidence(entries, explicit ? 'A' : undefined, run.slice(i, i + matched));
      if (item) {
        evidence.push(item);
      }
    }
    i += matched;
  }
  return evidence;
}

const KIND_RANK: Record<Kind, number> = { A: 3, P: 2, M: 2, C: 1, T: 1 };

function toEvidence(entries: Entry[], level: Level | undefined, text: string): Evidence | undefined {
  let chosen = entries;
  let explicit = false;
  if (level && level !== 'city') {
    const kinds: readonly Kind[] = level === 'district' ? ['C', 'P'] : [level];
    const filtered = entries.filter((entry) => kinds.includes(entry.kind));
    if (filtered.length > 0) {
      chosen = filtered;
      explicit = level === 'A';
    }
  }
  // A region's own name outranks a same-named place ("Hainan" the province, not Hainan Prefecture in Qinghai).
  const regionEntries = chosen.filter((entry) => entry.kind === 'A');
  if (regionEntries.length > 0) {
    return { regions: uniqueRegions(regionEntries), rank: explicit ? 4 : 3, text };
  }
  // Among places, a prefecture-level or major city outranks smaller namesakes ("Nanjing" is 南京, not 南靖 county,
  // which has the same pinyin); namesakes of the same standing stay ambiguous ("Suzhou": 苏州 or 宿州).
  const rank = Math.max(...chosen.map((entry) => KIND_RANK[entry.kind]));
  const strongest = chosen.filter((entry) => KIND_RANK[entry.kind] === rank);
  return strongest.length > 0 ? { regions: uniqueRegions(strongest), rank, text } : undefined;
}

function uniqueRegions(entries: Entry[]): number[] {
  return [...new Set(entries.map((entry) => entry.region))];
}

/**
 * The strongest evidence decides; weaker evidence only narrows a choice the stronger left open. "Xinjiang Road,
 * Qingdao, Shandong" is Shandong; "Suzhou" alone (Jiangsu or Anhui) decides nothing.
 */
function resolve(evidence: Evidence[], prior: number[]): Resolution {
  let candidates: number[] | undefined = prior.length > 0 ? prior : undefined;
  const ranks = [...new Set(evidence.map((item) => item.rank))].sort((a, b) => b - a);
  for (const rank of ranks) {
    const items = evidence.filter((item) => item.rank === rank);
    const common = items.reduce(
      (set, item) => set.filter((region) => item.regions.includes(region)),
      items[0].regions,
    );
    const any = [...new Set(items.flatMap((item) => item.regions))];
    if (candidates === undefined) {
      candidates = common.length > 0 ? common : any;
    } else {
      const current: number[] = candidates;
      const narrowed = [common, any]
        .map((set) => current.filter((region) => set.includes(region)))
        .find((set) => set.length > 0);
      candidates = narrowed ?? current;
    }
    if (candidates.length === 1) {
      const region = candidates[0];
      const source = evidence
        .filter((item) => item.regions.includes(region))
        .reduce((best, item) => (item.rank > best.rank ? item : best));
      return { decided: { region, text: source.text }, candidates };
    }
  }
  return { candidates: candidates ?? [] };
}

function result(
  index: CountryIndex,
  decided: { region: number; text: string },
  from: InferredRegion['from'],
): InferredRegion {
  const region = index.regions[decided.region];
  return { region: region.name, code: region.code, from, matched: decided.text };
}

/** The region as a site's provenance keeps it: the value, its code, and what it was read from. */
export function inferredRegionValue(input: RegionInput): InferredValue | undefined {
  const found = inferRegion(input);
  return found
    ? { value: found.region, code: found.code, from: found.from, matched: found.matched }
    : undefined;
}

import {
  decompose,
  dropApostrophes,
  isMark,
  isPlainAscii,
  isWordCharacter,
  spellOutAmpersand,
} from '../../common/text/fold.js';
import type { Sector } from '../../suppliers/domain/supplier-record.js';
import type { GoodMatch } from './compiled-rule-set.js';
import type { GoodsDefinition, ReferenceTableDefinition } from './rule-set-definition.js';
import { phraseKey, phraseTokens, singular } from './text-matching.js';

// Product texts as supplier lists write them (English, Chinese, Vietnamese, Spanish ...) against the goods of a
// good x country table and the other names goods.yaml gives them.
//
// Text is read as units: a word of a script written with spaces (Latin, Cyrillic ...), or one character of a script
// written without them (Chinese, Japanese, Thai ...). A name matches a run of units, so Latin names match whole
// words and Chinese names any substring: "针织服装及面料" holds 服装 and 面料. Reading left to right, the longest name
// at each point wins and is skipped past: "cotton yarn" is Thread/Yarn and not Cotton as well, and a name listed in
// notGoods ("coffee machines", 服装辅料) hides the good inside it.
//
// Case, punctuation and English plurals are ignored, and so are accents, with safeguards for languages whose words
// differ by their accents alone (Vietnamese giày "shoes", giấy "paper", sợi "yarn", sỏi "gravel"):
//   - a word the text writes with accents matches only a name word written with the same accents;
//   - a one-word name written with accents needs them in the text too ("giày" does not match "giay");
//   - a one-character Chinese name must stand alone: 鞋 matches "鞋" and "鞋、包", not 鞋柜 (shoe cabinet).
// The order of the accents on a word does not matter (Vietnamese hoá and hóa are one word).

/** Bound on the per-table memo of product texts already matched (a portfolio repeats its product texts). */
const MEMO_LIMIT = 50_000;

const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

interface TextUnit {
  /** Folded: lower case, without accents, English singular. */
  key: string;
  /** The accents the word carries, sorted ("" when none). */
  accents: string;
  /** For a character of a script written without spaces: how many such characters stand together (0 for a word). */
  run: number;
}

function sortedAccents(accents: string): string {
  return accents.length < 2 ? accents : [...accents].sort().join('');
}

/** Reads text as words and unspaced characters; plain ASCII (the usual case) takes the shared phrase tokens. */
function readUnits(text: string): TextUnit[] {
  if (isPlainAscii(text)) {
    return phraseTokens(text).map((key) => ({ key, accents: '', run: 0 }));
  }
  const units: TextUnit[] = [];
  let word = '';
  let accents = '';
  let runStart = -1;
  const endWord = (): void => {
    if (word !== '') {
      units.push({ key: singular(word), accents: sortedAccents(accents), run: 0 });
    }
    word = '';
    accents = '';
  };
  const endRun = (): void => {
    if (runStart >= 0) {
      for (let index = runStart; index < units.length; index++) {
        units[index].run = units.length - runStart;
      }
      runStart = -1;
    }
  };
  // As foldText (compatibility forms, case, "&" and apostrophes), but the accents stay, as marks after their letter.
  const normalised = dropApostrophes(spellOutAmpersand(decompose(text).toLowerCase()));
  for (const character of normalised) {
    if (isMark(character)) {
      if (word !== '') {
        accents += character;
      }
    } else if (UNSPACED.test(character)) {
      endWord();
      if (runStart < 0) {
        runStart = units.length;
      }
      units.push({ key: character, accents: '', run: 1 });
    } else {
      endRun();
      if (character === 'đ') {
        // Vietnamese đ has no decomposition: it is d with a stroke.
        word += 'd';
        accents += 'đ';
      } else if (isWordCharacter(character)) {
        word += character;
      } else {
        endWord();
      }
    }
  }
  endWord();
  endRun();
  return units;
}

/** The key a name or product text is matched by: what two spellings share when they are the same name. */
export function goodsNameKey(text: string): string {
  return readUnits(text)
    .map((unit) => unit.key)
    .join(' ');
}

interface NameEntry {
  /** Listed goods the name stands for; empty for a name of notGoods. */
  goods: string[];
  /** The accents of each word of the name, joined by "|" (for merging) and split. */
  signature: string;
  accents: readonly string[];
  /** A one-word name written with accents: the text must carry them too. */
  strict: boolean;
  /** A one-character name of an unspaced script: it must stand alone in the text. */
  standalone: boolean;
}

function accepts(entry: NameEntry, units: readonly TextUnit[], start: number): boolean {
  if (entry.standalone && units[start].run !== 1) {
    return false;
  }
  for (let offset = 0; offset < entry.accents.length; offset++) {
    const written = units[start + offset].accents;
    if (written !== entry.accents[offset] && (written !== '' || entry.strict)) {
      return false;
    }
  }
  return true;
}

/** Names of goods (and names of no good) found in text, longest first at each point. */
export class GoodsNameIndex {
  private readonly entries = new Map<string, NameEntry[]>();
  /** Every key and every start of one, so a scan stops as soon as no name can continue. */
  private readonly prefixes = new Set<string>();

  add(name: string, goods: readonly string[]): void {
    const units = readUnits(name);
    if (units.length === 0) {
      return;
    }
    const keys = units.map((unit) => unit.key);
    const key = keys.join(' ');
    keys.forEach((_, index) => this.prefixes.add(keys.slice(0, index + 1).join(' ')));
    const accents = units.map((unit) => unit.accents);
    const signature = accents.join('|');
    const entries = this.entries.get(key) ?? [];
    let entry = entries.find((candidate) => candidate.signature === signature);
    if (!entry) {
      entry = {
        goods: [],
        signature,
        accents,
        strict: units.length === 1 && units[0].accents !== '',
        standalone: units.length === 1 && units[0].run > 0,
      };
      entries.push(entry);
      this.entries.set(key, entries);
    }
    for (const good of goods) {
      if (!entry.goods.includes(good)) {
        entry.goods.push(good);
      }
    }
  }

  /** The goods the text names, in the order it names them, each once. */
  find(text: string): string[] {
    const units = readUnits(text);
    const found: string[] = [];
    let start = 0;
    while (start < units.length) {
      let matched = 0;
      let goods: readonly string[] = [];
      let key = '';
      for (let end = start; end < units.length; end++) {
        key = end === start ? units[end].key : `${key} ${units[end].key}`;
        if (!this.prefixes.has(key)) {
          break;
        }
        const entries = this.entries.get(key);
        const accepted = entries?.filter((entry) => accepts(entry, units, start)) ?? [];
        if (accepted.length > 0) {
          matched = end - start + 1;
          goods = accepted.length === 1 ? accepted[0].goods : [...new Set(accepted.flatMap((e) => e.goods))];
        }
      }
      for (const good of goods) {
        if (!found.includes(good)) {
          found.push(good);
        }
      }
      start += matched > 0 ? matched : 1;
    }
    return found;
  }
}

/** Every spelling the table gives a good (the same name with other case or plural counts as the same good). */
function spellingsIn(goodNames: readonly string[]): (good: string) => string[] {
  const byKey = new Map<string, string[]>();
  for (const name of goodNames) {
    const key = phraseKey(name);
    byKey.set(key, [...(byKey.get(key) ?? []), name]);
  }
  return (good) => byKey.get(phraseKey(good)) ?? [];
}

function tableGoods(table: ReferenceTableDefinition): string[] {
  const goodColumn = table.columns.indexOf('good');
  return [...new Set(table.rows.map((row) => row[goodColumn]))];
}

export function buildGoodsNameIndex(
  table: ReferenceTableDefinition,
  goods: GoodsDefinition | undefined,
): GoodsNameIndex {
  const index = new GoodsNameIndex();
  const goodNames = tableGoods(table);
  for (const good of goodNames) {
    index.add(good, [good]);
    // "Tin ore (cassiterite)" is also found as "tin ore"; the qualifier alone is left to the synonyms.
    const bare = good.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
    if (bare !== good) {
      index.add(bare, [good]);
    }
  }
  const spellings = spellingsIn(goodNames);
  // The synonym names the good; every spelling of that good in the table (per country) shares it.
  for (const { good, names } of goods?.synonyms ?? []) {
    names.forEach((name) => index.add(name, spellings(good)));
  }
  for (const name of goods?.notGoods ?? []) {
    index.add(name, []);
  }
  return index;
}

/** Remembers what each product text matched (bounded, pure): product lists repeat across a portfolio. */
export class GoodsMatcher {
  private readonly memo = new Map<string, readonly string[]>();

  constructor(private readonly index: GoodsNameIndex) {}

  goodsOf(product: string): readonly string[] {
    let goods = this.memo.get(product);
    if (!goods) {
      goods = this.index.find(product);
      if (this.memo.size >= MEMO_LIMIT) {
        this.memo.clear();
      }
      this.memo.set(product, goods);
    }
    return goods;
  }

  readonly match = (products: readonly string[]): GoodMatch[] => {
    const matches: GoodMatch[] = [];
    for (const product of products) {
      for (const good of this.goodsOf(product)) {
        if (!matches.some((m) => m.product === product && m.good === good)) {
          matches.push({ product, good });
        }
      }
    }
    return matches;
  };

  readonly unrecognised = (products: readonly string[]): string[] => {
    const unknown: string[] = [];
    for (const product of products) {
      if (product.trim() !== '' && this.goodsOf(product).length === 0 && !unknown.includes(product)) {
        unknown.push(product);
      }
    }
    return unknown;
  };
}

const NO_GOODS: readonly string[] = Object.freeze([]);

/**
 * The goods each sector entry of goods.yaml names, as the table spells them, keyed "sector/" and "sector/subSector".
 */
export function sectorGoodsIndex(
  goods: GoodsDefinition | undefined,
  table: ReferenceTableDefinition | undefined,
): ReadonlyMap<string, readonly string[]> {
  const spellings = spellingsIn(table ? tableGoods(table) : []);
  const bySector = new Map<string, readonly string[]>();
  for (const entry of goods?.sectors ?? []) {
    const names = [...new Set(entry.goods.flatMap(spellings))];
    bySector.set(sectorGoodsKey(entry.sector, entry.subSector), Object.freeze(names));
  }
  return bySector;
}

export function sectorGoodsKey(sector: Sector, subSector: string | undefined): string {
  return `${sector}/${subSector ?? ''}`;
}

/** Sector evidence: a sub-sector's entry when it has one, else the sector's, else none. */
export function goodsOfSector(
  bySector: ReadonlyMap<string, readonly string[]>,
  sector: Sector | undefined,
  subSector: string | undefined,
): readonly string[] {
  if (sector === undefined) {
    return NO_GOODS;
  }
  const sub = subSector === undefined ? undefined : bySector.get(sectorGoodsKey(sector, subSector));
  return sub ?? bySector.get(sectorGoodsKey(sector, undefined)) ?? NO_GOODS;
}

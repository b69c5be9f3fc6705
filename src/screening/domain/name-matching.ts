import { matchAreaOrder, prepareAreaSubject, type AreaSubject } from './area-orders.js';
import type {
  CbpEdition,
  CbpOrder,
  EditionInfo,
  ListKind,
  UflpaEdition,
  UflpaEntry,
} from './enforcement-lists.js';
import { screeningName, tokenClass, type TokenClass } from './screening-names.js';

// Screens the names of a supplier, its parent company and its subcontractors against every listed name and alias
// of the loaded list editions, and the supplier's place and products against CBP's area orders. The score of a
// name pair is explainable: which listed words were found, which were missing, which words of the party's name the
// listed name lacks. docs/screening-matching.md gives the formula, the thresholds and their measured precision.

export const SCREENING_THRESHOLDS = { hit: 0.8, potential: 0.6 } as const;

// What a word weighs: a distinctive word 1 (less when many listed entities share it), a place 0.35, a sector
// word 0.2, a filler word 0.1.
const CLASS_WEIGHTS: Readonly<Record<Exclude<TokenClass, 'distinctive'>, number>> = {
  place: 0.35,
  sector: 0.2,
  filler: 0.1,
};
const MIN_DISTINCTIVE_WEIGHT = 0.4;
/** Share of the score from the listed name's words found; the rest from the party's words found. */
const LISTED_SHARE = 0.7;
/** Each name has a distinctive or sector word the other lacks ("Zhongtai Securities" / "Zhongtai Chemical"). */
const CONFLICT_FACTOR = 0.75;
/** The party is in a country other than the listed entity's. */
const ELSEWHERE_FACTOR = 0.85;
/** A distinctive word of at least five letters one typing slip away ("Hoshnie" for "Hoshine"). */
const TYPO_CREDIT = 0.8;
const TYPO_MIN_LENGTH = 5;
/** Distinctive letters matched below which a hit needs the whole name ("KTK Group", not "KTK Trading"). */
const MIN_DISTINCTIVE_LETTERS = 4;
/** Countries a UFLPA entity is taken to be in: the list names entities in China and holding companies in Hong Kong. */
const UFLPA_COUNTRIES = ['CN', 'HK', 'MO'];

export type PartyRole = 'supplier' | 'parent' | 'subcontractor';
export type HitStrength = 'hit' | 'potential';

export interface ScreenedParty {
  name: string;
  role: PartyRole;
  /** ISO alpha-2, when known. */
  country?: string;
}

export interface NameHit {
  list: ListKind;
  entryId: string;
  /** The entry's name as listed. */
  entryName: string;
  /** The listed name or alias that matched best. */
  listedName: string;
  listedNameIsAlias: boolean;
  party: ScreenedParty;
  /** 0..1, three decimals. */
  score: number;
  strength: HitStrength;
  /** Listed words found in the party's name (folded spelling). */
  matchedWords: string[];
  /** Listed words not found. */
  missingWords: string[];
  /** Words of the party's name the listed name lacks. */
  extraWords: string[];
  reasons: string[];
}

export interface AreaHit {
  list: 'cbp-wro';
  entryId: string;
  /** The order's merchandise as CBP words it. */
  merchandise: string;
  areaLabel: string;
  strength: HitStrength;
  good?: string;
  matchedProducts: string[];
  reasons: string[];
  question?: string;
}

export interface ScreeningSubject extends AreaSubject {
  /** The supplier's own name first, then its parent company or group and its subcontractors. */
  parties: readonly ScreenedParty[];
}

export interface ScreeningResult {
  nameHits: NameHit[];
  areaHits: AreaHit[];
}

interface ListedName {
  list: ListKind;
  entryId: string;
  entryName: string;
  listedName: string;
  isAlias: boolean;
  tokens: string[];
  classes: TokenClass[];
  han: string;
  /** Countries the entry is in; undefined when the list does not say (vessels). */
  countries?: readonly string[];
  /** Why the entry can raise only a potential hit. */
  potentialOnly?: string;
  isVessel?: boolean;
  /** What the reasons say about the entry (section, date, status, remarks). */
  entryFacts: string;
}

interface Alignment {
  /** Credit (0, 0.8 or 1) of each listed word. */
  listed: number[];
  /** Credit of each party word. */
  party: number[];
  typos: { listed: string; party: string }[];
}

export class ScreeningIndex {
  private readonly names: ListedName[] = [];
  private readonly byKey = new Map<string, number[]>();
  private readonly byHan = new Map<string, number[]>();
  private readonly entitiesPerWord = new Map<string, number>();
  private readonly namesPerWord = new Map<string, number>();
  private readonly areaOrders: { order: CbpOrder; facts: string }[] = [];

  /** The editions this index screens against, as an assessment cites them. */
  readonly editions: EditionInfo[];

  constructor(lists: { uflpa?: UflpaEdition; cbp?: CbpEdition }) {
    this.editions = [lists.uflpa, lists.cbp].flatMap((edition) => (edition ? [editionInfo(edition)] : []));
    lists.uflpa?.entries.forEach((entry) => this.addUflpaEntry(entry));
    for (const order of lists.cbp?.orders ?? []) {
      if (!raisesHits(order)) {
        continue;
      }
      if (order.area) {
        this.areaOrders.push({ order, facts: orderFacts(order) });
      } else {
        this.addCbpOrder(order);
      }
    }
    this.countEntitiesPerWord();
    this.names.forEach((name, index) => this.indexName(name, index));
  }

  /** Every hit and potential hit of one party, best first; one per list entry. */
  screenParty(party: ScreenedParty): NameHit[] {
    const name = screeningName(party.name);
    const read = { ...name, tokens: [...new Set(name.tokens)] };
    const candidates = new Set<number>();
    this.collectCandidates(read.tokens, candidates);
    for (const index of read.han === '' ? [] : (this.byHan.get(read.han) ?? [])) {
      candidates.add(index);
    }
    const best = new Map<string, NameHit>();
    for (const index of candidates) {
      const listed = this.names[index];
      const hit = this.compare(listed, party, read.tokens, read.han, read.variants);
      const previous = best.get(listed.entryId);
      if (hit && (!previous || hit.score > previous.score)) {
        best.set(listed.entryId, hit);
      }
    }
    return [...best.values()].sort(
      (a, b) => rank(b) - rank(a) || b.score - a.score || a.entryId.localeCompare(b.entryId),
    );
  }

  /** A supplier's parties against the listed names, and its place and products against the area orders. */
  screen(subject: ScreeningSubject): ScreeningResult {
    return { nameHits: this.screenNames(subject), areaHits: this.screenArea(subject) };
  }

  /** The supplier's parties against the listed names; the supplier's own name in its country. */
  screenNames(subject: ScreeningSubject): NameHit[] {
    return subject.parties.flatMap((party) =>
      this.screenParty(
        party.role === 'supplier' && !party.country && subject.country
          ? { ...party, country: subject.country }
          : party,
      ),
    );
  }

  /** The supplier's place and products against the area orders. */
  screenArea(subject: AreaSubject): AreaHit[] {
    const areaHits: AreaHit[] = [];
    const prepared = this.areaOrders.length > 0 ? prepareAreaSubject(subject) : undefined;
    for (const { order, facts } of this.areaOrders) {
      const area = order.area!;
      const match = matchAreaOrder(area, prepared!);
      if (!match) {
        continue;
      }
      areaHits.push({
        list: 'cbp-wro',
        entryId: order.id,
        merchandise: order.merchandise,
        areaLabel: area.areaLabel,
        strength: match.strength,
        ...(match.good ? { good: match.good } : {}),
        matchedProducts: match.matchedProducts,
        reasons: [...match.reasons, facts],
        ...(match.question ? { question: match.question } : {}),
      });
    }
    return areaHits;
  }

  private addUflpaEntry(entry: UflpaEntry): void {
    const facts =
      `UFLPA Entity List section ${entry.sectionText}, effective ${entry.effectiveDate}` +
      (entry.includesSubsidiaries ? ', subsidiaries included' : '');
    const potentialOnly = entry.secondarySource
      ? 'the entry comes from a secondary source that was not checked against the Federal Register notice'
      : undefined;
    [entry.name, ...entry.aliases].forEach((listedName, position) =>
      this.addName({
        list: 'uflpa',
        entryId: entry.id,
        entryName: entry.name,
        listedName,
        isAlias: position > 0,
        countries: UFLPA_COUNTRIES,
        ...(potentialOnly ? { potentialOnly } : {}),
        entryFacts: facts,
      }),
    );
  }

  private addCbpOrder(order: CbpOrder): void {
    const facts = orderFacts(order);
    for (const party of order.parties) {
      if (order.removedParties.some((removed) => sameText(removed.name, party.name))) {
        continue;
      }
      const subsidiaries = party.includesSubsidiaries ? ', subsidiaries included' : '';
      [party.name, ...party.aliases].forEach((listedName, position) =>
        this.addName({
          list: 'cbp-wro',
          entryId: order.id,
          entryName: party.name,
          listedName,
          isAlias: position > 0,
          ...(order.country ? { countries: [order.country] } : {}),
          ...(party.kind === 'vessel' ? { isVessel: true } : {}),
          entryFacts: `${facts}${subsidiaries}${party.kind === 'vessel' ? ' (a fishing vessel)' : ''}`,
        }),
      );
    }
  }

  private addName(name: Omit<ListedName, 'tokens' | 'classes' | 'han'>): void {
    const read = screeningName(name.listedName);
    const tokens = [...new Set(read.tokens)];
    if (tokens.length === 0 && read.han === '') {
      return;
    }
    this.names.push({ ...name, tokens, classes: tokens.map(tokenClass), han: read.han });
  }

  private countEntitiesPerWord(): void {
    const entitiesOf = new Map<string, Set<string>>();
    for (const name of this.names) {
      const entity = `${name.list}|${sameKey(name.entryName)}`;
      for (const token of name.tokens) {
        this.namesPerWord.set(token, (this.namesPerWord.get(token) ?? 0) + 1);
        const entities = entitiesOf.get(token) ?? new Set<string>();
        entities.add(entity);
        entitiesOf.set(token, entities);
      }
    }
    for (const [token, entities] of entitiesOf) {
      this.entitiesPerWord.set(token, entities.size);
    }
  }

  // Keys: each distinctive word, each pair of neighbouring words joined ("pu tech" / "putech"), and each
  // distinctive word of five letters or more less one letter (typing slips). A name without a distinctive word
  // is found by each of its words that is not filler.
  private indexName(name: ListedName, index: number): void {
    const keys = new Set<string>();
    const distinctive = name.tokens.filter((_, i) => name.classes[i] === 'distinctive');
    // Every word of a name without a distinctive word must be found, so one of them finds it: the rarest.
    const required = name.tokens.filter((_, i) => name.classes[i] !== 'filler');
    const rarest = (required.length > 0 ? required : name.tokens).reduce<string | undefined>(
      (a, b) =>
        a === undefined || (this.namesPerWord.get(b) ?? 0) < (this.namesPerWord.get(a) ?? 0) ? b : a,
      undefined,
    );
    (distinctive.length > 0 ? distinctive : rarest ? [rarest] : []).forEach((token) => keys.add(token));
    for (let i = 0; i + 1 < name.tokens.length; i += 1) {
      keys.add(name.tokens[i] + name.tokens[i + 1]);
    }
    for (const token of distinctive) {
      if (token.length >= TYPO_MIN_LENGTH) {
        oneLetterLess(token).forEach((variant) => keys.add(`~${variant}`));
        keys.add(`~${token}`);
      }
    }
    for (const key of keys) {
      const indexes = this.byKey.get(key) ?? [];
      indexes.push(index);
      this.byKey.set(key, indexes);
    }
    if (name.han !== '') {
      this.byHan.set(name.han, [...(this.byHan.get(name.han) ?? []), index]);
    }
  }

  private collectCandidates(tokens: string[], into: Set<number>): void {
    const add = (key: string) => this.byKey.get(key)?.forEach((index) => into.add(index));
    tokens.forEach((token, i) => {
      add(token);
      if (i + 1 < tokens.length) {
        add(token + tokens[i + 1]);
      }
      if (token.length >= TYPO_MIN_LENGTH && tokenClass(token) === 'distinctive' && !this.byKey.has(token)) {
        add(`~${token}`);
        oneLetterLess(token).forEach((variant) => add(`~${variant}`));
      }
    });
  }

  private weight(token: string, tokenClassOf: TokenClass): number {
    if (tokenClassOf !== 'distinctive') {
      return CLASS_WEIGHTS[tokenClassOf];
    }
    const entities = this.entitiesPerWord.get(token) ?? 1;
    return Math.max(MIN_DISTINCTIVE_WEIGHT, 1 / Math.sqrt(entities));
  }

  private compare(
    listed: ListedName,
    party: ScreenedParty,
    partyTokens: string[],
    partyHan: string,
    variants: { from: string; to: string }[],
  ): NameHit | undefined {
    if (listed.han !== '' && partyHan === listed.han) {
      return this.hanHit(listed, party);
    }
    if (listed.tokens.length === 0 || partyTokens.length === 0) {
      return undefined;
    }
    const partyClasses = partyTokens.map(tokenClass);
    const aligned = align(listed.tokens, listed.classes, partyTokens, partyClasses);
    const listedWeights = listed.tokens.map((token, i) => this.weight(token, listed.classes[i]));
    const partyWeights = partyTokens.map((token, j) => this.weight(token, partyClasses[j]));
    const found = (credits: number[], weights: number[]) =>
      credits.reduce((sum, credit, i) => sum + credit * weights[i], 0) / weights.reduce((a, b) => a + b, 0);

    const significant = (cls: TokenClass) => cls === 'distinctive' || cls === 'sector';
    const listedMissing = listed.tokens.filter((_, i) => aligned.listed[i] === 0);
    const partyExtra = partyTokens.filter((_, j) => aligned.party[j] === 0);
    // A listed place the party's name lacks counts against it only beside a word of its own: "Zhongtai
    // Securities" is not "Xinjiang Zhongtai Group", while "Zhongtai Chemical" may well be "Xinjiang Zhongtai Chemical".
    const listedMissingSignificant = listedMissing.filter((token) => tokenClass(token) !== 'filler');
    const partyExtraClasses = partyExtra.map(tokenClass);
    const exact = listedMissing.length === 0 && partyExtra.length === 0;

    const distinctive = listed.tokens.filter((_, i) => listed.classes[i] === 'distinctive');
    const distinctiveFound = distinctive.filter((token) => aligned.listed[listed.tokens.indexOf(token)] > 0);
    const reasons: string[] = [];
    let hitAllowed = true;
    if (distinctive.length > 0) {
      if (distinctiveFound.length === 0) {
        return undefined;
      }
      const letters = distinctiveFound.reduce((sum, token) => sum + token.length, 0);
      if (letters < MIN_DISTINCTIVE_LETTERS) {
        // A short distinctive part ("KTK", "HY") counts only with the rest of the name around it.
        const rest = listedMissing.some((token) => tokenClass(token) !== 'filler');
        if (rest || partyExtraClasses.some((cls) => cls !== 'filler')) {
          return undefined;
        }
        if (!exact) {
          hitAllowed = false;
          reasons.push(
            `the distinctive part matched is short (${distinctiveFound.join(' ')}): a hit needs the whole name`,
          );
        }
      }
      if (distinctiveFound.length < distinctive.length) {
        hitAllowed = false;
      }
    } else {
      // Only places and generic words (e.g. "Xinjiang Energy (Group)"): every one of them must be there, and the
      // party may add only places and filler.
      const required = listed.tokens.filter((_, i) => listed.classes[i] !== 'filler');
      const needed = required.length > 0 ? required : listed.tokens;
      if (needed.some((token) => !aligned.listed[listed.tokens.indexOf(token)])) {
        return undefined;
      }
      if (partyExtraClasses.some((cls) => cls === 'distinctive' || cls === 'sector')) {
        return undefined;
      }
      if (!exact && (listedMissing.length > 0 || partyExtraClasses.some((cls) => cls !== 'filler'))) {
        hitAllowed = false;
      }
      reasons.push('the listed name has no distinctive word: only the whole name can match');
    }

    let score =
      LISTED_SHARE * found(aligned.listed, listedWeights) +
      (1 - LISTED_SHARE) * found(aligned.party, partyWeights);
    const partyExtraSignificant = partyExtra.filter((_, k) => significant(partyExtraClasses[k]));
    const partyExtraDistinctive = partyExtra.filter((_, k) => partyExtraClasses[k] === 'distinctive');
    // Each name has a word the other lacks, or the party's name a distinctive word of its own: two companies that
    // share a word ("Giant Eagle" / "Giant Manufacturing"), or the same one renamed.
    if (
      partyExtraDistinctive.length > 0 ||
      (listedMissingSignificant.length > 0 && partyExtraSignificant.length > 0)
    ) {
      score *= CONFLICT_FACTOR;
      hitAllowed = false;
      reasons.push(
        `each name has words the other lacks (${partyExtraSignificant.join(', ')} / ${listedMissingSignificant.join(', ')}): score × ${CONFLICT_FACTOR}`,
      );
    }
    if (party.country && listed.countries && !listed.countries.includes(party.country)) {
      score *= ELSEWHERE_FACTOR;
      hitAllowed = false;
      reasons.push(
        `the listed entity is in ${listed.countries.join('/')}, the ${party.role} in ${party.country}: score × ${ELSEWHERE_FACTOR}, at most a potential hit`,
      );
    }
    const nonFiller = listed.tokens.filter((_, i) => listed.classes[i] !== 'filler');
    if (nonFiller.length === 1 && partyExtraSignificant.length > 0) {
      // A one-word name ("Meike", "Bingtuan") is in many company names: a hit needs no other word of substance.
      hitAllowed = false;
      reasons.push(
        `the listed name is one word, and the ${party.role} name adds ${partyExtraSignificant.join(', ')}: at most a potential hit`,
      );
    }
    if (listed.isVessel) {
      hitAllowed = false;
      reasons.push('the listed name is a fishing vessel: a company of that name is at most a potential hit');
    }
    if (listed.potentialOnly) {
      hitAllowed = false;
      reasons.push(`${listed.potentialOnly}: at most a potential hit`);
    }
    const strength = strengthOf(score, hitAllowed);
    if (!strength) {
      return undefined;
    }
    const matchedWords = listed.tokens.filter((_, i) => aligned.listed[i] > 0);
    const used = variants.filter(
      (variant) => partyTokens.includes(variant.to) && matchedWords.includes(variant.to),
    );
    return {
      list: listed.list,
      entryId: listed.entryId,
      entryName: listed.entryName,
      listedName: listed.listedName,
      listedNameIsAlias: listed.isAlias,
      party,
      score: Math.round(score * 1000) / 1000,
      strength,
      matchedWords,
      missingWords: listedMissing,
      extraWords: partyExtra,
      reasons: [
        `The ${party.role} name "${party.name}" matches ${listed.isAlias ? 'the alias' : 'the listed name'} "${listed.listedName}" (${listed.entryFacts})`,
        `words found: ${matchedWords.join(', ')}` +
          (listedMissing.length > 0 ? `; listed words missing: ${listedMissing.join(', ')}` : '') +
          (partyExtra.length > 0 ? `; words the listed name lacks: ${partyExtra.join(', ')}` : ''),
        ...used.map((variant) => `"${variant.from}" read as "${variant.to}" (a known variant spelling)`),
        ...aligned.typos.map((typo) => `"${typo.party}" read as "${typo.listed}" (one letter apart)`),
        ...reasons,
      ],
    };
  }

  private hanHit(listed: ListedName, party: ScreenedParty): NameHit {
    const elsewhere = Boolean(party.country && listed.countries && !listed.countries.includes(party.country));
    const score = elsewhere ? ELSEWHERE_FACTOR : 1;
    return {
      list: listed.list,
      entryId: listed.entryId,
      entryName: listed.entryName,
      listedName: listed.listedName,
      listedNameIsAlias: listed.isAlias,
      party,
      score,
      strength: elsewhere || listed.potentialOnly ? 'potential' : 'hit',
      matchedWords: [listed.han],
      missingWords: [],
      extraWords: [],
      reasons: [
        `The ${party.role} name "${party.name}" is written with the same Chinese characters as "${listed.listedName}" (${listed.entryFacts})`,
      ],
    };
  }
}

function strengthOf(score: number, hitAllowed: boolean): HitStrength | undefined {
  if (score >= SCREENING_THRESHOLDS.hit && hitAllowed) {
    return 'hit';
  }
  return score >= SCREENING_THRESHOLDS.potential ? 'potential' : undefined;
}

function rank(hit: NameHit): number {
  return hit.strength === 'hit' ? 1 : 0;
}

/**
 * Which words of the two names meet: equal words; two neighbouring words written as one ("Pu Tech" / "Putech");
 * a distinctive word of five letters or more one slip away (credit 0.8). Never part of a word: "Tai" does not
 * meet "Taida".
 */
function align(
  listed: string[],
  listedClasses: TokenClass[],
  party: string[],
  partyClasses: TokenClass[],
): Alignment {
  const listedCredit = listed.map(() => 0);
  const partyCredit = party.map(() => 0);
  const typos: Alignment['typos'] = [];
  listed.forEach((token, i) => {
    const j = party.findIndex((candidate, k) => partyCredit[k] === 0 && candidate === token);
    if (j >= 0) {
      listedCredit[i] = 1;
      partyCredit[j] = 1;
    }
  });
  for (let i = 0; i + 1 < listed.length; i += 1) {
    if (listedCredit[i] === 0 && listedCredit[i + 1] === 0) {
      const j = party.findIndex(
        (candidate, k) => partyCredit[k] === 0 && candidate === listed[i] + listed[i + 1],
      );
      if (j >= 0) {
        listedCredit[i] = listedCredit[i + 1] = 1;
        partyCredit[j] = 1;
      }
    }
  }
  for (let j = 0; j + 1 < party.length; j += 1) {
    if (partyCredit[j] === 0 && partyCredit[j + 1] === 0) {
      const i = listed.findIndex(
        (candidate, k) => listedCredit[k] === 0 && candidate === party[j] + party[j + 1],
      );
      if (i >= 0) {
        listedCredit[i] = 1;
        partyCredit[j] = partyCredit[j + 1] = 1;
      }
    }
  }
  listed.forEach((token, i) => {
    const typable = listedClasses[i] === 'distinctive' || listedClasses[i] === 'place';
    if (listedCredit[i] > 0 || !typable || token.length < TYPO_MIN_LENGTH) {
      return;
    }
    const j = party.findIndex(
      (candidate, k) =>
        partyCredit[k] === 0 &&
        partyClasses[k] === 'distinctive' &&
        candidate.length >= TYPO_MIN_LENGTH &&
        oneSlipApart(token, candidate),
    );
    if (j >= 0) {
      listedCredit[i] = TYPO_CREDIT;
      partyCredit[j] = TYPO_CREDIT;
      typos.push({ listed: token, party: party[j] });
    }
  });
  return { listed: listedCredit, party: partyCredit, typos };
}

/** The word with each one of its letters left out. */
function oneLetterLess(word: string): string[] {
  return Array.from({ length: word.length }, (_, i) => word.slice(0, i) + word.slice(i + 1));
}

/** One letter changed, added, left out, or two neighbours swapped. */
export function oneSlipApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) {
    return false;
  }
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start += 1;
  }
  const restA = a.slice(start);
  const restB = b.slice(start);
  return (
    restA.slice(1) === restB.slice(1) ||
    restA.slice(1) === restB ||
    restA === restB.slice(1) ||
    (restA.length >= 2 && restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2))
  );
}

function raisesHits(order: CbpOrder): boolean {
  return order.status === 'active' || order.status === 'partially-modified';
}

function orderFacts(order: CbpOrder): string {
  const status = order.status === 'partially-modified' ? '; partially modified by CBP' : '';
  const removedProducts = order.removedProducts.map(
    (removed) => `; ${removed.product} removed on ${removed.date}`,
  );
  const exempted =
    order.area && order.removedParties.length > 0
      ? `; exempted: ${order.removedParties.map((removed) => `${removed.name} (${removed.date})`).join(', ')}`
      : '';
  const remarks = order.remarks.map((remark) => `; CBP remark: ${remark}`);
  return `CBP ${order.type} of ${order.date} on ${order.merchandise}${status}${removedProducts.join('')}${exempted}${remarks.join('')}`;
}

function editionInfo(edition: UflpaEdition | CbpEdition): EditionInfo {
  const { kind, file, asOf, source, coverage, rowCount, sha256 } = edition;
  return { kind, file, asOf, source, ...(coverage ? { coverage } : {}), rowCount, sha256 };
}

function sameKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function sameText(a: string, b: string): boolean {
  return sameKey(a) === sameKey(b);
}

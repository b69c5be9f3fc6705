import { createHash } from 'node:crypto';
import type { ConfirmedListing, ScreeningFindings } from '../../scoring/domain/screening-findings.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import type { CbpEdition, ListKind, UflpaEdition } from './enforcement-lists.js';
import type { AreaHit, NameHit, PartyRole, ScreeningIndex, ScreeningSubject } from './name-matching.js';

// From a stored supplier to the hits a screening raises, and from the hits stored before to what changes. A hit is
// keyed by the list entry's content and by what of the supplier was screened, so an officer's decision holds for
// as long as neither changes: the next upload, re-screen or list edition raises it again only when the entry (its
// name, aliases, section) or the supplier's screened names (or, for an order on an area, its place and products)
// are different.

/** What a list entry says of itself, as a hit cites it. */
export interface EntryFacts {
  list: ListKind;
  /**
   * What hits are kept by: a CBP order's id; for the UFLPA list the entity, which the list may name in several
   * rows (one per section): a reviewer decides once per entity.
   */
  entryId: string;
  /** sha256 of the entry's content: a change to it re-opens a decision. */
  entryKey: string;
  entryName: string;
  /** UFLPA: "2(d)(2)(B)(v)" (several joined by "; "); CBP: the order type. */
  section: string;
  /** UFLPA: the earliest effective date of its rows; CBP: the order date. */
  effectiveDate: string;
  editionId: string;
  editionAsOf: string;
}

/**
 * The entries of the editions in force, by `${list}:${entryId}`: both by the entity id hits are kept by and by the
 * id of each of its rows (what the matcher reports).
 */
export type EntryCatalog = ReadonlyMap<string, EntryFacts>;

/** "uflpa:v:hetian-taida-apparel-co-ltd" -> "uflpa:hetiantaidaapparelcoltd": the entity whatever its section. */
function uflpaEntityId(entryId: string): string {
  return `uflpa:${entryId.split(':').slice(2).join(':').replace(/-/g, '')}`;
}

export function catalogKey(list: ListKind, entryId: string): string {
  return `${list}:${entryId}`;
}

function sha256(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export function entryCatalog(editions: {
  uflpa?: { id: string; edition: UflpaEdition };
  cbp?: { id: string; edition: CbpEdition };
}): EntryCatalog {
  const catalog = new Map<string, EntryFacts>();
  if (editions.uflpa) {
    const { id, edition } = editions.uflpa;
    // The rows naming one entity (under several sections) are one entry: the first row's name is the one cited.
    const byEntity = new Map<string, UflpaEdition['entries']>();
    for (const entry of edition.entries) {
      const entity = uflpaEntityId(entry.id);
      byEntity.set(entity, [...(byEntity.get(entity) ?? []), entry]);
    }
    for (const [entity, rows] of byEntity) {
      const facts: EntryFacts = {
        list: 'uflpa',
        entryId: entity.slice('uflpa:'.length),
        entryKey: sha256(
          rows
            .map((row) => [row.name, [...row.aliases].sort(), row.sectionText, row.secondarySource])
            .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        ),
        entryName: rows[0].name,
        section: [...new Set(rows.map((row) => row.sectionText))].join('; '),
        effectiveDate: rows.map((row) => row.effectiveDate).sort()[0],
        editionId: id,
        editionAsOf: edition.asOf,
      };
      catalog.set(catalogKey('uflpa', facts.entryId), facts);
      rows.forEach((row) => catalog.set(catalogKey('uflpa', row.id), facts));
    }
  }
  if (editions.cbp) {
    const { id, edition } = editions.cbp;
    for (const order of edition.orders) {
      catalog.set(catalogKey('cbp-wro', order.id), {
        list: 'cbp-wro',
        entryId: order.id,
        entryKey: sha256([
          order.entity,
          order.merchandise,
          order.country ?? null,
          order.type,
          order.status,
          order.removedParties.map((removed) => removed.name),
          order.removedProducts.map((removed) => removed.product),
        ]),
        entryName: order.area ? `${order.area.areaLabel}: ${order.merchandise}` : order.entity,
        section: order.type,
        effectiveDate: order.date,
        editionId: id,
        editionAsOf: edition.asOf,
      });
    }
  }
  return catalog;
}

/** The supplier as screening reads it: its name, parent company and subcontractors; its place and products. */
export function screeningSubjectOf(record: SupplierRecord): ScreeningSubject {
  const parties: ScreeningSubject['parties'] = [
    { name: record.name, role: 'supplier', country: record.country },
    ...(record.parentCompany ? [{ name: record.parentCompany, role: 'parent' as const }] : []),
    ...(record.subcontractors ?? []).map((name) => ({ name, role: 'subcontractor' as const })),
  ];
  return {
    parties,
    country: record.country,
    ...(record.region ? { region: record.region } : {}),
    ...(record.city ? { city: record.city } : {}),
    ...(record.products ? { products: record.products } : {}),
    ...(record.sector ? { sector: record.sector } : {}),
  };
}

/** What a name hit rests on of the supplier: a decision on it re-opens when these change. */
export function namesKeyOf(record: SupplierRecord): string {
  return sha256([
    'names',
    record.name,
    record.country,
    record.parentCompany ?? null,
    [...(record.subcontractors ?? [])].sort(),
  ]);
}

/** What an area hit rests on: the place and what the supplier makes. */
export function areaKeyOf(record: SupplierRecord): string {
  return sha256([
    'area',
    record.country,
    record.region ?? null,
    record.city ?? null,
    [...(record.products ?? [])].sort(),
    record.sector ?? null,
    record.subSector ?? null,
  ]);
}

export type HitKind = 'name' | 'area';
export type HitStrength = 'hit' | 'potential';

/** One hit of one screening, ready to store. */
export interface FreshHit {
  list: ListKind;
  entryId: string;
  entryKey: string;
  namesKey: string;
  kind: HitKind;
  strength: HitStrength;
  /** Name hits: 0..1; area hits have none. */
  score: number | null;
  partyRole: PartyRole | null;
  /** The supplier's side as matched: the party's name, or "region, products" for an area. */
  partyName: string;
  entryName: string;
  /** The listed name or alias matched; for an area order, its area and goods. */
  listedName: string;
  editionId: string;
  details: HitDetails;
}

/** What a reviewer reads beside the two names: the entry's facts and the matcher's reasons. */
export interface HitDetails {
  section: string;
  effectiveDate: string;
  editionAsOf: string;
  listedNameIsAlias?: boolean;
  matchedWords?: string[];
  missingWords?: string[];
  extraWords?: string[];
  matchedProducts?: string[];
  good?: string;
  /** The question to ask about origin (orders covering inputs). */
  question?: string;
  reasons: string[];
}

function areaSide(record: SupplierRecord, hit: AreaHit): string {
  const place = [record.region, record.country].filter(Boolean).join(', ');
  const products = hit.matchedProducts.length > 0 ? `; ${hit.matchedProducts.join(', ')}` : '';
  return `${place}${products}`;
}

/**
 * Area hits by what they rest on (country, region, city, products, sector): suppliers of one portfolio share few
 * such combinations, so a screening run reads each once. Keep one per index and catalog.
 */
export type AreaHitMemo = Map<string, FreshHit[]>;

const AREA_MEMO_SIZE = 20_000;

/** Every hit the index raises for the supplier, with the keys its decision is remembered by. */
export function screenSupplier(
  index: ScreeningIndex,
  catalog: EntryCatalog,
  record: SupplierRecord,
  memo?: AreaHitMemo,
): FreshHit[] {
  const subject = screeningSubjectOf(record);
  const nameHits = index.screenNames(subject);
  const hits: FreshHit[] = [];
  if (nameHits.length > 0) {
    const namesKey = namesKeyOf(record);
    // One hit per list entry: the best of the supplier's parties (supplier first, then parent, subcontractors).
    const best = new Map<string, { hit: NameHit; facts: EntryFacts }>();
    for (const hit of nameHits) {
      const facts = catalog.get(catalogKey(hit.list, hit.entryId));
      if (!facts) {
        continue;
      }
      const key = catalogKey(facts.list, facts.entryId);
      const previous = best.get(key);
      if (!previous || rank(hit) > rank(previous.hit)) {
        best.set(key, { hit, facts });
      }
    }
    for (const { hit, facts } of best.values()) {
      hits.push({
        list: hit.list,
        entryId: facts.entryId,
        entryKey: facts.entryKey,
        namesKey,
        kind: 'name',
        strength: hit.strength,
        score: hit.score,
        partyRole: hit.party.role,
        partyName: hit.party.name,
        entryName: facts.entryName,
        listedName: hit.listedName,
        editionId: facts.editionId,
        details: {
          ...citation(facts),
          listedNameIsAlias: hit.listedNameIsAlias,
          matchedWords: hit.matchedWords,
          missingWords: hit.missingWords,
          extraWords: hit.extraWords,
          reasons: hit.reasons,
        },
      });
    }
  }
  const key = memo
    ? JSON.stringify([
        record.country,
        record.region,
        record.city,
        record.products,
        record.sector,
        record.subSector,
      ])
    : undefined;
  const remembered = key === undefined ? undefined : memo?.get(key);
  if (remembered) {
    return [...hits, ...remembered];
  }
  const area = areaHitsOf(index, catalog, record, subject);
  if (memo && key !== undefined) {
    if (memo.size >= AREA_MEMO_SIZE) {
      memo.clear();
    }
    memo.set(key, area);
  }
  return [...hits, ...area];
}

function areaHitsOf(
  index: ScreeningIndex,
  catalog: EntryCatalog,
  record: SupplierRecord,
  subject: ScreeningSubject,
): FreshHit[] {
  const areaHits = index.screenArea(subject);
  const hits: FreshHit[] = [];
  if (areaHits.length > 0) {
    const namesKey = areaKeyOf(record);
    for (const hit of areaHits) {
      const facts = catalog.get(catalogKey(hit.list, hit.entryId));
      if (!facts) {
        continue;
      }
      hits.push({
        list: hit.list,
        entryId: hit.entryId,
        entryKey: facts.entryKey,
        namesKey,
        kind: 'area',
        strength: hit.strength,
        score: null,
        partyRole: null,
        partyName: areaSide(record, hit),
        entryName: facts.entryName,
        listedName: `${hit.areaLabel}: ${hit.good ?? hit.merchandise}`,
        editionId: facts.editionId,
        details: {
          ...citation(facts),
          matchedProducts: hit.matchedProducts,
          ...(hit.good ? { good: hit.good } : {}),
          ...(hit.question ? { question: hit.question } : {}),
          reasons: hit.reasons,
        },
      });
    }
  }
  return hits;
}

function rank(hit: NameHit): number {
  return (hit.strength === 'hit' ? 10 : 0) + hit.score;
}

function citation(facts: EntryFacts): Pick<HitDetails, 'section' | 'effectiveDate' | 'editionAsOf'> {
  return {
    section: facts.section,
    effectiveDate: facts.effectiveDate,
    editionAsOf: facts.editionAsOf,
  };
}

/** A digest of what a screening raised: the same hits with the same keys, strengths and scores give the same. */
export function screenedKeyOf(fresh: readonly FreshHit[]): string {
  return sha256(
    fresh
      .map(
        (hit) =>
          `${hit.list}|${hit.entryId}|${hit.entryKey}|${hit.namesKey}|${hit.strength}|${hit.score ?? ''}`,
      )
      .sort(),
  );
}

/**
 * Whether a screening can leave the supplier as it is: it raised the same hits as the screening before, and no
 * confirmation is in force (a confirmation stays while its entry is listed whether raised or not, so it is
 * checked against the list every time).
 */
export function screenedAsBefore(findings: ScreeningFindings | null, fresh: readonly FreshHit[]): boolean {
  if (findings === null) {
    return fresh.length === 0;
  }
  return findings.confirmed.length === 0 && findings.screenedKey === screenedKeyOf(fresh);
}

export type HitStatus = 'open' | 'confirmed' | 'dismissed' | 'withdrawn';

/** A hit as stored, as far as reconciling and the findings need it. */
export interface StoredHit {
  id: string;
  list: ListKind;
  entryId: string;
  entryKey: string;
  namesKey: string;
  strength: HitStrength;
  score: number | null;
  status: HitStatus;
  current: boolean;
  partyRole: PartyRole | null;
  partyName: string;
  entryName: string;
  listedName: string;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  details: HitDetails;
}

export interface Reconciliation {
  /** Raised for the first time (with this entry content and these names): open. */
  inserts: FreshHit[];
  /** Raised again: the stored row stays (its decision too) and takes the fresh details; a withdrawn one re-opens. */
  again: { id: string; hit: FreshHit; status: HitStatus }[];
  /** Stored rows no longer raised: an open one is withdrawn, a dismissal is kept as history. */
  lapsed: { id: string; status: HitStatus }[];
}

function hitKey(hit: Pick<FreshHit, 'list' | 'entryId' | 'entryKey' | 'namesKey'>): string {
  return `${hit.list}\u0000${hit.entryId}\u0000${hit.entryKey}\u0000${hit.namesKey}`;
}

/**
 * What one screening of a supplier changes in its stored hits. A confirmed hit stays in force as long as its
 * entry is on the list in force (the officer confirmed the supplier is the listed party; a changed spelling of the
 * supplier does not undo that); it lapses when the entry is gone from the list.
 */
export function reconcileHits(
  stored: readonly StoredHit[],
  fresh: readonly FreshHit[],
  catalog: EntryCatalog,
): Reconciliation {
  const byKey = new Map(stored.map((hit) => [hitKey(hit), hit]));
  // A confirmation covers the entry as it was confirmed, whatever the supplier is called since.
  const confirmedEntries = new Set(
    stored
      .filter((hit) => hit.current && hit.status === 'confirmed')
      .map((hit) => `${hit.list}\u0000${hit.entryId}\u0000${hit.entryKey}`),
  );
  const raised = new Set<string>();
  const result: Reconciliation = { inserts: [], again: [], lapsed: [] };
  for (const hit of fresh) {
    const key = hitKey(hit);
    raised.add(key);
    const previous = byKey.get(key);
    if (!previous) {
      if (!confirmedEntries.has(`${hit.list}\u0000${hit.entryId}\u0000${hit.entryKey}`)) {
        result.inserts.push(hit);
      }
    } else {
      result.again.push({
        id: previous.id,
        hit,
        status: previous.status === 'withdrawn' ? 'open' : previous.status,
      });
    }
  }
  for (const hit of stored) {
    if (!hit.current || raised.has(hitKey(hit))) {
      continue;
    }
    if (hit.status === 'confirmed' && catalog.has(catalogKey(hit.list, hit.entryId))) {
      continue;
    }
    result.lapsed.push({ id: hit.id, status: hit.status === 'open' ? 'withdrawn' : hit.status });
  }
  return result;
}

/**
 * Whether a hit raised again needs writing: its status changes (a withdrawn one re-opens) or the match does (a
 * changed threshold or reading of names). Otherwise the stored row stands as it is.
 */
export function needsWriting(previous: StoredHit, again: Reconciliation['again'][number]): boolean {
  return (
    previous.status !== again.status ||
    !previous.current ||
    previous.strength !== again.hit.strength ||
    (previous.score === null
      ? again.hit.score !== null
      : Math.abs(previous.score - (again.hit.score ?? 0)) > 5e-4)
  );
}

/** The supplier's hits once a reconciliation is written (what its findings are computed from). */
export function hitsAfter(stored: readonly StoredHit[], change: Reconciliation): StoredHit[] {
  const again = new Map(change.again.map((item) => [item.id, item]));
  const lapsed = new Map(change.lapsed.map((item) => [item.id, item.status]));
  const kept = stored.map((hit): StoredHit => {
    const raised = again.get(hit.id);
    if (raised) {
      return {
        ...hit,
        status: raised.status,
        current: true,
        strength: raised.hit.strength,
        score: raised.hit.score,
      };
    }
    const status = lapsed.get(hit.id);
    return status === undefined ? hit : { ...hit, status, current: false };
  });
  return [...kept, ...change.inserts.map((hit) => openHitOf(hit))];
}

/** A hit raised for the first time, as it is stored (open, current, undecided). */
export function openHitOf(hit: FreshHit, id = ''): StoredHit {
  return {
    id,
    list: hit.list,
    entryId: hit.entryId,
    entryKey: hit.entryKey,
    namesKey: hit.namesKey,
    strength: hit.strength,
    score: hit.score,
    status: 'open',
    current: true,
    partyRole: hit.partyRole,
    partyName: hit.partyName,
    entryName: hit.entryName,
    listedName: hit.listedName,
    reason: null,
    decidedBy: null,
    decidedAt: null,
    details: hit.details,
  };
}

const PARTY_WORDS: Readonly<Record<PartyRole, string>> = {
  supplier: 'supplier name',
  parent: 'parent company',
  subcontractor: 'subcontractor',
};

/**
 * What the scoring engine reads: the confirmed hits in force (critical red flags) and the open ones; null when the
 * supplier has no current hit at all (a screening then needs to read none of its stored hits).
 */
export function findingsOf(
  hits: readonly Pick<
    StoredHit,
    | 'list'
    | 'status'
    | 'current'
    | 'partyRole'
    | 'partyName'
    | 'entryName'
    | 'listedName'
    | 'reason'
    | 'decidedBy'
    | 'decidedAt'
    | 'details'
  >[],
): ScreeningFindings | null {
  const confirmed: ConfirmedListing[] = [];
  let openHits = 0;
  let dismissed = 0;
  for (const hit of hits) {
    if (!hit.current) {
      continue;
    }
    if (hit.status === 'open') {
      openHits += 1;
    } else if (hit.status === 'dismissed') {
      dismissed += 1;
    } else if (hit.status === 'confirmed') {
      confirmed.push({
        list: hit.list,
        editionAsOf: hit.details.editionAsOf,
        entryName: hit.entryName,
        section: hit.details.section,
        effectiveDate: hit.details.effectiveDate,
        matched: hit.listedName,
        party: hit.partyRole ? `${PARTY_WORDS[hit.partyRole]} "${hit.partyName}"` : `site (${hit.partyName})`,
        decidedBy: hit.decidedBy,
        decidedOn: (hit.decidedAt ?? new Date(0)).toISOString().slice(0, 10),
        reason: hit.reason ?? '',
      });
    }
  }
  if (confirmed.length === 0 && openHits === 0 && dismissed === 0) {
    return null;
  }
  confirmed.sort(
    (a, b) =>
      a.list.localeCompare(b.list) ||
      a.entryName.localeCompare(b.entryName) ||
      a.party.localeCompare(b.party),
  );
  return { confirmed, openHits, ...(dismissed > 0 ? { dismissed } : {}) };
}

import { canonicalJson } from '../../rules/domain/canonical-json.js';
import { addressKey } from './site-key.js';
import type { SupplierRecord } from './supplier-record.js';

// Field provenance: every value a site holds was said by a source list, in an upload, on a row, and has been
// said since a date. Several lists may describe one site; their values are kept side by side and merged on read:
// a column a file does not have never touches a field, a blank cell only withdraws what its own list said, and
// where lists disagree the value most recently *changed* by its list wins.

/** What one source list says about a site. */
export interface ListClaim {
  /** The upload that last listed the site, and the row it was on (null for data from before source lists). */
  batch: string | null;
  row: number | null;
  /** When that upload was made (ISO timestamp). */
  at: string;
  /** The list's values, by field; extra attributes as `extra:<header>`. */
  values: Record<string, unknown>;
  /** When each value was last changed by this list, for values that did not change in the last upload. */
  since: Record<string, string>;
}

/** Everything known about a site's fields, by source list id. */
export interface FieldSources {
  /** The list that first described the site: its name, address and country are the site's identity. */
  identity: string;
  lists: Record<string, ListClaim>;
  /** Values no list gave, inferred from what the lists did give (the region from the address). */
  inferred?: { region?: InferredValue };
}

/** A value Vigil inferred, with what it was inferred from. */
export interface InferredValue {
  value: string;
  /** ISO 3166-2 code of a region. */
  code?: string;
  from: 'coordinates' | 'city' | 'address';
  /** The text (or coordinates) it was read from. */
  matched: string;
}

/** One row of one upload, as the merge sees it. */
export interface ListedRow {
  listId: string;
  batch: string;
  row: number;
  at: string;
  /** The fields this file has a column for; extra attributes as `extra:<header>`. */
  columns: ReadonlySet<string>;
  record: SupplierRecord;
}

export interface FieldOrigin {
  listId: string;
  batch: string | null;
  row: number | null;
  /** When the list last changed this value. */
  since: string;
}

export interface Disagreement {
  field: string;
  values: { listId: string; value: unknown; since: string; batch: string | null; row: number | null }[];
}

// The site's identity: another list never overwrites it; its own spelling stays with its claim, as an alias.
const IDENTITY_FIELDS = ['name', 'country', 'address', 'city', 'postalCode', 'externalRef'] as const;
const IDENTITY: ReadonlySet<string> = new Set(IDENTITY_FIELDS);
const EXTRA_PREFIX = 'extra:';

/** A record's values keyed as claims store them: canonical fields by name, extra attributes as `extra:<header>`. */
export function claimValues(record: SupplierRecord): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (field === 'extra') {
      for (const [header, text] of Object.entries(value as Record<string, string>)) {
        values[`${EXTRA_PREFIX}${header}`] = text;
      }
    } else if (value !== undefined) {
      values[field] = value;
    }
  }
  return values;
}

/** The claim keys a file's columns can speak for: its mapped fields and its extra headers. */
export function columnKeys(fields: Iterable<string>, extraHeaders: Iterable<string>): Set<string> {
  const keys = new Set(fields);
  for (const header of extraHeaders) {
    keys.add(`${EXTRA_PREFIX}${header}`);
  }
  return keys;
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function sinceOf(claim: ListClaim, key: string): string {
  return claim.since[key] ?? claim.at;
}

/**
 * The sources after one uploaded row: the row's list now says what the row's cells say for the columns the file
 * has (a blank cell withdraws the list's earlier value), and keeps what it said for columns the file lacks. A value
 * the list repeats unchanged keeps the date it was first said, so re-uploading an old list does not make its
 * values newer than another list's.
 */
export function applyListedRow(sources: FieldSources | undefined, row: ListedRow): FieldSources {
  const previous = sources?.lists[row.listId];
  const incoming = claimValues(row.record);
  const values: Record<string, unknown> = {};
  const since: Record<string, string> = {};
  const keep = (key: string, value: unknown, from: string): void => {
    values[key] = value;
    if (from !== row.at) {
      since[key] = from;
    }
  };
  if (previous) {
    for (const [key, value] of Object.entries(previous.values)) {
      if (!row.columns.has(key)) {
        keep(key, value, sinceOf(previous, key));
      }
    }
  }
  for (const [key, value] of Object.entries(incoming)) {
    const before = previous?.values[key];
    keep(
      key,
      value,
      previous && before !== undefined && sameValue(before, value) ? sinceOf(previous, key) : row.at,
    );
  }
  const claim: ListClaim = { batch: row.batch, row: row.row, at: row.at, values, since };
  return {
    identity: sources?.identity ?? row.listId,
    lists: { ...sources?.lists, [row.listId]: claim },
  };
}

interface Candidate {
  listId: string;
  claim: ListClaim;
  value: unknown;
  since: string;
}

function candidatesFor(sources: FieldSources, key: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const [listId, claim] of Object.entries(sources.lists)) {
    const value = claim.values[key];
    if (value !== undefined) {
      candidates.push({ listId, claim, value, since: sinceOf(claim, key) });
    }
  }
  return candidates;
}

/** Latest change first; on a tie the latest upload, then the list id, so the merge never depends on key order. */
function byRecency(a: Candidate, b: Candidate): number {
  if (a.since !== b.since) {
    return a.since < b.since ? 1 : -1;
  }
  if (a.claim.at !== b.claim.at) {
    return a.claim.at < b.claim.at ? 1 : -1;
  }
  return a.listId < b.listId ? -1 : a.listId > b.listId ? 1 : 0;
}

function winner(sources: FieldSources, key: string): Candidate | undefined {
  const candidates = candidatesFor(sources, key);
  if (IDENTITY.has(key)) {
    // The identity list's spelling, when it has one; another list only fills a blank.
    const own = candidates.find((c) => c.listId === sources.identity);
    if (own) {
      return own;
    }
  }
  return candidates.sort(byRecency)[0];
}

function allKeys(sources: FieldSources): string[] {
  const keys = new Set<string>();
  for (const claim of Object.values(sources.lists)) {
    for (const key of Object.keys(claim.values)) {
      keys.add(key);
    }
  }
  return [...keys].sort();
}

/** The site as scoring, reports and the dashboard see it: each field's winning value. */
export function mergedRecord(sources: FieldSources): SupplierRecord {
  const record: Record<string, unknown> = {};
  const extra: Record<string, string> = {};
  for (const key of allKeys(sources)) {
    const chosen = winner(sources, key);
    if (!chosen) {
      continue;
    }
    if (key.startsWith(EXTRA_PREFIX)) {
      extra[key.slice(EXTRA_PREFIX.length)] = String(chosen.value);
    } else {
      record[key] = chosen.value;
    }
  }
  if (Object.keys(extra).length > 0) {
    record.extra = extra;
  }
  return record as unknown as SupplierRecord;
}

/**
 * The merged record with the region filled in when no list gives one and `infer` can read it from the address,
 * city or coordinates; the inference is kept with the sources so reports can say it was inferred, and from what.
 */
export function withInferredRegion(
  sources: FieldSources,
  record: SupplierRecord,
  infer: (record: SupplierRecord) => InferredValue | undefined,
): { sources: FieldSources; record: SupplierRecord } {
  const { inferred: _previous, ...rest } = sources;
  if (record.region !== undefined) {
    return { sources: rest, record };
  }
  const region = infer(record);
  if (!region) {
    return { sources: rest, record };
  }
  return { sources: { ...rest, inferred: { region } }, record: { ...record, region: region.value } };
}

/** Where each merged value came from. */
export function fieldOrigins(sources: FieldSources): Record<string, FieldOrigin> {
  const origins: Record<string, FieldOrigin> = {};
  for (const key of allKeys(sources)) {
    const chosen = winner(sources, key);
    if (chosen) {
      origins[key] = {
        listId: chosen.listId,
        batch: chosen.claim.batch,
        row: chosen.claim.row,
        since: chosen.since,
      };
    }
  }
  return origins;
}

// Each list has its own references, and other spellings of the name are aliases: neither is a disagreement.
const NOT_DISPUTED: ReadonlySet<string> = new Set(['externalRef', 'name']);
// "18 Xingye Rd." and "18 XINGYE ROAD" are one address written two ways, not two addresses.
const SPELLING_FOLDED: ReadonlySet<string> = new Set(['address', 'city', 'region', 'postalCode']);

function comparable(key: string, value: unknown): string {
  return SPELLING_FOLDED.has(key) && typeof value === 'string' ? addressKey(value) : canonicalJson(value);
}

/** Fields on which two or more lists give different values, each list's value with its date. */
export function disagreements(sources: FieldSources): Disagreement[] {
  const result: Disagreement[] = [];
  for (const key of allKeys(sources).filter((k) => !NOT_DISPUTED.has(k))) {
    // The value in use first (for the identity, the identity list's), then the others, latest change first.
    const inUse = winner(sources, key);
    const candidates = candidatesFor(sources, key)
      .sort(byRecency)
      .sort((a, b) => Number(b.listId === inUse?.listId) - Number(a.listId === inUse?.listId));
    if (new Set(candidates.map((c) => comparable(key, c.value))).size > 1) {
      result.push({
        field: key,
        values: candidates.map((c) => ({
          listId: c.listId,
          value: c.value,
          since: c.since,
          batch: c.claim.batch,
          row: c.claim.row,
        })),
      });
    }
  }
  return result;
}

/** The lists' spellings of the site's name that differ from its own. */
export function nameAliases(sources: FieldSources): string[] {
  const own = winner(sources, 'name')?.value;
  const aliases = new Set<string>();
  for (const claim of Object.values(sources.lists)) {
    const name = claim.values.name;
    if (typeof name === 'string' && name !== own) {
      aliases.add(name);
    }
  }
  return [...aliases].sort();
}

/**
 * Two sites confirmed to be one: what every list said about either is kept. The surviving site's identity stays;
 * a list that listed both keeps the claim of its later upload.
 */
export function mergeSources(into: FieldSources, from: FieldSources): FieldSources {
  const lists: Record<string, ListClaim> = { ...into.lists };
  for (const [listId, claim] of Object.entries(from.lists)) {
    const own = lists[listId];
    if (!own || own.at < claim.at) {
      lists[listId] = claim;
    }
  }
  return { identity: into.identity, lists };
}

import type { MatchDecision, MatchStatus, PotentialMatch } from '../api/types.js';
import { formatCount, formatDateTime } from './format.js';

// Possible duplicate sites in words: how alike two sites are, what that rests on, and what kept them from being
// matched automatically (src/suppliers/domain/site-similarity.ts). Pure, like format.ts.

/** A similarity between 0 and 1 as a whole percentage; only identical sites read 100%. */
export function similarityPercent(similarity: number): string {
  if (!Number.isFinite(similarity)) {
    return 'unknown';
  }
  const share = Math.min(1, Math.max(0, similarity));
  const percent = Math.round(share * 100);
  return `${share < 1 ? Math.min(99, percent) : 100}%`;
}

const EVIDENCE: Record<string, { text: string; weaker: boolean }> = {
  address: { text: 'the names and both addresses', weaker: false },
  city: { text: 'the names and the city (an address is missing)', weaker: false },
  country: { text: 'the names and the country only', weaker: true },
};

/** What the similarity rests on; a name compared within a country alone is weaker evidence and says so. */
export function evidenceText(evidence: string): { text: string; weaker: boolean } {
  const words = EVIDENCE[evidence] ?? { text: evidence, weaker: false };
  return words.weaker ? { text: `${words.text} (weaker evidence)`, weaker: true } : words;
}

const CONFLICTS: Record<string, string> = {
  number: 'a different street, house or plot number (in the address or the name)',
  place: 'a different town or postal code',
  name: 'a different word in the name',
  country: 'a different country',
};

/** What kept the pair from an automatic match, or undefined when only the score did. */
export function conflictText(conflict: string | null): string | undefined {
  if (conflict === null) {
    return undefined;
  }
  return CONFLICTS[conflict] ?? conflict;
}

/** Why an officer is asked: the conflict when there is one, else a score between the two thresholds. */
export function whyAsked(match: Pick<PotentialMatch, 'conflict'>): string {
  const conflict = conflictText(match.conflict);
  return conflict
    ? `Not merged automatically: ${conflict}.`
    : 'Not merged automatically: alike, but not enough to be sure.';
}

/** "facilities.xlsx, list Brand B", or why there is none to name. */
export function uploadOf(match: Pick<PotentialMatch, 'upload'>): string {
  if (!match.upload) {
    return 'upload not recorded';
  }
  return match.upload.list ? `${match.upload.fileName}, list ${match.upload.list}` : match.upload.fileName;
}

const TABS: Record<MatchStatus, { label: string; empty: string }> = {
  pending: { label: 'To decide', empty: 'No possible duplicates wait for a decision.' },
  confirmed: { label: 'Merged', empty: 'No sites have been merged yet.' },
  rejected: { label: 'Kept apart', empty: 'No pairs have been kept apart yet.' },
};

export function matchTabLabel(status: MatchStatus): string {
  return TABS[status].label;
}

export function noMatchesText(status: MatchStatus): string {
  return TABS[status].empty;
}

/** "Same site: merged by Ana on 3 Dec 2026, 10:15" for a question already answered. */
export function decisionText(
  match: Pick<PotentialMatch, 'status' | 'decidedBy' | 'decidedAt'>,
  timeZone?: string,
): string | undefined {
  if (match.status === 'pending') {
    return undefined;
  }
  const what = match.status === 'confirmed' ? 'Same site: merged' : 'Different sites: kept apart';
  const who = match.decidedBy ? ` by ${match.decidedBy}` : '';
  const when = match.decidedAt ? ` on ${formatDateTime(match.decidedAt, timeZone)}` : '';
  return `${what}${who}${when}`;
}

/** What the page says once the officer has answered. */
export function outcomeText(
  decision: MatchDecision,
  match: Pick<PotentialMatch, 'siteName' | 'candidate'>,
): string {
  return decision === 'same'
    ? `Merged “${match.siteName}” into “${match.candidate.name}”: one site now, with the lists, values and history of both.`
    : `Kept “${match.siteName}” and “${match.candidate.name}” as two sites; the same row in a later upload is not asked about again.`;
}

/** How many pairs the page shows: "3 pairs, most alike first", or the first page of many. */
export function matchesCountText(shown: number, total: number): string {
  if (total > shown) {
    return `Showing the ${formatCount(shown)} most alike of ${formatCount(total)} pairs.`;
  }
  return shown === 1 ? '1 pair.' : `${formatCount(shown)} pairs, most alike first.`;
}

import type { MatchStatus } from '../potential-match.entity.js';

/** One side of a possible duplicate, as an officer compares them. */
export interface MatchSiteView {
  id: string;
  name: string;
  country: string;
  address: string | null;
  city: string | null;
  score: number | null;
  tier: string | null;
  /** The lists that list the site. */
  lists: string[];
}

export interface PotentialMatchView {
  id: string;
  status: MatchStatus;
  /** The site the upload created (null once merged: then `siteName` says what it was). */
  site: MatchSiteView | null;
  siteName: string;
  siteAddress: string | null;
  /** The stored site it may be the same as. */
  candidate: MatchSiteView;
  /** Similarity 0..1 and what it rests on: both addresses, the city, or only the country (weaker). */
  similarity: number;
  evidence: string;
  /** What kept it from an automatic match: a different number, place or name word. */
  conflict: string | null;
  upload: { id: string; fileName: string; list: string | null } | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface PotentialMatchPage {
  items: PotentialMatchView[];
  total: number;
}

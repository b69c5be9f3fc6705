import { describe, expect, it } from '@jest/globals';
import type { PotentialMatch } from '../../web/src/api/types.js';
import {
  conflictText,
  decisionText,
  evidenceText,
  matchesCountText,
  matchTabLabel,
  noMatchesText,
  outcomeText,
  similarityPercent,
  uploadOf,
  whyAsked,
} from '../../web/src/lib/matches.js';

function makeMatch(overrides: Partial<PotentialMatch> = {}): PotentialMatch {
  const site = {
    id: '3f1c2b9e-8a7d-4c6b-9e5f-0a1b2c3d4e5f',
    name: 'RAHMAN KNIT COMPOSITE LIMITED',
    country: 'BD',
    address: 'Plot 25-27, DEPZ, Ganakbari, Savar',
    city: 'Savar',
    score: 41,
    tier: 'high',
    lists: ['Brand B'],
  };
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    status: 'pending',
    site,
    siteName: site.name,
    siteAddress: site.address,
    candidate: {
      ...site,
      id: 'a1b2c3d4-0000-4000-8000-000000000002',
      name: 'Rahman Knit Composite Ltd.',
      address: 'Plot # 25-27, Dhaka EPZ, Savar',
      city: 'Dhaka',
      lists: ['Brand A'],
    },
    similarity: 0.7,
    evidence: 'address',
    conflict: null,
    upload: { id: 'b1', fileName: 'facilities.xlsx', list: 'Brand B' },
    createdAt: '2026-12-03T10:00:00.000Z',
    decidedAt: null,
    decidedBy: null,
    ...overrides,
  };
}

describe(similarityPercent.name, () => {
  it.each([
    [0.7, '70%'],
    [0.654, '65%'],
    [0.655, '66%'],
    [0, '0%'],
    [1, '100%'],
  ])('shows %p as %s', (similarity, text) => {
    expect(similarityPercent(similarity)).toBe(text);
  });

  it('never rounds a pair that is not identical up to 100%', () => {
    expect(similarityPercent(0.998)).toBe('99%');
  });

  it('keeps odd values within 0–100% and says when there is none', () => {
    expect(similarityPercent(1.2)).toBe('100%');
    expect(similarityPercent(-0.1)).toBe('0%');
    expect(similarityPercent(Number.NaN)).toBe('unknown');
  });
});

describe(evidenceText.name, () => {
  it('says what the similarity rests on, and marks the country alone as weaker evidence', () => {
    expect(evidenceText('address')).toEqual({ text: 'the names and both addresses', weaker: false });
    expect(evidenceText('city')).toEqual({
      text: 'the names and the city (an address is missing)',
      weaker: false,
    });
    expect(evidenceText('country')).toEqual({
      text: 'the names and the country only (weaker evidence)',
      weaker: true,
    });
  });

  it('shows evidence it does not know as the service sent it', () => {
    expect(evidenceText('gps')).toEqual({ text: 'gps', weaker: false });
  });
});

describe(conflictText.name, () => {
  it.each([
    ['number', 'a different street, house or plot number (in the address or the name)'],
    ['place', 'a different town or postal code'],
    ['name', 'a different word in the name'],
    ['country', 'a different country'],
    ['weather', 'weather'],
  ])('says what the conflict %s means', (conflict, text) => {
    expect(conflictText(conflict)).toBe(text);
  });

  it('says nothing without a conflict', () => {
    expect(conflictText(null)).toBeUndefined();
  });
});

describe(whyAsked.name, () => {
  it('gives the conflict that kept the pair from an automatic match, or the score', () => {
    expect(whyAsked({ conflict: 'place' })).toBe(
      'Not merged automatically: a different town or postal code.',
    );
    expect(whyAsked({ conflict: null })).toBe('Not merged automatically: alike, but not enough to be sure.');
  });
});

describe(uploadOf.name, () => {
  it('names the file and its list', () => {
    expect(uploadOf(makeMatch())).toBe('facilities.xlsx, list Brand B');
    expect(uploadOf(makeMatch({ upload: { id: 'b', fileName: 'x.csv', list: null } }))).toBe('x.csv');
    expect(uploadOf(makeMatch({ upload: null }))).toBe('upload not recorded');
  });
});

describe(decisionText.name, () => {
  it('says nothing of a question still open', () => {
    expect(decisionText(makeMatch())).toBeUndefined();
  });

  it('says who decided what, and when', () => {
    const decided = { decidedBy: 'ana@example.org', decidedAt: '2026-12-03T10:15:00.000Z' };
    expect(decisionText(makeMatch({ status: 'confirmed', ...decided }), 'UTC')).toBe(
      'Same site: merged by ana@example.org on 3 Dec 2026, 10:15',
    );
    expect(decisionText(makeMatch({ status: 'rejected', ...decided }), 'UTC')).toBe(
      'Different sites: kept apart by ana@example.org on 3 Dec 2026, 10:15',
    );
    expect(decisionText(makeMatch({ status: 'rejected' }))).toBe('Different sites: kept apart');
  });
});

describe(outcomeText.name, () => {
  it('says what the answer did', () => {
    expect(outcomeText('same', makeMatch())).toBe(
      'Merged “RAHMAN KNIT COMPOSITE LIMITED” into “Rahman Knit Composite Ltd.”: one site now, with the lists, values and history of both.',
    );
    expect(outcomeText('different', makeMatch())).toContain(
      'Kept “RAHMAN KNIT COMPOSITE LIMITED” and “Rahman Knit Composite Ltd.” as two sites',
    );
  });
});

describe(matchTabLabel.name, () => {
  it('names each tab and says when it is empty', () => {
    expect(matchTabLabel('pending')).toBe('To decide');
    expect(matchTabLabel('confirmed')).toBe('Merged');
    expect(matchTabLabel('rejected')).toBe('Kept apart');
    expect(noMatchesText('pending')).toBe('No possible duplicates wait for a decision.');
  });
});

describe(matchesCountText.name, () => {
  it('counts the pairs, and says when only the first page is shown', () => {
    expect(matchesCountText(1, 1)).toBe('1 pair.');
    expect(matchesCountText(3, 3)).toBe('3 pairs, most alike first.');
    expect(matchesCountText(500, 620)).toBe('Showing the 500 most alike of 620 pairs.');
  });
});

import { describe, expect, it } from '@jest/globals';
import type { ListEdition, ScreeningHit, ScreeningRun } from '../../web/src/api/types.js';
import {
  citationFacts,
  decisionText,
  editionLoadedText,
  editionTitle,
  hitHeading,
  hitsCountText,
  hitsPath,
  hitTabLabel,
  importScreeningText,
  noHitsText,
  outcomeText,
  partyRoleText,
  reasonProblem,
  runFraction,
  runText,
  scoreText,
  screeningStatusDetail,
  screeningStatusLabel,
  strengthText,
  supersededText,
  wordsText,
} from '../../web/src/lib/screening.js';

const SUPPLIER_ID = '3f1c2b9e-8a7d-4c6b-9e5f-0a1b2c3d4e5f';

function makeHit(overrides: Partial<ScreeningHit> = {}): ScreeningHit {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    supplier: { id: SUPPLIER_ID, name: 'Hotan Taida Apparel', country: 'CN', tier: 'high' },
    list: 'uflpa',
    listTitle: 'UFLPA Entity List',
    entryId: 'hetiantaidaapparelcoltd',
    kind: 'name',
    strength: 'hit',
    score: 0.912,
    party: { role: 'supplier', name: 'Hotan Taida Apparel' },
    entryName: 'Hetian Taida Apparel Co., Ltd.',
    listedName: 'Hetian Taida Apparel Co., Ltd',
    details: {
      section: '2(d)(2)(B)(i); 2(d)(2)(B)(v)',
      effectiveDate: '2022-06-21',
      editionAsOf: '2026-08-03',
      matchedWords: ['hotan=hetian', 'taida', 'apparel'],
      missingWords: [],
      reasons: ['"Hotan" is another spelling of "Hetian"'],
    },
    edition: {
      id: 'e1',
      asOf: '2026-08-03',
      source: 'US Department of Homeland Security, UFLPA Entity List',
    },
    status: 'open',
    current: true,
    reason: null,
    decidedBy: null,
    decidedAt: null,
    raisedAt: '2026-12-03T10:00:00.000Z',
    screenedAt: '2026-12-03T10:00:00.000Z',
    ...overrides,
  };
}

function makeAreaHit(overrides: Partial<ScreeningHit> = {}): ScreeningHit {
  return makeHit({
    supplier: { id: SUPPLIER_ID, name: 'Dhaka Knit Composite Ltd', country: 'BD', tier: 'medium' },
    list: 'cbp-wro',
    listTitle: 'CBP withhold release orders and findings',
    entryId: 'wro-2016-turkmenistan-cotton',
    kind: 'area',
    strength: 'potential',
    score: null,
    party: { role: null, name: 'Dhaka, BD; cotton' },
    entryName:
      'Turkmenistan: Cotton (all Turkmenistan cotton, or products produced in whole or in part with Turkmenistan cotton)',
    listedName: 'Turkmenistan: cotton',
    details: {
      section: 'WRO',
      effectiveDate: '2018-05-18',
      editionAsOf: '2026-06-23',
      matchedProducts: ['cotton'],
      question: "Does this supplier's cotton come from Turkmenistan?",
      reasons: ['Cotton T-shirts are made of cotton'],
    },
    edition: { id: 'e2', asOf: '2026-06-23', source: 'CBP, withhold release orders and findings' },
    ...overrides,
  });
}

function makeRun(overrides: Partial<ScreeningRun> = {}): ScreeningRun {
  return {
    id: 'r1',
    status: 'running',
    reason: 'request',
    importBatchId: null,
    editionIds: ['e1', 'e2'],
    total: 0,
    done: 0,
    raised: 0,
    requestedBy: 'token:test compliance',
    startedAt: '2026-12-03T10:15:00.000Z',
    finishedAt: null,
    error: null,
    ...overrides,
  };
}

describe(hitsPath.name, () => {
  it('asks for the open hits of every list by default', () => {
    expect(hitsPath({ status: 'open' })).toBe('/screening/hits?status=open&limit=50&offset=0');
  });

  it('narrows to a list and a supplier, from an offset', () => {
    expect(hitsPath({ status: 'all', list: 'cbp-wro', supplier: SUPPLIER_ID }, 100)).toBe(
      `/screening/hits?status=all&list=cbp-wro&supplier=${SUPPLIER_ID}&limit=50&offset=100`,
    );
  });
});

describe(hitTabLabel.name, () => {
  it('names each tab and says when it is empty, narrowed or not', () => {
    expect(hitTabLabel('open')).toBe('To review');
    expect(hitTabLabel('withdrawn')).toBe('No longer raised');
    expect(noHitsText({ status: 'open' })).toBe('No hit waits for a decision.');
    expect(noHitsText({ status: 'dismissed', list: 'uflpa' })).toBe(
      'No hit has been dismissed with these filters.',
    );
  });
});

describe(hitHeading.name, () => {
  it('asks whether the supplier is the listed party while the hit is open', () => {
    expect(hitHeading(makeHit())).toBe(
      'Is “Hotan Taida Apparel” the listed “Hetian Taida Apparel Co., Ltd”?',
    );
  });

  it('names the matched party, which may be the parent company', () => {
    const parent = makeHit({ party: { role: 'parent', name: 'Hoshine Silicon Industry Co.' } });
    expect(hitHeading(parent)).toBe(
      'Is “Hoshine Silicon Industry Co.” the listed “Hetian Taida Apparel Co., Ltd”?',
    );
  });

  it('asks whether an order on an area covers the supplier', () => {
    expect(hitHeading(makeAreaHit())).toBe(
      'Does the order on “Turkmenistan: cotton” cover “Dhaka Knit Composite Ltd”?',
    );
    expect(hitHeading(makeAreaHit({ status: 'dismissed' }))).toBe(
      '“Dhaka Knit Composite Ltd” and the order on “Turkmenistan: cotton”',
    );
  });

  it('puts the two sides side by side once decided or no longer raised', () => {
    expect(hitHeading(makeHit({ status: 'confirmed' }))).toBe(
      '“Hotan Taida Apparel” and “Hetian Taida Apparel Co., Ltd”',
    );
    expect(hitHeading(makeHit({ status: 'open', current: false }))).toBe(
      '“Hotan Taida Apparel” and “Hetian Taida Apparel Co., Ltd”',
    );
  });
});

describe(scoreText.name, () => {
  it('shows a name score as a percentage, and says an area order has none', () => {
    expect(scoreText(makeHit())).toBe('91% name match');
    expect(scoreText(makeHit({ score: 0.998 }))).toBe('99% name match');
    expect(scoreText(makeAreaHit())).toBe('none: place and products, not a name');
  });
});

describe(strengthText.name, () => {
  it('tells a hit from a potential hit', () => {
    expect(strengthText('hit')).toBe('Hit');
    expect(strengthText('potential')).toBe('Potential hit');
  });
});

describe(partyRoleText.name, () => {
  it.each([
    ['supplier', 'Supplier name'],
    ['parent', 'Parent company'],
    ['subcontractor', 'Subcontractor'],
    [null, 'Place and products'],
  ] as const)('names the side %p', (role, text) => {
    expect(partyRoleText(role)).toBe(text);
  });
});

describe(citationFacts.name, () => {
  it('cites a UFLPA entry by its sections, effective date, edition and source', () => {
    expect(citationFacts(makeHit())).toEqual([
      { label: 'Sections', value: '2(d)(2)(B)(i); 2(d)(2)(B)(v)' },
      { label: 'Effective', value: '21 Jun 2022' },
      { label: 'Edition', value: 'as of 3 Aug 2026' },
      { label: 'Source', value: 'US Department of Homeland Security, UFLPA Entity List' },
    ]);
  });

  it('cites a CBP order by its type and date', () => {
    expect(citationFacts(makeAreaHit()).slice(0, 2)).toEqual([
      { label: 'Order type', value: 'WRO' },
      { label: 'Order date', value: '18 May 2018' },
    ]);
  });
});

describe(wordsText.name, () => {
  it('joins the words, and shows nothing when there are none', () => {
    expect(wordsText(['taida', 'apparel'])).toBe('taida, apparel');
    expect(wordsText([])).toBeUndefined();
    expect(wordsText(undefined)).toBeUndefined();
  });
});

describe(decisionText.name, () => {
  it('says nothing of a hit still open', () => {
    expect(decisionText(makeHit())).toBeUndefined();
  });

  it('says who decided what, and when', () => {
    const decided = { decidedBy: 'ana@example.org', decidedAt: '2026-12-03T10:15:00.000Z' };
    expect(decisionText(makeHit({ status: 'confirmed', ...decided }), 'UTC')).toBe(
      'Confirmed by ana@example.org on 3 Dec 2026, 10:15',
    );
    expect(decisionText(makeHit({ status: 'dismissed', ...decided }), 'UTC')).toBe(
      'Dismissed by ana@example.org on 3 Dec 2026, 10:15',
    );
    expect(decisionText(makeHit({ status: 'dismissed' }))).toBe('Dismissed');
  });

  it('says why a hit is no longer raised', () => {
    expect(decisionText(makeHit({ status: 'withdrawn', current: false }))).toBe(
      'No longer raised: the supplier or the list entry has changed since.',
    );
  });
});

describe(supersededText.name, () => {
  it('marks a decision a later screening asks about again', () => {
    expect(supersededText(makeHit({ status: 'dismissed', current: false }))).toMatch(/^From an earlier/);
    expect(supersededText(makeHit({ status: 'dismissed', current: true }))).toBeUndefined();
    expect(supersededText(makeHit({ status: 'withdrawn', current: false }))).toBeUndefined();
  });
});

describe(outcomeText.name, () => {
  it('says what a confirmation and a dismissal do', () => {
    expect(outcomeText('confirm', makeHit())).toBe(
      'Confirmed: “Hotan Taida Apparel” is now critical, with a red flag citing the UFLPA Entity List.',
    );
    expect(outcomeText('dismiss', makeHit())).toBe(
      'Dismissed: not raised again for “Hotan Taida Apparel” while the list entry and the supplier’s names stay as they are.',
    );
    expect(outcomeText('dismiss', makeAreaHit())).toContain('the supplier’s place and products stay');
  });
});

describe(reasonProblem.name, () => {
  it('asks for a reason of at least 10 characters, spaces around it not counted', () => {
    expect(reasonProblem('')).toBe('Say why: what was checked and what it showed.');
    expect(reasonProblem('   ')).toBe('Say why: what was checked and what it showed.');
    expect(reasonProblem('  checked  ')).toMatch(/at least 10 characters/);
    expect(reasonProblem('Registration number differs')).toBeUndefined();
  });
});

describe(screeningStatusLabel.name, () => {
  it('names each status as the supplier list shows it', () => {
    expect(screeningStatusLabel('confirmed')).toBe('Confirmed');
    expect(screeningStatusLabel('open')).toBe('Awaiting review');
    expect(screeningStatusLabel('clear')).toBe('Clear');
  });

  it('says what the hits mean for the supplier', () => {
    expect(screeningStatusDetail({ status: 'confirmed', confirmed: 1, open: 0 })).toBe(
      '1 confirmed hit on an enforcement list: a critical red flag.',
    );
    expect(screeningStatusDetail({ status: 'confirmed', confirmed: 2, open: 1 })).toBe(
      '2 confirmed hits on an enforcement list: a critical red flag; 1 more awaits review.',
    );
    expect(screeningStatusDetail({ status: 'open', confirmed: 0, open: 2 })).toBe(
      '2 hits await review by a compliance officer; until then it sets no tier.',
    );
    expect(screeningStatusDetail({ status: 'clear', confirmed: 0, open: 0 })).toBe(
      'No hit on the list editions in force.',
    );
  });
});

describe(runText.name, () => {
  it('has no fraction before the run knows how many suppliers it screens', () => {
    expect(runFraction(makeRun())).toBeNull();
    expect(runText(makeRun(), 'UTC')).toBe(
      'Screening the portfolio, on request, 3 Dec 2026, 10:15: starting.',
    );
  });

  it('counts the suppliers screened so far', () => {
    const run = makeRun({ reason: 'import', total: 1200, done: 300 });
    expect(runFraction(run)).toBe(0.25);
    expect(runText(run, 'UTC')).toBe(
      'Screening the sites of an upload, 3 Dec 2026, 10:15: 300 of 1,200 suppliers so far.',
    );
  });

  it('says what a finished run raised, and why a failed one stopped', () => {
    expect(runText(makeRun({ status: 'completed', total: 45, done: 45, raised: 2 }), 'UTC')).toBe(
      'Last screening: the portfolio, on request, 3 Dec 2026, 10:15: 45 suppliers screened, 2 new hits raised.',
    );
    expect(runText(makeRun({ status: 'completed', reason: 'edition', total: 1, done: 1 }), 'UTC')).toBe(
      'Last screening: the portfolio, after a new list edition, 3 Dec 2026, 10:15: 1 supplier screened, no new hit.',
    );
    expect(
      runText(makeRun({ status: 'failed', error: 'Screening stopped on an unexpected error.' }), 'UTC'),
    ).toBe(
      'Last screening: the portfolio, on request, 3 Dec 2026, 10:15: Screening stopped on an unexpected error.',
    );
  });
});

describe(importScreeningText.name, () => {
  it("speaks of an upload's screening only when it raised something or is still running", () => {
    const upload = { reason: 'import' as const, importBatchId: 'b1' };
    expect(importScreeningText(null)).toBeUndefined();
    expect(
      importScreeningText(makeRun({ ...upload, status: 'completed', total: 8, done: 8 })),
    ).toBeUndefined();
    expect(
      importScreeningText(makeRun({ ...upload, status: 'completed', total: 8, done: 8, raised: 3 })),
    ).toBe('Screening against the enforcement lists raised 3 new hits');
    expect(importScreeningText(makeRun(upload))).toBe(
      'The new and changed sites are being screened against the enforcement lists',
    );
  });
});

describe(editionTitle.name, () => {
  const edition: ListEdition = {
    id: 'e1',
    kind: 'uflpa',
    file: 'uflpa_entity_list.csv',
    asOf: '2026-08-03',
    source: 'US Department of Homeland Security',
    coverage: null,
    rowCount: 148,
    sha256: 'ab'.repeat(32),
    shipped: true,
    loadedBy: null,
    loadedAt: '2026-12-01T09:00:00.000Z',
    inForce: true,
  };

  it('names the list and its as-of date', () => {
    expect(editionTitle(edition)).toBe('UFLPA Entity List as of 3 Aug 2026');
    expect(editionTitle({ kind: 'cbp-wro', asOf: '2026-06-23' })).toBe(
      'CBP withhold release orders and findings as of 23 Jun 2026',
    );
  });

  it('says whether an edition shipped with Vigil or who loaded it', () => {
    expect(editionLoadedText(edition)).toBe('shipped with Vigil');
    expect(editionLoadedText({ ...edition, shipped: false, loadedBy: 'ana@example.org' })).toBe(
      'loaded by ana@example.org on 1 Dec 2026',
    );
  });
});

describe(hitsCountText.name, () => {
  it('counts the hits, and says which of many are shown', () => {
    expect(hitsCountText(1, 1, 0)).toBe('1 hit.');
    expect(hitsCountText(3, 3, 0)).toBe('3 hits.');
    expect(hitsCountText(50, 120, 50)).toBe('Hits 51–100 of 120.');
  });
});

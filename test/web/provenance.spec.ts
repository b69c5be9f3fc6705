import { describe, expect, it } from '@jest/globals';
import type { FieldDisagreement, FieldProvenance, SiteListing } from '../../web/src/api/types.js';
import {
  causeText,
  disagreementLines,
  extraKey,
  inferredLine,
  LEGACY_UPLOAD,
  listingUploadText,
  matchEvidenceText,
  provenanceLine,
  sourceKeyLabel,
  sourceValueText,
  uploadText,
} from '../../web/src/lib/provenance.js';

const VENDOR_MASTER = { id: 'list-1', name: 'Vendor Master', legacy: false };
const LEGACY = { id: 'list-0', name: 'Before source lists', legacy: true };
const UPLOAD = { id: 'batch-1', fileName: 'Vendor_Master_2026-11.xlsx', uploadedAt: '2026-11-03T09:30:00Z' };

function makeProvenance(overrides: Partial<FieldProvenance> = {}): FieldProvenance {
  return {
    list: VENDOR_MASTER,
    upload: UPLOAD,
    rowNumber: 12,
    since: '2026-10-01T08:00:00Z',
    ...overrides,
  };
}

function makeListing(overrides: Partial<SiteListing> = {}): SiteListing {
  return {
    list: VENDOR_MASTER,
    externalRef: 'V-1001',
    name: 'NINGBO SHENZHOU KNITTING CO LTD',
    matchEvidence: 'reference',
    upload: UPLOAD,
    rowNumber: 12,
    current: true,
    ...overrides,
  };
}

describe(matchEvidenceText.name, () => {
  it.each([
    ['new', 'new: this list brought the site in'],
    ['reference', 'by the list’s reference'],
    ['site-key', 'by site key (name and address)'],
    ['fuzzy', 'by similar name and address'],
    ['confirmed', 'confirmed by an officer as the same site'],
  ])('says how a %p listing was matched', (evidence, text) => {
    expect(matchEvidenceText(evidence)).toEqual({ text, weaker: false });
  });

  it.each([
    ['name-city', 'by name and city (weaker evidence)'],
    ['name-country', 'by name and country (weaker evidence)'],
  ])('calls a match on a name alone (%p) weaker evidence', (evidence, text) => {
    expect(matchEvidenceText(evidence)).toEqual({ text, weaker: true });
  });

  it('shows a value it does not know as the service sent it', () => {
    expect(matchEvidenceText('officer')).toEqual({ text: 'officer', weaker: false });
  });
});

describe(uploadText.name, () => {
  it('names the file, the day it was uploaded and the row', () => {
    expect(uploadText(UPLOAD, 12)).toBe('Vendor_Master_2026-11.xlsx · 3 Nov 2026 · row 12');
  });

  it('leaves out what is not known', () => {
    expect(uploadText(UPLOAD, null)).toBe('Vendor_Master_2026-11.xlsx · 3 Nov 2026');
    expect(uploadText(null, null)).toBe('');
  });
});

describe(listingUploadText.name, () => {
  it("gives the last upload's file, date and row", () => {
    expect(listingUploadText(makeListing())).toBe('Vendor_Master_2026-11.xlsx · 3 Nov 2026 · row 12');
  });

  it('describes a listing from before source lists', () => {
    expect(listingUploadText(makeListing({ list: LEGACY, upload: null, rowNumber: null }))).toBe(
      'Before source lists: imported before uploads were grouped in lists; row unknown',
    );
    expect(LEGACY_UPLOAD).toContain('row unknown');
  });

  it('says when no upload is recorded', () => {
    expect(listingUploadText(makeListing({ upload: null, rowNumber: null }))).toBe('no upload recorded');
  });
});

describe(provenanceLine.name, () => {
  it('names the list, the file and row, and since when the list says the value', () => {
    expect(provenanceLine(makeProvenance())).toBe(
      'from Vendor Master · Vendor_Master_2026-11.xlsx row 12 · since 1 Oct 2026',
    );
  });

  it('leaves out the row or the file when they are not known', () => {
    expect(provenanceLine(makeProvenance({ rowNumber: null }))).toBe(
      'from Vendor Master · Vendor_Master_2026-11.xlsx · since 1 Oct 2026',
    );
    expect(provenanceLine(makeProvenance({ upload: null, rowNumber: null }))).toBe(
      'from Vendor Master · since 1 Oct 2026',
    );
  });

  it('says a value from before source lists is', () => {
    expect(provenanceLine(makeProvenance({ list: LEGACY, upload: null, rowNumber: null }))).toBe(
      'before source lists',
    );
  });
});

describe(sourceKeyLabel.name, () => {
  it('labels fields by name and extra attributes by their header', () => {
    expect(sourceKeyLabel('migrantWorkerPct')).toBe('Migrant workers (%)');
    expect(sourceKeyLabel(extraKey('Buyer contact'))).toBe('Buyer contact');
    expect(extraKey('Buyer contact')).toBe('extra:Buyer contact');
  });
});

describe(sourceValueText.name, () => {
  it('formats field values as the profile does and shows extra attributes as uploaded', () => {
    expect(sourceValueText('migrantWorkerPct', 40)).toBe('40');
    expect(sourceValueText('usesLabourAgency', true)).toBe('Yes');
    expect(sourceValueText('extra:Buyer contact', 'Anna')).toBe('Anna');
    expect(sourceValueText('extra:Buyer contact', '')).toBe('(empty)');
  });
});

describe(disagreementLines.name, () => {
  const disagreement: FieldDisagreement = {
    field: 'workerCount',
    values: [
      { ...makeProvenance({ since: '2026-11-03T09:30:00Z' }), value: 2600 },
      {
        ...makeProvenance({
          list: { id: 'list-2', name: 'Brand facility list', legacy: false },
          upload: { id: 'batch-2', fileName: 'facilities.csv', uploadedAt: '2026-08-14T10:00:00Z' },
          rowNumber: 4,
          since: '2026-08-14T10:00:00Z',
        }),
        value: 2400,
      },
      { ...makeProvenance({ list: LEGACY, upload: null, rowNumber: null }), value: 1800 },
    ],
  };

  it("lists each list's value with its upload, row and date, the value in use first", () => {
    expect(disagreementLines(disagreement, disagreement.values[0])).toEqual([
      {
        value: '2,600',
        list: 'Vendor Master',
        where: 'Vendor_Master_2026-11.xlsx · 3 Nov 2026 · row 12',
        since: '3 Nov 2026',
        inUse: true,
      },
      {
        value: '2,400',
        list: 'Brand facility list',
        where: 'facilities.csv · 14 Aug 2026 · row 4',
        since: '14 Aug 2026',
        inUse: false,
      },
      {
        value: '1,800',
        list: 'Before source lists',
        where: 'before source lists',
        since: '1 Oct 2026',
        inUse: false,
      },
    ]);
  });
});

describe(`${disagreementLines.name} for the site's identity`, () => {
  // The first list's address stays the site's address even when another list changed its own more recently.
  const identityList = { id: 'list-2', name: 'Manufacturing Map', legacy: false };
  const address: FieldDisagreement = {
    field: 'address',
    values: [
      { ...makeProvenance({ since: '2026-11-03T09:30:00Z' }), value: 'Plot 7, Beilun' },
      {
        ...makeProvenance({ list: identityList, since: '2026-08-14T10:00:00Z' }),
        value: 'No. 18 Xingye Rd.',
      },
    ],
  };

  it('puts first and marks the value the provenance names', () => {
    const lines = disagreementLines(address, makeProvenance({ list: identityList }));
    expect(lines.map((line) => [line.value, line.list, line.inUse])).toEqual([
      ['No. 18 Xingye Rd.', 'Manufacturing Map', true],
      ['Plot 7, Beilun', 'Vendor Master', false],
    ]);
  });

  it("takes the service's first value when no provenance names one", () => {
    expect(disagreementLines(address, undefined).map((line) => line.inUse)).toEqual([true, false]);
  });
});

describe(causeText.name, () => {
  it('names the upload and its list', () => {
    expect(
      causeText({ kind: 'import', upload: { id: 'b', fileName: 'vendors.xlsx' }, list: VENDOR_MASTER }),
    ).toBe('Upload vendors.xlsx of list Vendor Master');
  });

  it('says an upload from before source lists was one', () => {
    expect(causeText({ kind: 'import', upload: { id: 'b', fileName: 'old.xlsx' }, list: LEGACY })).toBe(
      'Upload old.xlsx, before source lists',
    );
    expect(causeText({ kind: 'import', upload: null, list: LEGACY })).toBe('Upload before source lists');
  });

  it('says what it knows of an upload whose file or list is gone', () => {
    expect(causeText({ kind: 'import', upload: null, list: VENDOR_MASTER })).toBe(
      'Upload of list Vendor Master',
    );
    expect(causeText({ kind: 'import', upload: null, list: null })).toBe('Upload');
  });

  it('says an officer confirmed two sites are one', () => {
    expect(causeText({ kind: 'merge' })).toBe('Two sites confirmed as one by an officer');
  });

  it('names the rule set a re-score was made with', () => {
    expect(causeText({ kind: 'rescore', ruleSetHash: 'abcdef0123456789abcdef' })).toBe(
      'Re-score after rule-set reload abcdef012345',
    );
  });
});

describe(inferredLine.name, () => {
  it('says what an inferred value was read from', () => {
    expect(inferredLine({ value: 'Zhejiang', code: 'CN-ZJ', from: 'city', matched: 'Ningbo' })).toBe(
      'inferred from the city “Ningbo”',
    );
    expect(inferredLine({ value: 'Dhaka', from: 'address', matched: 'Plot 5, DEPZ, Savar' })).toBe(
      'inferred from the address “Plot 5, DEPZ, Savar”',
    );
  });
});

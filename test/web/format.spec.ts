import { describe, expect, it } from '@jest/globals';
import { allCountries } from '../../src/common/countries/country-resolver.js';
import { countryDisplayName } from '../../src/scoring/domain/country-names.js';
import {
  countryCodeByName,
  countryName,
  fieldLabel,
  formatBytes,
  formatDate,
  formatDateTime,
  formatFieldValue,
  formatMonth,
  formatPercent,
  formatPoints,
  formatRelative,
  formatScore,
  humanize,
  sectorLabel,
  shortHash,
  tierLabel,
} from '../../web/src/lib/format.js';

describe(formatPercent.name, () => {
  it.each([
    [0, '0%'],
    [0.4237, '42%'],
    [1, '100%'],
    [0.005, '1%'],
  ])('shows the share %p as %p', (share, text) => {
    expect(formatPercent(share)).toBe(text);
  });

  it('keeps the digits asked for', () => {
    expect(formatPercent(0.42375, 1)).toBe('42.4%');
  });

  it.each([null, undefined, NaN])('says unknown for %p rather than 0%', (share) => {
    expect(formatPercent(share)).toBe('unknown');
  });
});

describe(formatScore.name, () => {
  it('shows whole scores as they are and fractions with one decimal', () => {
    expect(formatScore(62)).toBe('62');
    expect(formatScore(61.25)).toBe('61.3');
  });

  it('says a supplier without a score is not scored (not 0)', () => {
    expect(formatScore(null)).toBe('not scored');
  });
});

describe(formatPoints.name, () => {
  it('signs risk points and writes mitigation with a true minus sign', () => {
    expect(formatPoints(12)).toBe('+12');
    expect(formatPoints(-3)).toBe('\u22123');
    expect(formatPoints(0)).toBe('0');
    expect(formatPoints(2.5)).toBe('+2.5');
  });
});

describe(formatDate.name, () => {
  it('writes an ISO date or timestamp as day, short month and year', () => {
    expect(formatDate('2025-03-04')).toBe('4 Mar 2025');
    expect(formatDate('2025-03-04T23:30:00.000Z')).toBe('4 Mar 2025');
  });

  it('keeps text that is no date and says unknown for nothing', () => {
    expect(formatDate('sometime')).toBe('sometime');
    expect(formatDate(null)).toBe('unknown');
  });
});

describe(formatDateTime.name, () => {
  it('writes the time in the time zone given', () => {
    expect(formatDateTime('2025-03-04T13:05:00Z', 'UTC')).toBe('4 Mar 2025, 13:05');
    expect(formatDateTime('2025-03-04T13:05:00Z', 'Asia/Kuala_Lumpur')).toBe('4 Mar 2025, 21:05');
  });
});

describe(formatRelative.name, () => {
  const now = new Date('2025-06-10T12:00:00Z');

  it.each([
    ['2025-06-10T11:59:30Z', 'just now'],
    ['2025-06-10T11:55:00Z', '5 minutes ago'],
    ['2025-06-10T09:00:00Z', '3 hours ago'],
    ['2025-06-09T10:00:00Z', 'yesterday'],
    ['2025-06-06T12:00:00Z', '4 days ago'],
    ['2025-05-01T12:00:00Z', '1 May 2025'],
  ])('says %p is %p', (iso, text) => {
    expect(formatRelative(iso, now)).toBe(text);
  });
});

describe(formatMonth.name, () => {
  it('writes a YYYY-MM month as short month and year', () => {
    expect(formatMonth('2025-01')).toBe('Jan 2025');
    expect(formatMonth('2024-12')).toBe('Dec 2024');
    expect(formatMonth('soon')).toBe('soon');
  });
});

describe(formatBytes.name, () => {
  it.each([
    [512, '512 B'],
    [2048, '2.0 KB'],
    [5.5 * 1024 * 1024, '5.5 MB'],
    [300 * 1024 * 1024, '300 MB'],
  ])('writes %p bytes as %p', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe(countryName.name, () => {
  it('names a country from its ISO code, whatever the case', () => {
    expect(countryName('MY')).toBe('Malaysia');
    expect(countryName('vn')).toBe('Vietnam');
  });

  it('gives every country the name the reports give it', () => {
    const differing = allCountries()
      .map((country) => [country.alpha2, countryName(country.alpha2), countryDisplayName(country.alpha2)])
      .filter(([, dashboard, reports]) => dashboard !== reports);
    expect(differing).toEqual([]);
    expect(allCountries().length).toBeGreaterThan(240);
  });

  it('falls back to the code for a code it does not know', () => {
    expect(countryName('QQ')).toBe('QQ');
    expect(countryName('not a code')).toBe('not a code');
  });
});

describe(countryCodeByName.name, () => {
  it.each([
    ['Malaysia', 'MY'],
    ['malaysia', 'MY'],
    ["Cote d'Ivoire", 'CI'],
    ['Côte d’Ivoire', 'CI'],
    ['Turkiye', 'TR'],
  ])('finds %p as %p', (name, code) => {
    expect(countryCodeByName(name)).toBe(code);
  });

  it('finds nothing for a place that is not a country', () => {
    expect(countryCodeByName('Atlantis')).toBeUndefined();
    expect(countryCodeByName('European Union')).toBeUndefined();
  });
});

describe(tierLabel.name, () => {
  it('capitalises tiers and names the missing tier', () => {
    expect(tierLabel('critical')).toBe('Critical');
    expect(tierLabel(null)).toBe('Not scored');
  });
});

describe(sectorLabel.name, () => {
  it('uses the reader-facing sector names', () => {
    expect(sectorLabel('garments')).toBe('Garments and textiles');
    expect(sectorLabel('electronics')).toBe('Electronics (ICT)');
    expect(sectorLabel(null)).toBe('Sector not given');
    expect(sectorLabel('unknown')).toBe('Sector not given');
    expect(sectorLabel('aquaculture-farms')).toBe('Aquaculture farms');
  });
});

describe(fieldLabel.name, () => {
  it('labels canonical fields and splits unknown ones at capitals', () => {
    expect(fieldLabel('migrantWorkerPct')).toBe('Migrant workers (%)');
    expect(fieldLabel('temporaryWorkerPct')).toBe('Temporary / seasonal workers (%)');
    expect(fieldLabel('externalRef')).toBe('Supplier ID');
    expect(fieldLabel('name')).toBe('Supplier name');
    expect(fieldLabel('buyerContactName')).toBe('Buyer contact name');
  });
});

describe(humanize.name, () => {
  it('turns ids into sentence case', () => {
    expect(humanize('living-conditions')).toBe('Living conditions');
    expect(humanize('rescore')).toBe('Rescore');
    expect(humanize('import_batch')).toBe('Import batch');
  });
});

describe(formatFieldValue.name, () => {
  it('writes tri-state answers as Yes, No or unknown', () => {
    expect(formatFieldValue('debtBondage', true)).toBe('Yes');
    expect(formatFieldValue('debtBondage', false)).toBe('No');
    expect(formatFieldValue('debtBondage', undefined)).toBe('unknown');
  });

  it('joins lists, groups large numbers and names countries and sectors', () => {
    expect(formatFieldValue('products', ['cocoa', 'coffee'])).toBe('cocoa, coffee');
    expect(formatFieldValue('products', [])).toBe('none');
    expect(formatFieldValue('workerCount', 1250)).toBe('1,250');
    expect(formatFieldValue('supplyChainTier', 2)).toBe('2');
    expect(formatFieldValue('country', 'MY')).toBe('Malaysia (MY)');
    expect(formatFieldValue('sector', 'garments')).toBe('Garments and textiles');
    expect(formatFieldValue('lastAuditDate', '2024-11-02')).toBe('2 Nov 2024');
  });

  it('keeps coordinates as stored, where grouping and rounding would move the site', () => {
    expect(formatFieldValue('latitude', 10.72951)).toBe('10.72951');
    expect(formatFieldValue('longitude', -106.7219)).toBe('-106.7219');
    expect(formatFieldValue('annualSpend', 2450000.5)).toBe('2,450,000.5');
  });
});

describe(shortHash.name, () => {
  it('keeps the first twelve characters of a rule-set hash', () => {
    expect(shortHash('0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortHash(null)).toBe('unknown');
  });
});

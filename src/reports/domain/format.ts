import { countryByAlpha2 } from '../../common/countries/country-resolver.js';
import type { RiskTier } from '../../scoring/domain/assessment-result.js';
import type { SupplierField, SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import type { TierThreshold } from './report-models.js';

export const NOT_PROVIDED = 'Not provided';

export function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

/** Signed points; ASCII minus so the figure survives copy and paste into a spreadsheet. */
export function formatPoints(points: number): string {
  const text = formatScore(Math.abs(points));
  if (points > 0) {
    return `+${text}`;
  }
  return points < 0 ? `-${text}` : '0';
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A score range, "12-48"; a range that is one point wide is that score. */
export function formatRange(range: { low: number; high: number }): string {
  const low = formatScore(range.low);
  const high = formatScore(range.high);
  return low === high ? low : `${low}-${high}`;
}

export function formatDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}

export function formatNumber(value: number): string {
  // Thin, locale-free grouping keeps the output identical on every server.
  const [whole, fraction] = Math.abs(value)
    .toFixed(Number.isInteger(value) ? 0 : 2)
    .split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

export function formatMoney(amount: number | undefined, currency: string | undefined): string {
  if (amount === undefined) {
    return NOT_PROVIDED;
  }
  return currency ? `${formatNumber(amount)} ${currency}` : formatNumber(amount);
}

export function countryLabel(alpha2: string): string {
  const country = countryByAlpha2(alpha2);
  return country ? `${country.name} (${country.alpha2})` : alpha2;
}

export function countryName(alpha2: string): string {
  return countryByAlpha2(alpha2)?.name ?? alpha2;
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

/** Items as a sentence's list: "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function yesNo(value: boolean | undefined): string {
  if (value === undefined) {
    return NOT_PROVIDED;
  }
  return value ? 'Yes' : 'No';
}

/** Thresholds as score ranges, lowest tier first: "From 0 to under 25", ..., "From 75 to 100". */
export function thresholdRanges(thresholds: TierThreshold[]): Array<{ tier: RiskTier; range: string }> {
  const sorted = [...thresholds].sort((a, b) => a.minScore - b.minScore);
  return sorted.map((threshold, index) => {
    const next = sorted[index + 1];
    const upper = next ? `to under ${formatScore(next.minScore)}` : 'to 100';
    return { tier: threshold.tier, range: `From ${formatScore(threshold.minScore)} ${upper}` };
  });
}

export type ProfileValueKind =
  | 'text'
  | 'list'
  | 'yesNo'
  | 'indicator'
  | 'percent'
  | 'number'
  | 'country'
  | 'money'
  | 'sector'
  | 'coordinate';

export interface ProfileField {
  field: SupplierField;
  label: string;
  kind: ProfileValueKind;
}

export interface ProfileGroup {
  title: string;
  fields: ProfileField[];
}

const f = (field: SupplierField, label: string, kind: ProfileValueKind = 'text'): ProfileField => ({
  field,
  label,
  kind,
});

/** Every canonical field, grouped as a compliance officer reads a supplier file. */
export const PROFILE_GROUPS: ProfileGroup[] = [
  {
    title: 'Identity and location',
    fields: [
      f('name', 'Supplier name'),
      f('externalRef', 'Supplier ID'),
      f('country', 'Country', 'country'),
      f('region', 'Region / province'),
      f('city', 'City'),
      f('address', 'Address'),
      f('postalCode', 'Postal code'),
      f('latitude', 'Latitude', 'coordinate'),
      f('longitude', 'Longitude', 'coordinate'),
      f('parentCompany', 'Parent company'),
    ],
  },
  {
    title: 'Activity and supply chain',
    fields: [
      f('sector', 'Sector', 'sector'),
      f('subSector', 'Sub-sector'),
      f('facilityType', 'Facility type'),
      f('products', 'Products', 'list'),
      f('supplyChainTier', 'Supply-chain tier', 'number'),
      f('subcontractors', 'Subcontractors', 'list'),
      f('undisclosedSubcontracting', 'Undisclosed subcontracting', 'indicator'),
    ],
  },
  {
    title: 'Workforce and recruitment',
    fields: [
      f('workerCount', 'Workers', 'number'),
      f('femaleWorkerPct', 'Female workers', 'percent'),
      f('migrantWorkerPct', 'Migrant workers', 'percent'),
      f('temporaryWorkerPct', 'Temporary / seasonal workers', 'percent'),
      f('usesLabourAgency', 'Uses labour agencies or brokers', 'indicator'),
      f('recruitmentFeesPaidByWorkers', 'Recruitment fees paid by workers', 'indicator'),
      f('employerProvidedHousing', 'Employer-provided housing', 'yesNo'),
    ],
  },
  {
    title: 'ILO forced-labour indicators and child labour (reported)',
    fields: [
      f('identityDocumentsRetained', 'Identity documents retained', 'indicator'),
      f('wagesWithheld', 'Wages withheld', 'indicator'),
      f('debtBondage', 'Debt bondage', 'indicator'),
      f('movementRestricted', 'Restriction of movement', 'indicator'),
      f('isolation', 'Isolation', 'indicator'),
      f('physicalOrSexualViolence', 'Physical or sexual violence', 'indicator'),
      f('intimidationAndThreats', 'Intimidation and threats', 'indicator'),
      f('abusiveLivingConditions', 'Abusive living and working conditions', 'indicator'),
      f('excessiveOvertime', 'Excessive overtime', 'indicator'),
      f('deception', 'Deception', 'indicator'),
      f('abuseOfVulnerability', 'Abuse of vulnerability', 'indicator'),
      f('childLabourReported', 'Child labour reported', 'indicator'),
    ],
  },
  {
    title: 'Audits, certification and remedy',
    fields: [
      f('lastAuditDate', 'Last social audit'),
      f('auditScheme', 'Audit scheme'),
      f('certifications', 'Certifications', 'list'),
      f('grievanceMechanism', 'Grievance mechanism', 'yesNo'),
    ],
  },
  {
    title: 'Commercial',
    fields: [f('annualSpend', 'Annual spend', 'money'), f('currency', 'Currency')],
  },
];

export interface ProfileValue {
  text: string;
  /** Nothing was uploaded for this field. */
  missing: boolean;
  /** A reported risk ("yes" on an indicator). */
  alarming: boolean;
}

export function profileValue(supplier: SupplierRecord, field: ProfileField): ProfileValue {
  const raw = supplier[field.field];
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0) || raw === '') {
    return { text: NOT_PROVIDED, missing: true, alarming: false };
  }
  switch (field.kind) {
    case 'list':
      return { text: Array.isArray(raw) ? raw.join('; ') : String(raw), missing: false, alarming: false };
    case 'yesNo':
      return { text: yesNo(raw as boolean), missing: false, alarming: false };
    case 'indicator':
      return { text: yesNo(raw as boolean), missing: false, alarming: raw === true };
    case 'percent':
      return { text: `${formatScore(raw as number)}%`, missing: false, alarming: false };
    case 'number':
      return { text: formatNumber(raw as number), missing: false, alarming: false };
    case 'country':
      return { text: countryLabel(String(raw)), missing: false, alarming: false };
    case 'money':
      return { text: formatMoney(raw as number, supplier.currency), missing: false, alarming: false };
    case 'sector':
      return { text: capitalise(String(raw)), missing: false, alarming: false };
    case 'coordinate':
      // Decimal degrees as stored, without grouping or a fixed two decimals: 10.7295, -6.2.
      return { text: String(raw), missing: false, alarming: false };
    case 'text':
      return { text: String(raw), missing: false, alarming: false };
  }
}

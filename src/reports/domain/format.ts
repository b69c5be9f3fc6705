import { countryByAlpha2 } from '../../common/countries/country-resolver.js';
import type { RiskTier } from '../../scoring/domain/assessment-result.js';
import { countryDisplayName } from '../../scoring/domain/country-names.js';
import type { ScreeningStatus } from '../../scoring/domain/screening-findings.js';
import {
  FIELD_GROUPS,
  SUPPLIER_FIELDS,
  supplierFieldLabel,
  type DisplayKind,
  type SupplierField,
} from '../../suppliers/domain/supplier-fields.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
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

/** "1 hit", "3 hits", "1,200 suppliers". */
export function countOf(count: number, noun: string): string {
  return `${formatNumber(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** A supplier's screening status as the export and the reports word it: "Confirmed (1)", "Awaiting review (2)". */
export function screeningStatusText(status: ScreeningStatus): string {
  switch (status.status) {
    case 'confirmed':
      return `Confirmed (${status.confirmed})${status.open > 0 ? `; awaiting review (${status.open})` : ''}`;
    case 'open':
      return `Awaiting review (${status.open})`;
    case 'clear':
      return 'Clear';
  }
}

export function formatMoney(amount: number | undefined, currency: string | undefined): string {
  if (amount === undefined) {
    return NOT_PROVIDED;
  }
  return currency ? `${formatNumber(amount)} ${currency}` : formatNumber(amount);
}

/** "Myanmar (MM)": the country's one display name (see countryName) and its code. */
export function countryLabel(alpha2: string): string {
  const country = countryByAlpha2(alpha2);
  return country ? `${countryDisplayName(country.alpha2)} (${country.alpha2})` : alpha2;
}

/** The one name Vigil prints for a country, whatever its sources call it ("Myanmar", never "Burma"). */
export function countryName(alpha2: string): string {
  return countryDisplayName(alpha2);
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

export interface ProfileField {
  field: SupplierField;
  label: string;
  kind: DisplayKind;
}

export interface ProfileGroup {
  title: string;
  fields: ProfileField[];
}

/** Every canonical field, grouped as a compliance officer reads a supplier file (the registry's groups). */
export const PROFILE_GROUPS: ProfileGroup[] = FIELD_GROUPS.map((group) => ({
  title: group.title,
  fields: group.fields.map((field) => ({
    field,
    label: SUPPLIER_FIELDS[field].label,
    kind: SUPPLIER_FIELDS[field].display,
  })),
}));

/** A field's label; a name that is no canonical field is shown as it is. */
export function fieldLabel(field: string): string {
  return supplierFieldLabel(field) ?? field;
}

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
    case 'date':
      return { text: formatDate(String(raw)), missing: false, alarming: false };
    case 'coordinate':
      // Decimal degrees as stored, without grouping or a fixed two decimals: 10.7295, -6.2.
      return { text: String(raw), missing: false, alarming: false };
    case 'text':
      return { text: String(raw), missing: false, alarming: false };
  }
}

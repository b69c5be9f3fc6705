import { SUPPLIER_FIELDS, isSupplierField } from '../../../src/suppliers/domain/supplier-fields.js';
import type { RiskTier } from '../api/types.js';

// Text the page shows for numbers, dates, tiers and fields. Pure: the clock and time zone come in as arguments.

const LOCALE = 'en-GB';
const counts = new Intl.NumberFormat(LOCALE);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

export const UNKNOWN = 'unknown';

export function formatCount(value: number): string {
  return counts.format(value);
}

/** A share between 0 and 1 as a percentage, e.g. 0.4237 -> "42%". */
export function formatPercent(share: number | null | undefined, digits = 0): string {
  if (share === null || share === undefined || !Number.isFinite(share)) {
    return UNKNOWN;
  }
  return `${(share * 100).toFixed(digits)}%`;
}

export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined) {
    return 'not scored';
  }
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

/** Signed points of a contribution: "+12", "−3" (a true minus sign, read as "minus"), "0". */
export function formatPoints(points: number): string {
  const magnitude = Number.isInteger(points) ? String(Math.abs(points)) : Math.abs(points).toFixed(1);
  if (points > 0) {
    return `+${magnitude}`;
  }
  return points < 0 ? `\u2212${magnitude}` : '0';
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) {
    return UNKNOWN;
  }
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** A timestamp in the reader's time zone (passed in so tests stay deterministic). */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) {
    return UNKNOWN;
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(date);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 60 * 60],
  ['day', 24 * 60 * 60],
];

/** "just now", "5 minutes ago", "yesterday", "3 days ago"; older than a week: the date. */
export function formatRelative(iso: string | null | undefined, now: Date): string {
  if (!iso) {
    return UNKNOWN;
  }
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) {
    return iso;
  }
  const seconds = Math.round((then - now.getTime()) / 1000);
  const elapsed = Math.abs(seconds);
  if (elapsed < 45) {
    return 'just now';
  }
  if (elapsed >= 7 * 24 * 60 * 60) {
    return formatDate(iso);
  }
  const [unit, size] = [...STEPS].reverse().find(([, length]) => elapsed >= length) ?? STEPS[0];
  return relative.format(Math.round(seconds / size), unit);
}

/** "2025-03" -> "Mar 2025". */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) {
    return month;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(LOCALE, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function shortHash(hash: string | null | undefined): string {
  return hash ? hash.slice(0, 12) : UNKNOWN;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

// The reports name a country as the service's ISO 3166 table does (rules/reference/iso3166_countries.csv); the
// browser's English names agree but for these, so the dashboard says what the PDFs say (checked against the table
// in test/web/format.spec.ts).
const COUNTRY_NAMES: Record<string, string> = {
  BA: 'Bosnia',
  CC: 'Cocos Islands',
  GB: 'UK',
  HK: 'Hong Kong',
  MM: 'Myanmar',
  MO: 'Macao',
  PN: 'Pitcairn',
  PS: 'Palestine',
  US: 'US',
};

/** An ISO 3166 alpha-2 code as the English country name the browser knows ("MY" -> "Malaysia"). */
export function countryName(code: string | null | undefined): string {
  if (!code) {
    return UNKNOWN;
  }
  const upper = code.toUpperCase();
  if (COUNTRY_NAMES[upper]) {
    return COUNTRY_NAMES[upper];
  }
  try {
    return regionNames.of(upper) ?? code;
  } catch {
    return code;
  }
}

function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Region codes Intl knows that are no country a supplier can be in.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO']);
let codesByName: Map<string, string> | undefined;

/** The reverse of countryName: "malaysia" -> "MY", "Cote d'Ivoire" -> "CI"; names the browser knows in English. */
export function countryCodeByName(name: string): string | undefined {
  if (!codesByName) {
    codesByName = new Map();
    for (let first = 65; first <= 90; first++) {
      for (let second = 65; second <= 90; second++) {
        const code = String.fromCharCode(first, second);
        const known = regionNames.of(code);
        if (known && known !== code && !NOT_COUNTRIES.has(code)) {
          codesByName.set(foldName(known), code);
        }
      }
    }
    for (const [code, known] of Object.entries(COUNTRY_NAMES)) {
      codesByName.set(foldName(known), code);
    }
  }
  return codesByName.get(foldName(name));
}

const TIER_LABELS: Record<RiskTier, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export function tierLabel(tier: RiskTier | null | undefined): string {
  return tier ? TIER_LABELS[tier] : 'Not scored';
}

const SECTOR_LABELS: Record<string, string> = {
  agriculture: 'Agriculture',
  electronics: 'Electronics (ICT)',
  garments: 'Garments and textiles',
  mining: 'Mining',
  fishing: 'Fishing',
  construction: 'Construction',
  manufacturing: 'Manufacturing',
  services: 'Services',
  other: 'Other',
  unknown: 'Sector not given',
};

export function sectorLabel(sector: string | null | undefined): string {
  if (!sector) {
    return SECTOR_LABELS.unknown;
  }
  return SECTOR_LABELS[sector] ?? humanize(sector);
}

/**
 * "migrantWorkerPct" -> "Migrant workers (%)": the registry's label. A percentage names its unit because the page
 * also shows labels with no value beside them (a rule's threshold, a question). Other names are split at capitals.
 */
export function fieldLabel(field: string): string {
  if (!isSupplierField(field)) {
    return humanize(field);
  }
  const { label, display } = SUPPLIER_FIELDS[field];
  return display === 'percent' ? `${label} (%)` : label;
}

// Abbreviations the rules and reports use, kept in capitals when an id is turned into words.
const ACRONYMS = new Set([
  'ilo',
  'us',
  'dol',
  'tip',
  'gsi',
  'ituc',
  'ict',
  'uflpa',
  'id',
  'pdf',
  'xlsx',
  'csv',
]);

export function humanize(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A profile value as text, by its field's kind: yes/no for tri-state answers, lists joined, "unknown" when absent. */
export function formatFieldValue(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') {
    return UNKNOWN;
  }
  if (typeof value === 'boolean') {
    return value ? 'Yes' : 'No';
  }
  if (Array.isArray(value)) {
    return value.length ? value.map(String).join(', ') : 'none';
  }
  const display = isSupplierField(field) ? SUPPLIER_FIELDS[field].display : 'text';
  if (typeof value === 'number') {
    // Coordinates as stored: grouping and the three-decimal default would blur them.
    return display === 'coordinate' ? String(value) : counts.format(value);
  }
  if (typeof value !== 'string') {
    return JSON.stringify(value);
  }
  if (display === 'country') {
    return `${countryName(value)} (${value})`;
  }
  if (display === 'sector') {
    return sectorLabel(value);
  }
  return display === 'date' ? formatDate(value) : value;
}

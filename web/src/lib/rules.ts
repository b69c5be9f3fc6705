import {
  RISK_TIERS,
  type Band,
  type IndicatorDefinition,
  type RiskTier,
  type RuleFile,
  type RuleSetView,
} from '../api/types.js';
import { fieldLabel, formatPoints } from './format.js';

// The rule set in words a compliance officer reads: what an indicator looks at, and what it costs.

export type Condition =
  | {
      field: string;
      op: string;
      value?: unknown;
      values?: unknown[];
      min?: number;
      max?: number;
      months?: number;
    }
  | { all: Condition[] }
  | { any: Condition[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): string {
  if (value === true) {
    return 'yes';
  }
  if (value === false) {
    return 'no';
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** A condition as a sentence: "Migrant workers (%) at least 30 and Uses labour agencies is yes". */
export function describeCondition(condition: unknown): string {
  if (!isRecord(condition)) {
    return 'always';
  }
  if (Array.isArray(condition.all)) {
    return condition.all.map((part) => wrap(part, 'any')).join(' and ');
  }
  if (Array.isArray(condition.any)) {
    return condition.any.map((part) => wrap(part, 'all')).join(' or ');
  }
  const field = typeof condition.field === 'string' ? fieldLabel(condition.field) : 'a field';
  const values = Array.isArray(condition.values) ? condition.values.map(scalar) : [];
  switch (condition.op) {
    case 'equals':
      return `${field} is ${scalar(condition.value)}`;
    case 'in':
      return `${field} is one of ${values.join(', ')}`;
    case 'gt':
      return `${field} above ${scalar(condition.value)}`;
    case 'gte':
      return `${field} at least ${scalar(condition.value)}`;
    case 'lt':
      return `${field} below ${scalar(condition.value)}`;
    case 'lte':
      return `${field} at most ${scalar(condition.value)}`;
    case 'between':
      return `${field} between ${scalar(condition.min)} and ${scalar(condition.max)}`;
    case 'present':
      return `${field} is known`;
    case 'missing':
      return `${field} is unknown`;
    case 'containsAny':
      return `${field} mentions any of ${values.join(', ')}`;
    case 'withinMonths':
      return `${field} within the last ${scalar(condition.months)} months`;
    default:
      return `${field} ${scalar(condition.op)}`;
  }
}

function wrap(part: unknown, nested: 'all' | 'any'): string {
  const text = describeCondition(part);
  return isRecord(part) && Array.isArray(part[nested]) ? `(${text})` : text;
}

/** One band as "10 to under 25: +2", "Tier 3: +12", "otherwise: 0"; red-flag bands say so. */
export function describeBand(band: Band): string {
  let when: string;
  if ('otherwise' in band) {
    when = 'otherwise';
  } else if ('values' in band) {
    when = band.values.join(', ');
  } else if (band.from !== undefined && band.to !== undefined) {
    when = `${band.from} to under ${band.to}`;
  } else if (band.from !== undefined) {
    when = `${band.from} or more`;
  } else if (band.to !== undefined) {
    when = `under ${band.to}`;
  } else {
    when = 'any value';
  }
  return `${when}: ${formatPoints(band.points)}${band.redFlag ? ' (red flag)' : ''}`;
}

export interface IndicatorSummary {
  /** What the indicator reads, in words. */
  reads: string;
  /** How many points, one line per band or rule. */
  points: string[];
  /** What an unknown value costs, when the indicator charges for it. */
  missing?: string;
}

export function summariseIndicator(indicator: IndicatorDefinition & { when?: unknown }): IndicatorSummary {
  switch (indicator.kind) {
    case 'condition':
      return {
        reads: describeCondition(indicator.when),
        points: [`${formatPoints(indicator.points ?? 0)} when this holds`],
        ...missingText(indicator.missingPoints),
      };
    case 'scale':
      return {
        reads: fieldLabel(indicator.field ?? ''),
        points: (indicator.bands ?? []).map(describeBand),
        ...missingText(indicator.missingPoints),
      };
    case 'lookup': {
      const notFound =
        indicator.notFoundPoints !== undefined && indicator.notFoundPoints !== 0
          ? [`not in the table: ${formatPoints(indicator.notFoundPoints)}`]
          : [];
      return {
        reads: `${indicator.column ?? 'value'} in ${indicator.table ?? 'a reference table'}`,
        points: [...(indicator.bands ?? []).map(describeBand), ...notFound],
        ...missingText(indicator.missingPoints),
      };
    }
    case 'mitigation':
      return {
        reads: describeCondition(indicator.when),
        points: [`${formatPoints(-(indicator.reduction ?? 0))} when this holds on recent, known data`],
      };
  }
}

function missingText(points: number | undefined): { missing?: string } {
  return points ? { missing: `${formatPoints(points)} while unknown` } : {};
}

/** Indicators under their category, in the rule set's category order; unknown categories last. */
export function indicatorsByCategory(
  rules: Pick<RuleSetView, 'categories' | 'indicators'>,
): { category: RuleSetView['categories'][number]; indicators: IndicatorDefinition[] }[] {
  const known = new Set(rules.categories.map((c) => c.id));
  const groups = rules.categories.map((category) => ({
    category,
    indicators: rules.indicators.filter((indicator) => indicator.category === category.id),
  }));
  const orphans = rules.indicators.filter((indicator) => !known.has(indicator.category));
  if (orphans.length) {
    groups.push({
      category: { id: 'other', title: 'Other indicators', cap: 0, inherent: false, mitigation: false },
      indicators: orphans,
    });
  }
  return groups.filter((group) => group.indicators.length > 0);
}

/** The score range of each tier from the thresholds: low 0-24, medium 25-49, ... */
export function tierRanges(thresholds: RuleSetView['thresholds']): { tier: RiskTier; range: string }[] {
  return [
    { tier: 'low', range: `below ${thresholds.medium}` },
    { tier: 'medium', range: `${thresholds.medium} to under ${thresholds.high}` },
    { tier: 'high', range: `${thresholds.high} to under ${thresholds.critical}` },
    { tier: 'critical', range: `${thresholds.critical} and above` },
  ];
}

export type Movement = 'up' | 'down' | 'new' | 'same';

/** Whether a what-if raises or lowers a supplier's tier ("new" for a supplier that had no tier yet). */
export function tierMovement(from: RiskTier | null, to: RiskTier): Movement {
  if (from === null) {
    return 'new';
  }
  const delta = RISK_TIERS.indexOf(to) - RISK_TIERS.indexOf(from);
  return delta > 0 ? 'up' : delta < 0 ? 'down' : 'same';
}

/** "+3", "−2", "0": how a tier's count changes under the draft. */
export function formatDelta(current: number, draft: number): string {
  return formatPoints(draft - current);
}

export type DraftState = 'unchanged' | 'edited' | 'new';

/** Whether a draft file differs from the active rule set's file of the same path ("new" when it has none). */
export function draftState(file: RuleFile, active: readonly RuleFile[]): DraftState {
  const original = active.find((candidate) => candidate.path === file.path.trim());
  if (!original) {
    return 'new';
  }
  return normaliseNewlines(original.content) === normaliseNewlines(file.content) ? 'unchanged' : 'edited';
}

/** What the service needs to simulate a draft: only the files that change something, with trimmed paths. */
export function changedDraftFiles(files: readonly RuleFile[], active: readonly RuleFile[]): RuleFile[] {
  return files
    .filter((file) => file.content.trim() !== '' && draftState(file, active) !== 'unchanged')
    .map((file) => ({ path: file.path.trim(), content: file.content }));
}

// A textarea hands back \n line ends whatever the file had, so \r\n alone is no change.
function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

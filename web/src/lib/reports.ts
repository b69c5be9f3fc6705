// Which suppliers a portfolio report covers; the filters are the supplier list's (see /suppliers).

export type ReportScope = 'all' | 'high-critical' | 'red-flags';

export const REPORT_SCOPES: { id: ReportScope; label: string }[] = [
  { id: 'all', label: 'All suppliers' },
  { id: 'high-critical', label: 'High and critical only' },
  { id: 'red-flags', label: 'With red flags only' },
];

export function reportScope(scope: ReportScope): string {
  switch (scope) {
    case 'all':
      return '';
    case 'high-critical':
      return 'tier=high,critical';
    case 'red-flags':
      return 'redFlag=true';
  }
}

/** The filters a portfolio report was made with, in words: "tiers high, critical · with red flags". */
export function describeReportFilters(filters: Record<string, unknown> | null | undefined): string {
  if (!filters) {
    return '';
  }
  const list = (value: unknown): string =>
    Array.isArray(value) ? value.map(String).join(', ') : String(value);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filters)) {
    if (
      value === undefined ||
      value === null ||
      (Array.isArray(value) && value.length === 0) ||
      value === ''
    ) {
      continue;
    }
    switch (key) {
      case 'tier':
        parts.push(`tier ${list(value)}`);
        break;
      case 'sector':
        parts.push(`sector ${list(value)}`);
        break;
      case 'country':
        parts.push(`country ${list(value)}`);
        break;
      case 'redFlag':
        parts.push(value === true || value === 'true' ? 'with red flags' : 'without red flags');
        break;
      case 'q':
        parts.push(`matching “${list(value)}”`);
        break;
      default:
        parts.push(`${key} ${list(value)}`);
    }
  }
  return parts.join(' · ');
}

import type { RiskTier } from '../../../scoring/domain/assessment-result.js';
import type { TextStyle } from '../text/text-layout.js';
import { INK } from './pdf-text.js';

export const COLORS = {
  ink: INK,
  muted: '#5B6675',
  faint: '#8A94A3',
  navy: '#1F3A5F',
  navyTint: '#E7EDF4',
  rule: '#D5DCE4',
  zebra: '#F6F8FA',
  mitigation: '#2E7D5B',
  white: '#FFFFFF',
};

export const TIER_COLORS: Record<RiskTier, { solid: string; tint: string; text: string }> = {
  low: { solid: '#2E7D32', tint: '#E6F2E7', text: '#1E5A22' },
  medium: { solid: '#C98A00', tint: '#FFF4D6', text: '#7A5400' },
  high: { solid: '#D9600F', tint: '#FDE9DA', text: '#8F3A05' },
  critical: { solid: '#B3261E', tint: '#F9DEDC', text: '#7F1A14' },
};

export const TIER_LABELS: Record<RiskTier, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const TYPE = {
  title: { size: 22, weight: 'bold', color: COLORS.navy, leading: 1.2 },
  h1: { size: 15, weight: 'bold', color: COLORS.navy, leading: 1.25 },
  h2: { size: 11.5, weight: 'bold', color: COLORS.navy },
  body: { size: 9.5, color: INK, leading: 1.4 },
  small: { size: 8, color: COLORS.muted },
  tableHeader: { size: 7.5, weight: 'bold', color: COLORS.navy, leading: 1.25 },
  tableBody: { size: 8.5, color: INK, leading: 1.3 },
  tableMuted: { size: 7.5, color: COLORS.muted, leading: 1.3 },
  mono: { size: 8, family: 'mono', color: INK },
  label: { size: 7.5, weight: 'bold', color: COLORS.muted },
} satisfies Record<string, TextStyle>;

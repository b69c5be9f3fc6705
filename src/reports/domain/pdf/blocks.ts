import { LIST_TITLES } from '../../../scoring/domain/screening-findings.js';
import { formatNumber, formatScore, thresholdRanges } from '../format.js';
import type { ReferenceEdition, RuleSetInfo, ScreeningEdition, ScreeningRunInfo } from '../report-models.js';
import type { TextStyle } from '../text/text-layout.js';
import { formatTimestamp, type ReportCanvas } from './report-canvas.js';
import { drawTable, tableStartHeight, textCell, tierCell, type CellSpec, type TableColumn } from './table.js';
import { COLORS, TYPE } from './theme.js';

// Blocks shared by the supplier and the portfolio report.

export interface KeyValue {
  key: string;
  value: string | CellSpec;
}

function keyValueColumns(keyWidth: number): TableColumn<KeyValue>[] {
  return [
    { header: '', width: keyWidth, cell: (row) => textCell(row.key, TYPE.label) },
    { header: '', width: 1 - keyWidth, cell: (row) => row.value },
  ];
}

const KEY_VALUE_OPTIONS = { showHeader: false, zebra: false };

/** Two-column facts table (label, value) without a header row. */
export function drawKeyValues(canvas: ReportCanvas, rows: KeyValue[], keyWidth = 0.3): void {
  drawTable(canvas, keyValueColumns(keyWidth), rows, KEY_VALUE_OPTIONS);
}

/** What a heading above a facts table is kept with (see tableStartHeight). */
export function keyValuesStartHeight(canvas: ReportCanvas, rows: KeyValue[], keyWidth = 0.3): number {
  return tableStartHeight(canvas, keyValueColumns(keyWidth), rows, KEY_VALUE_OPTIONS);
}

/** An identifier (hash, id, reference, file name) in monospace, wrapping inside its cell between any characters. */
export function monoCell(text: string, size = 7.5): CellSpec {
  const style: TextStyle = { size, family: 'mono', color: COLORS.ink, leading: 1.35 };
  return { paragraphs: [{ text, style, wrap: 'anywhere' }] };
}

export function drawCoverBand(canvas: ReportCanvas, title: string, subtitle: string): void {
  const bandHeight = 150;
  canvas.doc.rect(0, 0, canvas.pageWidth, bandHeight).fill(COLORS.navy);
  canvas.text.draw('VIGIL', canvas.left, 36, canvas.width, { size: 9, weight: 'bold', color: '#9FB6D3' });
  canvas.text.draw(title, canvas.left, 58, canvas.width, {
    size: 22,
    weight: 'bold',
    color: COLORS.white,
    leading: 1.2,
  });
  canvas.text.draw(subtitle, canvas.left, 96, canvas.width, { size: 10, color: '#C9D6E6' });
  canvas.reserve(bandHeight + 24 - canvas.top);
}

const REFERENCE_EDITION_COLUMNS: TableColumn<ReferenceEdition>[] = [
  { header: 'Reference table', width: 0.28, cell: (row) => textCell(row.table, TYPE.tableMuted) },
  { header: 'Publisher', width: 0.32, cell: (row) => row.publisher },
  { header: 'Edition', width: 0.4, cell: (row) => row.edition },
];

const REFERENCE_EDITION_OPTIONS = { emptyText: 'The rule set declares no reference tables.' };

export function drawReferenceEditions(canvas: ReportCanvas, ruleSet: RuleSetInfo): void {
  drawTable(canvas, REFERENCE_EDITION_COLUMNS, ruleSet.referenceEditions, REFERENCE_EDITION_OPTIONS);
}

/** What a hit is and what a decision does, said above every screening section. */
export const SCREENING_EXPLANATION =
  "Vigil screens each supplier's name, parent company and subcontractors, and its place and products, against " +
  'the US forced-labour enforcement lists below. A hit is a candidate match, not a finding: a compliance officer ' +
  'confirms it, which makes it a critical red flag citing the list, or dismisses it with a reason. Until then it ' +
  'awaits review: it sets no tier, but moves the supplier up the work list (ask first).';

const RUN_REASONS: Record<ScreeningRunInfo['reason'], string> = {
  import: "the screening of an import's new and changed sites",
  edition: 'the screening of the whole portfolio when a list edition was loaded',
  request: 'a screening of the whole portfolio on request',
  start: 'the screening of the whole portfolio at start-up',
};

/** "a screening of the whole portfolio on request, started 2026-12-05 10:00 UTC, completed 2026-12-05 10:02 UTC" */
export function screeningRunText(run: ScreeningRunInfo): string {
  const end =
    run.status === 'completed'
      ? `completed ${run.finishedAt ? formatTimestamp(run.finishedAt) : ''}`.trim()
      : run.status === 'running'
        ? 'still running'
        : 'stopped on an error';
  return `${RUN_REASONS[run.reason]}, started ${formatTimestamp(run.startedAt)}, ${end}`;
}

/** The first hex digits of a file's sha256: enough to tell editions apart in print. */
export function shortSha256(sha256: string): string {
  return sha256.slice(0, 12);
}

const SCREENING_EDITION_COLUMNS: TableColumn<ScreeningEdition>[] = [
  {
    header: 'List and edition',
    width: 0.3,
    cell: (edition) => ({
      paragraphs: [
        { text: LIST_TITLES[edition.list], style: { ...TYPE.tableBody, weight: 'bold' } },
        {
          text: `Edition as of ${edition.asOf}${edition.inForce ? '' : ' (a newer edition is in force)'}`,
        },
        {
          text: `${formatNumber(edition.rowCount)} rows · sha256 ${shortSha256(edition.sha256)}`,
          style: TYPE.tableMuted,
        },
      ],
    }),
  },
  { header: 'Source', width: 0.3, cell: (edition) => edition.source },
  {
    header: 'Coverage',
    width: 0.4,
    cell: (edition) =>
      edition.coverage ??
      textCell('Not stated when the edition was loaded.', { ...TYPE.tableBody, color: COLORS.faint }),
  },
];

/** The list editions screened against, each with its source and its coverage in its own words. */
export function drawScreeningEditions(
  canvas: ReportCanvas,
  editions: readonly ScreeningEdition[],
  emptyText: string,
): void {
  drawTable(canvas, SCREENING_EDITION_COLUMNS, editions, { emptyText });
}

/** What a heading above the editions table is kept with (see tableStartHeight). */
export function screeningEditionsStartHeight(
  canvas: ReportCanvas,
  editions: readonly ScreeningEdition[],
  emptyText: string,
): number {
  return tableStartHeight(canvas, SCREENING_EDITION_COLUMNS, editions, { emptyText });
}

const THRESHOLD_COLUMNS: TableColumn<ReturnType<typeof thresholdRanges>[number]>[] = [
  { header: 'Tier', width: 0.25, cell: (row) => tierCell(row.tier) },
  { header: 'Score range', width: 0.75, cell: (row) => row.range },
];

const THRESHOLD_OPTIONS = { emptyText: 'The rule set declares no thresholds.' };

export function drawThresholds(canvas: ReportCanvas, ruleSet: RuleSetInfo): void {
  drawTable(canvas, THRESHOLD_COLUMNS, thresholdRanges(ruleSet.thresholds), THRESHOLD_OPTIONS);
}

function ruleSetFacts(ruleSet: RuleSetInfo): KeyValue[] {
  return [
    { key: 'Rule set', value: `${ruleSet.name}, version ${ruleSet.version}` },
    { key: 'Rule-set hash (sha256)', value: monoCell(ruleSet.hash) },
  ];
}

export function drawRuleSetFacts(canvas: ReportCanvas, ruleSet: RuleSetInfo): void {
  drawKeyValues(canvas, ruleSetFacts(ruleSet));
}

/** The methodology appendix's section that lists the reference tables and their editions. */
export const REFERENCE_DATA_HEADING = 'Reference data and sources';

/** Methodology appendix: how the score is built, thresholds, the rule set and the sources it cites. */
export function drawMethodology(canvas: ReportCanvas, methodology: string[], ruleSet: RuleSetInfo): void {
  for (const paragraph of methodology) {
    canvas.paragraph(paragraph);
  }
  const thresholdsText =
    `A supplier's tier is the tier whose range contains its score, raised to the minimum tier of any red flag. ` +
    `Scores run from 0 to 100; the thresholds below are those of rule set ${ruleSet.name} ${ruleSet.version}.`;
  const ranges = thresholdRanges(ruleSet.thresholds);
  canvas.heading(
    'Tier thresholds',
    'h2',
    canvas.paragraphHeight(thresholdsText) +
      tableStartHeight(canvas, THRESHOLD_COLUMNS, ranges, THRESHOLD_OPTIONS),
  );
  canvas.paragraph(thresholdsText);
  drawThresholds(canvas, ruleSet);
  canvas.heading('Rule set', 'h2', keyValuesStartHeight(canvas, ruleSetFacts(ruleSet)));
  drawRuleSetFacts(canvas, ruleSet);
  canvas.heading(
    REFERENCE_DATA_HEADING,
    'h2',
    tableStartHeight(canvas, REFERENCE_EDITION_COLUMNS, ruleSet.referenceEditions, REFERENCE_EDITION_OPTIONS),
  );
  drawReferenceEditions(canvas, ruleSet);
}

export function scoreOutOf(score: number): string {
  return `${formatScore(score)} / 100`;
}

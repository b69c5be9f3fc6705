import type {
  AssessmentUncertainty,
  Contribution,
  OpenQuestion,
  RiskTier,
} from '../../scoring/domain/assessment-result.js';
import { priorityReason } from '../../scoring/domain/priority.js';
import { citedSection, LIST_TITLES } from '../../scoring/domain/screening-findings.js';
import type { PartyRole } from '../../screening/domain/name-matching.js';
import {
  capitalise,
  countOf,
  countryLabel,
  fieldLabel,
  formatDate,
  formatPercent,
  formatPoints,
  formatRange,
  formatScore,
  listInWords,
  PROFILE_GROUPS,
  profileValue,
  type ProfileField,
} from './format.js';
import {
  drawCoverBand,
  drawKeyValues,
  drawMethodology,
  drawScreeningEditions,
  keyValuesStartHeight,
  monoCell,
  REFERENCE_DATA_HEADING,
  SCREENING_EXPLANATION,
  scoreOutOf,
  screeningEditionsStartHeight,
  screeningRunText,
  type KeyValue,
} from './pdf/blocks.js';
import { barChartHeight, drawBarChart, type BarChartOptions } from './pdf/charts.js';
import { formatTimestamp, ReportCanvas } from './pdf/report-canvas.js';
import {
  drawTable,
  tableStartHeight,
  textCell,
  tierCell,
  type CellParagraph,
  type CellSpec,
  type TableColumn,
  type TableOptions,
} from './pdf/table.js';
import { COLORS, TIER_COLORS, TIER_LABELS, TYPE } from './pdf/theme.js';
import type { TextStyle } from './text/text-layout.js';
import type {
  AssessmentHistoryEntry,
  ReportScreeningHit,
  SupplierReportData,
  SupplierScreening,
} from './report-models.js';
import { validateSupplierReportData } from './report-validation.js';

/** How many rows the table of open questions lists; the xlsx export has the follow-ups of all of them. */
export const QUESTIONS_SHOWN = 8;

/** Said once for every question that could raise a red flag, in place of a row each. */
export const RED_FLAG_EXPLANATION =
  'Red flags are never assumed: none of these adds a point to the score or the range, yet any one of them, once ' +
  'reported, sets a minimum tier whatever the points. Ask the supplier and its workers, e.g. in an audit with ' +
  'worker interviews.';

/** "Questions to ask next", laid out: one block for the red-flag questions, a table for the others. */
export interface QuestionsToAsk {
  /** Titles of the questions that could raise a red flag, each once, in the engine's order. */
  redFlagTitles: string[];
  /** Their follow-ups that say more than the shared explanation, each once, with the titles it is for. */
  redFlagFollowUps: Array<{ titles: string[]; text: string }>;
  /** The other questions, and red-flag ones whose answers also differ in points, in the engine's order (by value). */
  table: OpenQuestion[];
}

// "Ask ... whether debt bondage occurs": a follow-up that differs from its neighbours only by naming its own
// question. Compared without that name, lower-case, spaces collapsed.
function followUpPattern(question: OpenQuestion): string {
  const text = question.followUp.toLowerCase().replace(/\s+/g, ' ').trim();
  const names = [question.title, question.title.split(':').pop() ?? '']
    .map((name) => name.toLowerCase().trim())
    .filter((name) => name.length > 0);
  const name = names.find((candidate) => text.includes(candidate));
  return name === undefined ? text : text.split(name).join('\u0000');
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Splits the open questions into the red-flag block and the table, each derived from the engine's list. */
export function questionsToAsk(questions: readonly OpenQuestion[]): QuestionsToAsk {
  const flagged = questions.filter((question) => question.couldRaiseRedFlag);
  // The largest set of follow-ups that only name their question is what the shared explanation says: left out.
  const patterns = new Map<string, OpenQuestion[]>();
  for (const question of flagged) {
    const pattern = followUpPattern(question);
    patterns.set(pattern, [...(patterns.get(pattern) ?? []), question]);
  }
  let covered: OpenQuestion[] = [];
  for (const [pattern, group] of patterns) {
    const titles = distinct(group.map((question) => question.title));
    if (pattern.includes('\u0000') && titles.length >= 2 && group.length > covered.length) {
      covered = group;
    }
  }
  const followUps = new Map<string, string[]>();
  for (const question of flagged) {
    if (!covered.includes(question)) {
      followUps.set(
        question.followUp,
        distinct([...(followUps.get(question.followUp) ?? []), question.title]),
      );
    }
  }
  return {
    redFlagTitles: distinct(flagged.map((question) => question.title)),
    redFlagFollowUps: [...followUps].map(([text, titles]) => ({ titles, text })),
    table: questions.filter(
      (question) =>
        !question.couldRaiseRedFlag || question.openPoints > 0 || question.best !== question.worst,
    ),
  };
}

/** Renders the due-diligence report of one supplier. The same data always gives the same bytes. */
export async function renderSupplierReport(data: SupplierReportData): Promise<Buffer> {
  validateSupplierReportData(data);
  const canvas = new ReportCanvas({
    reportId: data.reportId,
    generatedAt: data.generatedAt,
    generatedBy: data.generatedBy,
    title: `Supplier due-diligence report: ${data.supplier.name}`,
    subject: `Vigil supplier report ${data.reportId}; rule set ${data.ruleSet.name} ${data.ruleSet.version}, hash ${data.ruleSet.hash}`,
    ruleSetHash: data.ruleSet.hash,
    runningTitle: 'Supplier due-diligence report',
  });
  drawCover(canvas, data);
  canvas.newPage();
  drawProfile(canvas, data);
  drawScoreBreakdown(canvas, data);
  drawRedFlags(canvas, data);
  drawScreening(canvas, data.screening);
  drawOpenQuestions(canvas, data);
  drawMissingData(canvas, data);
  drawRecommendedActions(canvas, data);
  drawHistory(canvas, data);
  drawSignOff(canvas, data);
  canvas.newPage();
  canvas.heading('Appendix: methodology');
  drawMethodology(canvas, data.methodology, data.ruleSet);
  return canvas.finish();
}

function drawCover(canvas: ReportCanvas, data: SupplierReportData): void {
  const { supplier, assessment } = data;
  drawCoverBand(
    canvas,
    'Supplier due-diligence report',
    'Forced-labour and human-trafficking risk assessment',
  );
  canvas.paragraph(supplier.name, TYPE.title, { gapAfter: 4 });
  const facts = [
    supplier.externalRef ? `Supplier ID ${supplier.externalRef}` : undefined,
    countryLabel(supplier.country),
    supplier.sector
      ? [capitalise(supplier.sector), supplier.subSector].filter(Boolean).join(' / ')
      : undefined,
  ].filter((fact): fact is string => fact !== undefined);
  canvas.paragraph(facts.join('  ·  '), { ...TYPE.body, color: COLORS.muted }, { gapAfter: 16 });

  drawRiskPanel(canvas, data);
  canvas.gap(18);

  const editions = data.ruleSet.referenceEditions.length;
  const details: KeyValue[] = [
    { key: 'Assessment date', value: formatDate(assessment.assessmentDate) },
    { key: 'Report id', value: monoCell(data.reportId) },
    { key: 'Generated', value: `${formatTimestamp(data.generatedAt)} by ${data.generatedBy}` },
    ...(data.supplierId ? [{ key: 'Vigil supplier id', value: monoCell(data.supplierId) }] : []),
    { key: 'Rule set', value: `${data.ruleSet.name}, version ${data.ruleSet.version}` },
    { key: 'Rule-set hash (sha256)', value: monoCell(assessment.ruleSetHash) },
    {
      key: 'Reference data',
      value:
        editions === 0
          ? 'The rule set declares no reference tables.'
          : `${countOf(editions, 'reference table')}; their editions are listed in the methodology appendix ` +
            `("${REFERENCE_DATA_HEADING}").`,
    },
  ];
  canvas.heading('Assessment details', 'h2', keyValuesStartHeight(canvas, details));
  drawKeyValues(canvas, details);
  if (assessment.ruleSetHash !== data.ruleSet.hash) {
    canvas.gap(4);
    canvas.paragraph(
      `Note: this assessment was made with rule set ${assessment.ruleSetHash}; the methodology appendix describes ` +
        `rule set ${data.ruleSet.hash}.`,
      { ...TYPE.small, color: TIER_COLORS.high.text },
    );
  }
}

function drawRiskPanel(canvas: ReportCanvas, data: SupplierReportData): void {
  const { assessment } = data;
  const { uncertainty } = assessment;
  const colors = TIER_COLORS[assessment.tier];
  const notes: string[] = [];
  if (assessment.tier !== assessment.pointsTier) {
    notes.push(
      `The points alone give ${TIER_LABELS[assessment.pointsTier]}; red flags raise the tier to ${TIER_LABELS[assessment.tier]}.`,
    );
  }
  if (uncertainty) {
    // The supplier list's sentence: open enforcement-list hits count, as the supplier's findings give them.
    const reason = priorityReason({ ...assessment, openScreeningHits: data.screening.status.open });
    notes.push(rangeNote(uncertainty), `Work-list priority: ${reason}.`);
  }
  notes.push(
    `${assessment.redFlags.length} red flag${assessment.redFlags.length === 1 ? '' : 's'}  ·  ` +
      `${assessment.missingData.length} missing data item${assessment.missingData.length === 1 ? '' : 's'}  ·  ` +
      `data completeness ${formatPercent(assessment.dataCompleteness)}`,
  );
  const innerX = canvas.left + 22;
  const innerWidth = canvas.width - 34;
  const noteStyle = { ...TYPE.body, color: colors.text };
  const notesHeight = notes.reduce((sum, note) => sum + canvas.text.heightOf(note, innerWidth, noteStyle), 0);
  const rangeRowHeight = uncertainty ? 40 : 0;
  const height = 78 + rangeRowHeight + notesHeight;
  const top = canvas.reserve(height);
  canvas.doc.rect(canvas.left, top, canvas.width, height).fill(colors.tint);
  canvas.doc.rect(canvas.left, top, 6, height).fill(colors.solid);
  canvas.text.draw('RISK TIER', innerX, top + 12, 200, TYPE.label);
  canvas.text.draw(TIER_LABELS[assessment.tier].toUpperCase(), innerX, top + 24, 260, {
    size: 28,
    weight: 'bold',
    color: colors.solid,
    leading: 1.15,
  });
  const scoreX = canvas.left + canvas.width * 0.55;
  canvas.text.draw(uncertainty ? 'SCORE FROM KNOWN FACTS' : 'SCORE', scoreX, top + 12, 200, TYPE.label);
  canvas.text.draw(scoreOutOf(assessment.score), scoreX, top + 24, canvas.right - scoreX - 12, {
    size: 28,
    weight: 'bold',
    color: COLORS.ink,
    leading: 1.15,
  });
  if (uncertainty) {
    drawRangeRow(canvas, uncertainty, { x: innerX, scoreX, top: top + 68 });
  }
  let y = top + 68 + rangeRowHeight;
  for (const note of notes) {
    y += canvas.text.draw(note, innerX, y, innerWidth, noteStyle);
  }
}

function rangeNote(uncertainty: AssessmentUncertainty): string {
  const open = uncertainty.openQuestions.length;
  if (open === 0) {
    return 'The score counts known facts only, and every indicator the rules weigh is decided: no question is open.';
  }
  return (
    `The score counts known facts only: unknowns add no points. The range is the score once the ${open} open ` +
    `question${open === 1 ? ' is' : 's are'} answered, each at its best or at its worst (red flags never assumed).` +
    expectedNote(uncertainty)
  );
}

/** The expected score from the rule set's priors, with their sources; empty when the rules give none. */
function expectedNote(uncertainty: AssessmentUncertainty): string {
  const { expected } = uncertainty;
  if (!expected) {
    return '';
  }
  const sources = [
    ...new Set(
      uncertainty.openQuestions.flatMap((q) =>
        q.expected !== undefined && q.priorSource ? [q.priorSource] : [],
      ),
    ),
  ];
  return (
    ` Expected score from the rule set's priors for ${expected.questions} of them: ${formatScore(expected.score)}` +
    ` (not counted in the score or tier; source: ${sources.join('; ')}).`
  );
}

/** Second row of the risk panel: the range (with the tier its top reaches) under the tier, confidence under the score. */
function drawRangeRow(
  canvas: ReportCanvas,
  uncertainty: AssessmentUncertainty,
  at: { x: number; scoreX: number; top: number },
): void {
  const valueStyle = { size: 14, weight: 'bold' as const, color: COLORS.ink, leading: 1.2 };
  canvas.text.draw(
    'RANGE ONCE THE OPEN QUESTIONS ARE ANSWERED',
    at.x,
    at.top,
    at.scoreX - at.x - 8,
    TYPE.label,
  );
  const range = formatRange(uncertainty.range);
  canvas.text.draw(range, at.x, at.top + 12, at.scoreX - at.x - 8, valueStyle);
  if (uncertainty.couldReach) {
    const reachX = at.x + canvas.text.widthOf(range, valueStyle) + 10;
    canvas.text.draw(
      `could reach ${TIER_LABELS[uncertainty.couldReach]}`,
      reachX,
      at.top + 15,
      at.scoreX - reachX - 8,
      {
        size: 10,
        weight: 'bold',
        color: TIER_COLORS[uncertainty.couldReach].text,
        leading: 1.2,
      },
    );
  }
  canvas.text.draw('DATA CONFIDENCE', at.scoreX, at.top, 200, TYPE.label);
  canvas.text.draw(
    confidenceText(uncertainty),
    at.scoreX,
    at.top + 12,
    canvas.right - at.scoreX - 12,
    valueStyle,
  );
}

function confidenceText(uncertainty: AssessmentUncertainty): string {
  return `${capitalise(uncertainty.confidenceLevel)}, ${formatPercent(uncertainty.confidence)}`;
}

function fieldCells(field: ProfileField | undefined, data: SupplierReportData): [CellSpec, CellSpec] {
  if (!field) {
    return [textCell(''), textCell('')];
  }
  const value = profileValue(data.supplier, field);
  const inferred = field.field === 'region' && !value.missing ? data.inferred?.region : undefined;
  // DESIGN: an inferred region is marked as inferred, with what it was read from.
  const text = inferred
    ? `${value.text} (inferred from the ${inferred.from} "${inferred.matched}")`
    : value.text;
  const style = value.missing
    ? { ...TYPE.tableBody, color: COLORS.faint }
    : value.alarming
      ? { ...TYPE.tableBody, weight: 'bold' as const, color: TIER_COLORS.critical.text }
      : TYPE.tableBody;
  // The list's reference is an identifier: set as one, so a long one wraps inside its cell.
  const valueCell = field.field === 'externalRef' && !value.missing ? monoCell(text) : textCell(text, style);
  return [textCell(field.label, TYPE.tableMuted), valueCell];
}

/** A paragraph under a heading, before the table the heading is kept with. */
interface Intro {
  text: string;
  style?: TextStyle;
}

/**
 * A heading, the paragraphs that introduce a table and the table, with the heading kept on the page where the
 * table starts (its header and first rows): a heading never ends a page alone.
 */
function headedTable<Row>(
  canvas: ReportCanvas,
  heading: { title: string; level?: 'h1' | 'h2' },
  intro: Intro[],
  columns: TableColumn<Row>[],
  rows: readonly Row[],
  options: TableOptions = {},
): void {
  const keep =
    intro.reduce((sum, paragraph) => sum + canvas.paragraphHeight(paragraph.text, paragraph.style), 0) +
    tableStartHeight(canvas, columns, rows, options);
  canvas.heading(heading.title, heading.level ?? 'h1', keep);
  for (const paragraph of intro) {
    canvas.paragraph(paragraph.text, paragraph.style);
  }
  drawTable(canvas, columns, rows, options);
}

type SourceListing = NonNullable<SupplierReportData['listings']>[number];

const LISTING_COLUMNS: TableColumn<SourceListing>[] = [
  { header: 'List', width: 0.25, cell: (l) => l.list },
  { header: 'Reference', width: 0.17, cell: (l) => monoCell(l.externalRef ?? '') },
  {
    header: 'Last listed in',
    width: 0.43,
    cell: (l) =>
      l.fileName
        ? {
            paragraphs: [
              monoCell(l.fileName).paragraphs[0],
              ...(l.uploadedAt ? [{ text: formatDate(l.uploadedAt), style: TYPE.tableMuted }] : []),
            ],
          }
        : 'before source lists',
  },
  { header: 'Listed now', width: 0.15, cell: (l) => (l.current ? 'yes' : 'no longer') },
];

function drawProfile(canvas: ReportCanvas, data: SupplierReportData): void {
  canvas.heading('Supplier profile');
  canvas.paragraph(
    'Every field as the source lists give it (where lists disagree, the value most recently changed by its list). ' +
      '"Not provided" means the value is unknown: unknown values are never treated as low risk, and the ones the ' +
      'rules read are listed under missing data.',
    { ...TYPE.body, color: COLORS.muted },
  );
  const fieldColumns: TableColumn<[ProfileField, ProfileField | undefined]>[] = [
    { header: '', width: 0.2, cell: (pair) => fieldCells(pair[0], data)[0] },
    { header: '', width: 0.3, cell: (pair) => fieldCells(pair[0], data)[1] },
    { header: '', width: 0.2, cell: (pair) => fieldCells(pair[1], data)[0] },
    { header: '', width: 0.3, cell: (pair) => fieldCells(pair[1], data)[1] },
  ];
  for (const group of PROFILE_GROUPS) {
    const pairs: Array<[ProfileField, ProfileField | undefined]> = [];
    for (let i = 0; i < group.fields.length; i += 2) {
      pairs.push([group.fields[i], group.fields[i + 1]]);
    }
    headedTable(canvas, { title: group.title, level: 'h2' }, [], fieldColumns, pairs, { showHeader: false });
  }
  headedTable(
    canvas,
    { title: 'Additional attributes (as uploaded)', level: 'h2' },
    [],
    [
      { header: 'Column', width: 0.35, cell: ([key]: [string, string]) => textCell(key, TYPE.tableMuted) },
      { header: 'Value', width: 0.65, cell: ([, value]) => value },
    ],
    Object.entries(data.supplier.extra ?? {}),
    { emptyText: 'The upload had no columns beyond the canonical fields.' },
  );
  if (data.listings) {
    headedTable(canvas, { title: 'Source lists', level: 'h2' }, [], LISTING_COLUMNS, data.listings, {
      emptyText: 'No source list names this site.',
    });
  }
}

// Category ids are kebab-case; acronyms in them are written as acronyms in the report.
const ACRONYMS = new Set(['ilo', 'ict', 'dol', 'gsi', 'tip', 'ituc']);

function categoryLabel(category: string): string {
  return capitalise(
    category
      .split(/[-_]+/)
      .map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word))
      .join(' '),
  );
}

function categoryTotals(contributions: Contribution[]): Array<{ category: string; points: number }> {
  const totals = new Map<string, number>();
  for (const contribution of contributions) {
    totals.set(contribution.category, (totals.get(contribution.category) ?? 0) + contribution.points);
  }
  return [...totals.entries()].map(([category, points]) => ({ category, points }));
}

function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

function drawScoreBreakdown(canvas: ReportCanvas, data: SupplierReportData): void {
  const { assessment } = data;
  const sum = roundPoints(
    assessment.contributions.reduce((total, contribution) => total + contribution.points, 0),
  );
  canvas.heading('Score breakdown');
  const explanation =
    `The score is built from ${assessment.contributions.length} contributions. Each line below names the ` +
    `indicator, its points and the evidence it rests on; mitigations subtract points. The points add up to ` +
    `${formatScore(sum)}` +
    (sum === assessment.score
      ? `, the score of ${formatScore(assessment.score)}.`
      : `; limited to the 0-100 scale and the rule set's caps and inherent-risk floor, the score is ${formatScore(assessment.score)}.`);
  canvas.paragraph(explanation);
  const tierColor = TIER_COLORS[assessment.tier].solid;
  const bars = categoryTotals(assessment.contributions).map((total) => ({
    label: categoryLabel(total.category),
    segments: [{ value: total.points, color: total.points < 0 ? COLORS.mitigation : tierColor }],
    valueLabel: formatPoints(roundPoints(total.points)),
  }));
  const barOptions: BarChartOptions = { labelWidth: 140 };
  if (bars.length > 0) {
    canvas.heading('Points by category', 'h2', barChartHeight(canvas, bars, barOptions));
    drawBarChart(canvas, bars, barOptions);
    canvas.gap(10);
  }
  const totalRow: Contribution = {
    indicatorId: '',
    title: 'Total of contributions',
    category: '',
    points: sum,
    evidence: `Score after the rule set's limits: ${formatScore(assessment.score)}`,
    missingData: false,
  };
  headedTable(
    canvas,
    { title: 'Contributions', level: 'h2' },
    [],
    [
      {
        header: 'Indicator',
        width: 0.27,
        cell: (row) => ({
          paragraphs: [
            { text: row.title, style: { ...TYPE.tableBody, weight: 'bold' } },
            ...(row.indicatorId ? [{ text: row.indicatorId, style: TYPE.tableMuted }] : []),
          ],
        }),
      },
      {
        header: 'Category',
        width: 0.14,
        cell: (row) => textCell(row.category ? categoryLabel(row.category) : ''),
      },
      {
        header: 'Points',
        width: 0.09,
        align: 'right',
        cell: (row) =>
          textCell(formatPoints(row.points), {
            ...TYPE.tableBody,
            weight: 'bold',
            color: row.points < 0 ? COLORS.mitigation : COLORS.ink,
          }),
      },
      {
        header: 'Evidence',
        width: 0.5,
        cell: (row) => ({
          paragraphs: [
            { text: row.evidence },
            ...(row.missingData
              ? [
                  {
                    text: 'Charged because the value is missing (unknown is not low risk).',
                    style: TYPE.tableMuted,
                  },
                ]
              : []),
          ],
        }),
      },
    ],
    [...assessment.contributions, totalRow],
    { emptyText: 'No indicator contributed points.' },
  );
}

function drawRedFlags(canvas: ReportCanvas, data: SupplierReportData): void {
  const flags = data.assessment.redFlags;
  if (flags.length === 0) {
    canvas.heading('Red flags');
    canvas.paragraph('No red flags were raised for this supplier.');
    return;
  }
  headedTable(
    canvas,
    { title: 'Red flags' },
    [
      {
        text:
          'A red flag sets a minimum tier whatever the points: each one needs investigation and, where confirmed, ' +
          'remediation before the business relationship continues.',
      },
    ],
    [
      {
        header: 'Red flag',
        width: 0.3,
        cell: (row) => textCell(row.title, { ...TYPE.tableBody, weight: 'bold' }),
      },
      { header: 'Minimum tier', width: 0.16, cell: (row) => tierCell(row.minimumTier) },
      { header: 'Evidence', width: 0.54, cell: (row) => row.evidence },
    ],
    flags,
  );
}

const PARTY_LABELS: Readonly<Record<PartyRole, string>> = {
  supplier: 'Supplier name',
  parent: 'Parent company',
  subcontractor: 'Subcontractor',
};

const STATUS_ORDER: Readonly<Record<ReportScreeningHit['status'], number>> = {
  confirmed: 0,
  open: 1,
  dismissed: 2,
  withdrawn: 3,
};

/** The section's first sentence: the supplier's status, or that it was screened and nothing was raised. */
export function screeningVerdict(screening: SupplierScreening): string {
  const { status } = screening;
  if (status.confirmed > 0) {
    return (
      `Confirmed: ${countOf(status.confirmed, 'hit')} confirmed by a compliance officer, each a critical red ` +
      `flag${status.open > 0 ? `; ${countOf(status.open, 'more hit')} awaiting review` : ''}.`
    );
  }
  if (status.open > 0) {
    return (
      `Awaiting review: ${countOf(status.open, 'hit')} ${status.open === 1 ? 'awaits' : 'await'} a decision. ` +
      'Ask the supplier first: no tier is set until a compliance officer decides.'
    );
  }
  if (screening.hits.some((hit) => hit.current && hit.status === 'dismissed')) {
    return 'Clear: every hit in force was dismissed by a compliance officer, with the reasons below.';
  }
  if (!screening.run) {
    return screening.hits.length > 0
      ? 'Clear: no hit in force, but no screening has covered the supplier since it last changed.'
      : 'Not screened yet: no screening against the enforcement lists has covered this supplier.';
  }
  return screening.hits.length > 0
    ? 'Clear: screened against the editions below, no hit in force; earlier hits are kept below as history.'
    : 'Clear: screened against the editions below, and nothing was raised.';
}

function drawScreening(canvas: ReportCanvas, screening: SupplierScreening): void {
  canvas.heading('Screening against enforcement lists');
  canvas.paragraph(SCREENING_EXPLANATION, { ...TYPE.body, color: COLORS.muted });
  const color =
    screening.status.confirmed > 0
      ? TIER_COLORS.critical.text
      : screening.status.open > 0
        ? TIER_COLORS.high.text
        : COLORS.ink;
  canvas.paragraph(screeningVerdict(screening), { ...TYPE.body, weight: 'bold', color });
  if (screening.run) {
    const latest = `Latest screening of this supplier: ${screeningRunText(screening.run)}.`;
    const noEdition = 'The screening named no list edition.';
    canvas.heading(
      'Lists and editions screened against',
      'h2',
      canvas.paragraphHeight(latest) + screeningEditionsStartHeight(canvas, screening.editions, noEdition),
    );
    canvas.paragraph(latest);
    drawScreeningEditions(canvas, screening.editions, noEdition);
  } else {
    canvas.heading('Lists and editions screened against', 'h2');
    canvas.paragraph(
      'None yet: every supplier is screened in the background after each import, when a list edition is loaded ' +
        'and on request.',
    );
  }
  // Confirmations first, then what awaits review, then dismissals; within each, in the order given.
  const current = screening.hits
    .filter((hit) => hit.current)
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  const history = screening.hits.filter((hit) => !hit.current);
  drawHits(canvas, `Hits in force (${current.length})`, current);
  drawHits(
    canvas,
    `Earlier hits (${history.length})`,
    history,
    'No longer raised by the latest screening: the list entry or what was screened of the supplier has changed ' +
      'since, or the entry has left the list. Kept with their decisions as history.',
  );
}

function listedSide(hit: ReportScreeningHit): CellSpec {
  const entry =
    hit.listedName === hit.entryName
      ? []
      : [
          {
            text: `${hit.listedNameIsAlias ? 'Alias of' : 'Entry'} "${hit.entryName}"`,
            style: TYPE.tableMuted,
          },
        ];
  return {
    paragraphs: [
      { text: hit.listedName, style: { ...TYPE.tableBody, weight: 'bold' } },
      ...entry,
      { text: `${LIST_TITLES[hit.list]}, edition as of ${hit.editionAsOf}` },
      {
        text: `${capitalise(citedSection(hit.list, hit.section))}, effective ${hit.effectiveDate}`,
        style: TYPE.tableMuted,
      },
    ],
  };
}

function matchCell(hit: ReportScreeningHit): CellSpec {
  const strength = hit.strength === 'hit' ? 'Hit' : 'Potential hit';
  const how =
    hit.score === null ? `${strength} on place and products` : `${strength}, score ${hit.score.toFixed(2)}`;
  return {
    paragraphs: [
      { text: how, style: { ...TYPE.tableBody, weight: 'bold' } },
      ...(hit.question ? [{ text: hit.question }] : []),
      ...hit.reasons.map((reason) => ({ text: reason, style: TYPE.tableMuted })),
    ],
  };
}

function decisionCell(hit: ReportScreeningHit): CellSpec {
  const bold = { ...TYPE.tableBody, weight: 'bold' as const };
  const decided: CellParagraph[] = [
    ...(hit.reason ? [{ text: `Reason: ${hit.reason}` }] : []),
    {
      text:
        `Decided by ${hit.decidedBy ?? 'an unknown user'}` +
        (hit.decidedAt ? ` on ${formatTimestamp(hit.decidedAt)}` : ''),
      style: TYPE.tableMuted,
    },
  ];
  switch (hit.status) {
    case 'open':
      return {
        paragraphs: [
          { text: 'Awaiting review', style: { ...bold, color: TIER_COLORS.high.text } },
          {
            text: 'Not decided yet: it sets no tier, and the supplier is asked about first.',
            style: TYPE.tableMuted,
          },
        ],
      };
    case 'confirmed':
      return {
        paragraphs: [
          { text: 'Confirmed: a critical red flag', style: { ...bold, color: TIER_COLORS.critical.text } },
          ...(hit.current
            ? []
            : [{ text: 'Lapsed: the entry is no longer on the list in force.', style: TYPE.tableMuted }]),
          ...decided,
        ],
      };
    case 'dismissed':
      return { paragraphs: [{ text: 'Dismissed', style: bold }, ...decided] };
    case 'withdrawn':
      return {
        paragraphs: [
          { text: 'Withdrawn', style: bold },
          { text: 'No longer raised before anyone decided it.', style: TYPE.tableMuted },
        ],
      };
  }
}

const HIT_COLUMNS: TableColumn<ReportScreeningHit>[] = [
  {
    header: "Supplier's side",
    width: 0.19,
    cell: (hit) => ({
      paragraphs: [
        {
          text: hit.party.role ? PARTY_LABELS[hit.party.role] : 'Place and products',
          style: TYPE.tableMuted,
        },
        { text: hit.party.name, style: { ...TYPE.tableBody, weight: 'bold' } },
      ],
    }),
  },
  { header: 'Listed', width: 0.27, cell: listedSide },
  { header: 'Match', width: 0.27, cell: matchCell },
  { header: 'Decision', width: 0.27, cell: decisionCell },
];

/**
 * A titled table of hits, each with the supplier's name and the listed name side by side, the match and the
 * decision; nothing when there are none. The title stays on the page of the first hit.
 */
function drawHits(canvas: ReportCanvas, title: string, hits: ReportScreeningHit[], note?: string): void {
  if (hits.length === 0) {
    return;
  }
  headedTable(
    canvas,
    { title, level: 'h2' },
    note ? [{ text: note, style: { ...TYPE.body, color: COLORS.muted } }] : [],
    HIT_COLUMNS,
    hits,
  );
}

function drawMissingData(canvas: ReportCanvas, data: SupplierReportData): void {
  const title = 'Missing data: follow-up list';
  const missing = data.assessment.missingData;
  if (missing.length === 0) {
    canvas.heading(title);
    canvas.paragraph('Every field the rules read was provided.');
    return;
  }
  headedTable(
    canvas,
    { title },
    [
      {
        text: data.assessment.uncertainty
          ? 'Fields the rules read that the supplier file does not give. None of them adds points to the score: ' +
            'collecting them answers the open questions and narrows the range.'
          : 'Unknown is not low risk: each value below was charged as a risk. Collecting it may lower the score.',
      },
    ],
    [
      {
        header: 'Done',
        width: 0.07,
        align: 'center',
        cell: () => textCell('☐', { ...TYPE.tableBody, size: 10 }),
      },
      {
        header: 'Field',
        width: 0.23,
        cell: (row) => textCell(fieldLabel(row.field), { ...TYPE.tableBody, weight: 'bold' }),
      },
      { header: 'What to collect', width: 0.5, cell: (row) => row.followUp },
      { header: 'Indicator', width: 0.2, cell: (row) => textCell(row.indicatorId, TYPE.tableMuted) },
    ],
    missing,
  );
}

function drawOpenQuestions(canvas: ReportCanvas, data: SupplierReportData): void {
  const { uncertainty } = data.assessment;
  // Assessments made before ranges existed have no open questions to list: the section is left out.
  if (!uncertainty) {
    return;
  }
  canvas.heading('Questions to ask next');
  if (uncertainty.openQuestions.length === 0) {
    canvas.paragraph(
      'No question is open: every indicator the rules weigh is decided by known facts, so the range is the score.',
    );
    return;
  }
  const plan = questionsToAsk(uncertainty.openQuestions);
  canvas.paragraph(
    'The score counts known facts only; these are the indicators the rules could not decide, so they add no ' +
      'points yet and make up the range. Data confidence ' +
      `(${confidenceText(uncertainty).toLowerCase()}) is the share of the points the rules put at stake that ` +
      'known facts decide.',
  );
  if (plan.redFlagTitles.length > 0) {
    drawRedFlagQuestions(canvas, plan);
  }
  if (plan.table.length > 0) {
    drawQuestionTable(canvas, plan);
  } else {
    canvas.paragraph(
      'No other question is open: known facts decide every indicator that adds or removes points.',
    );
  }
}

function drawRedFlagQuestions(canvas: ReportCanvas, plan: QuestionsToAsk): void {
  const titles = plan.redFlagTitles;
  const list = `${listInWords(titles)}.`;
  const listStyle = { ...TYPE.body, weight: 'bold' as const, color: TIER_COLORS.critical.text };
  // The titles and their explanation read as one: kept on one page.
  const keep = canvas.paragraphHeight(list, listStyle) + canvas.paragraphHeight(RED_FLAG_EXPLANATION);
  canvas.heading(`Could raise a red flag (${titles.length})`, 'h2', keep);
  canvas.paragraph(list, listStyle);
  canvas.paragraph(RED_FLAG_EXPLANATION);
  if (plan.redFlagFollowUps.length > 0) {
    canvas.list(
      plan.redFlagFollowUps.map((followUp) =>
        followUp.titles.length === titles.length
          ? followUp.text
          : `${listInWords(followUp.titles)}: ${followUp.text}`,
      ),
    );
  }
}

function drawQuestionTable(canvas: ReportCanvas, plan: QuestionsToAsk): void {
  const questions = plan.table;
  const shown = questions.slice(0, QUESTIONS_SHOWN);
  const otherThanFlags = plan.redFlagTitles.length > 0;
  const intro: Intro[] = [
    {
      text:
        'Most valuable first: "Points open" is how far the range narrows once the question is answered (caps and ' +
        'the floor applied); "Answers add" gives what the best and the worst answer would add before category caps.' +
        (shown.some((question) => question.settlesTier === true)
          ? ' "Settles the tier": answered alone, whatever the answer, the whole range falls in one tier.'
          : ''),
    },
    ...(shown.length < questions.length
      ? [
          {
            text: `${shown.length} of ${questions.length} questions shown; the xlsx export lists what to ask for all of them.`,
            style: { ...TYPE.body, weight: 'bold' as const },
          },
        ]
      : []),
  ];
  const markStyle = { ...TYPE.tableBody, weight: 'bold' as const, color: COLORS.navy };
  const flagStyle = { ...TYPE.tableBody, weight: 'bold' as const, color: TIER_COLORS.critical.text };
  headedTable(
    canvas,
    {
      title: `${otherThanFlags ? 'Other open questions' : 'Open questions'} (${questions.length})`,
      level: 'h2',
    },
    intro,
    [
      {
        header: '#',
        width: 0.05,
        align: 'right',
        cell: (_: OpenQuestion, index) => textCell(String(index + 1), TYPE.tableMuted),
      },
      {
        header: 'Question',
        width: 0.65,
        cell: (row) => ({
          paragraphs: [
            { text: row.title, style: { ...TYPE.tableBody, weight: 'bold' } },
            ...(row.settlesTier === true ? [{ text: 'Settles the tier', style: markStyle }] : []),
            ...(row.couldRaiseRedFlag
              ? [{ text: 'An answer could also raise a red flag (see above)', style: flagStyle }]
              : []),
            { text: row.followUp },
            ...(row.fields.length > 0
              ? [{ text: `Fields: ${row.fields.map(fieldLabel).join(', ')}`, style: TYPE.tableMuted }]
              : []),
          ],
        }),
      },
      {
        header: 'Answers add',
        width: 0.15,
        align: 'right',
        cell: (row) => `${formatPoints(row.best)} to ${formatPoints(row.worst)}`,
      },
      {
        header: 'Points open',
        width: 0.15,
        align: 'right',
        cell: (row) => textCell(formatScore(row.openPoints), { ...TYPE.tableBody, weight: 'bold' }),
      },
    ],
    shown,
  );
}

function drawRecommendedActions(canvas: ReportCanvas, data: SupplierReportData): void {
  const actions = data.assessment.recommendedActions;
  if (actions.length === 0) {
    canvas.heading('Recommended actions');
    canvas.paragraph(
      'The rule set recommends no specific action for this supplier beyond routine monitoring.',
    );
    return;
  }
  canvas.heading('Recommended actions', 'h1', canvas.listStartHeight(actions, { numbered: true }));
  canvas.list(actions, { numbered: true });
}

function historyWithCurrent(data: SupplierReportData): AssessmentHistoryEntry[] {
  const { assessment } = data;
  const current: AssessmentHistoryEntry = {
    assessedAt: assessment.assessmentDate,
    score: assessment.score,
    tier: assessment.tier,
    ruleSetHash: assessment.ruleSetHash,
  };
  const present = data.history.some(
    (entry) =>
      formatDate(entry.assessedAt) === formatDate(current.assessedAt) &&
      entry.ruleSetHash === current.ruleSetHash &&
      entry.score === current.score,
  );
  const entries = present ? [...data.history] : [...data.history, current];
  return entries.sort((a, b) => a.assessedAt.localeCompare(b.assessedAt));
}

/** Consecutive assessments that left the score, the tier and the rule set as they were: one line of the history. */
export interface HistoryRun {
  /** When the first and the last of them were made (the same for a run of one). */
  from: string;
  to: string;
  score: number;
  tier: RiskTier;
  ruleSetHash: string;
  /** How many assessments the run holds. */
  count: number;
  /** What made them, in order; a cause repeated back to back is given once with how many times. */
  causes: string[];
}

function timesText(count: number): string {
  return count === 2 ? 'twice' : `${count} times`;
}

/**
 * Folds the history (in date order) into runs of consecutive assessments with the same score, tier and rule-set
 * hash, so unchanged re-uploads read as one line with their causes instead of as identical lines.
 */
export function collapseHistory(entries: readonly AssessmentHistoryEntry[]): HistoryRun[] {
  const runs: Array<HistoryRun & { repeats: Array<{ cause: string; times: number }> }> = [];
  for (const entry of entries) {
    const last = runs[runs.length - 1];
    const run =
      last && last.score === entry.score && last.tier === entry.tier && last.ruleSetHash === entry.ruleSetHash
        ? last
        : undefined;
    const target = run ?? {
      from: entry.assessedAt,
      to: entry.assessedAt,
      score: entry.score,
      tier: entry.tier,
      ruleSetHash: entry.ruleSetHash,
      count: 0,
      causes: [],
      repeats: [],
    };
    if (!run) {
      runs.push(target);
    }
    target.to = entry.assessedAt;
    target.count++;
    if (entry.cause) {
      const previous = target.repeats[target.repeats.length - 1];
      if (previous?.cause === entry.cause) {
        previous.times++;
      } else {
        target.repeats.push({ cause: entry.cause, times: 1 });
      }
    }
  }
  return runs.map(({ repeats, ...run }) => ({
    ...run,
    causes: repeats.map(({ cause, times }) => (times === 1 ? cause : `${cause} (${timesText(times)})`)),
  }));
}

/** "Upload of a.xlsx"; "Unchanged across 3 assessments: upload of a.xlsx, upload of b.csv, re-score after rules changed". */
export function historyRunText(run: HistoryRun): string {
  const causes = run.causes.join(', ');
  if (run.count === 1) {
    return capitalise(causes);
  }
  return `Unchanged across ${run.count} assessments${causes ? `: ${causes}` : ''}`;
}

const HISTORY_COLUMNS: TableColumn<HistoryRun>[] = [
  {
    header: 'Assessed',
    width: 0.15,
    cell: (run) =>
      run.count === 1 ? formatDate(run.from) : `${formatDate(run.from)} to ${formatDate(run.to)}`,
  },
  { header: 'Score', width: 0.08, align: 'right', cell: (run) => formatScore(run.score) },
  { header: 'Tier', width: 0.13, cell: (run) => tierCell(run.tier) },
  {
    header: 'What made it',
    width: 0.36,
    cell: (run) =>
      historyRunText(run) || textCell('Not recorded', { ...TYPE.tableBody, color: COLORS.faint }),
  },
  { header: 'Rule-set hash', width: 0.28, cell: (run) => monoCell(run.ruleSetHash, 6.5) },
];

/** The history chart's plot height and the room its date labels take below it. */
const HISTORY_CHART = { height: 120, labels: 22, gapAfter: 10 };

function drawHistory(canvas: ReportCanvas, data: SupplierReportData): void {
  const entries = historyWithCurrent(data);
  const runs = collapseHistory(entries);
  const chart = entries.length > 1 ? HISTORY_CHART.height + HISTORY_CHART.labels + HISTORY_CHART.gapAfter : 0;
  canvas.heading('Assessment history', 'h1', chart + tableStartHeight(canvas, HISTORY_COLUMNS, runs));
  if (entries.length > 1) {
    drawHistoryChart(canvas, entries, data);
    canvas.gap(HISTORY_CHART.gapAfter);
  }
  drawTable(canvas, HISTORY_COLUMNS, runs);
}

function tierBands(data: SupplierReportData): Array<{ tier: RiskTier; from: number; to: number }> {
  const sorted = [...data.ruleSet.thresholds].sort((a, b) => a.minScore - b.minScore);
  return sorted.map((threshold, index) => ({
    tier: threshold.tier,
    from: threshold.minScore,
    to: sorted[index + 1]?.minScore ?? 100,
  }));
}

/** Score over time on tier-coloured bands; points are evenly spaced, dates under each point. */
function drawHistoryChart(
  canvas: ReportCanvas,
  entries: AssessmentHistoryEntry[],
  data: SupplierReportData,
): void {
  const { height } = HISTORY_CHART;
  const axisWidth = 28;
  const top = canvas.reserve(height + HISTORY_CHART.labels);
  const left = canvas.left + axisWidth;
  const width = canvas.width - axisWidth - 10;
  const yOf = (score: number): number => top + height - (Math.min(Math.max(score, 0), 100) / 100) * height;
  for (const band of tierBands(data)) {
    canvas.doc
      .rect(left, yOf(band.to), width, yOf(band.from) - yOf(band.to))
      .fill(TIER_COLORS[band.tier].tint);
  }
  for (const tick of [0, 25, 50, 75, 100]) {
    canvas.text.draw(String(tick), canvas.left, yOf(tick) - 5, axisWidth - 6, TYPE.tableMuted, 'right');
  }
  canvas.doc.rect(left, top, width, height).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  const step = entries.length > 1 ? width / (entries.length - 1) : 0;
  const xOf = (index: number): number => left + (entries.length > 1 ? index * step : width / 2);
  entries.forEach((entry, index) => {
    const point = { x: xOf(index), y: yOf(entry.score) };
    if (index === 0) {
      canvas.doc.moveTo(point.x, point.y);
    } else {
      canvas.doc.lineTo(point.x, point.y);
    }
  });
  canvas.doc.lineWidth(1.5).strokeColor(COLORS.navy).stroke();
  // Label at most ~12 dates so they never overlap.
  const labelEvery = Math.max(1, Math.ceil(entries.length / 12));
  entries.forEach((entry, index) => {
    canvas.doc.circle(xOf(index), yOf(entry.score), 2.6).fill(TIER_COLORS[entry.tier].solid);
    if (index % labelEvery === 0 || index === entries.length - 1) {
      // Centred under its point, but never past the margins: the first and last points sit near them.
      const labelX = Math.min(Math.max(xOf(index) - 30, canvas.left), canvas.right - 60);
      canvas.text.draw(formatDate(entry.assessedAt), labelX, top + height + 5, 60, TYPE.tableMuted, 'center');
    }
  });
}

function drawSignOff(canvas: ReportCanvas, data: SupplierReportData): void {
  const statement =
    'The signatories confirm that they have reviewed this assessment, its evidence, the red flags and the ' +
    'follow-up actions, and agree the next steps with the supplier.';
  const boxHeight = 118;
  canvas.heading('Sign-off', 'h1', canvas.text.heightOf(statement, canvas.width, TYPE.body) + 8 + boxHeight);
  canvas.paragraph(statement);
  const gapBetween = 16;
  const boxWidth = (canvas.width - gapBetween) / 2;
  const top = canvas.reserve(boxHeight);
  const boxes = [
    {
      title: 'Prepared by',
      name: data.signOff?.preparedBy ?? data.generatedBy,
      date: formatDate(data.generatedAt),
    },
    {
      title: 'Reviewed by',
      name: data.signOff?.reviewedBy ?? '',
      date: data.signOff?.reviewedAt ? formatDate(data.signOff.reviewedAt) : '',
    },
  ];
  boxes.forEach((box, index) => {
    const x = canvas.left + index * (boxWidth + gapBetween);
    canvas.doc.rect(x, top, boxWidth, boxHeight).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
    canvas.text.draw(box.title.toUpperCase(), x + 10, top + 8, boxWidth - 20, TYPE.label);
    const rows: Array<[string, string]> = [
      ['Name', box.name],
      ['Signature', ''],
      ['Date', box.date],
    ];
    rows.forEach(([label, value], rowIndex) => {
      const lineY = top + 44 + rowIndex * 28;
      canvas.text.draw(label, x + 10, lineY - 12, 60, TYPE.tableMuted);
      canvas.text.draw(value, x + 70, lineY - 13, boxWidth - 80, TYPE.tableBody);
      canvas.doc
        .moveTo(x + 70, lineY + 1)
        .lineTo(x + boxWidth - 10, lineY + 1)
        .lineWidth(0.5)
        .strokeColor(COLORS.faint)
        .stroke();
    });
  });
}

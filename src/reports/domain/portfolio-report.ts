import type { TierThresholds } from '../../rules/domain/rule-set-definition.js';
import { CONFIDENCE_LEVELS, RISK_TIERS, type RiskTier } from '../../scoring/domain/assessment-result.js';
import { tierForScore } from '../../scoring/domain/scoring-engine.js';
import {
  capitalise,
  countOf,
  countryLabel,
  countryName,
  fieldLabel,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPoints,
  formatScore,
} from './format.js';
import {
  drawCoverBand,
  drawKeyValues,
  drawMethodology,
  REFERENCE_DATA_HEADING,
  drawScreeningEditions,
  monoCell,
  SCREENING_EXPLANATION,
  screeningRunText,
} from './pdf/blocks.js';
import { barChartHeight, drawBarChart, drawLegend, drawShareBar, type BarRow } from './pdf/charts.js';
import { formatTimestamp, ReportCanvas } from './pdf/report-canvas.js';
import { drawTable, textCell, tierCell, type CellSpec } from './pdf/table.js';
import { COLORS, TIER_COLORS, TIER_LABELS, TYPE } from './pdf/theme.js';
import {
  PRIORITY_LIST_LENGTH,
  type CountByTier,
  type DataConfidence,
  type HeatCell,
  type PortfolioReportData,
  type PortfolioScreening,
  type RenderProgress,
  type RuleSetInfo,
} from './report-models.js';
import { COUNTRY_RISK_ORDER, PRIORITY_ORDER } from './portfolio-aggregator.js';
import { validatePortfolioReportData } from './report-validation.js';

const COUNTRY_CHART_ROWS = 20;
const HEAT_TABLE_COUNTRIES = 25;
/** How many uploads the provenance table prints, newest first; the export's Uploads sheet lists them all. */
export const PROVENANCE_ROWS = 20;
const COUNTRIES_BY_RISK = 'Countries by risk';

const PHASES = [
  'cover',
  'executive summary',
  'distribution',
  'heat table',
  'countries by risk',
  'priority list',
  'red-flagged suppliers',
  'screening',
  'data quality',
  'data confidence',
  'methodology',
] as const;

/** Renders the portfolio report; `onProgress` hears each finished section, for background jobs. */
export async function renderPortfolioReport(
  data: PortfolioReportData,
  onProgress?: (progress: RenderProgress) => void,
): Promise<Buffer> {
  validatePortfolioReportData(data);
  const canvas = new ReportCanvas({
    reportId: data.reportId,
    generatedAt: data.generatedAt,
    generatedBy: data.generatedBy,
    title: 'Portfolio risk report: forced labour and human trafficking',
    subject: `Vigil portfolio report ${data.reportId}; rule set ${data.ruleSet.name} ${data.ruleSet.version}, hash ${data.ruleSet.hash}`,
    ruleSetHash: data.ruleSet.hash,
    runningTitle: 'Portfolio risk report',
  });
  const total = PHASES.length + 1;
  const sections: Array<() => void> = [
    () => drawCover(canvas, data),
    () => drawExecutiveSummary(canvas, data),
    () => drawDistribution(canvas, data),
    () => drawHeatTable(canvas, data),
    () => drawCountriesByRisk(canvas, data),
    () => drawPriorityList(canvas, data),
    () => drawRedFlagged(canvas, data),
    () => drawScreening(canvas, data.screening),
    () => drawDataQuality(canvas, data),
    () => drawDataConfidence(canvas, data),
    () => {
      canvas.newPage();
      canvas.heading('Methodology and sources');
      drawMethodology(canvas, data.methodology, data.ruleSet);
    },
  ];
  sections.forEach((section, index) => {
    section();
    onProgress?.({ phase: PHASES[index], completed: index + 1, total });
  });
  const pdf = await canvas.finish();
  onProgress?.({ phase: 'finished', completed: total, total });
  return pdf;
}

function tierShare(count: number, total: number): string {
  return total > 0 ? formatPercent(count / total) : '0%';
}

function drawCover(canvas: ReportCanvas, data: PortfolioReportData): void {
  const editions = data.ruleSet.referenceEditions.length;
  drawCoverBand(
    canvas,
    'Portfolio risk report',
    'Forced-labour and human-trafficking risk across the supplier portfolio',
  );
  canvas.heading('Scope', 'h2', 60);
  drawKeyValues(canvas, [
    {
      key: 'Suppliers',
      value: `${formatNumber(data.totals.assessed)} assessed of ${formatNumber(data.totals.suppliers)} in scope`,
    },
    {
      key: 'Filters',
      value:
        data.filters.length === 0
          ? 'None: the whole portfolio'
          : data.filters.map((filter) => `${filter.label}: ${filter.value}`).join('\n'),
    },
    { key: 'Report id', value: monoCell(data.reportId) },
    { key: 'Generated', value: `${formatTimestamp(data.generatedAt)} by ${data.generatedBy}` },
    { key: 'Rule set', value: `${data.ruleSet.name}, version ${data.ruleSet.version}` },
    { key: 'Rule-set hash (sha256)', value: monoCell(data.ruleSet.hash) },
    {
      key: 'Reference data',
      value:
        editions === 0
          ? 'The rule set declares no reference tables.'
          : `${countOf(editions, 'reference table')}; their editions are listed in the methodology appendix ` +
            `("${REFERENCE_DATA_HEADING}").`,
    },
  ]);
}

function drawTiles(
  canvas: ReportCanvas,
  tiles: Array<{ label: string; value: string; note: string; color?: string }>,
): void {
  const gap = 10;
  const width = (canvas.width - gap * (tiles.length - 1)) / tiles.length;
  const noteStyle = { ...TYPE.small, leading: 1.3 };
  const noteHeight = Math.max(...tiles.map((tile) => canvas.text.heightOf(tile.note, width - 20, noteStyle)));
  const height = 58 + noteHeight;
  const top = canvas.reserve(height);
  tiles.forEach((tile, index) => {
    const x = canvas.left + index * (width + gap);
    canvas.doc.rect(x, top, width, height).fill(COLORS.zebra);
    canvas.doc.rect(x, top, width, 3).fill(tile.color ?? COLORS.navy);
    canvas.text.draw(tile.label.toUpperCase(), x + 10, top + 10, width - 20, TYPE.label);
    canvas.text.draw(tile.value, x + 10, top + 22, width - 20, {
      size: 20,
      weight: 'bold',
      color: tile.color ?? COLORS.navy,
      leading: 1.15,
    });
    canvas.text.draw(tile.note, x + 10, top + 50, width - 20, noteStyle);
  });
}

function drawExecutiveSummary(canvas: ReportCanvas, data: PortfolioReportData): void {
  canvas.heading('Executive summary', 'h1', 160);
  const assessed = data.totals.assessed;
  const highOrCritical = data.tierCounts.high + data.tierCounts.critical;
  drawTiles(canvas, [
    {
      label: 'Suppliers assessed',
      value: formatNumber(assessed),
      note: `of ${formatNumber(data.totals.suppliers)} in scope`,
    },
    {
      label: 'High or critical',
      value: formatNumber(highOrCritical),
      note: `${tierShare(highOrCritical, assessed)} of suppliers assessed`,
      color: TIER_COLORS.high.solid,
    },
    {
      label: 'Red-flagged',
      value: formatNumber(data.totals.redFlagged),
      note: `${tierShare(data.totals.redFlagged, assessed)} carry at least one red flag`,
      color: TIER_COLORS.critical.solid,
    },
    {
      label: 'Data completeness',
      value: formatPercent(data.dataQuality.averageCompleteness),
      note: 'average share of the fields the rules read',
    },
  ]);
  canvas.gap(14);
  canvas.heading('Share of suppliers per tier', 'h2', 60);
  const tiersHighFirst = [...RISK_TIERS].reverse();
  drawShareBar(
    canvas,
    tiersHighFirst.map((tier) => ({
      label: TIER_LABELS[tier],
      value: data.tierCounts[tier],
      color: TIER_COLORS[tier].solid,
    })),
  );
  canvas.gap(4);
  drawLegend(
    canvas,
    tiersHighFirst.map((tier) => ({
      label: `${TIER_LABELS[tier]}: ${formatNumber(data.tierCounts[tier])} (${tierShare(data.tierCounts[tier], assessed)})`,
      color: TIER_COLORS[tier].solid,
    })),
  );
  canvas.gap(14);
  canvas.paragraph(
    `${formatNumber(assessed)} suppliers were assessed with rule set ${data.ruleSet.name} ${data.ruleSet.version}. ` +
      `${formatNumber(data.tierCounts.critical)} are rated critical and ${formatNumber(data.tierCounts.high)} high ` +
      `(${tierShare(highOrCritical, assessed)} together); ${formatNumber(data.totals.redFlagged)} carry at least one ` +
      `red flag. The average score is ${formatScore(Math.round(data.totals.averageScore * 10) / 10)} out of 100. ` +
      `The priority list ranks the ${Math.min(PRIORITY_LIST_LENGTH, data.priorityList.length)} suppliers to act on ` +
      `first; every red-flagged supplier is listed with its evidence.` +
      screeningSummary(data.screening) +
      confidenceSummary(data.dataConfidence),
  );
}

function screeningSummary(screening: PortfolioScreening): string {
  const open = screening.open.hits + screening.open.potential;
  return (
    ` Against the US forced-labour enforcement lists, ${countOf(screening.confirmed.hits, 'hit')} ` +
    `${screening.confirmed.hits === 1 ? 'is' : 'are'} confirmed (${countOf(screening.confirmed.suppliers, 'supplier')}) ` +
    `and ${countOf(open, 'hit')} ${open === 1 ? 'awaits' : 'await'} review (${countOf(screening.open.suppliers, 'supplier')}).`
  );
}

function confidenceSummary(confidence: DataConfidence): string {
  if (confidence.withRange === 0) {
    return '';
  }
  const reach = couldReachTotal(confidence);
  return (
    ` Scores count known facts only: ${formatNumber(reach)} of the ${formatNumber(confidence.withRange)} ` +
    `suppliers with a range could reach a higher tier once their open questions are answered, and ` +
    `${formatNumber(confidence.byLevel.low)} have low data confidence.`
  );
}

type GroupBar = Pick<CountByTier, 'key' | 'count' | 'tierCounts'>;

function stackedRows(entries: GroupBar[], label: (key: string) => string): BarRow[] {
  return entries.map((entry) => ({
    label: label(entry.key),
    segments: [...RISK_TIERS]
      .reverse()
      .map((tier) => ({ value: entry.tierCounts[tier], color: TIER_COLORS[tier].solid })),
    valueLabel: formatNumber(entry.count),
  }));
}

function topWithOther(entries: GroupBar[], limit: number, otherLabel: (n: number) => string): GroupBar[] {
  if (entries.length <= limit) {
    return entries;
  }
  const kept = entries.slice(0, limit - 1);
  const rest = entries.slice(limit - 1);
  const tierCounts = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const entry of rest) {
    for (const tier of RISK_TIERS) {
      tierCounts[tier] += entry.tierCounts[tier];
    }
  }
  return [
    ...kept,
    { key: otherLabel(rest.length), count: rest.reduce((sum, entry) => sum + entry.count, 0), tierCounts },
  ];
}

const OTHER_PREFIX = '\u0000other:';

function drawDistribution(canvas: ReportCanvas, data: PortfolioReportData): void {
  canvas.newPage();
  canvas.heading('Distribution of risk');
  const legend = [...RISK_TIERS]
    .reverse()
    .map((tier) => ({ label: TIER_LABELS[tier], color: TIER_COLORS[tier].solid }));
  const legendHeight = 14;
  const tierRows: BarRow[] = [...RISK_TIERS].reverse().map((tier) => ({
    label: TIER_LABELS[tier],
    segments: [{ value: data.tierCounts[tier], color: TIER_COLORS[tier].solid }],
    valueLabel: `${formatNumber(data.tierCounts[tier])} (${tierShare(data.tierCounts[tier], data.totals.assessed)})`,
  }));
  const tierOptions = { labelWidth: 110, valueWidth: 70 };
  canvas.heading('By tier', 'h2', barChartHeight(canvas, tierRows, tierOptions));
  drawBarChart(canvas, tierRows, tierOptions);

  const sectorRows = stackedRows(data.bySector, (key) => capitalise(key));
  canvas.heading('By sector', 'h2', legendHeight + barChartHeight(canvas, sectorRows, tierOptions));
  drawLegend(canvas, legend);
  drawBarChart(canvas, sectorRows, tierOptions);

  const countries = topWithOther(data.byCountry, COUNTRY_CHART_ROWS, (n) => `${OTHER_PREFIX}${n}`);
  const countryRows = stackedRows(countries, (key) =>
    key.startsWith(OTHER_PREFIX) ? `Other countries (${key.slice(OTHER_PREFIX.length)})` : countryLabel(key),
  );
  const countryOptions = { labelWidth: 150, valueWidth: 70 };
  canvas.heading('By country', 'h2', legendHeight + 16 + barChartHeight(canvas, countryRows, countryOptions));
  if (data.byCountry.length > COUNTRY_CHART_ROWS) {
    canvas.paragraph(
      `The ${COUNTRY_CHART_ROWS - 1} countries with the most suppliers; the other ` +
        `${formatNumber(data.byCountry.length - COUNTRY_CHART_ROWS + 1)} are grouped in the last bar. ` +
        `Every country is listed under "${COUNTRIES_BY_RISK}".`,
      { ...TYPE.small },
    );
  }
  drawLegend(canvas, legend);
  drawBarChart(canvas, countryRows, countryOptions);
}

/** The rule set's tier boundaries as the engine reads them (a tier the list leaves out is never reached). */
function engineThresholds(ruleSet: RuleSetInfo): { thresholds: TierThresholds } {
  const from = (tier: RiskTier): number =>
    ruleSet.thresholds.find((threshold) => threshold.tier === tier)?.minScore ?? Number.POSITIVE_INFINITY;
  return { thresholds: { medium: from('medium'), high: from('high'), critical: from('critical') } };
}

function drawHeatTable(canvas: ReportCanvas, data: PortfolioReportData): void {
  const { heatTable } = data;
  canvas.heading('Country and sector heat table', 'h1', 200);
  canvas.paragraph(
    'Each cell gives the number of suppliers and, below it, their average score; the colour is the tier of that ' +
      'average. "HC" counts the suppliers in the cell rated high or critical. Empty cells have no suppliers.',
    { ...TYPE.body, color: COLORS.muted },
  );
  const thresholds = engineThresholds(data.ruleSet);
  const cells = new Map<string, HeatCell>(
    heatTable.cells.map((cell) => [`${cell.country}|${cell.sector}`, cell]),
  );
  const countries = heatTable.countries.slice(0, HEAT_TABLE_COUNTRIES);
  if (heatTable.countries.length > countries.length) {
    canvas.paragraph(
      `The ${HEAT_TABLE_COUNTRIES} countries with the most suppliers are shown, of ` +
        `${formatNumber(heatTable.countries.length)}; every country is listed with its average and highest score ` +
        `under "${COUNTRIES_BY_RISK}".`,
      TYPE.small,
    );
  }
  const cellStyle = { ...TYPE.tableBody, size: 8, weight: 'bold' as const, leading: 1.2 };
  const noteStyle = { ...TYPE.tableMuted, size: 6.5, leading: 1.2 };
  drawTable(
    canvas,
    [
      {
        header: 'Country',
        width: 1.6,
        cell: (country: string) => textCell(countryName(country), { ...TYPE.tableBody, size: 8 }),
      },
      ...heatTable.sectors.map((sector) => ({
        header: capitalise(sector),
        width: 1,
        align: 'center' as const,
        cell: (country: string): CellSpec => {
          const cell = cells.get(`${country}|${sector}`);
          if (!cell || cell.count === 0) {
            return textCell('');
          }
          const tier = tierForScore(cell.averageScore, thresholds);
          return {
            fill: TIER_COLORS[tier].tint,
            paragraphs: [
              { text: formatNumber(cell.count), style: { ...cellStyle, color: TIER_COLORS[tier].text } },
              {
                text: `avg ${formatScore(Math.round(cell.averageScore))}${cell.highOrCritical > 0 ? ` · HC ${cell.highOrCritical}` : ''}`,
                style: noteStyle,
              },
            ],
          };
        },
      })),
    ],
    countries,
    { zebra: false, emptyText: 'No suppliers in scope.' },
  );
}

function drawCountriesByRisk(canvas: ReportCanvas, data: PortfolioReportData): void {
  const countries = data.countriesByRisk;
  canvas.heading(COUNTRIES_BY_RISK, 'h1', 160);
  canvas.paragraph(
    countries.length === 0
      ? 'No supplier in scope has been assessed.'
      : `All ${formatNumber(countries.length)} ${countries.length === 1 ? 'country' : 'countries'} of the ` +
          `suppliers assessed, ${COUNTRY_RISK_ORDER}, so that a country of few suppliers with a high score is ` +
          'not lost among the large ones.',
    { ...TYPE.body, color: COLORS.muted },
  );
  if (countries.length === 0) {
    return;
  }
  drawTable(
    canvas,
    [
      {
        header: 'Country',
        width: 0.34,
        cell: (row) => textCell(countryName(row.key), { ...TYPE.tableBody, weight: 'bold' }),
      },
      { header: 'Suppliers', width: 0.13, align: 'right', cell: (row) => formatNumber(row.count) },
      {
        header: 'Highest score',
        width: 0.14,
        align: 'right',
        cell: (row) => formatScore(row.maxScore),
      },
      {
        header: 'Average score',
        width: 0.14,
        align: 'right',
        cell: (row) => formatScore(Math.round(row.averageScore * 10) / 10),
      },
      {
        header: 'High or critical',
        width: 0.13,
        align: 'right',
        cell: (row) => formatNumber(row.tierCounts.high + row.tierCounts.critical),
      },
      {
        header: 'Critical',
        width: 0.12,
        align: 'right',
        cell: (row) => formatNumber(row.tierCounts.critical),
      },
    ],
    countries,
    { bodyStyle: { ...TYPE.tableBody, size: 8 } },
  );
}

function drawPriorityList(canvas: ReportCanvas, data: PortfolioReportData): void {
  canvas.newPage();
  const list = data.priorityList.slice(0, PRIORITY_LIST_LENGTH);
  canvas.heading(`Priority list: the ${list.length} suppliers to act on first`);
  canvas.paragraph(
    `${PRIORITY_ORDER} "Why here" gives each supplier's place in those terms; main drivers are the contributions ` +
      'with the most points.' +
      (list.length < data.totals.assessed
        ? ` The other ${formatNumber(data.totals.assessed - list.length)} suppliers assessed follow in the same ` +
          "order in the supplier list sorted by priority and in the xlsx export's Rank column."
        : ''),
    { ...TYPE.body, color: COLORS.muted },
  );
  drawTable(
    canvas,
    [
      {
        header: '#',
        width: 0.04,
        align: 'right',
        cell: (row) => textCell(String(row.rank), TYPE.tableMuted),
      },
      {
        header: 'Supplier',
        width: 0.26,
        cell: (row) => ({
          paragraphs: [
            { text: row.name, style: { ...TYPE.tableBody, weight: 'bold' } },
            {
              text: [
                row.externalRef,
                row.annualSpend !== undefined ? formatMoney(row.annualSpend, row.currency) : undefined,
              ]
                .filter(Boolean)
                .join('  ·  '),
              style: TYPE.tableMuted,
            },
            { text: `Why here: ${row.reason}`, style: TYPE.tableMuted },
          ],
        }),
      },
      { header: 'Country', width: 0.12, cell: (row) => countryName(row.country) },
      { header: 'Sector', width: 0.145, cell: (row) => (row.sector ? capitalise(row.sector) : '') },
      {
        header: 'Score',
        width: 0.06,
        align: 'right',
        cell: (row) => textCell(formatScore(row.score), { ...TYPE.tableBody, weight: 'bold' }),
      },
      {
        header: 'Tier',
        width: 0.105,
        cell: (row) =>
          tierCell(
            row.tier,
            row.redFlagCount > 0
              ? `${row.redFlagCount} red flag${row.redFlagCount === 1 ? '' : 's'}`
              : undefined,
          ),
      },
      {
        header: 'Main drivers',
        width: 0.27,
        cell: (row) => ({
          paragraphs: row.mainDrivers.map((driver) => ({
            text: `• ${driver.title} (${formatPoints(driver.points)})`,
          })),
        }),
      },
    ],
    list,
    { emptyText: 'No supplier in scope has been assessed.', bodyStyle: { ...TYPE.tableBody, size: 8 } },
  );
}

function drawRedFlagged(canvas: ReportCanvas, data: PortfolioReportData): void {
  canvas.heading(`Red-flagged suppliers (${formatNumber(data.redFlagged.length)})`);
  canvas.paragraph(
    'Every supplier with at least one red flag. A red flag forces a minimum tier whatever the points and calls ' +
      'for investigation before the relationship continues.',
    { ...TYPE.body, color: COLORS.muted },
  );
  drawTable(
    canvas,
    [
      {
        header: 'Supplier',
        width: 0.3,
        cell: (row) => ({
          paragraphs: [
            { text: row.name, style: { ...TYPE.tableBody, weight: 'bold' } },
            {
              text: [
                row.externalRef,
                countryName(row.country),
                row.sector ? capitalise(row.sector) : undefined,
              ]
                .filter(Boolean)
                .join('  ·  '),
              style: TYPE.tableMuted,
            },
          ],
        }),
      },
      { header: 'Tier', width: 0.11, cell: (row) => tierCell(row.tier) },
      { header: 'Score', width: 0.07, align: 'right', cell: (row) => formatScore(row.score) },
      {
        header: 'Red flags and evidence',
        width: 0.52,
        cell: (row) => ({
          paragraphs: row.redFlags.flatMap((flag) => [
            {
              text: `${flag.title} (minimum ${TIER_LABELS[flag.minimumTier].toLowerCase()})`,
              style: { ...TYPE.tableBody, weight: 'bold' },
            },
            { text: flag.evidence },
          ]),
        }),
      },
    ],
    data.redFlagged,
    { emptyText: 'No supplier in scope has a red flag.' },
  );
}

function drawScreening(canvas: ReportCanvas, screening: PortfolioScreening): void {
  canvas.heading('Screening against enforcement lists', 'h1', 160);
  canvas.paragraph(SCREENING_EXPLANATION, { ...TYPE.body, color: COLORS.muted });
  const { open, confirmed } = screening;
  drawKeyValues(canvas, [
    {
      key: 'Awaiting review',
      value:
        `${countOf(open.hits, 'hit')} and ${countOf(open.potential, 'potential hit')}, at ` +
        `${countOf(open.suppliers, 'supplier')}: ask them first`,
    },
    {
      key: 'Confirmed',
      value:
        `${countOf(confirmed.hits, 'hit')}, at ${countOf(confirmed.suppliers, 'supplier')}: each a critical red ` +
        'flag, listed with its evidence under the red-flagged suppliers',
    },
    {
      key: 'Dismissed',
      value: `${countOf(screening.dismissed, 'hit')}, each with its reason in the supplier's report`,
    },
    {
      key: 'Latest screening',
      value: screening.lastRun ? capitalise(screeningRunText(screening.lastRun)) : 'None yet',
    },
  ]);
  canvas.heading('Lists and editions screened against', 'h2', 80);
  canvas.paragraph(
    'The editions in force: every screening runs against them, of the whole portfolio when one is loaded and of ' +
      "each import's new and changed sites.",
    { ...TYPE.body, color: COLORS.muted },
  );
  drawScreeningEditions(canvas, screening.editions, 'No list edition is loaded.');
}

function drawDataQuality(canvas: ReportCanvas, data: PortfolioReportData): void {
  const quality = data.dataQuality;
  canvas.heading('Data quality', 'h1', 160);
  canvas.paragraph(
    `Average data completeness is ${formatPercent(quality.averageCompleteness)}: the share of the fields the rule ` +
      `set reads that suppliers have provided. ${missingValuesNote(data.dataConfidence)}`,
  );
  canvas.heading('Completeness', 'h2', 60);
  drawBarChart(
    canvas,
    quality.completenessBands.map((band) => ({
      label: band.label,
      segments: [{ value: band.count, color: COLORS.navy }],
      valueLabel: formatNumber(band.count),
    })),
    { labelWidth: 110, valueWidth: 60 },
  );
  canvas.heading('Fields most often missing', 'h2', 60);
  const missing = quality.mostMissingFields.length;
  if (missing > 0) {
    canvas.paragraph(
      missing < quality.missingFieldCount
        ? `The ${missing} fields missing for the most suppliers, of ${formatNumber(quality.missingFieldCount)} ` +
            "fields missing for at least one; each supplier's report and the export's Follow-ups column say what " +
            'is missing for that supplier.'
        : `Every field the rules read that is missing for at least one supplier (${missing}), most first.`,
      { ...TYPE.body, color: COLORS.muted },
    );
  }
  drawTable(
    canvas,
    [
      { header: 'Field', width: 0.5, cell: (row) => fieldLabel(row.field) },
      {
        header: 'Suppliers missing it',
        width: 0.25,
        align: 'right',
        cell: (row) => formatNumber(row.missing),
      },
      {
        header: 'Share',
        width: 0.25,
        align: 'right',
        cell: (row) => tierShare(row.missing, data.totals.assessed),
      },
    ],
    quality.mostMissingFields,
    { emptyText: 'No field the rules read is missing.' },
  );
  canvas.heading('Import provenance', 'h2', 80);
  const uploads = quality.imports.slice(0, PROVENANCE_ROWS);
  canvas.paragraph(provenanceNote(uploads.length, quality.imports.length), {
    ...TYPE.body,
    color: COLORS.muted,
  });
  drawTable(
    canvas,
    [
      {
        header: 'File',
        width: 0.3,
        cell: (row) => ({
          paragraphs: [
            { text: row.fileName, style: { ...TYPE.tableBody, weight: 'bold' } },
            {
              text: row.sha256,
              style: { size: 6.5, family: 'mono', color: COLORS.muted, leading: 1.3 },
              wrap: 'anywhere',
            },
          ],
        }),
      },
      {
        header: 'Uploaded',
        width: 0.24,
        cell: (row) => ({
          paragraphs: [
            { text: row.uploadedBy },
            { text: formatTimestamp(row.uploadedAt), style: TYPE.tableMuted },
          ],
        }),
      },
      { header: 'Rows read', width: 0.09, align: 'right', cell: (row) => formatNumber(row.rowsRead) },
      { header: 'Imported', width: 0.09, align: 'right', cell: (row) => formatNumber(row.rowsImported) },
      {
        header: 'Duplicates',
        width: 0.1,
        align: 'right',
        cell: (row) => formatNumber(row.rowsDuplicate),
      },
      {
        header: 'Rejected',
        width: 0.09,
        align: 'right',
        cell: (row) =>
          textCell(formatNumber(row.rowsRejected), {
            ...TYPE.tableBody,
            ...(row.rowsRejected > 0 ? { weight: 'bold' as const, color: TIER_COLORS.high.text } : {}),
          }),
      },
      { header: 'Blank', width: 0.09, align: 'right', cell: (row) => formatNumber(row.rowsBlank) },
    ],
    uploads,
    { emptyText: 'No upload has been imported yet.' },
  );
}

/** What the provenance table holds, true of the rows printed: all uploads, or the newest and where the rest are. */
export function provenanceNote(shown: number, total: number): string {
  const what =
    shown === total
      ? `All ${formatNumber(total)} ${total === 1 ? 'upload' : 'uploads'} Vigil has imported, newest first,`
      : `The ${formatNumber(shown)} newest of ${formatNumber(total)} uploads Vigil has imported (all ` +
        `${formatNumber(total)} are in the xlsx export's Uploads sheet),`;
  return (
    `${what} with the sha256 of each file as received. Each upload's rows read are its rows imported, its ` +
    'duplicates (rows listing a site another row already placed), its rejected rows and its blank rows.'
  );
}

/** How missing values weigh, true for the assessments in scope: older ones charged them, newer ones leave a range. */
function missingValuesNote(confidence: DataConfidence): string {
  if (confidence.withRange === 0) {
    return 'Missing values are charged as risk, so better data can lower scores.';
  }
  const ranged =
    'Missing values add no points to the scores: they leave questions open (see Data confidence), so better data ' +
    'narrows the ranges.';
  if (confidence.withoutRange === 0) {
    return ranged;
  }
  return (
    `${ranged} The ${formatNumber(confidence.withoutRange)} assessments made before ranges existed charged ` +
    'missing values as risk instead.'
  );
}

function couldReachTotal(confidence: DataConfidence): number {
  return RISK_TIERS.reduce((sum, tier) => sum + confidence.couldReach[tier], 0);
}

function drawDataConfidence(canvas: ReportCanvas, data: PortfolioReportData): void {
  const confidence = data.dataConfidence;
  canvas.heading('Data confidence', 'h1', 120);
  if (confidence.withRange === 0) {
    canvas.paragraph(
      data.totals.assessed === 0
        ? 'No supplier in scope has been assessed.'
        : 'Ranges and data confidence were not computed for these assessments: they were made before ranges existed.',
    );
    return;
  }
  const ranged = confidence.withRange;
  canvas.paragraph(
    'Scores count known facts only. What the rules weigh but nobody has answered is an open question: it adds no ' +
      "points, and each supplier's range shows what the answers could still do to its score. Data confidence is " +
      'the share of the points the rules put at stake that known facts decide. ' +
      (confidence.withoutRange > 0
        ? `The figures below cover the ${formatNumber(ranged)} suppliers whose assessment has a range; ` +
          `${formatNumber(confidence.withoutRange)} assessed before ranges existed are not counted.`
        : `The figures below cover all ${formatNumber(ranged)} suppliers assessed.`),
  );
  const levelsHighFirst = [...CONFIDENCE_LEVELS].reverse();
  canvas.heading('Suppliers per confidence level', 'h2', 60);
  drawBarChart(
    canvas,
    levelsHighFirst.map((level) => ({
      label: capitalise(level),
      segments: [{ value: confidence.byLevel[level], color: COLORS.navy }],
      valueLabel: `${formatNumber(confidence.byLevel[level])} (${tierShare(confidence.byLevel[level], ranged)})`,
    })),
    { labelWidth: 110, valueWidth: 70 },
  );

  canvas.heading('Suppliers that could reach a higher tier', 'h2', 60);
  const reach = couldReachTotal(confidence);
  canvas.paragraph(
    reach === 0
      ? "No supplier's range reaches above its assessed tier."
      : `${formatNumber(reach)} of ${formatNumber(ranged)} suppliers (${tierShare(reach, ranged)}) could reach a ` +
          'higher tier than assessed once their open questions are answered, by the highest tier their range reaches:',
  );
  if (reach > 0) {
    drawBarChart(
      canvas,
      [...RISK_TIERS]
        .reverse()
        .filter((tier) => confidence.couldReach[tier] > 0)
        .map((tier) => ({
          label: `Could reach ${TIER_LABELS[tier]}`,
          segments: [{ value: confidence.couldReach[tier], color: TIER_COLORS[tier].solid }],
          valueLabel: formatNumber(confidence.couldReach[tier]),
        })),
      { labelWidth: 110, valueWidth: 70 },
    );
  }

  canvas.heading('Questions open for the most suppliers', 'h2', 60);
  const questions = confidence.mostOpenQuestions;
  if (questions.length > 0) {
    canvas.paragraph(
      questions.length < confidence.distinctQuestions
        ? `The ${questions.length} questions open for the most suppliers, of ${formatNumber(confidence.distinctQuestions)} ` +
            'questions open for at least one.'
        : `Every question open for at least one supplier (${questions.length}), most suppliers first.`,
      { ...TYPE.body, color: COLORS.muted },
    );
  }
  drawTable(
    canvas,
    [
      {
        header: 'Question',
        width: 0.46,
        cell: (row) => textCell(row.title, { ...TYPE.tableBody, weight: 'bold' }),
      },
      {
        header: 'Open for (suppliers)',
        width: 0.18,
        align: 'right',
        cell: (row) => formatNumber(row.suppliers),
      },
      { header: 'Share', width: 0.12, align: 'right', cell: (row) => tierShare(row.suppliers, ranged) },
      {
        header: 'Could raise a red flag for',
        width: 0.24,
        align: 'right',
        cell: (row) =>
          textCell(formatNumber(row.couldRaiseRedFlag), {
            ...TYPE.tableBody,
            ...(row.couldRaiseRedFlag > 0
              ? { weight: 'bold' as const, color: TIER_COLORS.critical.text }
              : {}),
          }),
      },
    ],
    questions,
    { emptyText: 'No question is open for any supplier: every indicator is decided by known facts.' },
  );
}

import type {
  AssessmentResult,
  AssessmentUncertainty,
  Contribution,
  OpenQuestion,
  RiskTier,
} from '../../../scoring/domain/assessment-result.js';
import { priorityReason, priorityScore } from '../../../scoring/domain/priority.js';
import { SHIPPED_EDITIONS } from '../../../screening/domain/shipped-editions.js';
import type { SupplierRecord } from '../../../suppliers/domain/supplier-record.js';
import { comparePriority, countriesByRisk } from '../portfolio-aggregator.js';
import type {
  DataConfidence,
  PortfolioReportData,
  PortfolioScreening,
  PrioritySupplier,
  RedFlaggedSupplier,
  ReportScreeningHit,
  RuleSetInfo,
  ScreeningEdition,
  SupplierReportData,
  SupplierScreening,
  TierCounts,
} from '../report-models.js';

// Realistic view models for report tests and visual checks. Names come in the scripts suppliers really use.

export const SUPPLIER_NAMES = {
  vietnamese: 'Công ty TNHH May Mặc Sài Gòn',
  turkish: 'Şahin Tekstil Sanayi A.Ş.',
  polish: 'Zakłady Odzieżowe Łódź',
  chinese: '深圳华强电子有限公司',
  bengali: 'ঢাকা গার্মেন্টস লিমিটেড',
  arabic: 'شركة النسيج العربية المحدودة',
  thai: 'บริษัท อาหารทะเลไทย จำกัด',
} as const;

export const RULE_SET_HASH = '3f5d2c9a8b7e6f10a4c3b2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1';

export function makeRuleSetInfo(overrides: Partial<RuleSetInfo> = {}): RuleSetInfo {
  return {
    name: 'vigil-default',
    version: '2025.1',
    hash: RULE_SET_HASH,
    thresholds: [
      { tier: 'low', minScore: 0 },
      { tier: 'medium', minScore: 25 },
      { tier: 'high', minScore: 50 },
      { tier: 'critical', minScore: 75 },
    ],
    referenceEditions: [
      {
        table: 'us_dol_goods',
        publisher: 'US Department of Labor, ILAB',
        edition: 'List of Goods Produced by Child Labor or Forced Labor, 2024',
      },
      { table: 'gsi_2023_prevalence', publisher: 'Walk Free', edition: 'Global Slavery Index 2023' },
      {
        table: 'us_tip_tiers',
        publisher: 'US Department of State',
        edition: 'Trafficking in Persons Report 2024',
      },
    ],
    ...overrides,
  };
}

export function makeSupplier(overrides: Partial<SupplierRecord> = {}): SupplierRecord {
  return {
    externalRef: 'V-10442',
    name: SUPPLIER_NAMES.vietnamese,
    country: 'VN',
    region: 'Hồ Chí Minh',
    city: 'Thành phố Hồ Chí Minh',
    address: '12 Đường Nguyễn Văn Linh, Quận 7',
    postalCode: '700000',
    latitude: 10.7295,
    longitude: 106.7219,
    sector: 'garments',
    subSector: 'cut-make-trim',
    facilityType: 'Finished goods',
    products: ['knitted garments', 'cotton t-shirts'],
    supplyChainTier: 1,
    parentCompany: 'Saigon Apparel Holdings',
    subcontractors: ['Xưởng may Bình Dương'],
    workerCount: 1250,
    femaleWorkerPct: 78,
    migrantWorkerPct: 40,
    temporaryWorkerPct: 15,
    usesLabourAgency: true,
    recruitmentFeesPaidByWorkers: true,
    employerProvidedHousing: true,
    identityDocumentsRetained: false,
    wagesWithheld: false,
    debtBondage: undefined,
    excessiveOvertime: true,
    lastAuditDate: '2024-02-14',
    auditScheme: 'amfori BSCI',
    certifications: ['WRAP'],
    grievanceMechanism: false,
    annualSpend: 2_450_000,
    currency: 'USD',
    extra: { 'Buyer contact': 'Nguyễn Thị Hoa', 'ERP vendor group': 'APPAREL-ASIA' },
    ...overrides,
  };
}

export function makeContribution(overrides: Partial<Contribution> = {}): Contribution {
  return {
    indicatorId: 'country-tip-tier',
    title: 'Country: US TIP tier',
    category: 'country',
    points: 12,
    evidence: 'Country VN: US TIP Tier 2 Watch List (Trafficking in Persons Report 2024)',
    missingData: false,
    ...overrides,
  };
}

export function makeOpenQuestion(overrides: Partial<OpenQuestion> = {}): OpenQuestion {
  return {
    indicatorId: 'supply-chain-undisclosed-subcontracting',
    title: 'Undisclosed subcontracting',
    fields: ['undisclosedSubcontracting'],
    followUp: 'Ask for the list of subcontractors and whether any work leaves the declared sites.',
    best: 0,
    worst: 8,
    openPoints: 8,
    couldRaiseRedFlag: false,
    ...overrides,
  };
}

/** What the default supplier's unknowns leave open: the answers could take its high score (56) into critical. */
export function makeUncertainty(overrides: Partial<AssessmentUncertainty> = {}): AssessmentUncertainty {
  return {
    range: { low: 56, high: 78 },
    confidence: 0.64,
    confidenceLevel: 'medium',
    couldReach: 'critical',
    openQuestions: [
      makeOpenQuestion({
        indicatorId: 'ilo-debt-bondage',
        title: 'ILO indicator: debt bondage',
        fields: ['debtBondage'],
        followUp:
          'Ask whether workers owe debts to the employer or a recruiter; check payslips for deductions.',
        worst: 0,
        openPoints: 0,
        couldRaiseRedFlag: true,
      }),
      makeOpenQuestion(),
      makeOpenQuestion({
        indicatorId: 'workforce-isolation',
        title: 'Isolated site',
        fields: ['isolation'],
        followUp: 'Confirm how far the site is from the nearest town and how workers travel there.',
        worst: 10,
        openPoints: 10,
      }),
      makeOpenQuestion({
        indicatorId: 'recruitment-movement',
        title: 'Restriction of movement',
        fields: ['movementRestricted'],
        followUp: 'Confirm workers can leave the premises and dormitories freely outside working hours.',
        worst: 4,
        openPoints: 4,
      }),
    ],
    ...overrides,
  };
}

export function makeAssessment(overrides: Partial<AssessmentResult> = {}): AssessmentResult {
  const contributions: Contribution[] = [
    makeContribution(),
    makeContribution({
      indicatorId: 'country-gsi-prevalence',
      title: 'Country: modern slavery prevalence',
      points: 6,
      evidence: 'Country VN: 4.1 people in modern slavery per 1,000 (Global Slavery Index 2023)',
    }),
    makeContribution({
      indicatorId: 'sector-garments',
      title: 'Sector: garments and textiles',
      category: 'sector',
      points: 15,
      evidence: 'Sector garments / cut-make-trim: a high-risk sector named by the position paper',
    }),
    makeContribution({
      indicatorId: 'goods-dol-list',
      title: 'Goods on the US DOL list',
      category: 'goods',
      points: 10,
      evidence:
        'Product "knitted garments" matches Garments from Viet Nam (child labour, forced labour; DOL 2024)',
    }),
    makeContribution({
      indicatorId: 'workforce-migrant-share',
      title: 'Share of migrant workers',
      category: 'workforce',
      points: 8,
      evidence: 'Migrant workers 40% (band 25-50%: 8 points)',
    }),
    makeContribution({
      indicatorId: 'recruitment-fees',
      title: 'Recruitment fees paid by workers',
      category: 'recruitment',
      points: 10,
      evidence: 'Recruitment fees paid by workers: yes',
    }),
    makeContribution({
      indicatorId: 'recruitment-debt-bondage-unknown',
      title: 'Debt bondage not reported either way',
      category: 'recruitment',
      points: 4,
      evidence: 'Debt bondage: not provided; unknown is charged 4 points',
      missingData: true,
    }),
    makeContribution({
      indicatorId: 'mitigation-social-audit',
      title: 'Recent independent social audit',
      category: 'mitigation',
      points: -5,
      evidence: 'amfori BSCI audit on 2024-02-14, 11 months before the assessment date',
    }),
  ];
  return {
    score: 60,
    tier: 'high',
    pointsTier: 'high',
    contributions,
    redFlags: [
      {
        indicatorId: 'ilo-excessive-overtime',
        title: 'ILO indicator reported: excessive overtime',
        minimumTier: 'high',
        evidence: 'Excessive overtime: yes (reported in the supplier file)',
      },
    ],
    missingData: [
      {
        field: 'debtBondage',
        indicatorId: 'recruitment-debt-bondage-unknown',
        followUp:
          'Ask whether workers owe debts to the employer or a recruiter; check payslips for deductions.',
      },
      {
        field: 'movementRestricted',
        indicatorId: 'ilo-movement-restricted',
        followUp: 'Confirm workers can leave the premises and dormitories freely outside working hours.',
      },
    ],
    recommendedActions: [
      'Commission an unannounced SMETA 4-pillar audit with worker interviews in Vietnamese.',
      'Require the supplier to reimburse recruitment fees paid by workers (Employer Pays Principle).',
      'Review working-hour records for the last 12 months and agree a corrective action plan.',
    ],
    dataCompleteness: 0.82,
    ruleSetHash: RULE_SET_HASH,
    assessmentDate: '2025-01-15',
    ...overrides,
  };
}

/**
 * The default assessment as the engine makes it since ranges exist: no point charged for an unknown (score 56
 * instead of 60), and what the unknowns leave open as a range and open questions.
 */
export function makeRangedAssessment(overrides: Partial<AssessmentResult> = {}): AssessmentResult {
  const base = makeAssessment();
  return makeAssessment({
    score: 56,
    contributions: base.contributions.filter((contribution) => !contribution.missingData),
    uncertainty: makeUncertainty(),
    ...overrides,
  });
}

export const METHODOLOGY = [
  'Each supplier is scored against the active rule set. Inherent risk comes from the country (US TIP tier, ' +
    'Global Slavery Index prevalence and government response), the sector and the goods (US DOL list of goods ' +
    'produced with child or forced labour, matched by good and country).',
  'Supplier-specific indicators add points for migrant and temporary labour, labour agencies, recruitment fees, ' +
    'employer-controlled housing and undisclosed subcontracting. The score counts known facts only: a missing ' +
    'value adds no points, it is an open question, and the range shows what its answer could still do.',
  'Mitigation (a recent independent social audit, certification, a working grievance mechanism) subtracts ' +
    'bounded points but never goes below the inherent-risk floor and never clears a red flag.',
];

const EDITION_FILES = {
  uflpa: { rowCount: 164, sha256: 'ca9e85d23e28b0addc9ffcd0f0960831bbe76a59cf60afe3d915d45625c1def9' },
  'cbp-wro': { rowCount: 75, sha256: '916e102c25635a032459f0a10f252634aa1a841c9ce4f58a8899c3c456c5456f' },
} as const;

/** The shipped editions as loaded, with their sources and coverage as rules/reference/lists/SOURCES.md states them. */
export const SCREENING_EDITIONS: ScreeningEdition[] = SHIPPED_EDITIONS.map((edition) => ({
  list: edition.kind,
  asOf: edition.asOf,
  source: edition.source,
  coverage: edition.coverage,
  ...EDITION_FILES[edition.kind],
  inForce: true,
}));

/** The UFLPA hit of "Hotan Taida Apparel" (the other spelling of Hetian) on the listed "Hetian Taida Apparel". */
export function makeScreeningHit(overrides: Partial<ReportScreeningHit> = {}): ReportScreeningHit {
  return {
    list: 'uflpa',
    kind: 'name',
    strength: 'hit',
    score: 0.912,
    party: { role: 'supplier', name: 'Hotan Taida Apparel' },
    entryName: 'Hetian Taida Apparel Co., Ltd',
    listedName: 'Hetian Taida Apparel Co., Ltd',
    listedNameIsAlias: false,
    section: '2(d)(2)(B)(i); 2(d)(2)(B)(v)',
    effectiveDate: '2022-06-21',
    editionAsOf: '2026-08-03',
    reasons: [
      'The supplier name "Hotan Taida Apparel" matches the listed name "Hetian Taida Apparel Co., Ltd"',
      'words found: hetian, taida, apparel',
      '"hotan" read as "hetian" (a known variant spelling)',
    ],
    status: 'open',
    current: true,
    reason: null,
    decidedBy: null,
    decidedAt: null,
    ...overrides,
  };
}

/** Screened by a whole-portfolio run against the shipped editions; nothing raised unless `hits` says so. */
export function makeSupplierScreening(overrides: Partial<SupplierScreening> = {}): SupplierScreening {
  return {
    status: { status: 'clear', confirmed: 0, open: 0 },
    run: {
      reason: 'request',
      status: 'completed',
      startedAt: '2025-01-14T18:00:00.000Z',
      finishedAt: '2025-01-14T18:02:41.000Z',
    },
    editions: SCREENING_EDITIONS,
    hits: [],
    ...overrides,
  };
}

export function makeSupplierReportData(overrides: Partial<SupplierReportData> = {}): SupplierReportData {
  return {
    reportId: 'RPT-2025-000123',
    generatedAt: '2025-01-15T09:30:00.000Z',
    generatedBy: 'anna.kowalska@example.com',
    supplierId: '8c1f6a52-3b7d-4f0e-9a51-2d7c1e4b9f30',
    supplier: makeSupplier(),
    assessment: makeAssessment(),
    screening: makeSupplierScreening(),
    history: [
      {
        assessedAt: '2023-06-01',
        score: 48,
        tier: 'medium',
        ruleSetHash: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
      },
      { assessedAt: '2024-03-10', score: 55, tier: 'high', ruleSetHash: RULE_SET_HASH },
    ],
    ruleSet: makeRuleSetInfo(),
    methodology: METHODOLOGY,
    signOff: { preparedBy: 'Anna Kowalska, Responsible Sourcing' },
    ...overrides,
  };
}

const TIER_ORDER: RiskTier[] = ['low', 'medium', 'high', 'critical'];
const COUNTRIES = ['VN', 'TR', 'PL', 'CN', 'BD', 'EG', 'TH', 'MY', 'IN', 'CI'];
const SECTORS = ['garments', 'electronics', 'agriculture', 'fishing', 'mining', 'manufacturing'];
const NAMES = Object.values(SUPPLIER_NAMES);

function emptyTierCounts(): TierCounts {
  return { low: 0, medium: 0, high: 0, critical: 0 };
}

/** A deterministic portfolio of `size` suppliers spread over countries, sectors and tiers. */
export function makePortfolioReportData(
  size = 120,
  overrides: Partial<PortfolioReportData> = {},
): PortfolioReportData {
  const suppliers = Array.from({ length: size }, (_, index) => {
    const score = (index * 37) % 101;
    const tier = TIER_ORDER[Math.min(3, Math.floor(score / 25))];
    return {
      name: `${NAMES[index % NAMES.length]} ${index + 1}`,
      externalRef: `S-${String(index + 1).padStart(5, '0')}`,
      country: COUNTRIES[index % COUNTRIES.length],
      sector: SECTORS[(index * 7) % SECTORS.length],
      score,
      tier,
      flagged: index % 9 === 0,
    };
  });
  const tierCounts = emptyTierCounts();
  suppliers.forEach((supplier) => tierCounts[supplier.tier]++);
  const group = (key: 'country' | 'sector') => {
    const map = new Map<string, { counts: TierCounts; total: number; max: number }>();
    for (const supplier of suppliers) {
      const entry = map.get(supplier[key]) ?? { counts: emptyTierCounts(), total: 0, max: 0 };
      entry.counts[supplier.tier]++;
      entry.total += supplier.score;
      entry.max = Math.max(entry.max, supplier.score);
      map.set(supplier[key], entry);
    }
    return [...map.entries()]
      .map(([groupKey, entry]) => {
        const count = TIER_ORDER.reduce((sum, tier) => sum + entry.counts[tier], 0);
        return {
          key: groupKey,
          count,
          tierCounts: entry.counts,
          averageScore: entry.total / count,
          maxScore: entry.max,
        };
      })
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  };
  const cells = new Map<string, { count: number; total: number; hc: number }>();
  for (const supplier of suppliers) {
    const key = `${supplier.country}|${supplier.sector}`;
    const cell = cells.get(key) ?? { count: 0, total: 0, hc: 0 };
    cell.count++;
    cell.total += supplier.score;
    cell.hc += supplier.tier === 'high' || supplier.tier === 'critical' ? 1 : 0;
    cells.set(key, cell);
  }
  const priorityList: PrioritySupplier[] = suppliers
    .map((supplier, index) => {
      const result = {
        tier: supplier.tier,
        score: supplier.score,
        redFlags: supplier.flagged ? [supplier] : [],
      };
      const annualSpend = 100_000 + index * 12_500;
      return {
        rank: 0,
        externalRef: supplier.externalRef,
        name: supplier.name,
        country: supplier.country,
        sector: supplier.sector,
        score: supplier.score,
        tier: supplier.tier,
        annualSpend,
        currency: 'USD',
        redFlagCount: supplier.flagged ? 1 : 0,
        mainDrivers: [
          { title: 'Sector: garments and textiles', points: 15 },
          { title: 'Country: US TIP tier', points: 12 },
          { title: 'Recruitment fees paid by workers', points: 10 },
        ],
        priority: priorityScore(result, annualSpend),
        reason: priorityReason(result),
      };
    })
    .sort(comparePriority)
    .slice(0, 50)
    .map((entry, index) => ({ ...entry, rank: index + 1 }));
  const redFlagged: RedFlaggedSupplier[] = suppliers
    .filter((supplier) => supplier.flagged)
    .map((supplier) => ({
      externalRef: supplier.externalRef,
      name: supplier.name,
      country: supplier.country,
      sector: supplier.sector,
      score: supplier.score,
      tier: supplier.tier === 'low' || supplier.tier === 'medium' ? 'high' : supplier.tier,
      redFlags: [
        {
          title: 'ILO indicator reported: retention of identity documents',
          evidence: 'Identity documents retained: yes (audit finding 2024-05)',
          minimumTier: 'critical',
        },
      ],
    }));
  const share = (fraction: number): number => Math.round(size * fraction);
  const screening: PortfolioScreening = {
    editions: SCREENING_EDITIONS,
    lastRun: {
      reason: 'import',
      status: 'completed',
      startedAt: '2025-01-10T08:12:05.000Z',
      finishedAt: '2025-01-10T08:12:09.000Z',
    },
    open: { hits: share(0.02), potential: share(0.08), suppliers: share(0.08) },
    confirmed: { hits: share(0.01), suppliers: share(0.01) },
    dismissed: share(0.03),
  };
  const dataConfidence: DataConfidence = {
    withRange: size,
    withoutRange: 0,
    byLevel: { high: share(0.5), medium: share(0.3), low: size - share(0.5) - share(0.3) },
    couldReach: { low: 0, medium: share(0.05), high: share(0.1), critical: share(0.15) },
    distinctQuestions: size > 0 ? 14 : 0,
    mostOpenQuestions:
      size > 0
        ? [
            {
              indicatorId: 'ilo-debt-bondage',
              title: 'ILO indicator: debt bondage',
              suppliers: share(0.6),
              couldRaiseRedFlag: share(0.6),
            },
            {
              indicatorId: 'supply-chain-undisclosed-subcontracting',
              title: 'Undisclosed subcontracting',
              suppliers: share(0.45),
              couldRaiseRedFlag: 0,
            },
            {
              indicatorId: 'goods-dol-list',
              title: 'Goods on the US DOL list',
              suppliers: share(0.2),
              couldRaiseRedFlag: share(0.05),
            },
          ]
        : [],
  };
  return {
    reportId: 'RPT-2025-PF-0007',
    generatedAt: '2025-01-20T14:05:00.000Z',
    generatedBy: 'anna.kowalska@example.com',
    filters: [
      { label: 'Sector', value: 'all' },
      { label: 'Tier', value: 'all' },
    ],
    ruleSet: makeRuleSetInfo(),
    totals: {
      suppliers: size,
      assessed: size,
      redFlagged: redFlagged.length,
      averageScore: suppliers.reduce((sum, supplier) => sum + supplier.score, 0) / Math.max(1, size),
    },
    tierCounts,
    bySector: group('sector'),
    byCountry: group('country'),
    countriesByRisk: countriesByRisk(group('country')),
    heatTable: {
      countries: group('country').map((entry) => entry.key),
      sectors: group('sector').map((entry) => entry.key),
      cells: [...cells.entries()].map(([key, cell]) => {
        const [country, sector] = key.split('|');
        return {
          country,
          sector,
          count: cell.count,
          averageScore: cell.total / cell.count,
          highOrCritical: cell.hc,
        };
      }),
    },
    priorityList,
    redFlagged,
    screening,
    dataQuality: {
      averageCompleteness: 0.71,
      completenessBands: [
        { label: 'below 50%', count: Math.round(size * 0.1) },
        { label: '50-79%', count: Math.round(size * 0.5) },
        { label: '80% or more', count: size - Math.round(size * 0.1) - Math.round(size * 0.5) },
      ],
      mostMissingFields: [
        { field: 'recruitmentFeesPaidByWorkers', missing: Math.round(size * 0.6) },
        { field: 'migrantWorkerPct', missing: Math.round(size * 0.4) },
        { field: 'lastAuditDate', missing: Math.round(size * 0.25) },
      ],
      missingFieldCount: 3,
      imports: [
        {
          fileName: 'suppliers-2025-q1 (final) — Łódź & Sài Gòn.xlsx',
          sha256: '9b74c9897bac770ffc029102a200c5de0d7f0a4a0d0b5f0e0c1e2b3a4d5e6f70',
          uploadedBy: 'anna.kowalska@example.com',
          uploadedAt: '2025-01-10T08:12:00.000Z',
          rowsRead: size + 3,
          rowsImported: size,
          rowsDuplicate: 0,
          rowsRejected: 3,
          rowsBlank: 0,
        },
      ],
    },
    dataConfidence,
    methodology: METHODOLOGY,
    ...overrides,
  };
}

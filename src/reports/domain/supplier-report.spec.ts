import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { countryByAlpha2 } from '../../common/countries/country-resolver.js';
import { compileRuleSet } from '../../rules/domain/compile-rule-set.js';
import { loadRuleSetFiles } from '../../rules/domain/load-rule-files.js';
import { parseRuleSet } from '../../rules/domain/parse-rule-set.js';
import { priorityReason } from '../../scoring/domain/priority.js';
import { LIST_TITLES } from '../../scoring/domain/screening-findings.js';
import { scoreSupplier } from '../../scoring/domain/scoring-engine.js';
import { formatTimestamp } from './pdf/report-canvas.js';
import { ReportError } from './report-error.js';
import { countryName } from './format.js';
import type { AssessmentHistoryEntry } from './report-models.js';
import { methodology, ruleSetInfo } from './rule-set-info.js';
import {
  collapseHistory,
  historyRunText,
  QUESTIONS_SHOWN,
  questionsToAsk,
  RED_FLAG_EXPLANATION,
  renderSupplierReport,
  screeningVerdict,
} from './supplier-report.js';
import {
  makeAssessment,
  makeContribution,
  makeOpenQuestion,
  makeRangedAssessment,
  makeScreeningHit,
  makeSupplier,
  makeSupplierReportData,
  makeSupplierScreening,
  makeUncertainty,
  RULE_SET_HASH,
  SCREENING_EDITIONS,
  SUPPLIER_NAMES,
} from './testing/report-factories.js';
import { extractPdf, searchableText, squash } from './testing/pdf-text.js';

describe(renderSupplierReport.name, () => {
  it.each(Object.entries(SUPPLIER_NAMES))(
    'prints the %s supplier name so a reader can find it',
    async (_, name) => {
      const sut = await renderSupplierReport(makeSupplierReportData({ supplier: makeSupplier({ name }) }));

      const text = searchableText(await extractPdf(sut));
      expect(text).toContain(squash(name));
    },
  );

  it('draws Latin, Chinese and Arabic names as extractable glyphs, not only as ActualText', async () => {
    const names = [
      SUPPLIER_NAMES.vietnamese,
      SUPPLIER_NAMES.turkish,
      SUPPLIER_NAMES.polish,
      SUPPLIER_NAMES.chinese,
    ];
    for (const name of names) {
      const pdf = await extractPdf(
        await renderSupplierReport(makeSupplierReportData({ supplier: makeSupplier({ name }) })),
      );
      expect(squash(pdf.glyphPages.join(' '))).toContain(squash(name));
    }
    const arabic = await extractPdf(
      await renderSupplierReport(
        makeSupplierReportData({ supplier: makeSupplier({ name: SUPPLIER_NAMES.arabic }) }),
      ),
    );
    expect(squash(arabic.glyphPages.join(' '))).toContain(squash(SUPPLIER_NAMES.arabic));
  });

  it('states the score, tier, rule-set hash and every contribution with its points and evidence', async () => {
    const data = makeSupplierReportData();

    const pdf = await extractPdf(await renderSupplierReport(data));

    const text = searchableText(pdf);
    expect(text).toContain(squash('60 / 100'));
    expect(text).toContain('HIGH');
    expect(text).toContain(RULE_SET_HASH);
    for (const contribution of data.assessment.contributions) {
      expect(text).toContain(squash(contribution.evidence));
      expect(text).toContain(squash(contribution.title));
    }
    expect(text).toContain(squash('+12Country VN: US TIP Tier 2 Watch List'));
    expect(text).toContain(squash('-5amfori BSCI audit'));
  });

  it('lists red flags, missing data follow-ups, recommended actions and the sign-off block', async () => {
    const data = makeSupplierReportData();

    const text = searchableText(await extractPdf(await renderSupplierReport(data)));

    for (const flag of data.assessment.redFlags) {
      expect(text).toContain(squash(flag.evidence));
    }
    for (const missing of data.assessment.missingData) {
      expect(text).toContain(squash(missing.followUp));
    }
    for (const action of data.assessment.recommendedActions) {
      expect(text).toContain(squash(action));
    }
    expect(text).toContain(squash('PREPARED BY'));
    expect(text).toContain(squash('REVIEWED BY'));
    expect(text).toContain(squash('Anna Kowalska, Responsible Sourcing'));
  });

  it('prints every profile field including the extra attributes as uploaded', async () => {
    const data = makeSupplierReportData({
      supplier: makeSupplier({
        extra: { 'Buyer contact': 'Nguyễn Thị Hoa', 'Audit firm': '=HYPERLINK("x")' },
      }),
    });

    const pdf = await extractPdf(await renderSupplierReport(data));

    // pdf.js reads glyphs only: decomposed letters (ị = i + dot below) and ligatures (fi) must map back exactly.
    const text = squash(pdf.glyphPages.join(' '));
    expect(text).toContain(squash('Buyer contact'));
    expect(text).toContain(squash('Nguyễn Thị Hoa'));
    expect(text).toContain(squash('=HYPERLINK("x")'));
    expect(text).toContain(squash('12 Đường Nguyễn Văn Linh, Quận 7'));
    expect(text).toContain(squash('Restriction of movement'));
    expect(text).toContain(squash('Not provided'));
    expect(text).toContain(squash('Certifications WRAP'));
  });

  it('explains when red flags raised the tier above what the points give', async () => {
    const data = makeSupplierReportData({
      assessment: makeAssessment({ score: 30, tier: 'critical', pointsTier: 'medium' }),
    });

    const text = searchableText(await extractPdf(await renderSupplierReport(data)));

    expect(text).toContain(squash('The points alone give Medium; red flags raise the tier to Critical.'));
  });

  it('carries the report id and the rule-set hash in the PDF metadata', async () => {
    const pdf = await extractPdf(await renderSupplierReport(makeSupplierReportData()));

    expect(pdf.info.Title).toContain(SUPPLIER_NAMES.vietnamese);
    expect(pdf.info.Subject).toContain('RPT-2025-000123');
    expect(pdf.info.Subject).toContain(RULE_SET_HASH);
    expect(pdf.info.Keywords).toBe(`vigil-report-id:RPT-2025-000123 rule-set-hash:${RULE_SET_HASH}`);
    expect(pdf.info.Custom).toEqual(
      expect.objectContaining({ VigilReportId: 'RPT-2025-000123', VigilRuleSetHash: RULE_SET_HASH }),
    );
  });

  it('gives the same bytes for the same data and different bytes when the data changes', async () => {
    const first = await renderSupplierReport(makeSupplierReportData());
    const second = await renderSupplierReport(makeSupplierReportData());
    const later = await renderSupplierReport(
      makeSupplierReportData({ generatedAt: '2025-01-15T09:31:00.000Z' }),
    );

    expect(second.equals(first)).toBe(true);
    expect(later.equals(first)).toBe(false);
  });

  it('puts "page x of y" on every page and leaves no page without content', async () => {
    const longName =
      `${SUPPLIER_NAMES.turkish} ${'Örme ve Dokuma Fabrikası Anonim Şirketi '.repeat(8)}`.slice(0, 300);
    const data = makeSupplierReportData({ supplier: makeSupplier({ name: longName }) });

    const pdf = await extractPdf(await renderSupplierReport(data));

    expect(pdf.pageCount).toBeLessThanOrEqual(8);
    pdf.pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pdf.pageCount}`);
      const furniture = [
        'VIGIL',
        '·',
        'Supplier due-diligence report',
        'Report RPT-2025-000123',
        `Page ${index + 1} of ${pdf.pageCount}`,
        'generated 2025-01-15 09:30 UTC by anna.kowalska@example.com',
      ];
      const body = furniture.reduce((text, part) => text.split(part).join(''), page);
      expect(squash(body).length).toBeGreaterThan(40);
    });
    expect(searchableText(pdf)).toContain(squash(longName));
  });

  it('breaks a long contributions table across pages and repeats its header on each', async () => {
    const contributions = Array.from({ length: 90 }, (_, index) =>
      makeContribution({
        indicatorId: `indicator-${index}`,
        title: `Indicator number ${index}`,
        points: 1,
        evidence: `Evidence sentence ${index}: ${'the supplier file and the reference row agree. '.repeat(3)}`,
      }),
    );
    const data = makeSupplierReportData({
      assessment: makeAssessment({ contributions, score: 90, tier: 'critical' }),
    });

    const pdf = await extractPdf(await renderSupplierReport(data));

    const pagesWithRows = pdf.pages.filter((page) => page.includes('Evidence sentence'));
    expect(pagesWithRows.length).toBeGreaterThan(2);
    for (const page of pagesWithRows) {
      expect(squash(page)).toContain(squash('Indicator Category Points Evidence'));
    }
    const text = searchableText(pdf);
    for (const contribution of contributions) {
      expect(text).toContain(squash(contribution.evidence));
    }
  });

  it('refuses data without a report id, naming the field', async () => {
    const attempt = renderSupplierReport(makeSupplierReportData({ reportId: ' ' }));

    await expect(attempt).rejects.toBeInstanceOf(ReportError);
    await expect(attempt).rejects.toMatchObject({
      code: 'REPORT_DATA_INVALID',
      message: expect.stringContaining('reportId'),
    });
  });

  it('refuses a score outside 0-100', async () => {
    const attempt = renderSupplierReport(
      makeSupplierReportData({ assessment: makeAssessment({ score: 140 }) }),
    );

    await expect(attempt).rejects.toMatchObject({ code: 'REPORT_DATA_INVALID' });
  });

  describe('what the unknowns leave open', () => {
    it('shows the range, data confidence, "could reach" and the work-list priority beside the score', async () => {
      const assessment = makeRangedAssessment();
      const { range, confidence, confidenceLevel, couldReach } = assessment.uncertainty!;

      const text = searchableText(
        await extractPdf(await renderSupplierReport(makeSupplierReportData({ assessment }))),
      );

      expect(text).toContain(squash(`SCORE FROM KNOWN FACTS ${assessment.score} / 100`));
      // Tier and level are capitalised in print.
      expect(text.toLowerCase()).toContain(
        squash(
          `RANGE ONCE THE OPEN QUESTIONS ARE ANSWERED ${range.low}-${range.high} could reach ${couldReach}` +
            ` DATA CONFIDENCE ${confidenceLevel}, ${Math.round(confidence * 100)}%`,
        ).toLowerCase(),
      );
      expect(text).toContain(squash(`Work-list priority: ${priorityReason(assessment)}.`));
      expect(text).toContain(squash('The score counts known facts only: unknowns add no points.'));
      expect(text).not.toContain(squash('charged as a risk'));
    });

    it("gives the expected score from the rule set's priors with their source, only where there are priors", async () => {
      const base = makeUncertainty();
      const [first, ...rest] = base.openQuestions;
      const withPrior = makeRangedAssessment({
        uncertainty: {
          ...base,
          expected: { score: 41.5, questions: 1 },
          openQuestions: [{ ...first, expected: 3, priorSource: 'Audit programme 2024 (AUD-7)' }, ...rest],
        },
      });
      const text = searchableText(
        await extractPdf(await renderSupplierReport(makeSupplierReportData({ assessment: withPrior }))),
      );
      expect(text).toContain(
        squash(
          "Expected score from the rule set's priors for 1 of them: 41.5 (not counted in the score or tier; source: Audit programme 2024 (AUD-7)).",
        ),
      );
      const plain = searchableText(
        await extractPdf(
          await renderSupplierReport(makeSupplierReportData({ assessment: makeRangedAssessment() })),
        ),
      );
      expect(plain).not.toContain(squash('Expected score'));
    });

    it('leaves out "could reach" when the range stays within the assessed tier', async () => {
      const assessment = makeRangedAssessment({
        uncertainty: makeUncertainty({ range: { low: 56, high: 70 }, couldReach: undefined }),
      });

      const text = searchableText(
        await extractPdf(await renderSupplierReport(makeSupplierReportData({ assessment }))),
      );

      expect(text).toContain(squash('ANSWERED 56-70 DATA CONFIDENCE'));
      expect(text).not.toContain(squash('could reach'));
    });

    it('gathers the red-flag questions in one block, then tables the others in their order with answers and points', async () => {
      const questions = [
        makeOpenQuestion({
          indicatorId: 'ilo.debt-bondage',
          title: 'Debt bondage',
          fields: ['debtBondage'],
          followUp: 'Ask the supplier (and workers, in an audit) whether debt bondage occurs.',
          worst: 0,
          openPoints: 0,
          couldRaiseRedFlag: true,
        }),
        makeOpenQuestion({
          indicatorId: 'ilo.wages-withheld',
          title: 'Withholding of wages',
          fields: ['wagesWithheld'],
          followUp: 'Ask the supplier (and workers, in an audit) whether withholding of wages occurs.',
          worst: 0,
          openPoints: 0,
          couldRaiseRedFlag: true,
        }),
        makeOpenQuestion({
          indicatorId: 'workforce.migrant-share',
          title: 'Share of migrant workers',
          fields: ['migrantWorkerPct'],
          followUp: 'Ask for the share of migrant workers on the payroll.',
          best: 2,
          worst: 9.5,
          openPoints: 7.5,
          settlesTier: true,
        }),
        makeOpenQuestion({
          indicatorId: 'mitigation.audit',
          title: 'Recent social audit',
          fields: ['lastAuditDate'],
          followUp: 'Ask for the date and scheme of the last social audit.',
          best: -5,
          worst: 0,
          openPoints: 5,
          settlesTier: false,
        }),
      ];
      const assessment = makeRangedAssessment({
        uncertainty: makeUncertainty({ openQuestions: questions }),
      });

      const text = searchableText(
        await extractPdf(await renderSupplierReport(makeSupplierReportData({ assessment }))),
      );

      const parts = [
        'Questions to ask next',
        `Could raise a red flag (2) Debt bondage and Withholding of wages. ${RED_FLAG_EXPLANATION}`,
        'Other open questions (2)',
        '1 Share of migrant workers Settles the tier Ask for the share of migrant workers on the payroll. Fields: ' +
          'Migrant workers +2 to +9.5 7.5',
        '2 Recent social audit Ask for the date and scheme of the last social audit. Fields: Last social audit ' +
          '-5 to 0 5',
      ].map(squash);
      const positions = parts.map((part) => text.indexOf(part));
      expect(positions.every((position) => position >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      // Follow-ups that only name their question are what the explanation says: not one row or line each.
      expect(text).not.toContain(squash('whether debt bondage occurs'));
      expect(text).not.toContain(squash('0 to 0'));
      expect(text).not.toContain(squash('questions shown'));
    });

    it('gives a red-flag follow-up that says more once, with the questions it is for', async () => {
      const ilo = (title: string) =>
        makeOpenQuestion({
          indicatorId: `ilo.${title}`,
          title,
          followUp: `Ask the supplier (and workers, in an audit) whether ${title.toLowerCase()} occurs.`,
          worst: 0,
          openPoints: 0,
          couldRaiseRedFlag: true,
        });
      const ageRecords = 'Ask the supplier for its minimum-age policy and age-verification records.';
      const questions = [
        ilo('Debt bondage'),
        ilo('Isolation'),
        ilo('Deception'),
        makeOpenQuestion({
          indicatorId: 'child-labour.reported',
          title: 'Child labour reported',
          followUp: ageRecords,
          worst: 0,
          openPoints: 0,
          couldRaiseRedFlag: true,
        }),
        makeOpenQuestion({
          indicatorId: 'child-labour.hazardous',
          title: 'Hazardous work by children',
          followUp: ageRecords,
          worst: 0,
          openPoints: 0,
          couldRaiseRedFlag: true,
        }),
      ];
      const assessment = makeRangedAssessment({
        uncertainty: makeUncertainty({ openQuestions: questions }),
      });

      const text = searchableText(
        await extractPdf(await renderSupplierReport(makeSupplierReportData({ assessment }))),
      );

      expect(text).toContain(
        squash(
          'Could raise a red flag (5) Debt bondage, Isolation, Deception, Child labour reported and Hazardous ' +
            `work by children. ${RED_FLAG_EXPLANATION} • Child labour reported and Hazardous work by children: ` +
            ageRecords,
        ),
      );
      expect(text.split(squash(ageRecords))).toHaveLength(2);
      expect(text).not.toContain(squash('Other open questions'));
      expect(text).toContain(squash('No other question is open'));
    });

    it(`shows the ${QUESTIONS_SHOWN} most valuable questions and says how many are left to the xlsx export`, async () => {
      const flagged = Array.from({ length: 12 }, (_, index) =>
        makeOpenQuestion({
          indicatorId: `flag-${index}`,
          title: `Possible red flag ${index}`,
          worst: 0,
          openPoints: 0,
          couldRaiseRedFlag: true,
        }),
      );
      const questions = Array.from({ length: 14 }, (_, index) =>
        makeOpenQuestion({
          indicatorId: `indicator-${index}`,
          title: `Open indicator ${String.fromCharCode(65 + index)}`,
          followUp: `Follow-up ${String.fromCharCode(65 + index)}.`,
        }),
      );
      const assessment = makeRangedAssessment({
        uncertainty: makeUncertainty({ openQuestions: [...flagged, ...questions] }),
      });

      const text = searchableText(
        await extractPdf(await renderSupplierReport(makeSupplierReportData({ assessment }))),
      );

      expect(text).toContain(
        squash(
          `${QUESTIONS_SHOWN} of ${questions.length} questions shown; the xlsx export lists what to ask for all of them.`,
        ),
      );
      questions.forEach((question, index) => {
        expect(text.includes(squash(question.title))).toBe(index < QUESTIONS_SHOWN);
      });
      expect(text).toContain(squash('Could raise a red flag (12)'));
      expect(text).toContain(
        squash(`The range is the score once the ${flagged.length + questions.length} open`),
      );
    });

    it('says no question is open when known facts decide every indicator', async () => {
      const assessment = makeRangedAssessment({
        uncertainty: makeUncertainty({
          range: { low: 56, high: 56 },
          confidence: 1,
          confidenceLevel: 'high',
          couldReach: undefined,
          openQuestions: [],
        }),
      });

      const text = searchableText(
        await extractPdf(await renderSupplierReport(makeSupplierReportData({ assessment }))),
      );

      expect(text).toContain(squash('ANSWERED 56 DATA CONFIDENCE High, 100%'));
      expect(text).toContain(squash('No question is open: every indicator the rules weigh is decided'));
    });

    it('shows a name-only supplier (shipped rules) each red-flag question once and the point-moving ones in the table', async () => {
      const rules = compileRuleSet(
        parseRuleSet(await loadRuleSetFiles(fileURLToPath(new URL('../../../rules/', import.meta.url)))),
      );
      const assessment = scoreSupplier(
        { name: 'Syarikat Perabot Johor Sdn Bhd', country: 'MY' },
        rules,
        '2025-06-30',
      );
      const plan = questionsToAsk(assessment.uncertainty!.openQuestions);
      expect(plan.redFlagTitles.length).toBeGreaterThan(5);

      const text = searchableText(
        await extractPdf(await renderSupplierReport(makeSupplierReportData({ assessment }))),
      );

      const block = squash(`Could raise a red flag (${plan.redFlagTitles.length})`);
      expect(text.split(block)).toHaveLength(2);
      expect(text).toContain(squash(`${plan.redFlagTitles.join(', ').replace(/, ([^,]*)$/, ' and $1')}.`));
      const rows = plan.table.slice(0, QUESTIONS_SHOWN);
      expect(rows.length).toBeGreaterThan(0);
      rows.forEach((row, index) => {
        expect(row.couldRaiseRedFlag && row.best === row.worst).toBe(false);
        expect(text).toContain(squash(`${index + 1} ${row.title}`));
      });
      expect(text).not.toContain(squash('0 to 0'));
    });

    it('renders an assessment made before ranges as before: no range, no confidence, no questions section', async () => {
      const data = makeSupplierReportData();
      expect(data.assessment.uncertainty).toBeUndefined();

      const text = searchableText(await extractPdf(await renderSupplierReport(data)));

      expect(text).toContain(squash('SCORE 60 / 100'));
      for (const absent of ['RANGE ONCE', 'DATA CONFIDENCE', 'Questions to ask next', 'Work-list priority']) {
        expect(text).not.toContain(squash(absent));
      }
      expect(text).toContain(squash('Unknown is not low risk: each value below was charged as a risk.'));
    });
  });
});

describe('the screening section of the supplier report', () => {
  /** The squashed text of the screening section, up to the section after it. */
  async function screeningSection(data = makeSupplierReportData()): Promise<string> {
    const text = searchableText(await extractPdf(await renderSupplierReport(data)));
    const start = text.indexOf(squash('Screening against enforcement lists'));
    expect(start).toBeGreaterThanOrEqual(0);
    const end = text.indexOf(squash('Missing data: follow-up list'), start);
    return text.slice(start, end < 0 ? undefined : end);
  }

  const confirmed = makeScreeningHit({
    status: 'confirmed',
    reason: 'Same company: address and registration number match the listing',
    decidedBy: 'li.wei@example.com',
    decidedAt: '2025-01-14T10:42:00.000Z',
  });
  // An order on an area: Xinjiang cotton, asked of a cotton T-shirt maker in Bangladesh.
  const potential = makeScreeningHit({
    list: 'cbp-wro',
    kind: 'area',
    strength: 'potential',
    score: null,
    party: { role: null, name: 'Dhaka, BD; Cotton T-shirts' },
    entryName: 'Xinjiang Uyghur Autonomous Region: Cotton and cotton products',
    listedName: 'Xinjiang Uyghur Autonomous Region: cotton',
    listedNameIsAlias: undefined,
    section: 'WRO',
    effectiveDate: '2021-01-13',
    editionAsOf: '2026-06-23',
    question: "Does this supplier's cotton come from the Xinjiang Uyghur Autonomous Region (China)?",
    reasons: [
      'The order covers cotton from the Xinjiang Uyghur Autonomous Region (China) and products made with it, wherever they are made',
    ],
  });

  it('lists each edition screened against with its as-of date, source, rows, short sha256 and coverage as stated', async () => {
    const section = await screeningSection();

    for (const edition of SCREENING_EDITIONS) {
      expect(section).toContain(
        squash(
          `${LIST_TITLES[edition.list]} Edition as of ${edition.asOf} ${edition.rowCount} rows · sha256 ` +
            `${edition.sha256.slice(0, 12)} ${edition.source} ${edition.coverage}`,
        ),
      );
    }
    expect(section).toContain(
      squash(
        'Latest screening of this supplier: a screening of the whole portfolio on request, started ' +
          '2025-01-14 18:00 UTC, completed 2025-01-14 18:02 UTC.',
      ),
    );
    expect(section).toContain(squash('Clear: screened against the editions below, and nothing was raised.'));
    expect(section).not.toContain(squash('Hits in force'));
  });

  it("says when an edition's coverage was not stated or a newer edition is in force", async () => {
    const [uflpa] = SCREENING_EDITIONS;
    const data = makeSupplierReportData({
      screening: makeSupplierScreening({ editions: [{ ...uflpa, coverage: null, inForce: false }] }),
    });

    const section = await screeningSection(data);

    expect(section).toContain(squash(`Edition as of ${uflpa.asOf} (a newer edition is in force)`));
    expect(section).toContain(squash('Not stated when the edition was loaded.'));
  });

  it("puts the supplier's name and the listed name side by side, with the citation, the decision, its reason, who and when", async () => {
    const data = makeSupplierReportData({
      screening: makeSupplierScreening({
        status: { status: 'confirmed', confirmed: 1, open: 0 },
        hits: [confirmed],
      }),
    });

    const section = await screeningSection(data);

    expect(section).toContain(
      squash('Confirmed: 1 hit confirmed by a compliance officer, each a critical red flag.'),
    );
    expect(section).toContain(
      squash(
        "Hits in force (1) Supplier's side Listed Match Decision " +
          'Supplier name Hotan Taida Apparel Hetian Taida Apparel Co., Ltd ' +
          'UFLPA Entity List, edition as of 2026-08-03 ' +
          'Sections 2(d)(2)(B)(i); 2(d)(2)(B)(v), effective 2022-06-21 Hit, score 0.91',
      ),
    );
    expect(section).toContain(
      squash(
        'Confirmed: a critical red flag ' +
          'Reason: Same company: address and registration number match the listing ' +
          `Decided by li.wei@example.com on ${formatTimestamp('2025-01-14T10:42:00.000Z')}`,
      ),
    );
    for (const reason of confirmed.reasons) {
      expect(section).toContain(squash(reason));
    }
  });

  it('shows an open hit as awaiting review with the question to ask, and counts it in the work-list priority', async () => {
    const assessment = makeRangedAssessment();
    const status = { status: 'open' as const, confirmed: 0, open: 2 };
    const data = makeSupplierReportData({
      assessment,
      screening: makeSupplierScreening({
        status,
        hits: [
          potential,
          { ...potential, listedName: 'Turkmenistan: cotton', entryName: 'Turkmenistan: Cotton' },
        ],
      }),
    });

    const pdf = await extractPdf(await renderSupplierReport(data));

    const text = searchableText(pdf);
    const reason = priorityReason({ ...assessment, openScreeningHits: 2 });
    expect(reason).toContain('2 enforcement-list hits awaiting review (ask first)');
    expect(text).toContain(squash(`Work-list priority: ${reason}.`));
    const section = await screeningSection(data);
    expect(section).toContain(squash('Awaiting review: 2 hits await a decision.'));
    expect(section).toContain(
      squash(
        'Place and products Dhaka, BD; Cotton T-shirts Xinjiang Uyghur Autonomous Region: cotton ' +
          'Entry "Xinjiang Uyghur Autonomous Region: Cotton and cotton products" ' +
          'CBP withhold release orders and findings, edition as of 2026-06-23 WRO, effective 2021-01-13 ' +
          'Potential hit on place and products ' +
          "Does this supplier's cotton come from the Xinjiang Uyghur Autonomous Region (China)?",
      ),
    );
    expect(section.split(squash('Awaiting review Not decided yet'))).toHaveLength(3);
  });

  it('keeps dismissed and withdrawn hits below the hits in force, as history with their decisions', async () => {
    const dismissed = makeScreeningHit({
      status: 'dismissed',
      current: false,
      party: { role: 'parent', name: 'Hotan Taida Holdings' },
      reason: 'Different company: the holding is registered in Hong Kong, not the listed entity',
      decidedBy: 'li.wei@example.com',
      decidedAt: '2024-11-02T08:05:00.000Z',
    });
    const withdrawn = makeScreeningHit({
      status: 'withdrawn',
      current: false,
      listedName: 'Hetian TEDA Garment',
      listedNameIsAlias: true,
    });
    const data = makeSupplierReportData({
      screening: makeSupplierScreening({
        status: { status: 'open', confirmed: 0, open: 1 },
        hits: [makeScreeningHit(), dismissed, withdrawn],
      }),
    });

    const section = await screeningSection(data);

    const inForce = section.indexOf(squash('Hits in force (1)'));
    const earlier = section.indexOf(squash('Earlier hits (2)'));
    expect(inForce).toBeGreaterThanOrEqual(0);
    expect(earlier).toBeGreaterThan(inForce);
    const history = section.slice(earlier);
    expect(history).toContain(
      squash(
        'Dismissed Reason: Different company: the holding is registered in Hong Kong, not the listed entity ' +
          `Decided by li.wei@example.com on ${formatTimestamp('2024-11-02T08:05:00.000Z')}`,
      ),
    );
    expect(history).toContain(squash('Parent company Hotan Taida Holdings'));
    expect(history).toContain(squash('Hetian TEDA Garment Alias of "Hetian Taida Apparel Co., Ltd"'));
    expect(history).toContain(squash('Withdrawn No longer raised before anyone decided it.'));
    expect(history).not.toContain(squash('Awaiting review'));
  });

  it('lists the confirmations in force first, then the hits awaiting review, then the dismissals', async () => {
    const open = makeScreeningHit({ party: { role: 'subcontractor', name: 'Hetian Taida Sewing' } });
    const dismissedInForce = makeScreeningHit({
      party: { role: 'parent', name: 'Taida Holdings (Hong Kong)' },
      status: 'dismissed',
      reason: 'Different company: a Hong Kong trading house',
      decidedBy: 'li.wei@example.com',
      decidedAt: '2025-01-13T16:20:00.000Z',
    });
    const data = makeSupplierReportData({
      screening: makeSupplierScreening({
        status: { status: 'confirmed', confirmed: 1, open: 1 },
        hits: [open, dismissedInForce, confirmed],
      }),
    });

    const section = await screeningSection(data);

    const at = (name: string) => section.indexOf(squash(name));
    expect(at('Hits in force (3)')).toBeGreaterThanOrEqual(0);
    expect(at('Supplier name Hotan Taida Apparel')).toBeGreaterThan(at('Hits in force (3)'));
    expect(at('Subcontractor Hetian Taida Sewing')).toBeGreaterThan(at('Supplier name Hotan Taida Apparel'));
    expect(at('Parent company Taida Holdings (Hong Kong)')).toBeGreaterThan(
      at('Subcontractor Hetian Taida Sewing'),
    );
  });

  it('says when no screening has covered the supplier yet', async () => {
    const data = makeSupplierReportData({
      screening: makeSupplierScreening({ run: null, editions: [] }),
    });

    const section = await screeningSection(data);

    expect(section).toContain(
      squash('Not screened yet: no screening against the enforcement lists has covered this supplier.'),
    );
    expect(section).toContain(squash('None yet: every supplier is screened in the background'));
    expect(section).not.toContain(squash('List and edition'));
  });
});

describe(screeningVerdict.name, () => {
  it('says a supplier whose every hit in force was dismissed is clear, pointing to the reasons', () => {
    const sut = screeningVerdict(
      makeSupplierScreening({
        hits: [makeScreeningHit({ status: 'dismissed', reason: 'Different company' })],
      }),
    );

    expect(sut).toBe(
      'Clear: every hit in force was dismissed by a compliance officer, with the reasons below.',
    );
  });

  it('names the hits awaiting review beside the confirmed ones', () => {
    const sut = screeningVerdict(
      makeSupplierScreening({ status: { status: 'confirmed', confirmed: 2, open: 1 } }),
    );

    expect(sut).toBe(
      'Confirmed: 2 hits confirmed by a compliance officer, each a critical red flag; 1 more hit awaiting review.',
    );
  });

  it('tells earlier hits apart from nothing raised', () => {
    const history = [makeScreeningHit({ status: 'withdrawn', current: false })];

    expect(screeningVerdict(makeSupplierScreening({ hits: history }))).toBe(
      'Clear: screened against the editions below, no hit in force; earlier hits are kept below as history.',
    );
    expect(screeningVerdict(makeSupplierScreening({ run: null, hits: history }))).toBe(
      'Clear: no hit in force, but no screening has covered the supplier since it last changed.',
    );
  });
});

describe(questionsToAsk.name, () => {
  const flag = (title: string, followUp: string) =>
    makeOpenQuestion({
      indicatorId: title,
      title,
      followUp,
      worst: 0,
      openPoints: 0,
      couldRaiseRedFlag: true,
    });

  it('keeps the other questions in the order given, and a red-flag question whose answers differ in points', () => {
    const goods = makeOpenQuestion({
      title: 'Goods',
      best: 0,
      worst: 6,
      openPoints: 4,
      couldRaiseRedFlag: true,
    });
    const audit = makeOpenQuestion({ title: 'Audit', best: -5, worst: 0, openPoints: 5 });
    const housing = makeOpenQuestion({ title: 'Housing', openPoints: 3 });

    const sut = questionsToAsk([flag('Debt bondage', 'Ask.'), goods, audit, housing]);

    expect(sut.redFlagTitles).toEqual(['Debt bondage', 'Goods']);
    expect(sut.table).toEqual([goods, audit, housing]);
  });

  it('gives an identical follow-up once, for all the questions it is for', () => {
    const sut = questionsToAsk([flag('A', 'Check payslips.'), flag('B', 'Check payslips.')]);

    expect(sut.redFlagFollowUps).toEqual([{ titles: ['A', 'B'], text: 'Check payslips.' }]);
  });

  it('leaves out follow-ups that differ only by naming their question, keeps one that says more', () => {
    const sut = questionsToAsk([
      flag('ILO indicator: Debt bondage', 'Ask whether debt bondage occurs.'),
      flag('Isolation', 'Ask whether  isolation occurs.'),
      flag('Child labour reported', 'Ask for age-verification records.'),
    ]);

    expect(sut.redFlagFollowUps).toEqual([
      { titles: ['Child labour reported'], text: 'Ask for age-verification records.' },
    ]);
  });

  it('names one indicator once when it is open through two fields', () => {
    const sut = questionsToAsk([flag('Debt bondage', 'Ask.'), flag('Debt bondage', 'Ask again.')]);

    expect(sut.redFlagTitles).toEqual(['Debt bondage']);
  });
});

describe('layout of the supplier report', () => {
  it('prints the reference editions once, in the methodology appendix, and says so on the cover', async () => {
    const data = makeSupplierReportData();

    const pdf = await extractPdf(await renderSupplierReport(data));

    const text = searchableText(pdf);
    for (const edition of data.ruleSet.referenceEditions) {
      expect(text.split(squash(`${edition.table} ${edition.publisher} ${edition.edition}`))).toHaveLength(2);
    }
    expect(text.split(squash('Reference table Publisher Edition'))).toHaveLength(2);
    const appendix = pdf.pages.findIndex((page) => page.includes('Appendix: methodology'));
    expect(appendix).toBeGreaterThan(0);
    expect(searchableText({ ...pdf, pages: pdf.pages.slice(appendix) })).toContain(
      squash('Reference data and sources Reference table Publisher Edition'),
    );
    expect(squash(pdf.pages[0])).toContain(
      squash(
        'Reference data 3 reference tables; their editions are listed in the methodology appendix ' +
          '("Reference data and sources").',
      ),
    );
  });

  it('shows unchanged re-assessments as one line of the history, with their causes', async () => {
    const hash = RULE_SET_HASH;
    const history: AssessmentHistoryEntry[] = [
      {
        assessedAt: '2025-11-20T08:00:00.000Z',
        score: 48,
        tier: 'medium',
        ruleSetHash: 'a'.repeat(64),
        cause: 'upload of first.xlsx',
      },
      {
        assessedAt: '2026-01-02T08:00:00.000Z',
        score: 70,
        tier: 'high',
        ruleSetHash: hash,
        cause: 'upload of a.xlsx',
      },
      {
        assessedAt: '2026-02-10T08:00:00.000Z',
        score: 70,
        tier: 'high',
        ruleSetHash: hash,
        cause: 'upload of b.csv',
      },
      {
        assessedAt: '2026-03-04T08:00:00.000Z',
        score: 70,
        tier: 'high',
        ruleSetHash: hash,
        cause: 'screening decision',
      },
    ];
    const data = makeSupplierReportData({
      assessment: makeAssessment({ score: 70, tier: 'high', assessmentDate: '2026-03-04' }),
      history,
    });

    const text = searchableText(await extractPdf(await renderSupplierReport(data)));

    const section = text.slice(text.indexOf(squash('Assessed Score Tier What made it Rule-set hash')));
    expect(section).toContain(squash('2025-11-20 48 MEDIUM Upload of first.xlsx'));
    expect(section).toContain(
      squash(
        '2026-01-02 to 2026-03-04 70 HIGH Unchanged across 3 assessments: upload of a.xlsx, upload of b.csv, ' +
          'screening decision',
      ),
    );
    expect(section.split('70HIGH')).toHaveLength(2);
  });

  it('wraps a long file name, reference and ids inside their cells: nothing passes the right margin', async () => {
    const fileName =
      'brand-a_factory_disclosure_list_2026_Q1_final_version_with_all_tier_one_and_tier_two_sites_including_subcontractors.xlsx';
    const externalRef = `EXT-${'0123456789'.repeat(5)}`;
    const data = makeSupplierReportData({
      reportId: 'f'.repeat(64),
      supplier: makeSupplier({ externalRef }),
      listings: [
        { list: 'Brand A', externalRef, fileName, uploadedAt: '2026-01-02T08:00:00.000Z', current: true },
      ],
    });

    const pdf = await extractPdf(await renderSupplierReport(data));

    expect(fileName).toHaveLength(120);
    const text = searchableText(pdf);
    expect(text).toContain(fileName);
    expect(text).toContain(externalRef);
    const right = 595.28 - 50;
    for (const page of pdf.placedItems) {
      for (const item of page) {
        expect(item.x + item.width).toBeLessThanOrEqual(right + 0.5);
      }
    }
  });

  describe('country names', () => {
    const REFERENCE = new URL('../../../rules/reference/', import.meta.url);
    const codes = ['MM', 'VN', 'KP', 'RU', 'SY', 'CI', 'TR'];

    /** Every other name the reference tables, the alias table and ISO give the country. */
    function otherNames(alpha2: string): string[] {
      const names = new Set<string>([countryByAlpha2(alpha2)!.officialName]);
      for (const file of readdirSync(REFERENCE).filter((name) => name.endsWith('.csv'))) {
        const rows = parse<Record<string, string>>(readFileSync(new URL(file, REFERENCE)), { columns: true });
        for (const row of rows) {
          const name = row.country ?? row.alias ?? row.name;
          if (row.alpha2 === alpha2 && name && !file.startsWith('country-names-localised')) {
            names.add(name);
          }
        }
      }
      names.delete(countryName(alpha2));
      return [...names];
    }

    const definitionFiles = loadRuleSetFiles(fileURLToPath(new URL('../../../rules/', import.meta.url)));
    const products: Record<string, string[]> = {
      MM: ['garments', 'bamboo'],
      VN: ['garments', 'cashews'],
      KP: ['bricks', 'coal'],
      RU: ['bricks', 'timber'],
      SY: ['garments'],
      CI: ['cocoa beans', 'coffee'],
      TR: ['cotton', 'hazelnuts'],
    };

    it.each(codes)(
      'a supplier in %s: Vigil names the country one way, other names only in quotes',
      async (alpha2) => {
        const definition = parseRuleSet(await definitionFiles);
        const rules = compileRuleSet(definition);
        const supplier = makeSupplier({
          country: alpha2,
          region: undefined,
          city: undefined,
          address: undefined,
          products: products[alpha2],
        });
        const assessment = scoreSupplier(supplier, rules, '2026-03-04');
        const data = makeSupplierReportData({
          supplier,
          assessment,
          history: [],
          ruleSet: ruleSetInfo(assessment.ruleSetHash, definition),
          methodology: methodology(definition),
        });

        const pdf = await extractPdf(await renderSupplierReport(data));

        const text = pdf.pages.join(' ');
        const display = countryName(alpha2);
        expect(text).toContain(`${display} (${alpha2})`);
        const outsideQuotes = text.replace(/"[^"]*"|“[^”]*”/g, '""');
        const others = otherNames(alpha2);
        expect(others.length).toBeGreaterThan(0);
        for (const other of others) {
          expect({ name: other, found: squash(outsideQuotes).includes(squash(other)) }).toEqual({
            name: other,
            found: false,
          });
        }
      },
    );
  });
});

describe(collapseHistory.name, () => {
  const entry = (day: number, overrides: Partial<AssessmentHistoryEntry> = {}): AssessmentHistoryEntry => ({
    assessedAt: `2026-01-${String(day).padStart(2, '0')}`,
    score: 70,
    tier: 'high',
    ruleSetHash: RULE_SET_HASH,
    cause: `upload of day-${day}.csv`,
    ...overrides,
  });

  it('folds consecutive assessments with the same score, tier and rule set into one, listing their causes', () => {
    const sut = collapseHistory([
      entry(1, { score: 48, tier: 'medium' }),
      entry(2, { cause: 'upload of a.xlsx' }),
      entry(3, { cause: 'upload of b.csv' }),
      entry(4, { cause: 're-score after rules changed' }),
    ]);

    expect(sut).toEqual([
      expect.objectContaining({ from: '2026-01-01', to: '2026-01-01', score: 48, count: 1 }),
      {
        from: '2026-01-02',
        to: '2026-01-04',
        score: 70,
        tier: 'high',
        ruleSetHash: RULE_SET_HASH,
        count: 3,
        causes: ['upload of a.xlsx', 'upload of b.csv', 're-score after rules changed'],
      },
    ]);
    expect(historyRunText(sut[1])).toBe(
      'Unchanged across 3 assessments: upload of a.xlsx, upload of b.csv, re-score after rules changed',
    );
    expect(historyRunText(sut[0])).toBe('Upload of day-1.csv');
  });

  it('keeps apart assessments whose rule set changed, even with the same score and tier', () => {
    const sut = collapseHistory([entry(1), entry(2, { ruleSetHash: 'b'.repeat(64) })]);

    expect(sut.map((run) => run.count)).toEqual([1, 1]);
  });

  it('folds only neighbours: a score that comes back after a change is a line of its own', () => {
    const sut = collapseHistory([entry(1), entry(2, { score: 72 }), entry(3)]);

    expect(sut.map((run) => run.score)).toEqual([70, 72, 70]);
  });

  it('gives a cause repeated back to back once, with how many times', () => {
    const sut = collapseHistory([
      entry(1, { cause: 'upload of a.xlsx' }),
      entry(2, { cause: 'upload of a.xlsx' }),
      entry(3, { cause: 'upload of a.xlsx' }),
      entry(4, { cause: 'sites merged' }),
      entry(5, { cause: undefined }),
    ]);

    expect(sut).toHaveLength(1);
    expect(historyRunText(sut[0])).toBe(
      'Unchanged across 5 assessments: upload of a.xlsx (3 times), sites merged',
    );
  });
});

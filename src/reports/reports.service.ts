import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { AssessmentsRepository, type AssessmentSummary } from '../assessments/assessments.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { currentRequest } from '../common/http/request-context.js';
import type { RuleSetDefinition } from '../rules/domain/rule-set-definition.js';
import { RulesService } from '../rules/rules.service.js';
import { JOB_QUEUE, type JobQueue } from '../jobs/job-queue.js';
import { screeningStatus, type ScreeningFindings } from '../scoring/domain/screening-findings.js';
import type {
  ListEditionView,
  ScreeningHitView,
  ScreeningRunView,
} from '../screening/dto/screening.views.js';
import { ScreeningService } from '../screening/screening.service.js';
import type { SupplierFilterQuery } from '../suppliers/dto/list-suppliers.query.js';
import { SuppliersRepository } from '../suppliers/suppliers.repository.js';
import { PortfolioAggregator } from './domain/portfolio-aggregator.js';
import { renderPortfolioReport } from './domain/portfolio-report.js';
import type {
  ReportFilter,
  ReportScreeningHit,
  ScreeningEdition,
  ScreeningRunInfo,
  SupplierScreening,
} from './domain/report-models.js';
import { methodology, ruleSetInfo } from './domain/rule-set-info.js';
import { renderSupplierReport } from './domain/supplier-report.js';
import { type ExportRow, writeSupplierExport } from './domain/supplier-export.js';
import type { ReportEntity } from './report.entity.js';
import { toReportView, type ReportView, type VerifyResult } from './dto/report.views.js';
import { NotAssessedError, ReportNotReadyError } from './reports.errors.js';
import { ReportsRepository, type SupplierInWorkList } from './reports.repository.js';

async function* exportRows(source: AsyncIterable<SupplierInWorkList>): AsyncGenerator<ExportRow> {
  for await (const s of source) {
    yield {
      supplierId: s.id,
      supplier: s.profile,
      assessment: s.assessment,
      screening: s.screening,
      ...(s.inferred ? { inferred: s.inferred } : {}),
    };
  }
}

function toScreeningEdition(edition: ListEditionView): ScreeningEdition {
  return {
    list: edition.kind,
    asOf: edition.asOf,
    source: edition.source,
    coverage: edition.coverage,
    rowCount: edition.rowCount,
    sha256: edition.sha256,
    inForce: edition.inForce,
  };
}

function toScreeningRun(run: ScreeningRunView): ScreeningRunInfo {
  return { reason: run.reason, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt };
}

function toReportHit(hit: ScreeningHitView): ReportScreeningHit {
  return {
    list: hit.list,
    kind: hit.kind,
    strength: hit.strength,
    score: hit.score,
    party: hit.party,
    entryName: hit.entryName,
    listedName: hit.listedName,
    ...(hit.details.listedNameIsAlias !== undefined
      ? { listedNameIsAlias: hit.details.listedNameIsAlias }
      : {}),
    section: hit.details.section,
    effectiveDate: hit.details.effectiveDate,
    editionAsOf: hit.edition.asOf,
    ...(hit.details.question ? { question: hit.details.question } : {}),
    reasons: hit.details.reasons,
    status: hit.status,
    current: hit.current,
    reason: hit.reason,
    decidedBy: hit.decidedBy,
    decidedAt: hit.decidedAt,
  };
}

/** What made an assessment, in the words of the supplier report's history. */
function assessmentCause(assessment: AssessmentSummary): string {
  switch (assessment.trigger) {
    case 'import':
      return assessment.fileName ? `upload of ${assessment.fileName}` : 'upload of a source list';
    case 'rescore':
      return 're-score after rules changed';
    case 'merge':
      return 'sites merged';
    case 'screening':
      return 'screening decision';
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function describeFilters(filter: SupplierFilterQuery): ReportFilter[] {
  const filters: ReportFilter[] = [];
  const add = (label: string, value: string[] | string | boolean | undefined): void => {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) {
      filters.push({ label, value: Array.isArray(value) ? value.join(', ') : String(value) });
    }
  };
  add('Tier', filter.tier);
  add('Sector', filter.sector);
  add('Country', filter.country);
  add('Red flag', filter.redFlag === undefined ? undefined : filter.redFlag ? 'yes' : 'no');
  add('Text', filter.q);
  return filters;
}

interface PortfolioJobData {
  reportId: string;
}

const WAIT_POLL_MS = 200;
const WAIT_LIMIT_MS = 15 * 60 * 1000;

@Injectable()
export class ReportsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    private readonly reports: ReportsRepository,
    private readonly suppliers: SuppliersRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly rules: RulesService,
    private readonly screening: ScreeningService,
    private readonly audit: AuditService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work<PortfolioJobData>('portfolio-report', (data) => this.runPortfolioJob(data));
  }

  async idle(): Promise<void> {
    await this.queue.idle();
  }

  /** Generates, archives and returns a supplier's due-diligence report. */
  async supplierReport(supplierId: string): Promise<{ report: ReportView; content: Buffer }> {
    const supplier = await this.suppliers.findById(supplierId);
    if (!supplier) {
      throw new NotFoundError('Supplier', supplierId);
    }
    const [history, assessment, listings, screening] = await Promise.all([
      this.assessments.history(supplierId),
      this.assessments.current(supplierId),
      this.suppliers.listingsOf(supplierId),
      this.supplierScreening(supplierId, supplier.screening),
    ]);
    const [current] = history;
    if (!current || !assessment) {
      throw new NotAssessedError(supplierId);
    }
    const definition = (await this.reports.ruleSetContent(current.ruleSetHash)) as RuleSetDefinition;
    const id = randomUUID();
    const generatedAt = new Date().toISOString();
    const generatedBy = this.who();
    const content = await renderSupplierReport({
      reportId: id,
      generatedAt,
      generatedBy,
      supplierId,
      supplier: supplier.profile,
      ...(supplier.sources.inferred ? { inferred: supplier.sources.inferred } : {}),
      listings: listings.map((l) => ({
        list: l.listName,
        externalRef: l.externalRef,
        fileName: l.fileName,
        uploadedAt: l.uploadedAt ? new Date(l.uploadedAt).toISOString() : null,
        current: l.inLatestUpload,
      })),
      assessment,
      screening,
      history: history.map((a) => ({
        assessedAt: a.assessedAt.toISOString(),
        score: a.score,
        tier: a.tier,
        ruleSetHash: a.ruleSetHash,
        cause: assessmentCause(a),
      })),
      ruleSet: ruleSetInfo(current.ruleSetHash, definition),
      methodology: methodology(definition),
      signOff: { preparedBy: generatedBy },
    });
    const digest = sha256(content);
    const report = await this.reports.create({
      id,
      kind: 'supplier',
      status: 'completed',
      supplierId,
      title: `Due-diligence report: ${supplier.name}`,
      filters: {},
      sha256: digest,
      ruleSetHash: current.ruleSetHash,
      generatedBy,
      generatedAt: new Date(generatedAt),
      sizeBytes: content.length,
      content,
    });
    await this.audit.record({
      action: 'report.generated',
      targetType: 'report',
      targetId: id,
      summary: { kind: 'supplier', supplierId, sha256: digest },
    });
    return { report: toReportView(report), content };
  }

  /** The supplier's hits and the latest screening of it; its status from its findings, as the supplier list has it. */
  private async supplierScreening(
    supplierId: string,
    findings: ScreeningFindings | null,
  ): Promise<SupplierScreening> {
    const [hits, last] = await Promise.all([
      this.screening.hitsOf(supplierId),
      this.screening.lastScreeningOf(supplierId),
    ]);
    return {
      status: screeningStatus(findings),
      run: last ? toScreeningRun(last.run) : null,
      editions: (last?.editions ?? []).map(toScreeningEdition),
      hits: hits.map(toReportHit),
    };
  }

  /** Starts a portfolio report in the background; poll its status, then download it from the archive. */
  async startPortfolioReport(filter: SupplierFilterQuery): Promise<ReportView> {
    const rules = this.rules.active();
    const report = await this.reports.dataSource.transaction(async (manager) => {
      const created = await this.reports.create(
        {
          kind: 'portfolio',
          status: 'processing',
          title: 'Portfolio due-diligence report',
          filters: { ...filter },
          ruleSetHash: rules.hash,
          generatedBy: this.who(),
          progress: { phase: 'collecting suppliers', completed: 0, total: 1 },
        },
        manager,
      );
      await this.audit.record(
        {
          action: 'report.requested',
          targetType: 'report',
          targetId: created.id,
          summary: { kind: 'portfolio', filters: { ...filter } },
        },
        manager,
      );
      // The report row is the job's state; the job is queued with it, in the same transaction.
      await this.queue.send<PortfolioJobData>('portfolio-report', { reportId: created.id }, manager);
      return created;
    });
    return toReportView(report);
  }

  /** Generates a portfolio report and answers with it once done (for small portfolios and scripts). */
  async portfolioReport(filter: SupplierFilterQuery): Promise<{ report: ReportView; content: Buffer }> {
    const started = await this.startPortfolioReport(filter);
    // Whichever instance claims the job, the row says when it is done.
    const deadline = Date.now() + WAIT_LIMIT_MS;
    while ((await this.status(started.id)).status === 'processing' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
    return this.download(started.id);
  }

  /** A background portfolio report, wherever it runs; a re-run after a crash regenerates and completes it once. */
  private async runPortfolioJob(data: PortfolioJobData): Promise<void> {
    const report = await this.reports.findById(data.reportId);
    if (!report || report.status !== 'processing') {
      return;
    }
    this.logger.log({ message: 'Portfolio report job claimed', reportId: report.id });
    try {
      await this.renderPortfolio(report, report.filters);
    } catch (error) {
      this.logger.error(
        { message: 'Portfolio report failed', reportId: report.id },
        error instanceof Error ? error.stack : undefined,
      );
      await this.reports.fail(report.id, 'The report could not be generated; try again or contact support.');
    }
  }

  private async renderPortfolio(report: ReportEntity, filter: SupplierFilterQuery): Promise<void> {
    const definition = (await this.reports.ruleSetContent(report.ruleSetHash)) as RuleSetDefinition;
    const aggregator = new PortfolioAggregator();
    for await (const supplier of this.reports.inScope(filter, { hitCounts: true })) {
      aggregator.add({
        supplierId: supplier.id,
        supplier: supplier.profile,
        assessment: supplier.assessment,
        screening: supplier.screening,
        ...(supplier.hitCounts ? { screeningHits: supplier.hitCounts } : {}),
      });
    }
    const screening = await this.screening.summary();
    // Every completed upload, newest first: the report says how many it prints of them.
    const imports = await this.reports.importProvenance();
    const data = aggregator.build({
      reportId: report.id,
      generatedAt: report.generatedAt.toISOString(),
      generatedBy: report.generatedBy,
      filters: describeFilters(filter),
      ruleSet: ruleSetInfo(report.ruleSetHash, definition),
      imports,
      screening: {
        editions: screening.editions.map(toScreeningEdition),
        lastRun: screening.lastRun ? toScreeningRun(screening.lastRun) : null,
      },
      methodology: methodology(definition),
    });
    const content = await renderPortfolioReport(data, (progress) => {
      void this.reports.progress(report.id, progress);
    });
    const digest = sha256(content);
    // The report and its audit event land together: a crash in between must not leave one without the other.
    await this.reports.dataSource.transaction(async (manager) => {
      if (await this.reports.complete(report.id, content, digest, manager)) {
        await this.audit.record(
          {
            action: 'report.generated',
            targetType: 'report',
            targetId: report.id,
            summary: { kind: 'portfolio', sha256: digest },
            actor: { id: null, label: report.generatedBy, role: null },
          },
          manager,
        );
      }
    });
  }

  async status(id: string): Promise<ReportView> {
    const report = await this.reports.findById(id);
    if (!report) {
      throw new NotFoundError('Report', id);
    }
    return toReportView(report);
  }

  /** The archived bytes, exactly as generated. */
  async download(id: string): Promise<{ report: ReportView; content: Buffer }> {
    const report = await this.status(id);
    const content = report.status === 'completed' ? await this.reports.content(id) : null;
    if (!content) {
      throw new ReportNotReadyError(id, report.status);
    }
    await this.audit.record({ action: 'report.downloaded', targetType: 'report', targetId: id });
    return { report, content };
  }

  async list(): Promise<{ items: ReportView[] }> {
    return { items: (await this.reports.recent(200)).map(toReportView) };
  }

  /** Says whether an uploaded PDF is, byte for byte, a report from the archive, and which one. */
  async verify(bytes: Buffer): Promise<VerifyResult> {
    const digest = sha256(bytes);
    const report = await this.reports.findBySha256(digest);
    await this.audit.record({
      action: 'report.verified',
      targetType: 'report',
      targetId: report?.id,
      summary: { sha256: digest, match: !!report },
    });
    return report
      ? {
          match: true,
          sha256: digest,
          report: toReportView(report),
          message: `This file is exactly report ${report.id}, generated ${report.generatedAt.toISOString()} by ${report.generatedBy}.`,
        }
      : {
          match: false,
          sha256: digest,
          report: null,
          message:
            'No archived report has exactly these bytes: the file was changed or was not produced by this Vigil.',
        };
  }

  /**
   * Streams the supplier export: the suppliers in scope in work-list order (as GET /suppliers?sort=priority), then
   * every completed upload. Cells are neutralised against formula injection by the writer.
   */
  async export(filter: SupplierFilterQuery, out: Writable): Promise<void> {
    const rules = this.rules.active();
    await this.audit.record({
      action: 'export.downloaded',
      targetType: 'export',
      summary: { filters: { ...filter } },
    });
    const uploads = await this.reports.importProvenance();
    await writeSupplierExport(
      exportRows(this.reports.inPriorityOrder(filter)),
      out,
      {
        generatedAt: new Date().toISOString(),
        generatedBy: this.who(),
        ruleSetName: rules.compiled.name,
        ruleSetVersion: rules.compiled.version,
        ruleSetHash: rules.hash,
        filters: describeFilters(filter),
      },
      uploads,
    );
  }

  private who(): string {
    return currentRequest()?.principal?.label ?? 'system';
  }
}

import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, download, upload } from '../api/client.js';
import type { ReportView, VerifyResult } from '../api/types.js';
import {
  EmptyState,
  ErrorNotice,
  HashValue,
  Loading,
  NotAllowed,
  Notice,
  Section,
} from '../components/ui.js';
import { useResource, usePageTitle } from '../hooks.js';
import { formatBytes, formatCount, formatDateTime, humanize } from '../lib/format.js';
import { pollDelay } from '../lib/imports.js';
import { describeReportFilters, reportScope, REPORT_SCOPES, type ReportScope } from '../lib/reports.js';
import { notAllowedReason } from '../lib/roles.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

export function ReportsView() {
  const heading = usePageTitle('Reports');
  const { me, can } = useSession();
  const archive = useResource<{ items: ReportView[] }>('/reports', { optional: true });
  return (
    <>
      <div class="page-head">
        <h1 ref={heading.ref} tabIndex={-1}>
          Reports
        </h1>
      </div>
      <div class="grid-2">
        <PortfolioReport onGenerated={archive.reload} available={!archive.unavailable} />
        <Section title="Supplier reports and exports" id="supplier-reports">
          <p>
            Each supplier has a due-diligence report that explains its score point by point: open a supplier
            in the <Link href="/app/suppliers">supplier list</Link> and choose “Download PDF report”.
          </p>
          <p>
            <a class="button" href="/suppliers/export.xlsx" download>
              Export all suppliers (xlsx)
            </a>
          </p>
          {can.verifyReports ? (
            <VerifyReport />
          ) : (
            <NotAllowed>{notAllowedReason('verifyReports', me?.role)}</NotAllowed>
          )}
        </Section>
      </div>
      <Section title="Archive" id="archive">
        {archive.loading && !archive.data && <Loading what="the archive" />}
        {archive.unavailable && <Notice>The report archive is not available on this server yet.</Notice>}
        {archive.error && <ErrorNotice error={archive.error} title="The archive could not be loaded." />}
        {archive.data && archive.data.items.length === 0 && (
          <EmptyState title="No reports generated yet">
            <p>
              Every report you generate is kept here, byte for byte, so it can be downloaded and verified
              again.
            </p>
          </EmptyState>
        )}
        {archive.data && archive.data.items.length > 0 && <ArchiveTable items={archive.data.items} />}
      </Section>
    </>
  );
}

/** Starts a portfolio report in the background, follows it, then downloads it. */
function PortfolioReport({ onGenerated, available }: { onGenerated: () => void; available: boolean }) {
  const { me, can } = useSession();
  const [scope, setScope] = useState<ReportScope>('all');
  const [job, setJob] = useState<ReportView>();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    if (!job || job.status !== 'processing') {
      return;
    }
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const poll = async () => {
      try {
        const next = await api<ReportView>(job.links.status);
        if (stopped) {
          return;
        }
        if (next.status === 'processing') {
          setJob(next);
          timer = setTimeout(() => void poll(), pollDelay(attempt++));
          return;
        }
        setJob(next);
        onGenerated();
        if (next.status === 'completed') {
          await download(next.links.download, `vigil-portfolio-${next.id}.pdf`);
        }
      } catch (caught) {
        if (!stopped) {
          setError(caught instanceof ApiError ? caught : new ApiError(String(caught), 0));
        }
      }
    };
    timer = setTimeout(() => void poll(), pollDelay(attempt++));
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // Follow one job at a time: a new id restarts the polling.
  }, [job?.id, job?.status === 'processing']);

  const start = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      const query = reportScope(scope);
      setJob(await api<ReportView>(`/reports/portfolio${query ? `?${query}` : ''}`, { method: 'POST' }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(String(caught), 0));
    }
  };

  const running = job?.status === 'processing';
  return (
    <Section title="Portfolio report" id="portfolio">
      <p>
        The portfolio for auditors and management: tiers, sectors and countries, red flags, missing data, and
        the rule set and sources behind every score.
      </p>
      <form class="report-form" onSubmit={(event) => void start(event)}>
        <label>
          Suppliers
          <select value={scope} onChange={(e) => setScope(e.currentTarget.value as ReportScope)}>
            {REPORT_SCOPES.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          class="button primary"
          disabled={running || !available || !can.generatePortfolio}
        >
          {running ? 'Generating…' : 'Generate portfolio report (PDF)'}
        </button>
      </form>
      {!available && <p class="hint">Portfolio reports are not available on this server yet.</p>}
      {available && !can.generatePortfolio && (
        <NotAllowed>
          {notAllowedReason('generatePortfolio', me?.role)} The archive below has every report generated so
          far.
        </NotAllowed>
      )}
      {running && job && (
        <div class="progress-block" role="status" aria-live="polite">
          {job.progress && job.progress.total > 0 ? (
            <progress max={job.progress.total} value={job.progress.completed} aria-label="Report progress" />
          ) : (
            <progress aria-label="Report progress" />
          )}
          <span>
            {job.progress
              ? `${humanize(job.progress.phase)}: ${formatCount(job.progress.completed)} of ${formatCount(job.progress.total)}`
              : 'Starting…'}
          </span>
        </div>
      )}
      {job?.status === 'completed' && (
        <Notice tone="success">
          <span role="status">The report is ready: </span>
          <a href={job.links.download}>download it again</a> (
          {job.sizeBytes ? formatBytes(job.sizeBytes) : 'PDF'}).
        </Notice>
      )}
      {job?.status === 'failed' && (
        <ErrorNotice error={job.failure ?? 'The report could not be generated.'} />
      )}
      {error && <ErrorNotice error={error} />}
    </Section>
  );
}

/** An auditor checks that a PDF they were given is exactly a report Vigil generated. */
function VerifyReport() {
  const [result, setResult] = useState<VerifyResult>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const verify = async (file: File | undefined) => {
    if (!file) {
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult((await upload<VerifyResult>('/reports/verify', form, () => undefined)).body);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(String(caught), 0));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="verify">
      <h3>Verify a report</h3>
      <label>
        A PDF to check against the archive
        <input
          type="file"
          accept="application/pdf,.pdf"
          disabled={busy}
          onChange={(e) => void verify(e.currentTarget.files?.[0])}
        />
      </label>
      {busy && <Loading what="the check" />}
      {result && (
        <Notice tone={result.match ? 'success' : 'warning'}>
          <span role="status">{result.message}</span>
          {result.report && (
            <>
              {' '}
              ({result.report.title}, {formatDateTime(result.report.generatedAt)})
            </>
          )}
        </Notice>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}

function ArchiveTable({ items }: { items: ReportView[] }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Report</th>
            <th scope="col">Kind</th>
            <th scope="col">Generated</th>
            <th scope="col">By</th>
            <th scope="col">Rule set</th>
            <th
              scope="col"
              title="The PDF's sha256, as the archive keeps it: a copy that hashes the same is this report"
            >
              File sha256
            </th>
            <th scope="col" class="num">
              Size
            </th>
            <th scope="col">Download</th>
          </tr>
        </thead>
        <tbody>
          {items.map((report) => (
            <tr key={report.id}>
              <td>
                {report.supplierId ? (
                  <Link href={`/app/suppliers/${report.supplierId}`}>{report.title}</Link>
                ) : (
                  report.title
                )}
                {report.kind === 'portfolio' && (
                  <span class="ref">{describeReportFilters(report.filters) || 'all suppliers'}</span>
                )}
              </td>
              <td>{humanize(report.kind)}</td>
              <td class="nowrap">{formatDateTime(report.generatedAt)}</td>
              <td>{report.generatedBy}</td>
              <td>
                <HashValue value={report.ruleSetHash} label="rule-set hash" />
              </td>
              <td>
                {report.sha256 ? (
                  <HashValue value={report.sha256} label="report's sha256" />
                ) : (
                  <span class="muted">–</span>
                )}
              </td>
              <td class="num">{report.sizeBytes !== null ? formatBytes(report.sizeBytes) : ''}</td>
              <td>
                {report.status === 'completed' ? (
                  <a href={report.links.download} download>
                    PDF
                  </a>
                ) : report.status === 'failed' ? (
                  <span class="muted" title={report.failure ?? undefined}>
                    failed
                  </span>
                ) : (
                  <span class="muted">generating…</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

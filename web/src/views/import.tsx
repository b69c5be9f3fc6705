import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, apiIfAvailable, upload } from '../api/client.js';
import type { ImportBatch, RejectedRowsPage, SourceList, SourceLists } from '../api/types.js';
import { ErrorNotice, Loading, NotAllowed, Notice, Section, Stat } from '../components/ui.js';
import { useResource, usePageTitle } from '../hooks.js';
import {
  fieldLabel,
  formatBytes,
  formatCount,
  formatDateTime,
  formatRelative,
  humanize,
  shortHash,
} from '../lib/format.js';
import {
  importOutcome,
  importProgress,
  isFinished,
  mappingRows,
  pollDelay,
  rejectedRowLines,
  rejectedRowsNote,
  rowProblems,
  rowsNotImported,
  sourceListOption,
  sourceListStatus,
} from '../lib/imports.js';
import { notAllowedReason } from '../lib/roles.js';
import { Link, useRouter } from '../router.js';
import { useSession } from '../session.js';

export function ImportView({ batchId }: { batchId?: string }) {
  const heading = usePageTitle(batchId ? 'Import result' : 'Import');
  const { me, can } = useSession();
  if (!can.viewImports) {
    return (
      <>
        <div class="page-head">
          <h1 ref={heading.ref} tabIndex={-1}>
            Import
          </h1>
        </div>
        <NotAllowed>
          {notAllowedReason('viewImports', me?.role)} The suppliers they bring in are in the{' '}
          <Link href="/app/suppliers">supplier list</Link>.
        </NotAllowed>
      </>
    );
  }
  return (
    <>
      <div class="page-head">
        <h1 ref={heading.ref} tabIndex={-1}>
          {batchId ? 'Import result' : 'Import a supplier list'}
        </h1>
        {batchId && can.uploadImports && (
          <p>
            <Link href="/app/import">Import another file</Link>
          </p>
        )}
      </div>
      {batchId ? <BatchResult id={batchId} /> : <UploadForm />}
      <RecentImports current={batchId} />
    </>
  );
}

function UploadForm() {
  const { navigate } = useRouter();
  const { me, can } = useSession();
  const [file, setFile] = useState<File>();
  const [sheet, setSheet] = useState('');
  const [list, setList] = useState('');
  // Once the officer types a list name, a file picked afterwards no longer replaces it with the proposal.
  const listTyped = useRef(false);
  const [lists, setLists] = useState<SourceList[]>([]);
  const [proposing, setProposing] = useState(false);
  const [sent, setSent] = useState<{ sent: number; total: number }>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) {
      setError(new ApiError('Choose the supplier list to upload first (xlsx or csv).', 400));
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    if (list.trim()) {
      form.append('list', list.trim());
    }
    if (sheet.trim()) {
      form.append('sheet', sheet.trim());
    }
    setBusy(true);
    setError(undefined);
    try {
      const { body } = await upload<ImportBatch>('/imports', form, (loaded, total) =>
        setSent({ sent: loaded, total }),
      );
      navigate(`/app/import/${body.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(String(caught), 0));
      setBusy(false);
    }
  };

  // The known lists, and once a file is picked the list proposed from its name: the next month's export of a
  // list lands in the same list.
  useEffect(() => {
    if (!can.uploadImports) {
      return;
    }
    const controller = new AbortController();
    const query = file ? `?proposeFor=${encodeURIComponent(file.name)}` : '';
    setProposing(file !== undefined);
    apiIfAvailable<SourceLists>(`/imports/source-lists${query}`, { signal: controller.signal })
      .then((answer) => {
        if (controller.signal.aborted) {
          return;
        }
        setLists(answer?.items ?? []);
        if (answer?.proposal && !listTyped.current) {
          setList(answer.proposal.name);
        }
      })
      // Without an answer the field stays as it is; left empty, the service proposes the list itself.
      .catch(() => undefined)
      .finally(() => {
        if (!controller.signal.aborted) {
          setProposing(false);
        }
      });
    return () => controller.abort();
  }, [file, can.uploadImports]);

  return (
    <div class="grid-2 import-grid">
      <Section title="Upload" id="upload">
        {!can.uploadImports && <NotAllowed>{notAllowedReason('uploadImports', me?.role)}</NotAllowed>}
        <form class="upload-form" onSubmit={(event) => void submit(event)}>
          <fieldset disabled={!can.uploadImports}>
            <label>
              <span>
                Supplier list (xlsx or csv){' '}
                <span class="muted">– choose the file, or drop it on the box</span>
              </span>
              <input
                type="file"
                name="file"
                accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                required
                onChange={(e) => setFile(e.currentTarget.files?.[0])}
              />
            </label>
            {file && (
              <p class="muted">
                {file.name} · {formatBytes(file.size)}
              </p>
            )}
            <label>
              <span>
                Source list{' '}
                <span class="muted">– the list this file is an upload of, e.g. your ERP vendor master</span>
              </span>
              <input
                type="text"
                name="list"
                list="source-lists"
                value={list}
                maxLength={120}
                autoComplete="off"
                aria-describedby="source-list-status"
                onInput={(e) => {
                  listTyped.current = true;
                  setList(e.currentTarget.value);
                }}
              />
            </label>
            <datalist id="source-lists">
              {lists
                .filter((known) => !known.legacy)
                .map((known) => (
                  <option key={known.id} value={known.name} label={sourceListOption(known)} />
                ))}
            </datalist>
            <p id="source-list-status" class="source-list-status" aria-live="polite">
              {proposing ? 'Proposing a list from the file name…' : sourceListStatus(list, lists)}
            </p>
            <label>
              <span>
                Sheet name <span class="muted">(optional: only when the workbook has several sheets)</span>
              </span>
              <input
                type="text"
                value={sheet}
                maxLength={100}
                onInput={(e) => setSheet(e.currentTarget.value)}
              />
            </label>
            {error && <ErrorNotice error={error} title="The file was not imported." />}
            {busy && sent && (
              <div class="progress-block" role="status" aria-live="polite">
                <progress max={sent.total} value={sent.sent} aria-label="Upload progress" />
                <span>
                  {sent.sent < sent.total
                    ? `Uploading: ${formatBytes(sent.sent)} of ${formatBytes(sent.total)}`
                    : 'Uploaded; reading the rows…'}
                </span>
              </div>
            )}
            <p class="actions">
              <button type="submit" class="button primary" disabled={busy}>
                {busy ? 'Importing…' : 'Upload and import'}
              </button>
            </p>
          </fieldset>
        </form>
      </Section>
      <Section title="How it works" id="how">
        <ul class="plain-list">
          <li>
            Upload the list as your ERP or procurement team exports it: Vigil finds the header row and maps
            the columns.
          </li>
          <li>
            Columns Vigil does not know are kept on each supplier as extra attributes; nothing is dropped.
          </li>
          <li>
            Every upload belongs to a source list: name the list the file comes from (Vigil proposes one from
            the file name), so next month’s export of it updates the same list.
          </li>
          <li>
            A row whose supplier name or country cannot be read is not imported. Any other impossible value
            (110 % migrant workers) is left empty and the row is imported with a warning. Both are listed with
            their row number and every reason, in a workbook you can fix and upload again.
          </li>
          <li>
            A supplier is a site: a name and an address in a country. Sites already known (by the list’s own
            reference, or by name and address) are updated, not duplicated.
          </li>
        </ul>
        <p>
          <a class="button" href="/imports/template.xlsx" download>
            Download the template (xlsx)
          </a>
        </p>
      </Section>
    </div>
  );
}

/** Shows an import's result; polls while it is still running. */
function BatchResult({ id }: { id: string }) {
  const [batch, setBatch] = useState<ImportBatch>();
  const [error, setError] = useState<ApiError>();
  const attempt = useRef(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const poll = async () => {
      try {
        const next = await api<ImportBatch>(`/imports/${id}`, { signal: controller.signal });
        if (stopped) {
          return;
        }
        setBatch(next);
        setError(undefined);
        if (!isFinished(next.status)) {
          timer = setTimeout(() => void poll(), pollDelay(attempt.current++));
        }
      } catch (caught) {
        if (stopped) {
          return;
        }
        const apiError = caught instanceof ApiError ? caught : new ApiError(String(caught), 0);
        setError(apiError);
        // A network blip should not end the wait; a 404 should.
        if (apiError.status === 0) {
          timer = setTimeout(() => void poll(), pollDelay(attempt.current++));
        }
      }
    };
    void poll();
    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
    };
  }, [id]);

  if (!batch) {
    return error ? (
      <ErrorNotice error={error} title="The import could not be loaded." />
    ) : (
      <Loading what="the import" />
    );
  }
  const progress = importProgress(batch);
  const attention = rowsNotImported(batch.counts) + batch.counts.withWarnings > 0;
  return (
    <>
      {error && <ErrorNotice error={error} />}
      <p class="batch-list">
        Source list:{' '}
        {batch.sourceList ? (
          <strong>{batch.sourceList.name}</strong>
        ) : (
          <span class="muted">none recorded</span>
        )}
      </p>
      {!isFinished(batch.status) && (
        <Section title={`Importing ${batch.fileName}`} id="progress">
          <div class="progress-block" role="status" aria-live="polite">
            {progress.fraction === null ? (
              <progress aria-label="Import progress" />
            ) : (
              <progress max={1} value={progress.fraction} aria-label="Import progress" />
            )}
            <span>{progress.text}</span>
          </div>
          <p class="muted">You can leave this page; the import carries on and its result stays here.</p>
        </Section>
      )}
      {batch.status === 'failed' && (
        <div class="notice notice-error" role="alert">
          <strong>Import failed: nothing was changed. </strong>
          {batch.failure?.message ?? 'The service gave no reason.'}
        </div>
      )}
      {batch.status === 'completed' && (
        <Notice tone={attention ? 'warning' : 'success'}>
          <strong role="status">Import completed: </strong>
          {importOutcome(batch)}.
          {batch.counts.imported + batch.counts.updated > 0 && (
            <>
              {' '}
              <Link href="/app/suppliers">See the suppliers</Link>
            </>
          )}
        </Notice>
      )}
      {isFinished(batch.status) && <BatchDetails batch={batch} />}
    </>
  );
}

function BatchDetails({ batch }: { batch: ImportBatch }) {
  const rows = mappingRows(batch.columns, batch.format);
  const changes = batch.changes;
  const problems = rowProblems(batch.counts);
  return (
    <>
      <dl class="stats stats-7">
        <Stat label="Rows read" value={formatCount(batch.counts.read)} />
        <Stat label="New suppliers" value={formatCount(batch.counts.imported)} />
        <Stat label="Updated" value={formatCount(batch.counts.updated)} />
        <Stat label="Unchanged" value={formatCount(batch.counts.unchanged)} />
        <Stat
          label="With warnings"
          value={formatCount(batch.counts.withWarnings)}
          detail={batch.counts.withWarnings ? 'imported; a cell was left empty' : undefined}
        />
        <Stat
          label="Rejected rows"
          value={formatCount(batch.counts.rejected)}
          detail={batch.counts.rejected ? 'not imported; see the workbook' : undefined}
        />
        <Stat
          label="Duplicate rows"
          value={formatCount(batch.counts.duplicates)}
          detail={batch.counts.duplicates ? 'same site twice in the file' : undefined}
        />
      </dl>

      {problems && (
        <Section
          title={problems.title}
          id="row-errors"
          class={rowsNotImported(batch.counts) > 0 ? 'panel-alert' : 'panel-warn'}
        >
          <p>
            {problems.summary} The workbook holds each of them as uploaded, with its row number and every
            reason: fix them there and upload that file again.
          </p>
          <p>
            <a class="button primary" href={batch.links.errors} download>
              {problems.download}
            </a>
          </p>
          <RowErrors batch={batch} title={problems.title} />
        </Section>
      )}

      <p class="file-line muted">
        {[
          batch.fileName,
          batch.format ? batch.format.toUpperCase() : undefined,
          batch.sheetName ? `sheet “${batch.sheetName}”` : undefined,
          batch.headerRow ? `header row ${batch.headerRow}` : 'no header row found',
          `uploaded ${formatDateTime(batch.createdAt)}`,
          batch.ruleSetHash ? `scored with rule set ${shortHash(batch.ruleSetHash)}` : undefined,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>

      {changes && (changes.updated.length > 0 || changes.noLongerListed.length > 0) && (
        <Section title="What changed" id="changes">
          {changes.updated.length > 0 && (
            <details open={changes.updated.length <= 10}>
              <summary>Updated suppliers ({formatCount(changes.updated.length)})</summary>
              <ul class="plain-list">
                {changes.updated.map((u) => (
                  <li key={u.supplierId}>
                    <Link href={`/app/suppliers/${u.supplierId}`}>{u.name}</Link>:{' '}
                    <span class="muted">{u.fields.map(fieldLabel).join(', ')}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {changes.noLongerListed.length > 0 && (
            <details open={changes.noLongerListed.length <= 10}>
              <summary>
                {`Sites of the list’s previous upload missing from this file (${formatCount(changes.noLongerListed.length)})`}
              </summary>
              <p class="muted">They are kept; check whether you still buy from them.</p>
              <ul class="plain-list">
                {changes.noLongerListed.map((u) => (
                  <li key={u.supplierId}>
                    <Link href={`/app/suppliers/${u.supplierId}`}>{u.name}</Link>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </Section>
      )}

      {rows.length > 0 && (
        <Section title="Column mapping" id="mapping">
          <p class="muted">
            How each column of the file was read. Unknown columns are kept on the supplier as extra
            attributes.
          </p>
          <div class="table-wrap">
            <table class="mapping">
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Header in the file</th>
                  <th scope="col">Read as</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.column} class={row.mapped ? undefined : 'unmapped'}>
                    <td>{row.column}</td>
                    <td>{row.header}</td>
                    <td>{row.target}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}
    </>
  );
}

/** The first rejected rows with every reason, so the reader sees what to fix without opening the workbook. */
function RowErrors({ batch, title }: { batch: ImportBatch; title: string }) {
  const page = useResource<RejectedRowsPage>(`/imports/${batch.id}/errors`, { optional: true });
  if (page.loading && !page.data) {
    return <Loading what="the rows with errors" />;
  }
  if (page.error) {
    return <ErrorNotice error={page.error} title="The rows with errors could not be listed." />;
  }
  if (!page.data || page.data.items.length === 0) {
    return null;
  }
  const rows = rejectedRowLines(page.data.items, batch.columns);
  const note = rejectedRowsNote(page.data.items.length, page.data.total);
  return (
    <>
      {note && <p class="row-errors-note">{note}</p>}
      <div class="table-wrap row-errors-wrap" tabIndex={0} role="region" aria-label={title}>
        <table class="row-errors">
          <caption class="visually-hidden">
            Rows not imported or imported with a cell left empty, with every reason
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                Row
              </th>
              <th scope="col">Outcome</th>
              <th scope="col">Supplier in that row</th>
              <th scope="col">Column</th>
              <th scope="col">Value in the file</th>
              <th scope="col">What was expected</th>
            </tr>
          </thead>
          {rows.map((row) => (
            <tbody key={row.rowNumber}>
              {row.lines.map((line, index) => (
                <tr key={index}>
                  {index === 0 && (
                    <th scope="rowgroup" class="num" rowSpan={row.lines.length}>
                      {row.rowNumber}
                    </th>
                  )}
                  {index === 0 && (
                    <td class="row-outcome" rowSpan={row.lines.length}>
                      <span class={`tag tag-outcome-${row.outcome}`}>{row.outcomeLabel}</span>
                    </td>
                  )}
                  {index === 0 && (
                    <td class="row-supplier" rowSpan={row.lines.length}>
                      {row.supplier || <span class="muted">no ID or name</span>}
                    </td>
                  )}
                  <td>{line.column}</td>
                  <td class="cell-value">{line.value}</td>
                  <td>{line.expected}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </>
  );
}

function RecentImports({ current }: { current?: string }) {
  const list = useResource<{ items: ImportBatch[] }>('/imports', { optional: true });
  const items = (list.data?.items ?? []).filter((batch) => batch.id !== current).slice(0, 10);
  if (list.unavailable || list.error || items.length === 0) {
    return null;
  }
  const now = new Date();
  return (
    <Section title="Recent imports" id="recent">
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Source list</th>
              <th scope="col">When</th>
              <th scope="col">Status</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {items.map((batch) => (
              <tr key={batch.id}>
                <td>
                  <Link href={`/app/import/${batch.id}`}>{batch.fileName}</Link>
                </td>
                <td>{batch.sourceList?.name ?? <span class="muted">none</span>}</td>
                <td title={formatDateTime(batch.createdAt)}>{formatRelative(batch.createdAt, now)}</td>
                <td>{humanize(batch.status)}</td>
                <td>{isFinished(batch.status) ? importOutcome(batch) : importProgress(batch).text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

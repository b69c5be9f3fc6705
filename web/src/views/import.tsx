import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, apiIfAvailable, upload } from '../api/client.js';
import type {
  ImportBatch,
  ImportPreview,
  PreviewColumn,
  RejectedRowsPage,
  SourceList,
  SourceLists,
} from '../api/types.js';
import { ErrorNotice, HashValue, Loading, NotAllowed, Notice, Section, Stat } from '../components/ui.js';
import { useDebounced, useResource, usePageTitle } from '../hooks.js';
import {
  fieldLabel,
  formatBytes,
  formatCount,
  formatDateTime,
  formatRelative,
  humanize,
} from '../lib/format.js';
import {
  blockingProblems,
  columnChoice,
  EXTRA_ATTRIBUTE,
  fieldOptions,
  importOutcome,
  importProgress,
  isChanged,
  isFinished,
  mappedByText,
  mappingFor,
  mappingRows,
  pollDelay,
  possibleDuplicatesText,
  previewWhere,
  rejectedRowLines,
  rejectedRowsNote,
  rowProblems,
  rowsNotImported,
  sampleIssueOutcome,
  samplePairs,
  sampleSummary,
  sourceListOption,
  sourceListStatus,
  type ColumnChoices,
} from '../lib/imports.js';
import { notAllowedReason } from '../lib/roles.js';
import { importScreeningText } from '../lib/screening.js';
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

/** A preview the service answered, with the request it answers (stale answers are dropped by comparing them). */
interface PreviewAnswer {
  file: File;
  list: string;
  sheet: string;
  mapping: string | undefined;
  preview: ImportPreview;
}

interface PreviewState {
  /** How the service reads the file by itself: the baseline the officer's choices are compared with. */
  base: PreviewAnswer | undefined;
  /** The preview with the officer's mapping (the base one while nothing is changed). */
  shown: ImportPreview | undefined;
  reading: boolean;
  error: ApiError | undefined;
  retry: () => void;
}

function askPreview(
  file: File,
  list: string,
  sheet: string,
  mapping: string | undefined,
): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (list) {
    form.append('list', list);
  }
  if (sheet) {
    form.append('sheet', sheet);
  }
  if (mapping) {
    form.append('mapping', mapping);
  }
  return upload<ImportPreview>('/imports?preview=true', form, () => undefined).then(({ body }) => body);
}

function asApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : new ApiError(String(caught), 0);
}

/**
 * Asks the service how it would read the file (nothing is written): once as it reads it by itself, and again
 * with the officer's choices whenever they change. `ready` false holds the last answer while the officer types.
 */
function useImportPreview(
  file: File | undefined,
  list: string,
  sheet: string,
  choices: ColumnChoices,
  ready: boolean,
): PreviewState {
  const [base, setBase] = useState<PreviewAnswer>();
  const [mapped, setMapped] = useState<PreviewAnswer>();
  const [waiting, setWaiting] = useState({ base: false, mapped: false });
  // The failure of the file as such, and of the last mapping tried (gone once the officer undoes the changes).
  const [errors, setErrors] = useState<{ base?: ApiError; mapped?: ApiError }>({});
  const [attempt, setAttempt] = useState(0);
  const latest = useRef({ base: 0, mapped: 0 });

  useEffect(() => {
    const id = ++latest.current.base;
    if (!file) {
      setBase(undefined);
      setMapped(undefined);
      setErrors({});
      setWaiting((now) => ({ ...now, base: false }));
      return;
    }
    if (!ready) {
      return;
    }
    setWaiting((now) => ({ ...now, base: true }));
    askPreview(file, list, sheet, undefined).then(
      (preview) => {
        if (id === latest.current.base) {
          setBase({ file, list, sheet, mapping: undefined, preview });
          setErrors({});
          setWaiting((now) => ({ ...now, base: false }));
        }
      },
      (caught: unknown) => {
        if (id === latest.current.base) {
          setBase(undefined);
          setErrors({ base: asApiError(caught) });
          setWaiting((now) => ({ ...now, base: false }));
        }
      },
    );
  }, [file, list, sheet, ready, attempt]);

  const current = base && base.file === file ? base : undefined;
  const mapping = current ? mappingFor(current.preview.columns, choices) : undefined;

  useEffect(() => {
    const id = ++latest.current.mapped;
    if (!current || mapping === undefined) {
      setWaiting((now) => ({ ...now, mapped: false }));
      return;
    }
    setWaiting((now) => ({ ...now, mapped: true }));
    askPreview(current.file, current.list, current.sheet, mapping).then(
      (preview) => {
        if (id === latest.current.mapped) {
          setMapped({ ...current, mapping, preview });
          setErrors((now) => ({ base: now.base }));
          setWaiting((now) => ({ ...now, mapped: false }));
        }
      },
      (caught: unknown) => {
        if (id === latest.current.mapped) {
          setErrors((now) => ({ ...now, mapped: asApiError(caught) }));
          setWaiting((now) => ({ ...now, mapped: false }));
        }
      },
    );
  }, [current, mapping, attempt]);

  // While a changed mapping is being read, the last mapped answer stays (the problems do not flash back).
  const shown =
    current && mapping !== undefined && mapped?.file === current.file ? mapped.preview : current?.preview;
  const error = errors.base ?? (mapping === undefined ? undefined : errors.mapped);
  const upToDate =
    current !== undefined &&
    current.list === list &&
    current.sheet === sheet &&
    (mapping === undefined ||
      (mapped?.mapping === mapping && mapped.list === list && mapped.sheet === sheet));
  return {
    base: current,
    shown,
    reading: file !== undefined && (waiting.base || waiting.mapped || !ready || (!upToDate && !error)),
    error,
    retry: () => setAttempt((n) => n + 1),
  };
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
  const [choices, setChoices] = useState<ColumnChoices>({});
  const [remember, setRemember] = useState(false);
  const [sent, setSent] = useState<{ sent: number; total: number }>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  // The preview follows the list and sheet fields once the officer stops typing.
  const settledList = useDebounced(list.trim(), 400);
  const settledSheet = useDebounced(sheet.trim(), 400);
  const ready = !proposing && settledList === list.trim() && settledSheet === sheet.trim();
  const preview = useImportPreview(
    can.uploadImports ? file : undefined,
    settledList,
    settledSheet,
    choices,
    ready,
  );
  const shown = preview.shown;
  const blocking = shown ? blockingProblems(shown) : [];
  const canImport = file !== undefined && shown !== undefined && !preview.reading && !preview.error;

  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (!file) {
      setError(new ApiError('Choose the supplier list to upload first (xlsx or csv).', 400));
      return;
    }
    if (!preview.base || !canImport || blocking.length > 0) {
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
    const mapping = mappingFor(preview.base.preview.columns, choices);
    if (mapping) {
      form.append('mapping', mapping);
    }
    if (remember) {
      form.append('saveMappingForList', 'true');
    }
    setBusy(true);
    setError(undefined);
    try {
      const { body } = await upload<ImportBatch>('/imports', form, (loaded, total) =>
        setSent({ sent: loaded, total }),
      );
      navigate(`/app/import/${body.id}`);
    } catch (caught) {
      setError(asApiError(caught));
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
    <>
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
                  onChange={(e) => {
                    setFile(e.currentTarget.files?.[0]);
                    setChoices({});
                    setRemember(false);
                    setError(undefined);
                  }}
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
                  name="sheet"
                  list="sheet-names"
                  value={sheet}
                  maxLength={100}
                  autoComplete="off"
                  onInput={(e) => {
                    setSheet(e.currentTarget.value);
                    setChoices({});
                  }}
                />
              </label>
              <datalist id="sheet-names">
                {(shown?.sheetNames ?? []).map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
              {!file && (
                <p class="muted">
                  Once you choose a file, Vigil shows how it would read each column, before anything is
                  imported.
                </p>
              )}
            </fieldset>
          </form>
        </Section>
        <Section title="How it works" id="how">
          <ul class="plain-list">
            <li>
              Upload the list as your ERP or procurement team exports it: Vigil finds the header row and maps
              the columns, and shows you how it would read them before anything is imported. Correct a column
              there when Vigil did not recognise its header.
            </li>
            <li>
              Columns that are no field are kept on each supplier as extra attributes; nothing is dropped.
            </li>
            <li>
              Every upload belongs to a source list: name the list the file comes from (Vigil proposes one
              from the file name), so next month’s export of it updates the same list. The list can remember
              your columns for its next uploads.
            </li>
            <li>
              A row whose supplier name or country cannot be read is not imported. Any other impossible value
              (110 % migrant workers) is left empty and the row is imported with a warning. Both are listed
              with their row number and every reason, in a workbook you can fix and upload again.
            </li>
            <li>
              A supplier is a site: a name and an address in a country. Sites already known (by the list’s own
              reference, or by name and address) are updated, not duplicated; a site that only looks like a
              known one is imported and put to you as a possible duplicate.
            </li>
          </ul>
          <p>
            <a class="button" href="/imports/template.xlsx" download>
              Download the template (xlsx)
            </a>
          </p>
        </Section>
      </div>
      {file && can.uploadImports && (
        <Section title="Check how the file will be read" id="preview">
          <p class="preview-status" role="status" aria-live="polite">
            {previewStatus(preview, blocking.length)}
          </p>
          {preview.error && (
            <>
              <ErrorNotice error={preview.error} title="Vigil could not read the file." />
              <p>
                <button type="button" class="button" onClick={preview.retry}>
                  Read the file again
                </button>
              </p>
            </>
          )}
          {shown && preview.base && (
            <PreviewDetails
              preview={shown}
              base={preview.base.preview}
              choices={choices}
              disabled={busy}
              onChoose={(header, choice) => setChoices((now) => ({ ...now, [header]: choice }))}
            />
          )}
          {shown && (
            <label class="inline remember">
              <input
                type="checkbox"
                checked={remember}
                disabled={busy}
                onChange={(e) => setRemember(e.currentTarget.checked)}
              />
              <span>
                Remember these columns for the list “{shown.sourceList.name}”{' '}
                <span class="muted">
                  – its next uploads are read the same way
                  {shown.sourceList.savedMapping ? ', replacing the columns saved with it' : ''}
                </span>
              </span>
            </label>
          )}
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
            <button
              type="button"
              class="button primary"
              disabled={busy || !canImport || blocking.length > 0}
              aria-describedby={blocking.length > 0 ? 'import-blocked' : undefined}
              onClick={() => void submit()}
            >
              {busy ? 'Importing…' : 'Import this file'}
            </button>
            {blocking.length > 0 && !preview.reading && (
              <span id="import-blocked" class="hint-inline">
                Fix the {blocking.length === 1 ? 'problem' : 'problems'} with the headers above first: choose
                the field of the column that holds it.
              </span>
            )}
          </p>
        </Section>
      )}
    </>
  );
}

function previewStatus(preview: PreviewState, blocking: number): string {
  if (preview.error) {
    return 'The preview failed.';
  }
  if (preview.reading) {
    return preview.shown ? 'Updating the preview…' : 'Reading the file…';
  }
  if (blocking > 0) {
    return `${blocking === 1 ? 'A problem stops' : `${formatCount(blocking)} problems stop`} the import: see below.`;
  }
  return 'Nothing is imported yet: check the columns, then import the file.';
}

/** Where the table was found, its header problems, each column's field with its first values, and the sample. */
function PreviewDetails({
  preview,
  base,
  choices,
  disabled,
  onChoose,
}: {
  preview: ImportPreview;
  base: ImportPreview;
  choices: ColumnChoices;
  disabled: boolean;
  onChoose: (header: string, choice: string) => void;
}) {
  const options = fieldOptions(base.fields);
  const errors = preview.problems.filter((problem) => problem.severity === 'error');
  const warnings = preview.problems.filter((problem) => problem.severity === 'warning');
  return (
    <>
      <p class="preview-where">
        {previewWhere(preview)} · source list <strong>{preview.sourceList.name}</strong>{' '}
        <span class="muted">
          (
          {preview.sourceList.existing
            ? preview.sourceList.savedMapping
              ? 'known list, with columns saved'
              : 'known list'
            : 'new list'}
          )
        </span>
      </p>
      {(errors.length > 0 || warnings.length > 0) && (
        <div class="header-problems">
          <h3>Problems with the headers</h3>
          <ul class="plain-list problems">
            {errors.map((problem, index) => (
              <li key={`e${index}`} class="problem-error">
                <strong>Stops the import:</strong> {problem.message}
              </li>
            ))}
            {warnings.map((problem, index) => (
              <li key={`w${index}`} class="problem-warning">
                <strong>Warning:</strong> {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="table-wrap">
        <table class="mapping mapping-preview">
          <caption class="visually-hidden">
            Each column of the file, the field it is read as, and its first values as they would be imported
          </caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Header in the file</th>
              <th scope="col">Read as</th>
              <th scope="col">Chosen by</th>
              <th scope="col">First values → as imported</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((column) => {
              const baseline =
                base.columns.find((c) => c.index === column.index && c.header === column.header) ?? column;
              const choice = columnChoice(baseline, choices);
              const changed = isChanged(baseline, choices);
              const header = column.header || '(no header)';
              return (
                <tr
                  key={column.index}
                  class={[
                    changed ? 'changed' : '',
                    !column.annotation && choice === EXTRA_ATTRIBUTE ? 'unmapped' : '',
                  ].join(' ')}
                >
                  <td>{column.letter}</td>
                  <th scope="row">{header}</th>
                  <td>
                    {column.annotation ? (
                      <span class="muted">skipped</span>
                    ) : (
                      <select
                        aria-label={`Read column ${column.letter} “${header}” as`}
                        value={choice}
                        disabled={disabled}
                        onChange={(e) => onChoose(column.header, e.currentTarget.value)}
                      >
                        {options.map((option) => (
                          <option key={option.value} value={option.value}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                  <td class="mapped-by">{mappedByText(baseline, choices)}</td>
                  <td>
                    <SampleValues column={column} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3>First rows</h3>
      <p>{sampleSummary(preview.sample)}</p>
      {preview.sample.issues.length > 0 && (
        <div class="table-wrap">
          <table class="sample-issues">
            <caption class="visually-hidden">Problems found in the first rows</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  Row
                </th>
                <th scope="col">Column</th>
                <th scope="col">Value in the file</th>
                <th scope="col">What was expected</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {preview.sample.issues.map((issue, index) => (
                <tr key={index}>
                  <td class="num">{issue.row}</td>
                  <td>{issue.column || 'whole row'}</td>
                  <td class="cell-value">{issue.value === '' ? '(empty)' : issue.value}</td>
                  <td>{issue.message}</td>
                  <td>
                    <span class={`tag tag-outcome-${issue.severity === 'error' ? 'rejected' : 'warning'}`}>
                      {sampleIssueOutcome(issue.severity)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function SampleValues({ column }: { column: PreviewColumn }) {
  const pairs = samplePairs(column);
  if (pairs.length === 0) {
    return <span class="muted">no values in the first rows</span>;
  }
  return (
    <ul class="samples">
      {pairs.map((pair, index) => (
        <li key={index}>
          <span class="sample-value">{pair.value}</span>
          <span class="sample-arrow" aria-hidden="true">
            →
          </span>
          <span class="visually-hidden">{pair.read === '' ? ', ' : ', imported as '}</span>
          {pair.read === '' ? (
            <span class="sample-read sample-empty">not imported</span>
          ) : (
            <span class="sample-read">{pair.read}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Shows an import's result; polls while it is still running. */
function BatchResult({ id }: { id: string }) {
  const { can } = useSession();
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
  const duplicates = possibleDuplicatesText(batch.changes);
  const screened = importScreeningText(batch.screening);
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
      {batch.status === 'completed' &&
        batch.notes.map((note) => (
          <Notice key={note} tone="warning">
            <strong>Check the text: </strong>
            {note}
          </Notice>
        ))}
      {batch.status === 'completed' && duplicates && (
        <Notice tone="warning">
          <strong>{duplicates}.</strong> Each was imported as a site of its own until you say whether it is
          the same site. <Link href="/app/matches">Review the possible duplicates</Link>
        </Notice>
      )}
      {batch.status === 'completed' && screened && (
        <Notice tone="warning">
          <strong>{screened}.</strong> Each is a question for a compliance officer: confirmed, it is a
          critical red flag citing the list.{' '}
          {can.viewScreening && <Link href="/app/screening">Review the hits</Link>}
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
        ]
          .filter(Boolean)
          .join(' · ')}
        {' · sha256 '}
        <HashValue value={batch.fileSha256} label="file's sha256" />
        {batch.ruleSetHash && (
          <>
            {' · scored with rule set '}
            <HashValue value={batch.ruleSetHash} label="rule-set hash" />
          </>
        )}
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

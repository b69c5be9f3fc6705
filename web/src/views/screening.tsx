import { useEffect, useRef, useState } from 'preact/hooks';
import { formatListIssue } from '../../../src/screening/domain/list-edition-error.js';
import { api, ApiError, upload } from '../api/client.js';
import {
  LIST_KINDS,
  type HitDecision,
  type ListEdition,
  type ListEditionIssue,
  type ListEditionLoaded,
  type ListKind,
  type ScreeningHit,
  type ScreeningHitPage,
  type ScreeningRun,
  type ScreeningSummary,
} from '../api/types.js';
import { ScreeningCounts } from '../components/screening.js';
import {
  EmptyState,
  ErrorNotice,
  HashValue,
  Loading,
  NotAllowed,
  Notice,
  Section,
  TierBadge,
} from '../components/ui.js';
import { useResource, usePageTitle } from '../hooks.js';
import { listEditionIssues } from '../lib/api-errors.js';
import { countryName, formatCount, formatDate } from '../lib/format.js';
import { pollDelay } from '../lib/imports.js';
import { notAllowedReason } from '../lib/roles.js';
import { hrefFor } from '../lib/route.js';
import {
  citationFacts,
  decisionText,
  editionLoadedText,
  editionTitle,
  HIT_STATUS_FILTERS,
  hitHeading,
  hitsCountText,
  hitsPath,
  hitTabLabel,
  HITS_PAGE_SIZE,
  listTitle,
  noHitsText,
  outcomeText,
  partyRoleText,
  reasonProblem,
  runFraction,
  runText,
  scoreText,
  strengthText,
  supersededText,
  wordsText,
  type ScreeningFilter,
} from '../lib/screening.js';
import { Link, useRouter } from '../router.js';
import { useSession } from '../session.js';

function asApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : new ApiError(String(caught), 0);
}

/**
 * Screening against the US forced-labour enforcement lists: the hits to review beside the list entries they
 * match, the decisions taken, and the list editions screened against.
 */
export function ScreeningView({ filter }: { filter: ScreeningFilter }) {
  const heading = usePageTitle('Screening');
  const { me, can } = useSession();
  const summary = useResource<ScreeningSummary>('/screening/summary');
  return (
    <>
      <div class="page-head">
        <h1 ref={heading.ref} tabIndex={-1}>
          Screening against enforcement lists
        </h1>
      </div>
      <p class="lead">
        Every supplier, its parent company and its subcontractors are compared with the UFLPA Entity List and
        CBP’s withhold release orders; its place and products with the orders on whole countries and regions.
        A confirmed hit is a critical red flag citing the list; a dismissal is kept with its reason while the
        entry and the supplier stay as they are.
      </p>
      {summary.error && (
        <ErrorNotice error={summary.error} title="The screening figures could not be loaded." />
      )}
      {summary.loading && !summary.data && <Loading what="the screening figures" />}
      {summary.data && <ScreeningCounts summary={summary.data} linked={can.viewScreening} />}
      {summary.data && <ListsInForce summary={summary.data} onChanged={summary.reload} />}
      {can.viewScreening ? (
        <HitReview
          key={hrefFor({ view: 'screening', ...filter })}
          filter={filter}
          onDecided={summary.reload}
        />
      ) : (
        <NotAllowed>
          {notAllowedReason('viewScreening', me?.role)} Each supplier’s screening status is in the{' '}
          <Link href="/app/suppliers">supplier list</Link> and on its page.
        </NotAllowed>
      )}
    </>
  );
}

/** The newer of the run this page started or followed and the latest one the service reports. */
function latestRun(
  a: ScreeningRun | undefined,
  b: ScreeningRun | null | undefined,
): ScreeningRun | undefined {
  if (!a || !b) {
    return a ?? b ?? undefined;
  }
  return b.startedAt > a.startedAt ? b : a;
}

/** The editions in force, the latest run (followed while it runs), and for compliance: screen now, load an edition. */
function ListsInForce({ summary, onChanged }: { summary: ScreeningSummary; onChanged: () => void }) {
  const { me, can } = useSession();
  const [started, setStarted] = useState<ScreeningRun>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const run = latestRun(started, summary.lastRun);
  const running = run?.status === 'running';

  useEffect(() => {
    if (!run || run.status !== 'running') {
      return;
    }
    let attempt = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const next = await api<ScreeningRun>(`/screening/runs/${run.id}`);
        if (stopped) {
          return;
        }
        setStarted(next);
        if (next.status === 'running') {
          timer = setTimeout(() => void poll(), pollDelay(attempt++));
        } else {
          // New hits and decisions: the figures and the lists change with them.
          onChanged();
        }
      } catch (caught) {
        if (!stopped) {
          setError(asApiError(caught));
        }
      }
    };
    timer = setTimeout(() => void poll(), pollDelay(attempt++));
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // Follow one run at a time: a new id restarts the polling.
  }, [run?.id, running]);

  const screenNow = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setStarted(await api<ScreeningRun>('/screening/run', { method: 'POST' }));
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const fraction = run ? runFraction(run) : null;
  return (
    <Section
      title="Lists in force"
      id="editions"
      actions={
        can.runScreening && (
          <button
            type="button"
            class="button primary"
            disabled={busy || running}
            onClick={() => void screenNow()}
          >
            {running ? 'Screening…' : 'Screen the portfolio now'}
          </button>
        )
      }
    >
      {summary.editions.length === 0 ? (
        <p class="muted">No list edition is loaded: nothing is screened.</p>
      ) : (
        <EditionTable editions={summary.editions} />
      )}
      {run && (
        <div class="progress-block screening-run" role="status" aria-live="polite">
          {running &&
            (fraction === null ? (
              <progress aria-label="Screening progress" />
            ) : (
              <progress max={1} value={fraction} aria-label="Screening progress" />
            ))}
          <span class={run.status === 'failed' ? 'hint-error' : undefined}>{runText(run)}</span>
        </div>
      )}
      {error && <ErrorNotice error={error} title="Nothing was started." />}
      {can.runScreening ? (
        <EditionForm
          onLoaded={(loaded) => {
            if (loaded.run) {
              setStarted(loaded.run);
            }
            onChanged();
          }}
        />
      ) : (
        <NotAllowed>{notAllowedReason('runScreening', me?.role)}</NotAllowed>
      )}
    </Section>
  );
}

function EditionTable({ editions }: { editions: ListEdition[] }) {
  return (
    <div class="table-wrap">
      <table class="editions">
        <caption class="visually-hidden">The list editions suppliers are screened against</caption>
        <thead>
          <tr>
            <th scope="col">List</th>
            <th scope="col">As of</th>
            <th scope="col">Coverage</th>
            <th scope="col" class="num">
              Rows
            </th>
            <th scope="col">File</th>
          </tr>
        </thead>
        <tbody>
          {editions.map((edition) => (
            <tr key={edition.id}>
              <th scope="row">{listTitle(edition.kind)}</th>
              <td class="nowrap">{formatDate(edition.asOf)}</td>
              <td>{edition.coverage ?? <span class="muted">not stated</span>}</td>
              <td class="num">{formatCount(edition.rowCount)}</td>
              <td>
                {edition.file}
                <span class="ref">
                  {editionLoadedText(edition)} · sha256{' '}
                  <HashValue value={edition.sha256} label="edition's sha256" />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Loads a newer edition of a list; a malformed file is refused whole, with every line at fault listed. */
function EditionForm({ onLoaded }: { onLoaded: (loaded: ListEditionLoaded) => void }) {
  const [kind, setKind] = useState<ListKind>('uflpa');
  const [file, setFile] = useState<File>();
  const [asOf, setAsOf] = useState('');
  const [source, setSource] = useState('');
  const [coverage, setCoverage] = useState('');
  const [busy, setBusy] = useState(false);
  const [loaded, setLoaded] = useState<ListEditionLoaded>();
  const [error, setError] = useState<ApiError>();
  const [issues, setIssues] = useState<ListEditionIssue[]>([]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) {
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('asOf', asOf);
    form.append('source', source.trim());
    // The service refuses an empty coverage: left out, the edition states none.
    if (coverage.trim()) {
      form.append('coverage', coverage.trim());
    }
    setBusy(true);
    setError(undefined);
    setIssues([]);
    setLoaded(undefined);
    try {
      const { body } = await upload<ListEditionLoaded>(`/screening/lists/${kind}`, form, () => undefined);
      setLoaded(body);
      onLoaded(body);
    } catch (caught) {
      const apiError = asApiError(caught);
      setError(apiError);
      setIssues(apiError.code === 'LIST_EDITION_INVALID' ? listEditionIssues(apiError.details) : []);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="edition-load">
      <summary>Load a newer edition of a list</summary>
      <p class="muted">
        A csv with the columns of the file Vigil ships (rules/reference/lists). The edition is checked whole:
        one faulty line refuses it, and the edition in force stays. A newer edition in force screens the
        portfolio again.
      </p>
      <form class="edition-form" onSubmit={(event) => void submit(event)}>
        <label>
          Which list
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as ListKind)}>
            {LIST_KINDS.map((option) => (
              <option key={option} value={option}>
                {listTitle(option)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Edition file (csv)
          <input
            type="file"
            accept=".csv,text/csv"
            required
            onChange={(e) => setFile(e.currentTarget.files?.[0])}
          />
        </label>
        <label>
          As of
          <input type="date" required value={asOf} onInput={(e) => setAsOf(e.currentTarget.value)} />
        </label>
        <label class="edition-source">
          Source <span class="muted">(publisher and address)</span>
          <input
            type="text"
            required
            minLength={5}
            maxLength={500}
            value={source}
            onInput={(e) => setSource(e.currentTarget.value)}
          />
        </label>
        <label class="edition-coverage">
          Coverage <span class="muted">(optional: what the edition covers, as reports print it)</span>
          <input
            type="text"
            maxLength={500}
            value={coverage}
            onInput={(e) => setCoverage(e.currentTarget.value)}
          />
        </label>
        <p class="actions">
          <button type="submit" class="button" disabled={busy || !file}>
            {busy ? 'Loading…' : 'Load this edition'}
          </button>
        </p>
      </form>
      {loaded && (
        <Notice tone="success">
          <strong role="status">Loaded: </strong>
          {editionTitle(loaded.edition)}, {formatCount(loaded.edition.rowCount)} rows from{' '}
          {loaded.edition.file}.{' '}
          {loaded.inForce
            ? 'It is in force now; the portfolio is screened against it.'
            : 'An edition as of a later date stays in force.'}
        </Notice>
      )}
      {error && issues.length === 0 && <ErrorNotice error={error} title="The edition was not loaded." />}
      {issues.length > 0 && (
        <div class="notice notice-error" role="alert">
          <strong>
            The edition was refused (
            {issues.length === 1 ? '1 problem' : `${formatCount(issues.length)} problems`}
            ); the edition in force stays:
          </strong>
          <ul class="plain-list edition-issues">
            {issues.map((issue, index) => (
              <li key={index}>{formatListIssue(issue)}</li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}

interface Decided {
  /** The hit as the decision left it; absent when someone else had decided first. */
  hit?: ScreeningHit;
  tone: 'success' | 'warning';
  text: string;
}

/** The hits for the filter, as cards; a decision updates its card in place. */
function HitReview({ filter, onDecided }: { filter: ScreeningFilter; onDecided: () => void }) {
  const { me, can } = useSession();
  const { navigate } = useRouter();
  const [offset, setOffset] = useState(0);
  const page = useResource<ScreeningHitPage>(hitsPath(filter, offset));
  const [decided, setDecided] = useState<ReadonlyMap<string, Decided>>(new Map());

  const record = (id: string, outcome: Decided) => {
    setDecided((now) => new Map([...now, [id, outcome]]));
    onDecided();
  };

  const items = page.data?.items ?? [];
  const supplierName = filter.supplier
    ? items.find((hit) => hit.supplier.id === filter.supplier)?.supplier.name
    : undefined;
  return (
    <section class="hit-review" aria-labelledby="hits-title">
      <h2 id="hits-title" class="visually-hidden">
        Hits
      </h2>
      <nav class="match-tabs" aria-label="Hits by decision">
        <ul>
          {HIT_STATUS_FILTERS.map((tab) => (
            <li key={tab}>
              <Link
                href={hrefFor({ view: 'screening', ...filter, status: tab })}
                aria-current={tab === filter.status ? 'page' : undefined}
              >
                {hitTabLabel(tab)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div class="filters hit-filters">
        <label>
          Enforcement list
          <select
            value={filter.list ?? ''}
            onChange={(e) => {
              const list = LIST_KINDS.find((known) => known === e.currentTarget.value);
              navigate(
                hrefFor({ view: 'screening', status: filter.status, supplier: filter.supplier, list }),
              );
            }}
          >
            <option value="">Both lists</option>
            {LIST_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {listTitle(kind)}
              </option>
            ))}
          </select>
        </label>
        {filter.supplier && (
          <p class="hit-supplier-filter">
            Only the hits of{' '}
            <Link href={`/app/suppliers/${filter.supplier}`}>{supplierName ?? 'one supplier'}</Link>.{' '}
            <Link href={hrefFor({ view: 'screening', status: filter.status, list: filter.list })}>
              Show every supplier
            </Link>
          </p>
        )}
      </div>
      {filter.status === 'open' && !can.decideScreening && (
        <NotAllowed>{notAllowedReason('decideScreening', me?.role)}</NotAllowed>
      )}
      {page.error && <ErrorNotice error={page.error} title="The hits could not be loaded." />}
      {page.loading && !page.data && <Loading what="the hits" />}
      {page.data && items.length === 0 && <EmptyState title={noHitsText(filter)} />}
      {page.data && items.length > 0 && (
        <>
          <p class="match-count">{hitsCountText(items.length, page.data.total, offset)}</p>
          <ol class="match-list">
            {items.map((listed) => {
              const outcome = decided.get(listed.id);
              return (
                <li key={listed.id}>
                  <HitCard
                    hit={outcome?.hit ?? listed}
                    outcome={outcome}
                    decide={can.decideScreening}
                    onDecided={(outcome) => record(listed.id, outcome)}
                    onReload={page.reload}
                  />
                </li>
              );
            })}
          </ol>
          {page.data.total > HITS_PAGE_SIZE && (
            <p class="pager">
              <button
                type="button"
                class="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - HITS_PAGE_SIZE))}
              >
                Previous
              </button>
              <button
                type="button"
                class="button"
                disabled={offset + HITS_PAGE_SIZE >= page.data.total}
                onClick={() => setOffset(offset + HITS_PAGE_SIZE)}
              >
                Next
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function HitCard({
  hit,
  outcome,
  decide,
  onDecided,
  onReload,
}: {
  hit: ScreeningHit;
  outcome: Decided | undefined;
  decide: boolean;
  onDecided: (outcome: Decided) => void;
  onReload: () => void;
}) {
  const headingId = `hit-${hit.id}`;
  const decided = decisionText(hit);
  const superseded = supersededText(hit);
  const outcomeRef = useRef<HTMLDivElement>(null);

  // The form goes away once decided: the keyboard focus moves to what the page says about the decision.
  useEffect(() => {
    if (outcome) {
      outcomeRef.current?.focus();
    }
  }, [outcome]);

  const facts: { label: string; value: string | undefined }[] = [
    { label: 'Strength', value: strengthText(hit.strength) },
    { label: 'Score', value: scoreText(hit) },
    { label: 'Matched words', value: wordsText(hit.details.matchedWords) },
    { label: 'Missing words', value: wordsText(hit.details.missingWords) },
    { label: 'Extra words', value: wordsText(hit.details.extraWords) },
    { label: 'Matched products', value: wordsText(hit.details.matchedProducts) },
  ];
  return (
    <article class={`match-card hit-card hit-${hit.status}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{hitHeading(hit)}</h2>
      <div class="match-sides">
        <section class="match-side" aria-label="Supplier">
          <h3>Supplier</h3>
          <dl class="fields compact">
            <div>
              <dt>Name</dt>
              <dd>
                <Link href={`/app/suppliers/${hit.supplier.id}`}>{hit.supplier.name}</Link>
              </dd>
            </div>
            <div>
              <dt>Country</dt>
              <dd>{countryName(hit.supplier.country)}</dd>
            </div>
            <div>
              <dt>Tier</dt>
              <dd>
                <TierBadge tier={hit.supplier.tier} />
              </dd>
            </div>
            <div>
              <dt>Matched</dt>
              <dd class="hit-party">
                <strong>{hit.party.name}</strong>
                <span class="match-side-detail"> {partyRoleText(hit.party.role).toLowerCase()}</span>
              </dd>
            </div>
          </dl>
        </section>
        <section class="match-side" aria-label="List entry">
          <h3>{hit.listTitle}</h3>
          <dl class="fields compact">
            <div>
              <dt>Entry</dt>
              <dd>{hit.entryName}</dd>
            </div>
            <div>
              <dt>Listed as</dt>
              <dd class="hit-listed">
                <strong>{hit.listedName}</strong>
                {hit.details.listedNameIsAlias && <span class="match-side-detail"> an alias</span>}
              </dd>
            </div>
            {citationFacts(hit).map((fact) => (
              <div key={fact.label}>
                <dt>{fact.label}</dt>
                <dd>{fact.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      <dl class="match-facts hit-facts">
        {facts
          .filter((fact) => fact.value !== undefined)
          .map((fact) => (
            <div key={fact.label}>
              <dt>{fact.label}</dt>
              <dd>{fact.label === 'Strength' ? <strong>{fact.value}</strong> : fact.value}</dd>
            </div>
          ))}
      </dl>
      {hit.details.question && (
        <p class="hit-question">
          <strong>Ask the supplier:</strong> {hit.details.question}
        </p>
      )}
      {hit.details.reasons.length > 0 && (
        <div class="hit-reasons">
          <h3>Why it was raised</h3>
          <ul class="plain-list">
            {hit.details.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {outcome && (
        <div ref={outcomeRef} class={`notice notice-${outcome.tone}`} role="status" tabIndex={-1}>
          <strong>{outcome.tone === 'success' ? 'Done: ' : 'Not changed: '}</strong>
          {outcome.text}
          {outcome.tone === 'warning' && (
            <>
              {' '}
              <button type="button" class="button link-button" onClick={onReload}>
                Show the hits as they are now
              </button>
            </>
          )}
        </div>
      )}
      {decided && (
        <div class="hit-decided">
          <p class="match-decided">{decided}</p>
          {hit.reason && <blockquote class="hit-reason">{hit.reason}</blockquote>}
        </div>
      )}
      {superseded && <p class="muted">{superseded}</p>}
      {decide && hit.status === 'open' && hit.current && !outcome && (
        <DecisionForm hit={hit} onDecided={onDecided} />
      )}
    </article>
  );
}

function DecisionForm({ hit, onDecided }: { hit: ScreeningHit; onDecided: (outcome: Decided) => void }) {
  const [decision, setDecision] = useState<HitDecision>();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const id = `decide-${hit.id}`;
  const area = hit.kind === 'area';
  const reasonError = tried ? reasonProblem(reason) : undefined;
  const decisionError = tried && !decision ? 'Choose whether to confirm or dismiss the hit.' : undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (!decision || reasonProblem(reason)) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const updated = await api<ScreeningHit>(`/screening/hits/${hit.id}/decision`, {
        method: 'POST',
        body: { decision, reason: reason.trim() },
      });
      onDecided({ hit: updated, tone: 'success', text: outcomeText(decision, hit) });
    } catch (caught) {
      const apiError = asApiError(caught);
      setBusy(false);
      if (apiError.code === 'HIT_ALREADY_DECIDED') {
        // Someone decided first: the card says what they decided, instead of the form.
        onDecided({ tone: 'warning', text: apiError.message });
        return;
      }
      setError(apiError);
    }
  };

  return (
    <form
      class="hit-decision"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => void submit(event)}
    >
      <h3 id={`${id}-title`}>Your decision</h3>
      <fieldset aria-describedby={decisionError ? `${id}-decision-error` : undefined}>
        <legend class="visually-hidden">Confirm or dismiss</legend>
        <label class="inline">
          <input
            type="radio"
            name={`${id}-decision`}
            value="confirm"
            checked={decision === 'confirm'}
            onChange={() => setDecision('confirm')}
          />
          {area ? 'Confirm: the order covers this supplier' : 'Confirm: this is the listed party'}
        </label>
        <label class="inline">
          <input
            type="radio"
            name={`${id}-decision`}
            value="dismiss"
            checked={decision === 'dismiss'}
            onChange={() => setDecision('dismiss')}
          />
          {area ? 'Dismiss: the order does not cover this supplier' : 'Dismiss: not the listed party'}
        </label>
        {decisionError && (
          <span id={`${id}-decision-error`} class="field-error">
            {decisionError}
          </span>
        )}
      </fieldset>
      <label>
        Reason <span class="muted">(required: what was checked and what it showed; auditors read it)</span>
        <textarea
          rows={2}
          maxLength={2000}
          value={reason}
          aria-invalid={reasonError ? 'true' : undefined}
          aria-describedby={reasonError ? `${id}-reason-error` : undefined}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>
      {reasonError && (
        <span id={`${id}-reason-error`} class="field-error">
          {reasonError}
        </span>
      )}
      {error && <ErrorNotice error={error} title="Nothing was changed." />}
      <p class="actions">
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Record the decision'}
        </button>
      </p>
    </form>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client.js';
import {
  MATCH_STATUSES,
  RISK_TIERS,
  type MatchDecision,
  type MatchDecisionResult,
  type MatchSite,
  type MatchStatus,
  type PotentialMatch,
  type PotentialMatchPage,
  type RiskTier,
} from '../api/types.js';
import { EmptyState, ErrorNotice, Loading, NotAllowed, TierBadge } from '../components/ui.js';
import { useResource, usePageTitle } from '../hooks.js';
import { countryName, formatScore } from '../lib/format.js';
import {
  decisionText,
  evidenceText,
  matchesCountText,
  matchTabLabel,
  noMatchesText,
  outcomeText,
  similarityPercent,
  uploadOf,
  whyAsked,
} from '../lib/matches.js';
import { notAllowedReason } from '../lib/roles.js';
import { hrefFor } from '../lib/route.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

interface Outcome {
  id: string;
  tone: 'success' | 'warning';
  text: string;
  /** The site that remains, to open. */
  siteId?: string;
}

/** Possible duplicate sites raised by uploads: an officer says whether each pair is one site or two. */
export function MatchesView({ status }: { status: MatchStatus }) {
  const heading = usePageTitle('Possible duplicates');
  const { me, can } = useSession();
  return (
    <>
      <div class="page-head">
        <h1 ref={heading.ref} tabIndex={-1}>
          Possible duplicates
        </h1>
      </div>
      {can.viewMatches ? (
        <>
          <p class="lead">
            An upload imports a site that only looks like a known one as a site of its own, and asks here
            whether the two are the same. Merging moves the new site’s lists, values and history onto the
            known site.
          </p>
          <nav class="match-tabs" aria-label="Possible duplicates by decision">
            <ul>
              {MATCH_STATUSES.map((tab) => (
                <li key={tab}>
                  <Link
                    href={hrefFor({ view: 'matches', status: tab })}
                    aria-current={tab === status ? 'page' : undefined}
                  >
                    {matchTabLabel(tab)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <MatchList key={status} status={status} />
        </>
      ) : (
        <NotAllowed>
          {notAllowedReason('viewMatches', me?.role)} The suppliers themselves are in the{' '}
          <Link href="/app/suppliers">supplier list</Link>.
        </NotAllowed>
      )}
    </>
  );
}

function MatchList({ status }: { status: MatchStatus }) {
  const { me, can } = useSession();
  const page = useResource<PotentialMatchPage>(`/matches?status=${status}`);
  const [answered, setAnswered] = useState<ReadonlySet<string>>(new Set());
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const focusOutcome = useRef(false);

  // A card that goes away would take the keyboard focus with it: it moves to the newest outcome instead.
  useEffect(() => {
    const newest = outcomeRef.current?.firstElementChild;
    if (focusOutcome.current && newest instanceof HTMLElement) {
      focusOutcome.current = false;
      newest.focus();
    }
  }, [outcomes]);

  const onDecided = (match: PotentialMatch, outcome: Omit<Outcome, 'id'>) => {
    setAnswered((now) => new Set([...now, match.id]));
    focusOutcome.current = true;
    setOutcomes((now) => [{ id: match.id, ...outcome }, ...now]);
  };

  const items = (page.data?.items ?? []).filter((match) => !answered.has(match.id));
  const decide = status === 'pending' && can.decideMatches;
  return (
    <>
      {status === 'pending' && !can.decideMatches && (
        <NotAllowed>{notAllowedReason('decideMatches', me?.role)}</NotAllowed>
      )}
      <div class="match-outcomes" ref={outcomeRef} role="status" aria-live="polite">
        {outcomes.map((outcome) => (
          <div key={outcome.id} class={`notice notice-${outcome.tone}`} tabIndex={-1}>
            <strong>{outcome.tone === 'success' ? 'Done: ' : 'Not changed: '}</strong>
            {outcome.text}
            {outcome.siteId && (
              <>
                {' '}
                <Link href={`/app/suppliers/${outcome.siteId}`}>Open the merged site</Link>
              </>
            )}
          </div>
        ))}
      </div>
      {page.error && <ErrorNotice error={page.error} title="The possible duplicates could not be loaded." />}
      {page.loading && !page.data && <Loading what="the possible duplicates" />}
      {page.data && items.length === 0 && (
        <EmptyState title={noMatchesText(status)}>
          {status === 'pending' && (
            <p>
              Uploads ask here when a new site looks like a known one but not enough to be sure.{' '}
              <Link href="/app/import">Import a list</Link>
            </p>
          )}
        </EmptyState>
      )}
      {page.data && items.length > 0 && (
        <>
          <p class="match-count">
            {matchesCountText(items.length, page.data.total - (page.data.items.length - items.length))}
          </p>
          <ol class="match-list">
            {items.map((match) => (
              <li key={match.id}>
                <MatchCard
                  match={match}
                  decide={decide}
                  onDecided={(outcome) => onDecided(match, outcome)}
                  onStale={page.reload}
                />
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

function MatchCard({
  match,
  decide,
  onDecided,
  onStale,
}: {
  match: PotentialMatch;
  decide: boolean;
  onDecided: (outcome: Omit<Outcome, 'id'>) => void;
  onStale: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<MatchDecision>();
  const [error, setError] = useState<ApiError>();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const mergeButton = useRef<HTMLButtonElement>(null);
  const headingId = `match-${match.id}`;
  const evidence = evidenceText(match.evidence);
  const decided = decisionText(match);
  const asked = useRef(false);

  // The keyboard focus follows the question: to the confirmation, and back to the merge button on cancel.
  useEffect(() => {
    if (confirming) {
      asked.current = true;
      confirmButton.current?.focus();
    } else if (asked.current) {
      mergeButton.current?.focus();
    }
  }, [confirming]);

  const send = async (decision: MatchDecision) => {
    setBusy(decision);
    setError(undefined);
    try {
      const result = await api<MatchDecisionResult>(`/matches/${match.id}/decision`, {
        method: 'POST',
        body: { decision },
      });
      onDecided({
        tone: 'success',
        text: outcomeText(decision, match),
        siteId: decision === 'same' ? result.siteId : undefined,
      });
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError(String(caught), 0);
      if (apiError.status === 409) {
        // Someone answered first: say what they decided, and show the list as it now is.
        onDecided({ tone: 'warning', text: apiError.message });
        onStale();
        return;
      }
      setError(apiError);
      setBusy(undefined);
    }
  };

  return (
    <article class="match-card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {match.status === 'pending' ? (
          <>
            Is “{match.siteName}” the same site as “{match.candidate.name}”?
          </>
        ) : (
          <>
            “{match.siteName}” and “{match.candidate.name}”
          </>
        )}
      </h2>
      <div class="match-sides">
        <SiteSide
          title="New site"
          detail={`from ${uploadOf(match)}`}
          site={match.site}
          fallbackName={match.siteName}
          fallbackAddress={match.siteAddress}
          merged={match.status === 'confirmed'}
        />
        <SiteSide title="Known site" site={match.candidate} />
      </div>
      <dl class="match-facts">
        <div>
          <dt>Similarity</dt>
          <dd>
            <strong>{similarityPercent(match.similarity)}</strong>
          </dd>
        </div>
        <div>
          <dt>Compared</dt>
          <dd class={evidence.weaker ? 'match-weaker' : undefined}>
            {evidence.weaker && <span aria-hidden="true">⚠ </span>}
            {evidence.text}
          </dd>
        </div>
        <div>
          <dt>{match.status === 'pending' ? 'Why you are asked' : 'Why it was asked'}</dt>
          <dd>{whyAsked(match)}</dd>
        </div>
      </dl>
      {decided && <p class="match-decided">{decided}</p>}
      {error && <ErrorNotice error={error} title="Nothing was changed." />}
      {decide && !confirming && (
        <p class="actions">
          <button
            type="button"
            class="button"
            ref={mergeButton}
            disabled={busy !== undefined}
            onClick={() => setConfirming(true)}
          >
            Same site — merge
          </button>
          <button
            type="button"
            class="button"
            disabled={busy !== undefined}
            onClick={() => void send('different')}
          >
            {busy === 'different' ? 'Saving…' : 'Different sites — keep both'}
          </button>
        </p>
      )}
      {decide && confirming && (
        <div class="match-confirm" role="group" aria-labelledby={`${headingId}-confirm`}>
          <p id={`${headingId}-confirm`}>
            <strong>
              Merge “{match.siteName}” into “{match.candidate.name}”?
            </strong>{' '}
            Its lists, values and history move to the known site, and the new site is gone. The dashboard
            cannot undo a merge.
          </p>
          <p class="actions">
            <button
              type="button"
              class="button primary"
              ref={confirmButton}
              disabled={busy !== undefined}
              onClick={() => void send('same')}
            >
              {busy === 'same' ? 'Merging…' : 'Merge the two sites'}
            </button>
            <button
              type="button"
              class="button"
              disabled={busy !== undefined}
              onClick={() => setConfirming(false)}
            >
              Cancel
            </button>
          </p>
        </div>
      )}
    </article>
  );
}

function SiteSide({
  title,
  detail,
  site,
  fallbackName,
  fallbackAddress,
  merged = false,
}: {
  title: string;
  detail?: string;
  site: MatchSite | null;
  fallbackName?: string;
  fallbackAddress?: string | null;
  merged?: boolean;
}) {
  const none = <span class="muted">not given</span>;
  return (
    <section class="match-side" aria-label={title}>
      <h3>
        {title}
        {detail && <span class="match-side-detail"> {detail}</span>}
      </h3>
      <dl class="fields compact">
        <div>
          <dt>Name</dt>
          <dd>{site ? <Link href={`/app/suppliers/${site.id}`}>{site.name}</Link> : fallbackName}</dd>
        </div>
        <div>
          <dt>Address</dt>
          <dd>{(site ? site.address : fallbackAddress) ?? none}</dd>
        </div>
        {site ? (
          <>
            <div>
              <dt>City</dt>
              <dd>{site.city ?? none}</dd>
            </div>
            <div>
              <dt>Country</dt>
              <dd>{countryName(site.country)}</dd>
            </div>
            <div>
              <dt>Lists</dt>
              <dd>{site.lists.length > 0 ? site.lists.join(', ') : <span class="muted">none</span>}</dd>
            </div>
            <div>
              <dt>Risk</dt>
              <dd>
                <TierBadge tier={tierOf(site.tier)} />{' '}
                <span class="muted">score {formatScore(site.score)}</span>
              </dd>
            </div>
          </>
        ) : (
          <div>
            <dt>Now</dt>
            <dd>{merged ? 'merged into the known site' : 'no longer stored'}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function tierOf(tier: string | null): RiskTier | null {
  return RISK_TIERS.find((known) => known === tier) ?? null;
}

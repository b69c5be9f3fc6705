import { useMemo } from 'preact/hooks';
import type { DataGaps } from '../api/types.js';
import {
  DownloadButton,
  EmptyState,
  ErrorNotice,
  HashValue,
  Loading,
  NotAllowed,
  Section,
  Stat,
} from '../components/ui.js';
import { useResource, usePageTitle } from '../hooks.js';
import { dataGapRows, dataGapsPath, settledSentence } from '../lib/data-gaps.js';
import { formatCount } from '../lib/format.js';
import { hrefFor } from '../lib/route.js';
import { notAllowedReason } from '../lib/roles.js';
import {
  hasFilters,
  parseSupplierQuery,
  supplierFilterString,
  type SupplierQuery,
} from '../lib/supplier-query.js';
import { Link, useRouter } from '../router.js';
import { useSession } from '../session.js';
import { Filters } from './suppliers.js';

export function DataGapsView({ search }: { search: string }) {
  const heading = usePageTitle('Data gaps');
  const { navigate } = useRouter();
  const query = useMemo(() => parseSupplierQuery(search), [search]);
  const gaps = useResource<DataGaps>(dataGapsPath(query));
  const go = (next: SupplierQuery, replace = false) =>
    navigate(hrefFor({ view: 'data-gaps', search: supplierFilterString(next) }), { replace });
  const data = gaps.data;

  return (
    <>
      <div class="page-head">
        <h1 ref={heading.ref} tabIndex={-1}>
          Data gaps — what to ask next
        </h1>
      </div>
      <p class="lead">
        The questions left open across the suppliers, those whose answers settle the most tiers first.
        Answering a question that settles a tier makes that supplier’s tier certain whatever the answer;
        red-flag questions are never counted in a range, so they may narrow no points and still matter.
      </p>

      <Filters query={query} onChange={go} />

      {gaps.error && <ErrorNotice error={gaps.error} title="The data gaps could not be loaded." />}
      {gaps.loading && !data && <Loading what="the open questions" />}
      {data && (
        <div class="data-gaps-body" aria-busy={gaps.loading}>
          <Body gaps={data} query={query} onClear={() => go(parseSupplierQuery(''))} />
        </div>
      )}
    </>
  );
}

function Body({ gaps, query, onClear }: { gaps: DataGaps; query: SupplierQuery; onClear: () => void }) {
  const { me, can } = useSession();
  const filtered = hasFilters(query);
  if (gaps.suppliers === 0 && !filtered) {
    return (
      <EmptyState title="No suppliers yet: upload a list">
        <p>Once a supplier list is imported and scored, this page ranks the questions worth asking first.</p>
        {can.uploadImports ? (
          <p class="actions">
            <Link class="button primary" href="/app/import">
              Upload a supplier list
            </Link>
          </p>
        ) : (
          <NotAllowed>{notAllowedReason('uploadImports', me?.role)}</NotAllowed>
        )}
      </EmptyState>
    );
  }
  if (gaps.suppliers === 0) {
    return (
      <EmptyState title="No supplier matches these filters">
        <p>
          <button type="button" class="button" onClick={onClear}>
            Clear the filters
          </button>
        </p>
      </EmptyState>
    );
  }

  const rows = dataGapRows(gaps.questions, query);
  const withoutRange = gaps.suppliers - gaps.withRange;
  const settling = gaps.questions.filter((question) => question.settlesTier > 0).length;
  return (
    <>
      <dl class="stats stats-4">
        <Stat
          label="Suppliers in scope"
          value={formatCount(gaps.suppliers)}
          detail={filtered ? 'matching the filters' : 'the whole portfolio'}
        />
        <Stat
          label="With a range"
          value={formatCount(gaps.withRange)}
          detail={
            withoutRange > 0 ? `${formatCount(withoutRange)} assessed before ranges` : 'every assessment'
          }
        />
        <Stat
          label="Already settled"
          value={formatCount(gaps.settled)}
          detail="tier certain, whatever is answered"
        />
        <Stat
          label="Open questions"
          value={formatCount(rows.length)}
          detail={
            settling === 0
              ? 'none settles a tier'
              : `${formatCount(settling)} settle${settling === 1 ? 's' : ''} a tier`
          }
        />
      </dl>
      <p class="settled-sentence" role="status">
        {settledSentence(gaps)}
      </p>

      <Section title={`Questions to ask first (${formatCount(rows.length)})`} id="questions">
        {rows.length === 0 ? (
          <p class="muted">
            {gaps.withRange === 0
              ? 'Their assessments predate score ranges and list no questions.'
              : 'No question is open for these suppliers: nothing the rules weigh is unknown.'}
          </p>
        ) : (
          <div class="table-wrap">
            <table class="data-gaps">
              <caption class="visually-hidden">
                Questions to ask, those settling the most tiers first; the figures count suppliers
                {filtered ? ' matching the filters' : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col" class="num">
                    Open for
                  </th>
                  <th scope="col" class="num">
                    Settles the tier of
                  </th>
                  <th scope="col" class="num">
                    Could raise a red flag for
                  </th>
                  <th scope="col" class="num">
                    Points narrowed
                  </th>
                  <th scope="col">In short</th>
                  <th scope="col">Who to ask</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key} class={row.flagged ? 'could-flag' : undefined}>
                    <th scope="row">
                      <span class="question-title">{row.title}</span>
                      {row.followUp && <span class="follow-up">{row.followUp}</span>}
                      <span class="ref">needs {row.needs}</span>
                    </th>
                    <td class="num">{row.suppliers}</td>
                    <td class="num">{row.settlesTier}</td>
                    <td class="num">{row.couldRaiseRedFlag}</td>
                    <td class="num points">{row.openPoints}</td>
                    <td class="summary">{row.summary}</td>
                    <td>
                      <DownloadButton
                        href={row.exportHref}
                        fileName={`who-to-ask-${row.key}.xlsx`}
                        label="Download who to ask (xlsx)"
                        unavailableText="This server cannot list whom to ask yet."
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <p class="muted ruleset-note">
        Titles and follow-ups as worded by the active rule set{' '}
        <HashValue value={gaps.ruleSetHash} label="rule-set hash" />. Nothing here changes a score.
      </p>
    </>
  );
}

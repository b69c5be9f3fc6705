import { FIELD_GROUPS } from '../../../src/suppliers/domain/supplier-fields.js';
import type {
  AssessmentResult,
  AssessmentUncertainty,
  FieldDisagreement,
  FieldProvenance,
  RuleSetView,
  SiteListing,
  SupplierDetail,
  SupplierRecord,
  TierThresholds,
} from '../api/types.js';
import { ScreeningStatusTag } from '../components/screening.js';
import {
  DownloadButton,
  ErrorNotice,
  HashValue,
  Loading,
  Section,
  Stat,
  TierBadge,
} from '../components/ui.js';
import { useResource, usePageTitle } from '../hooks.js';
import {
  countryName,
  fieldLabel,
  formatDate,
  formatDateTime,
  formatFieldValue,
  formatPercent,
  formatPoints,
  formatScore,
  humanize,
  sectorLabel,
  tierLabel,
} from '../lib/format.js';
import {
  causeText,
  disagreementLines,
  extraKey,
  inferredLine,
  listingUploadText,
  matchEvidenceText,
  provenanceLine,
  sourceKeyLabel,
} from '../lib/provenance.js';
import { hrefFor } from '../lib/route.js';
import { screeningStatusDetail } from '../lib/screening.js';
import {
  confidenceDetail,
  confidenceLabel,
  expectedText,
  formatRange,
  priorityReasonText,
  questionRows,
  questionsSummary,
  rangeBar,
  thresholdsFor,
} from '../lib/uncertainty.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

export function SupplierView({ id }: { id: string }) {
  const supplier = useResource<SupplierDetail>(`/suppliers/${id}`);
  const heading = usePageTitle(supplier.data?.name ?? 'Supplier');
  return (
    <>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <Link href="/app/suppliers">Suppliers</Link> <span aria-hidden="true">/</span>{' '}
        <span aria-current="page">{supplier.data?.name ?? '…'}</span>
      </nav>
      {supplier.loading && !supplier.data && <Loading what="the supplier" />}
      {supplier.error && <ErrorNotice error={supplier.error} title="The supplier could not be loaded." />}
      {supplier.data && <SupplierBody supplier={supplier.data} headingRef={heading.ref} />}
    </>
  );
}

function SupplierBody({
  supplier,
  headingRef,
}: {
  supplier: SupplierDetail;
  headingRef: (el: HTMLHeadingElement | null) => void;
}) {
  const assessment = supplier.assessment;
  const uncertainty = assessment?.uncertainty;
  // The tier thresholds to draw the range against; the range reads as plain numbers without them.
  const rules = useResource<RuleSetView>(uncertainty ? '/rulesets/active' : null, { optional: true });
  const thresholds = assessment ? thresholdsFor(assessment.ruleSetHash, rules.data) : undefined;
  const fileName = `${supplier.externalRef ?? supplier.id}-due-diligence.pdf`;
  return (
    <>
      <div class="page-head supplier-head">
        <div>
          <h1 ref={headingRef} tabIndex={-1}>
            {supplier.name}
          </h1>
          <p class="muted">
            {supplier.externalRef && <>Supplier ID {supplier.externalRef} · </>}
            {countryName(supplier.country)} ({supplier.country}) · {sectorLabel(supplier.sector)}
          </p>
        </div>
        <div class="head-actions">
          <DownloadButton
            href={`/suppliers/${supplier.id}/report.pdf`}
            fileName={fileName}
            label="Download PDF report"
            class="primary"
            unavailableText="PDF reports are not available on this server yet."
          />
        </div>
      </div>

      <dl class={uncertainty ? 'stats stats-7' : 'stats'}>
        <Stat
          label="Tier"
          value={<TierBadge tier={supplier.tier} />}
          detail={
            <>
              {raisedBy(assessment)}
              {uncertainty?.couldReach && (
                <span class="could-reach">
                  could reach <TierBadge tier={uncertainty.couldReach} />
                </span>
              )}
            </>
          }
        />
        <Stat
          label="Score"
          value={`${formatScore(supplier.score)} / 100`}
          detail={uncertainty ? 'from known facts only' : 'points after caps and mitigation'}
        />
        {uncertainty && (
          <>
            <Stat
              label="Range"
              value={<span class="range-text">{formatRange(uncertainty.range)}</span>}
              detail={questionsSummary(uncertainty.openQuestions)}
            />
            <Stat
              label="Data confidence"
              value={<span class="confidence-level">{confidenceLabel(uncertainty.confidenceLevel)}</span>}
              detail={confidenceDetail(uncertainty.confidence)}
            />
          </>
        )}
        <Stat
          label="Red flags"
          value={String(supplier.redFlagCount)}
          detail={supplier.redFlagCount ? 'each forces a minimum tier' : 'none found'}
        />
        <Stat
          label="Data completeness"
          value={formatPercent(supplier.dataCompleteness)}
          detail={assessment ? `${assessment.missingData.length} facts to collect` : undefined}
        />
        <Stat
          label="Assessed"
          value={formatDate(assessment?.assessmentDate ?? supplier.assessedAt)}
          detail={
            assessment ? (
              <>
                rule set <HashValue value={assessment.ruleSetHash} label="rule-set hash" />
              </>
            ) : (
              'not scored yet'
            )
          }
        />
      </dl>

      {supplier.priorityReason && (
        <p class="priority-reason">
          <strong>Place in the work list:</strong> {priorityReasonText(supplier.priorityReason)}
        </p>
      )}
      <ScreeningLine supplier={supplier} />
      {!assessment && <p class="notice notice-info">This supplier has not been scored yet.</p>}
      {assessment && <AssessmentSections assessment={assessment} thresholds={thresholds} />}

      <SourceLists listings={supplier.listings} aliases={supplier.aliases} />
      {supplier.disagreements.length > 0 && (
        <Disagreements disagreements={supplier.disagreements} provenance={supplier.provenance} />
      )}

      <Section title="Profile" id="profile">
        <p class="muted">
          Under each value: the source list, upload and row it came from, and since when the list has said it.
        </p>
        <Profile profile={supplier.profile} provenance={supplier.provenance} inferred={supplier.inferred} />
      </Section>

      <Section title="History" id="history">
        {supplier.history.length === 0 ? (
          <p class="muted">No assessments yet.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Assessed</th>
                  <th scope="col">Tier</th>
                  <th scope="col" class="num">
                    Score
                  </th>
                  <th scope="col">Why</th>
                  <th scope="col">Rule set</th>
                </tr>
              </thead>
              <tbody>
                {supplier.history.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatDateTime(entry.assessedAt)}</td>
                    <td>
                      <TierBadge tier={entry.tier} />
                    </td>
                    <td class="num">{formatScore(entry.score)}</td>
                    <td>{causeText(entry.cause)}</td>
                    <td>
                      <HashValue value={entry.ruleSetHash} label="rule-set hash" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}

/** Where the supplier stands against the enforcement lists; the roles that review hits can open its own. */
function ScreeningLine({ supplier }: { supplier: SupplierDetail }) {
  const { can } = useSession();
  return (
    <p class={`screening-line screening-line-${supplier.screening.status}`}>
      <strong>Enforcement-list screening:</strong> <ScreeningStatusTag screening={supplier.screening} />{' '}
      {screeningStatusDetail(supplier.screening)}
      {can.viewScreening && (
        <>
          {' '}
          <Link href={hrefFor({ view: 'screening', status: 'all', supplier: supplier.id })}>
            This supplier’s hits
          </Link>
        </>
      )}
    </p>
  );
}

function raisedBy(assessment: AssessmentResult | null): string | undefined {
  if (!assessment) {
    return undefined;
  }
  if (assessment.tier !== assessment.pointsTier) {
    return `raised from ${tierLabel(assessment.pointsTier)} by red flags`;
  }
  return 'from the points';
}

function AssessmentSections({
  assessment,
  thresholds,
}: {
  assessment: AssessmentResult;
  thresholds: TierThresholds | undefined;
}) {
  const total = assessment.contributions.reduce((sum, c) => sum + c.points, 0);
  const chargedUnknowns = assessment.contributions.some((c) => c.missingData);
  return (
    <>
      {assessment.redFlags.length > 0 && (
        <Section title={`Red flags (${assessment.redFlags.length})`} id="red-flags" class="panel-alert">
          <ul class="flags">
            {assessment.redFlags.map((flag) => (
              <li key={flag.indicatorId}>
                <span class="flag-title">
                  <span aria-hidden="true">⚑ </span>
                  {flag.title}
                </span>{' '}
                <span class="muted">(at least {tierLabel(flag.minimumTier)})</span>
                <p>{flag.evidence}</p>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {assessment.uncertainty && (
        <OpenQuestions
          uncertainty={assessment.uncertainty}
          score={assessment.score}
          thresholds={thresholds}
        />
      )}

      <div class="grid-2">
        <Section title="Recommended actions" id="actions">
          {assessment.recommendedActions.length === 0 ? (
            <p class="muted">No actions recommended.</p>
          ) : (
            <ol class="plain-list numbered">
              {assessment.recommendedActions.map((action) => (
                <li key={action}>{action}</li>
              ))}
            </ol>
          )}
        </Section>
        {/* Assessments with a range list what is missing as questions to ask next (above). */}
        {!assessment.uncertainty && (
          <Section title={`Missing data (${assessment.missingData.length})`} id="missing">
            {assessment.missingData.length === 0 ? (
              <p class="muted">Nothing missing that the rules read.</p>
            ) : (
              <ul class="plain-list">
                {assessment.missingData.map((m) => (
                  <li key={`${m.field}-${m.indicatorId}`}>
                    <strong>{fieldLabel(m.field)}:</strong> {m.followUp}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        )}
      </div>

      <Section title="Score breakdown" id="breakdown">
        <p class="muted">
          {chargedUnknowns
            ? 'Every point comes from a named indicator; points marked “unknown” are charged because the data is missing.'
            : 'Every point comes from a named indicator and a known fact.'}
        </p>
        <div class="table-wrap">
          <table class="breakdown">
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col">Category</th>
                <th scope="col" class="num">
                  Points
                </th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {assessment.contributions.map((c) => (
                <tr key={c.indicatorId} class={c.points < 0 ? 'mitigation' : undefined}>
                  <td>
                    {c.title}
                    <span class="ref">{c.indicatorId}</span>
                  </td>
                  <td>{humanize(c.category)}</td>
                  <td class="num points">{formatPoints(c.points)}</td>
                  <td>
                    {c.missingData && <span class="tag tag-unknown">unknown</span>} {c.evidence}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Score
                </th>
                <td class="num points">{formatScore(assessment.score)}</td>
                <td class="muted">
                  {Math.abs(total - assessment.score) > 0.05
                    ? `the indicator points add up to ${formatScore(total)}; the score keeps within 0–100 and the inherent floor`
                    : `${tierLabel(assessment.pointsTier)} on points`}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </Section>
    </>
  );
}

function OpenQuestions({
  uncertainty,
  score,
  thresholds,
}: {
  uncertainty: AssessmentUncertainty;
  score: number;
  thresholds: TierThresholds | undefined;
}) {
  const bar = rangeBar(uncertainty.range, score, thresholds);
  const rows = questionRows(uncertainty.openQuestions);
  return (
    <Section title={`Questions to ask next (${rows.length})`} id="open-questions">
      <p class="muted">
        The assessed score counts known facts only; the range {formatRange(uncertainty.range)} is what the
        open questions below leave open.
      </p>
      {expectedText(uncertainty) && <p class="expected-score">{expectedText(uncertainty)}</p>}
      <figure class="range-figure">
        <div class="range-bar" role="img" aria-label={bar.label}>
          <div class="range-track" aria-hidden="true">
            {bar.bands.map((band) => (
              <span
                key={band.tier}
                class={`range-band band-${band.tier}`}
                style={{ left: `${band.from}%`, width: `${band.width}%` }}
              />
            ))}
            <span class="range-span" style={{ left: `${bar.from}%`, width: `${bar.width}%` }} />
            <span class="range-score" style={{ left: `${bar.score}%` }} />
          </div>
          <div class="range-scale" aria-hidden="true">
            {bar.ticks.map((tick) => (
              <span key={tick} style={{ left: `${tick}%` }}>
                {tick}
              </span>
            ))}
          </div>
        </div>
        <figcaption class="legend">
          <span class="legend-item">
            <span class="swatch swatch-range" aria-hidden="true" /> range {formatRange(uncertainty.range)}
          </span>
          <span class="legend-item">
            <span class="swatch swatch-score" aria-hidden="true" /> assessed score {formatScore(score)}
          </span>
          {thresholds ? (
            <span class="legend-item">tier bands from the rule set’s thresholds</span>
          ) : (
            <span class="legend-item">0 to 100 points</span>
          )}
        </figcaption>
      </figure>
      {rows.length === 0 ? (
        <p class="muted">Nothing the rules weigh is unknown.</p>
      ) : (
        <div class="table-wrap">
          <table class="questions">
            <caption class="visually-hidden">
              Questions to ask next, most valuable first: {questionsSummary(uncertainty.openQuestions)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">What to ask for</th>
                <th scope="col" class="num">
                  Points left open
                </th>
                <th scope="col" class="num">
                  Answers add
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} class={row.couldRaiseRedFlag ? 'could-flag' : undefined}>
                  <th scope="row">
                    <span class="question-title">{row.title}</span>
                    {row.couldRaiseRedFlag && (
                      <span class="tag tag-could-flag">
                        <span aria-hidden="true">⚑ </span>could raise a red flag
                      </span>
                    )}
                    <span class="ref">needs {row.needs}</span>
                  </th>
                  <td>{row.followUp}</td>
                  <td class="num points">{row.openPoints}</td>
                  <td class="num">{row.answers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function Profile({
  profile: record,
  provenance,
  inferred,
}: {
  profile: SupplierRecord;
  provenance: Record<string, FieldProvenance>;
  inferred: SupplierDetail['inferred'];
}) {
  // Read by field name: the answer may also hold fields this page does not list yet, shown as they come.
  const profile: Record<string, unknown> = { ...record };
  const extra = Object.entries(record.extra ?? {});
  const listed = new Set<string>(FIELD_GROUPS.flatMap((g) => g.fields));
  const others = Object.keys(profile).filter((key) => key !== 'extra' && !listed.has(key));
  return (
    <div class="profile-grid">
      {FIELD_GROUPS.map((group) => (
        <div key={group.id} class="profile-group">
          <h3>{group.title}</h3>
          <dl class="fields">
            {group.fields.map((field) => (
              <div key={field} class={profile[field] === undefined ? 'unknown' : undefined}>
                <dt>{fieldLabel(field)}</dt>
                <dd>
                  {formatFieldValue(field, profile[field])}
                  {profile[field] !== undefined && <Provenance of={provenance[field]} />}
                  {field === 'region' && inferred.region && !provenance.region && (
                    <span class="provenance">{inferredLine(inferred.region)}</span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
      {(extra.length > 0 || others.length > 0) && (
        <div class="profile-group">
          <h3>Extra attributes (as uploaded)</h3>
          <dl class="fields">
            {others.map((field) => (
              <div key={field}>
                <dt>{fieldLabel(field)}</dt>
                <dd>
                  {formatFieldValue(field, profile[field])}
                  <Provenance of={provenance[field]} />
                </dd>
              </div>
            ))}
            {extra.map(([key, value]) => (
              <div key={`extra-${key}`}>
                <dt>{key}</dt>
                <dd>
                  {value || '(empty)'}
                  <Provenance of={provenance[extraKey(key)]} />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}

function Provenance({ of }: { of: FieldProvenance | undefined }) {
  return of ? <span class="provenance">{provenanceLine(of)}</span> : null;
}

function SourceLists({ listings, aliases }: { listings: SiteListing[]; aliases: string[] }) {
  return (
    <Section title="Source lists" id="source-lists">
      {listings.length === 0 ? (
        <p class="muted">No source list lists this site.</p>
      ) : (
        <div class="table-wrap">
          <table class="listings">
            <thead>
              <tr>
                <th scope="col">Source list</th>
                <th scope="col">List’s reference</th>
                <th scope="col">Name in the list</th>
                <th scope="col">Matched</th>
                <th scope="col">Last upload</th>
              </tr>
            </thead>
            <tbody>
              {listings.map((listing, index) => {
                const match = matchEvidenceText(listing.matchEvidence);
                return (
                  <tr key={`${listing.list.id}-${index}`}>
                    <th scope="row">{listing.list.name}</th>
                    <td>{listing.externalRef ?? <span class="muted">none</span>}</td>
                    <td>{listing.name}</td>
                    <td class={match.weaker ? 'match-weaker' : undefined}>
                      {match.weaker && <span aria-hidden="true">⚠ </span>}
                      {match.text}
                    </td>
                    <td>
                      {listingUploadText(listing)}
                      {!listing.current && (
                        <span class="tag tag-unlisted">no longer listed in the latest upload</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {aliases.length > 0 && (
        <>
          <h3>Also listed as</h3>
          <ul class="plain-list aliases">
            {aliases.map((alias) => (
              <li key={alias}>{alias}</li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function Disagreements({
  disagreements,
  provenance,
}: {
  disagreements: FieldDisagreement[];
  provenance: Record<string, FieldProvenance>;
}) {
  return (
    <Section title="Lists disagree" id="disagreements">
      <p class="muted">
        The value in use is listed first and marked “in use”: the one its list changed most recently, except
        the site’s name, address and country, which stay as the list that first described the site wrote them.
      </p>
      <div class="table-wrap">
        <table class="disagreements">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Value</th>
              <th scope="col">Source list</th>
              <th scope="col">Upload and row</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          {disagreements.map((disagreement) => {
            const lines = disagreementLines(disagreement, provenance[disagreement.field]);
            return (
              <tbody key={disagreement.field}>
                {lines.map((line, index) => (
                  <tr key={index} class={line.inUse ? 'in-use' : undefined}>
                    {index === 0 && (
                      <th scope="rowgroup" rowSpan={lines.length}>
                        {sourceKeyLabel(disagreement.field)}
                      </th>
                    )}
                    <td>
                      {line.value}
                      {line.inUse && <span class="tag tag-in-use">in use</span>}
                    </td>
                    <td>{line.list}</td>
                    <td>{line.where}</td>
                    <td>{line.since}</td>
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
    </Section>
  );
}

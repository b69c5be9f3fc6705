import type {
  AssessmentResult,
  FieldDisagreement,
  FieldProvenance,
  SiteListing,
  SupplierDetail,
  SupplierRecord,
} from '../api/types.js';
import { DownloadButton, ErrorNotice, Loading, Section, Stat, TierBadge } from '../components/ui.js';
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
  shortHash,
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
import { Link } from '../router.js';

const PROFILE_GROUPS: { title: string; fields: string[] }[] = [
  {
    title: 'Identity and location',
    fields: [
      'externalRef',
      'name',
      'country',
      'region',
      'city',
      'address',
      'postalCode',
      'latitude',
      'longitude',
      'parentCompany',
    ],
  },
  {
    title: 'Activity and supply chain',
    fields: [
      'sector',
      'subSector',
      'facilityType',
      'products',
      'supplyChainTier',
      'subcontractors',
      'undisclosedSubcontracting',
    ],
  },
  {
    title: 'Workforce and recruitment',
    fields: [
      'workerCount',
      'femaleWorkerPct',
      'migrantWorkerPct',
      'temporaryWorkerPct',
      'usesLabourAgency',
      'recruitmentFeesPaidByWorkers',
      'employerProvidedHousing',
    ],
  },
  {
    title: 'ILO forced-labour indicators reported',
    fields: [
      'identityDocumentsRetained',
      'wagesWithheld',
      'debtBondage',
      'movementRestricted',
      'isolation',
      'physicalOrSexualViolence',
      'intimidationAndThreats',
      'abusiveLivingConditions',
      'excessiveOvertime',
      'deception',
      'abuseOfVulnerability',
      'childLabourReported',
    ],
  },
  {
    title: 'Audits, certifications and grievances',
    fields: ['lastAuditDate', 'auditScheme', 'certifications', 'grievanceMechanism'],
  },
  { title: 'Commercial', fields: ['annualSpend', 'currency'] },
];

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

      <dl class="stats">
        <Stat label="Tier" value={<TierBadge tier={supplier.tier} />} detail={raisedBy(assessment)} />
        <Stat
          label="Score"
          value={`${formatScore(supplier.score)} / 100`}
          detail="points after caps and mitigation"
        />
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
          detail={assessment ? `rule set ${shortHash(assessment.ruleSetHash)}` : 'not scored yet'}
        />
      </dl>

      {!assessment && <p class="notice notice-info">This supplier has not been scored yet.</p>}
      {assessment && <AssessmentSections assessment={assessment} />}

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
                      <code title={entry.ruleSetHash}>{shortHash(entry.ruleSetHash)}</code>
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

function raisedBy(assessment: AssessmentResult | null): string | undefined {
  if (!assessment) {
    return undefined;
  }
  if (assessment.tier !== assessment.pointsTier) {
    return `raised from ${tierLabel(assessment.pointsTier)} by red flags`;
  }
  return 'from the points';
}

function AssessmentSections({ assessment }: { assessment: AssessmentResult }) {
  const total = assessment.contributions.reduce((sum, c) => sum + c.points, 0);
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
      </div>

      <Section title="Score breakdown" id="breakdown">
        <p class="muted">
          Every point comes from a named indicator; points marked “unknown” are charged because the data is
          missing.
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
  const listed = new Set(PROFILE_GROUPS.flatMap((g) => g.fields));
  const others = Object.keys(profile).filter((key) => key !== 'extra' && !listed.has(key));
  return (
    <div class="profile-grid">
      {PROFILE_GROUPS.map((group) => (
        <div key={group.title} class="profile-group">
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
              {listings.map((listing) => {
                const match = matchEvidenceText(listing.matchEvidence);
                return (
                  <tr key={listing.list.id}>
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

import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client.js';
import type {
  IndicatorDefinition,
  RuleFile,
  RuleIssue,
  RuleSetView,
  SimulationResult,
} from '../api/types.js';
import { ErrorNotice, HashValue, Loading, NotAllowed, Notice, Section, TierBadge } from '../components/ui.js';
import { useResource, usePageTitle } from '../hooks.js';
import { issueLocation, ruleIssues } from '../lib/api-errors.js';
import { countryName, formatCount, formatScore, tierLabel } from '../lib/format.js';
import { notAllowedReason } from '../lib/roles.js';
import {
  changedDraftFiles,
  draftState,
  type DraftState,
  formatDelta,
  indicatorsByCategory,
  summariseIndicator,
  tierMovement,
  tierRanges,
} from '../lib/rules.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

export function RulesView() {
  const heading = usePageTitle('Rules');
  const rules = useResource<RuleSetView>('/rulesets/active');
  return (
    <>
      <div class="page-head">
        <h1 ref={heading.ref} tabIndex={-1}>
          Rules
        </h1>
        {rules.data && (
          <p class="muted">
            {rules.data.name}, version {rules.data.version} · hash{' '}
            <HashValue value={rules.data.hash} label="rule-set hash" />
          </p>
        )}
      </div>
      <nav class="in-page" aria-label="On this page">
        <a href="#thresholds">Tiers</a>
        <a href="#categories">Categories</a>
        <a href="#indicators">Indicators</a>
        <a href="#sources">Sources</a>
        <a href="#what-if">What-if</a>
      </nav>
      {rules.loading && !rules.data && <Loading what="the active rule set" />}
      {rules.error && <ErrorNotice error={rules.error} title="The rule set could not be loaded." />}
      {rules.data && <RuleSetBody rules={rules.data} />}
      <WhatIf />
    </>
  );
}

function RuleSetBody({ rules }: { rules: RuleSetView }) {
  return (
    <>
      {rules.description && <p class="lead">{rules.description}</p>}
      <div class="grid-2 grid-top">
        <Section title="Tiers" id="thresholds">
          <table>
            <thead>
              <tr>
                <th scope="col">Tier</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {tierRanges(rules.thresholds).map(({ tier, range }) => (
                <tr key={tier}>
                  <td>
                    <TierBadge tier={tier} />
                  </td>
                  <td>{range}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">
            Red flags raise a supplier to at least the tier their indicator names, whatever the score.
          </p>
        </Section>
        <Section title="Categories" id="categories">
          <table>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col" class="num">
                  Cap
                </th>
                <th scope="col">Kind</th>
              </tr>
            </thead>
            <tbody>
              {rules.categories.map((category) => (
                <tr key={category.id}>
                  <td>{category.title}</td>
                  <td class="num">{category.mitigation ? `−${category.cap}` : `+${category.cap}`}</td>
                  <td>
                    {category.mitigation
                      ? 'mitigation'
                      : category.inherent
                        ? 'inherent (floor)'
                        : 'supplier-specific'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">
            A category adds at most its cap. Mitigation never takes a score below its inherent floor.
          </p>
        </Section>
      </div>

      <Section title={`Indicators (${rules.indicators.length})`} id="indicators">
        {indicatorsByCategory(rules).map(({ category, indicators }) => (
          <div key={category.id} class="indicator-group">
            <h3>
              {category.title} <span class="muted">· cap {category.cap} points</span>
            </h3>
            <div class="table-wrap">
              <table class="indicators">
                <thead>
                  <tr>
                    <th scope="col">Indicator</th>
                    <th scope="col">Reads</th>
                    <th scope="col">Points</th>
                    <th scope="col">If unknown</th>
                  </tr>
                </thead>
                <tbody>
                  {indicators.map((indicator) => (
                    <IndicatorRow key={indicator.id} indicator={indicator} />
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </Section>

      <Section title="Sources" id="sources">
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Reference table</th>
                <th scope="col">Publisher</th>
                <th scope="col">Edition</th>
                <th scope="col" class="num">
                  Rows
                </th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {rules.sources.map((source) => (
                <tr key={source.id}>
                  <td>
                    {source.source && /^https?:\/\//.test(source.source) ? (
                      <a href={source.source} rel="noreferrer" target="_blank">
                        {source.title}
                      </a>
                    ) : (
                      source.title
                    )}
                  </td>
                  <td>{source.publisher}</td>
                  <td>{source.edition}</td>
                  <td class="num">{formatCount(source.rows)}</td>
                  <td>
                    <code>{source.file}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </>
  );
}

function IndicatorRow({ indicator }: { indicator: IndicatorDefinition }) {
  const summary = summariseIndicator(indicator);
  return (
    <tr>
      <td class="indicator-title">
        <details>
          <summary>
            {indicator.title}
            {indicator.redFlag && (
              <span class="tag tag-flag">
                <span aria-hidden="true">⚑ </span>red flag: at least{' '}
                {tierLabel(indicator.redFlag.minimumTier)}
              </span>
            )}
          </summary>
          <dl class="fields compact">
            <div>
              <dt>ID</dt>
              <dd>
                <code>{indicator.id}</code>
              </dd>
            </div>
            {indicator.description && (
              <div>
                <dt>About</dt>
                <dd>{indicator.description}</dd>
              </div>
            )}
            <div>
              <dt>Evidence</dt>
              <dd>
                <code>{indicator.evidence}</code>
              </dd>
            </div>
            {indicator.followUp && (
              <div>
                <dt>If unknown, ask</dt>
                <dd>{indicator.followUp}</dd>
              </div>
            )}
            {indicator.actions.length > 0 && (
              <div>
                <dt>Actions</dt>
                <dd>
                  <ul class="plain-list">
                    {indicator.actions.map((action) => (
                      <li key={action}>{action}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
          </dl>
        </details>
      </td>
      <td>{summary.reads}</td>
      <td>
        <ul class="points-list">
          {summary.points.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </td>
      <td>{summary.missing ?? <span class="muted">nothing</span>}</td>
    </tr>
  );
}

interface DraftFile extends RuleFile {
  key: number;
}

let nextKey = 1;

const DRAFT_STATE_TEXT: Record<DraftState, string> = {
  unchanged: 'same as the active rule set',
  edited: 'edited',
  new: 'not in the active rule set',
};

/** Score the portfolio with changed rule files, without saving anything: which suppliers would change tier. */
function WhatIf() {
  const { me, can } = useSession();
  const active = useResource<RuleFile[]>('/rulesets/active/files', { optional: true });
  const activeFiles = active.data ?? [];
  const [files, setFiles] = useState<DraftFile[]>([{ key: nextKey++, path: 'ruleset.yaml', content: '' }]);
  const [pick, setPick] = useState('');
  const [busy, setBusy] = useState<'validate' | 'simulate'>();
  const [error, setError] = useState<ApiError>();
  const [issues, setIssues] = useState<RuleIssue[]>([]);
  const [valid, setValid] = useState<RuleSetView>();
  const [result, setResult] = useState<SimulationResult>();

  // Start from the active ruleset.yaml (thresholds, categories): the file most what-ifs change. Only while the
  // editor is still untouched, so a late answer never overwrites the reader's typing.
  useEffect(() => {
    const main = active.data?.find((file) => file.path === 'ruleset.yaml') ?? active.data?.[0];
    if (!main) {
      return;
    }
    setFiles((current) =>
      current.length === 1 && current[0].content === '' ? [{ ...current[0], ...main }] : current,
    );
  }, [active.data]);

  // An answer about an earlier draft would mislead once the draft changes.
  const clearOutcome = () => {
    setError(undefined);
    setIssues([]);
    setValid(undefined);
    setResult(undefined);
  };

  const update = (key: number, patch: Partial<RuleFile>) => {
    clearOutcome();
    setFiles((current) => current.map((file) => (file.key === key ? { ...file, ...patch } : file)));
  };

  /** Opens a file of the active rule set in the editor (or shows it again if it is already open). */
  const open = (path: string) => {
    const source = activeFiles.find((file) => file.path === path);
    if (!source) {
      return;
    }
    setFiles((current) => {
      if (current.some((file) => file.path.trim() === path)) {
        return current;
      }
      // It takes the place of an editor left empty or unchanged, rather than piling up below it.
      const kept = current.filter(
        (file) => file.content.trim() !== '' && draftState(file, activeFiles) !== 'unchanged',
      );
      return [...kept, { key: nextKey++, ...source }];
    });
    setPick('');
  };

  const addFromDisk = async (list: FileList | null) => {
    const chosen = [...(list ?? [])];
    clearOutcome();
    const read = await Promise.all(
      chosen.map(async (file) => ({ key: nextKey++, path: file.name, content: await file.text() })),
    );
    setFiles((current) => [
      ...current.filter(
        (file) => file.content.trim() !== '' && draftState(file, activeFiles) !== 'unchanged',
      ),
      ...read,
    ]);
  };

  const run = async (kind: 'validate' | 'simulate') => {
    const draft = changedDraftFiles(files, activeFiles);
    clearOutcome();
    if (draft.length === 0) {
      setError(
        new ApiError(
          'Nothing is changed yet: edit a file (for example a threshold in ruleset.yaml), paste one or choose one first.',
          400,
        ),
      );
      return;
    }
    setBusy(kind);
    try {
      if (kind === 'validate') {
        setValid(await api<RuleSetView>('/rulesets/validate', { body: { files: draft } }));
      } else {
        setResult(await api<SimulationResult>('/rulesets/simulate', { body: { files: draft } }));
      }
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError(String(caught), 0);
      setError(apiError);
      setIssues(ruleIssues(apiError.details));
    } finally {
      setBusy(undefined);
    }
  };

  const openPaths = new Set(files.map((file) => file.path.trim()));
  return (
    <Section title="What-if: try a draft rule set" id="what-if">
      <p>
        Change a rule file of the active rule set (for example the thresholds in <code>ruleset.yaml</code>, or
        an indicator's points), paste one, or choose files from your computer. Only the files you change are
        sent: the others are taken from the active rule set. Nothing is saved and no score changes.
      </p>
      {!can.tryRules && (
        <NotAllowed>{notAllowedReason('tryRules', me?.role)} You can read the rule files below.</NotAllowed>
      )}
      {active.error && (
        <ErrorNotice error={active.error} title="The active rule files could not be loaded." />
      )}
      <form
        class="what-if"
        onSubmit={(event) => {
          event.preventDefault();
          void run('simulate');
        }}
      >
        <div class="what-if-body">
          {activeFiles.length > 0 && (
            <div class="open-file">
              <label>
                {can.tryRules ? 'Open a file of the active rule set' : 'Read a file of the active rule set'}
                <select value={pick} onChange={(e) => setPick(e.currentTarget.value)}>
                  <option value="">Choose a file…</option>
                  {activeFiles.map((file) => (
                    <option key={file.path} value={file.path} disabled={openPaths.has(file.path)}>
                      {file.path}
                      {openPaths.has(file.path) ? ' (open below)' : ''}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" class="button" disabled={pick === ''} onClick={() => open(pick)}>
                {can.tryRules ? 'Open in the editor' : 'Show'}
              </button>
            </div>
          )}
          {files.map((file, index) => {
            const state = activeFiles.length > 0 ? draftState(file, activeFiles) : undefined;
            const original = activeFiles.find((candidate) => candidate.path === file.path.trim());
            return (
              <fieldset key={file.key} class="draft-file">
                <legend>
                  {can.tryRules ? 'Draft file' : 'Rule file (read only)'} {files.length > 1 ? index + 1 : ''}
                  {can.tryRules && state && file.content.trim() !== '' && (
                    <span class={`draft-state draft-${state}`}> · {DRAFT_STATE_TEXT[state]}</span>
                  )}
                </legend>
                <label>
                  Path in rules/
                  <input
                    type="text"
                    value={file.path}
                    required
                    list="active-rule-files"
                    readOnly={!can.tryRules}
                    pattern="[A-Za-z0-9_.\/\-]+\.(yaml|yml|csv)"
                    title="A path inside rules/, such as ruleset.yaml or indicators/workforce.yaml"
                    onInput={(e) => update(file.key, { path: e.currentTarget.value })}
                  />
                </label>
                <label>
                  Content
                  <textarea
                    rows={14}
                    spellcheck={false}
                    readOnly={!can.tryRules}
                    value={file.content}
                    onInput={(e) => update(file.key, { content: e.currentTarget.value })}
                  />
                </label>
                <div class="draft-file-actions">
                  {can.tryRules && original && state === 'edited' && (
                    <button
                      type="button"
                      class="button link-button"
                      onClick={() => update(file.key, { content: original.content })}
                    >
                      Undo my changes to this file
                    </button>
                  )}
                  {can.tryRules && files.length > 1 && (
                    <button
                      type="button"
                      class="button link-button"
                      onClick={() => {
                        clearOutcome();
                        setFiles((current) => current.filter((f) => f.key !== file.key));
                      }}
                    >
                      Remove this file
                    </button>
                  )}
                </div>
              </fieldset>
            );
          })}
          <datalist id="active-rule-files">
            {activeFiles.map((file) => (
              <option key={file.path} value={file.path} />
            ))}
          </datalist>
          {can.tryRules && (
            <div class="actions">
              <button
                type="button"
                class="button"
                onClick={() =>
                  setFiles((current) => [...current, { key: nextKey++, path: 'indicators/', content: '' }])
                }
              >
                Add an empty file
              </button>
              <label class="button file-button">
                Choose files…
                <input
                  type="file"
                  accept=".yaml,.yml,.csv"
                  multiple
                  class="visually-hidden"
                  onChange={(e) => {
                    void addFromDisk(e.currentTarget.files);
                    e.currentTarget.value = '';
                  }}
                />
              </label>
              <span class="spacer" />
              <button
                type="button"
                class="button"
                disabled={busy !== undefined}
                onClick={() => void run('validate')}
              >
                {busy === 'validate' ? 'Checking…' : 'Check the draft'}
              </button>
              <button type="submit" class="button primary" disabled={busy !== undefined}>
                {busy === 'simulate' ? 'Simulating…' : 'Simulate'}
              </button>
            </div>
          )}
        </div>
      </form>

      {error && issues.length === 0 && <ErrorNotice error={error} />}
      {issues.length > 0 && (
        <div class="notice notice-error" role="alert">
          <strong>The draft has {issues.length === 1 ? 'a problem' : `${issues.length} problems`}:</strong>
          <ul class="plain-list">
            {issues.map((issue, index) => (
              <li key={index}>
                <span class="issue-where">{issueLocation(issue)}:</span> {issue.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {valid && (
        <Notice tone="success">
          The draft is valid: {valid.indicators.length} indicators, thresholds {valid.thresholds.medium} /{' '}
          {valid.thresholds.high} / {valid.thresholds.critical}, hash{' '}
          <HashValue value={valid.hash} label="draft's hash" />.
        </Notice>
      )}
      {result && <SimulationTable result={result} />}
    </Section>
  );
}

function SimulationTable({ result }: { result: SimulationResult }) {
  return (
    <div class="simulation" aria-live="polite">
      <h3>Tier changes</h3>
      <p>
        {result.suppliers === 0
          ? 'There are no suppliers to score yet.'
          : result.changed === 0
            ? `None of the ${formatCount(result.suppliers)} suppliers would change tier.`
            : `${formatCount(result.changed)} of ${formatCount(result.suppliers)} suppliers would change tier.`}{' '}
        <span class="muted">
          Draft <HashValue value={result.draftHash} label="draft's hash" /> against active{' '}
          <HashValue value={result.activeHash} label="active rule-set hash" />.
        </span>
      </p>
      <div class="grid-2">
        <table class="tier-compare">
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col" class="num">
                Now
              </th>
              <th scope="col" class="num">
                Draft
              </th>
              <th scope="col" class="num">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {result.tiers.map((row) => (
              <tr key={row.tier}>
                <td>
                  <TierBadge tier={row.tier} />
                </td>
                <td class="num">{formatCount(row.current)}</td>
                <td class="num">{formatCount(row.draft)}</td>
                <td class="num">{formatDelta(row.current, row.draft)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.changes.length > 0 && (
        <div class="table-wrap">
          <table class="changes">
            <caption class="visually-hidden">
              Suppliers whose tier would change, the largest moves first
            </caption>
            <thead>
              <tr>
                <th scope="col">Supplier</th>
                <th scope="col">Country</th>
                <th scope="col">Now</th>
                <th scope="col">Draft</th>
                <th scope="col" class="num">
                  Score now → draft
                </th>
                <th scope="col">Move</th>
              </tr>
            </thead>
            <tbody>
              {result.changes.map((change) => {
                const movement = tierMovement(change.from, change.to);
                return (
                  <tr key={change.supplierId}>
                    <td>
                      <Link href={`/app/suppliers/${change.supplierId}`}>{change.name}</Link>
                    </td>
                    <td>{countryName(change.country)}</td>
                    <td>
                      <TierBadge tier={change.from} />
                    </td>
                    <td>
                      <TierBadge tier={change.to} />
                    </td>
                    <td class="num">
                      {formatScore(change.scoreFrom)} → {formatScore(change.scoreTo)}
                    </td>
                    <td class={`move move-${movement}`}>
                      {movement === 'up'
                        ? '↑ raised'
                        : movement === 'down'
                          ? '↓ lowered'
                          : movement === 'new'
                            ? 'first tier'
                            : 'same'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {result.changed > result.changes.length && (
            <p class="muted">Showing the {formatCount(result.changes.length)} largest moves.</p>
          )}
        </div>
      )}
    </div>
  );
}

/** A re-scoring of the portfolio after a rule change, as `GET /rulesets/rescore/:id` shows it. */
export interface RescoreJob {
  id: string;
  status: 'running' | 'completed' | 'failed';
  ruleSetHash: string;
  total: number;
  done: number;
  tierChanges: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** What `POST /rulesets/reload` answers: the rule set now in force and, when it changed, its re-scoring. */
export interface RuleSetReloaded {
  hash: string;
  changed: boolean;
  job: RescoreJob | null;
}

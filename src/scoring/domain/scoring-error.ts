export type ScoringErrorCode = 'INVALID_ASSESSMENT_DATE';

/** A request the scoring engine cannot answer, e.g. an assessment date that is not a date. */
export class ScoringError extends Error {
  constructor(
    readonly code: ScoringErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ScoringError';
  }
}

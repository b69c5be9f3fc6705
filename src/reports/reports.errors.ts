import { DomainError } from '../common/errors/domain-error.js';

export class ReportNotReadyError extends DomainError {
  readonly kind = 'conflict';

  constructor(id: string, status: string) {
    super(
      'REPORT_NOT_READY',
      `Report ${id} is ${status === 'failed' ? 'failed' : 'still being generated'}; see GET /reports/${id}/status.`,
    );
  }
}

export class NotAssessedError extends DomainError {
  readonly kind = 'conflict';

  constructor(id: string) {
    super('NOT_ASSESSED', `Supplier ${id} has not been assessed yet, so there is nothing to report.`);
  }
}

export class NotAPdfError extends DomainError {
  readonly kind = 'invalid-input';

  constructor() {
    super('NOT_A_PDF', 'Upload the PDF report to verify as the form field "file".');
  }
}

import { DomainError, type ErrorKind } from '../../common/errors/domain-error.js';

export const REPORT_ERROR_CODES = ['FONT_NOT_INSTALLED', 'REPORT_DATA_INVALID'] as const;
export type ReportErrorCode = (typeof REPORT_ERROR_CODES)[number];

const KIND_BY_CODE: Record<ReportErrorCode, ErrorKind> = {
  // A missing font package is a deployment defect: the report cannot be produced until it is installed.
  FONT_NOT_INSTALLED: 'unavailable',
  REPORT_DATA_INVALID: 'invalid-input',
};

export class ReportError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: ReportErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.kind = KIND_BY_CODE[code];
  }
}

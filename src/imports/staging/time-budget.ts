import { ImportError } from '../domain/import-error.js';
import type { StagingRun } from './staging-run.js';

/**
 * The time one import may take before it is stopped (IMPORT_MAX_MINUTES): a file that would keep a core busy for
 * hours is refused like one that is too large. Counted from the start of staging; what was staged is rolled back
 * with the apply's transaction.
 */
export class ImportTimeBudget {
  private timer?: NodeJS.Timeout;

  constructor(private readonly seconds: number) {}

  watch(run: StagingRun): StagingRun {
    this.stop();
    this.timer = setTimeout(() => run.abort(importTimeLimit(this.seconds)), this.seconds * 1000);
    this.timer.unref();
    return run;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export function importTimeLimit(seconds: number): ImportError {
  const minutes = seconds / 60;
  const span = Number.isInteger(minutes)
    ? `${minutes} minute${minutes === 1 ? '' : 's'}`
    : `${seconds} seconds`;
  return new ImportError(
    'IMPORT_TIME_LIMIT',
    `The import was stopped after ${span}, the longest one import may run (the server setting IMPORT_MAX_MINUTES); ` +
      'nothing from it was saved. Split the supplier list into smaller files, or remove empty rows and columns, ' +
      'and upload again.',
    { limit: seconds },
  );
}

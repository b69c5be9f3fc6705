import type { RuleFile } from '../../rules/domain/parse-rule-set.js';
import { ImportError, type ImportErrorCode, type ImportErrorDetails } from '../domain/import-error.js';
import type { RejectedRow, StagingInput, StagingSummary } from './stage-rows.js';
import type { StagedChunk } from './staged-chunk.js';

// The messages between the import (main thread) and its staging worker.

export interface StagingWorkerData {
  input: StagingInput;
  /** The rule set in force, as files: the worker compiles it and checks it gets the same hash. */
  ruleFiles: RuleFile[];
  ruleSetHash: string;
}

/** Worker to main thread. */
export type StagingMessage =
  | { kind: 'opened'; columns: string[] }
  | { kind: 'rows'; chunk: StagedChunk }
  | { kind: 'rejected'; rows: RejectedRow[] }
  | { kind: 'progress'; read: number }
  | { kind: 'done'; summary: StagingSummary }
  | {
      kind: 'failed';
      error:
        | { code: ImportErrorCode; message: string; details: ImportErrorDetails }
        | { code?: undefined; message: string; stack?: string };
    };

/** Main thread to worker: it may send this many more chunks. */
export interface WorkerCommand {
  chunks: number;
}

/** A failure as a message: an ImportError keeps its code and details, anything else its message and stack. */
export function failedMessage(error: unknown): StagingMessage {
  return {
    kind: 'failed',
    error:
      error instanceof ImportError
        ? { code: error.code, message: error.message, details: error.details }
        : {
            message: error instanceof Error ? error.message : String(error),
            stack: error instanceof Error ? error.stack : undefined,
          },
  };
}

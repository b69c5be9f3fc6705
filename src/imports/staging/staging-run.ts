import type { CompiledRuleSet } from '../../rules/domain/compiled-rule-set.js';
import { startWorker } from '../../common/workers/worker-entry.js';
import { Credits } from './credits.js';
import type { RuleFile } from '../../rules/domain/parse-rule-set.js';
import { ImportError } from '../domain/import-error.js';
import { type StagedSupplier, stagedSuppliers } from './staged-chunk.js';
import { type RejectedRow, stageRows, type StagingInput, type StagingSummary } from './stage-rows.js';
import {
  failedMessage,
  type StagingMessage,
  type StagingWorkerData,
  type WorkerCommand,
} from './staging-protocol.js';

/**
 * Chunks staging may run ahead of the apply: enough to keep both busy, few enough to bound memory. Two measured
 * as fast as four or faster (docs/benchmarks.md), with the same peak.
 */
const CHUNKS_AHEAD = 2;
/**
 * The worker's heap: room for the rule set and the keys of a 1,000,000-row file (its rejected rows come over to
 * the main thread as they are found). A cap also keeps V8 from growing the heap lazily towards the service's.
 */
const WORKER_HEAP_MB = 256;
/** Its young generation (48 MB by default): 8 MB measured as fast on a 100,000-row import, and 20-40 MB lighter. */
const WORKER_YOUNG_MB = 8;

/** What staging hands the apply: a chunk of staged rows, or of rows listed in the error workbook. */
export type StagedItem =
  { kind: 'rows'; suppliers: StagedSupplier[] } | { kind: 'rejected'; rows: RejectedRow[] };

/** Where an import's rows are staged: a worker thread (the other core) or the main thread between its writes. */
export type StagingThread = 'worker' | 'main';

interface Stager {
  grant(chunks: number): void;
  stop(): Promise<void>;
}

/**
 * One staging of an upload, as the apply sees it: the file's columns once it is open, then its staged rows a chunk
 * at a time, then the summary. Each chunk taken lets staging run one more ahead.
 */
export class StagingRun {
  private readonly queue: StagingMessage[] = [];
  private wake?: () => void;
  private failure?: Error;
  private ended = false;
  private result?: StagingSummary;
  private stager?: Stager;
  private aborted?: Error;
  /** Rejected and duplicate rows and rows with warnings handed over so far. */
  private rejectedCount = 0;

  private constructor(private readonly onProgress: (read: number) => void) {}

  static start(
    thread: StagingThread,
    input: StagingInput,
    rules: { hash: string; files: RuleFile[]; compiled: CompiledRuleSet },
    onProgress: (read: number) => void,
  ): StagingRun {
    const run = new StagingRun(onProgress);
    run.stager = thread === 'worker' ? run.inWorker(input, rules) : run.inMainThread(input, rules.compiled);
    run.stager.grant(CHUNKS_AHEAD);
    return run;
  }

  /** The fields and extra attributes the file has columns for; an ImportError when the file cannot be read. */
  async opened(): Promise<string[]> {
    const message = await this.next();
    if (message.kind !== 'opened') {
      throw new Error(`Staging sent ${message.kind} before opening the file`);
    }
    return message.columns;
  }

  /**
   * The staged rows and the rejected ones (with duplicates and rows with warnings), a chunk at a time, in the
   * order staging found them; `summary` is set once they are all out.
   */
  async *chunks(): AsyncGenerator<StagedItem> {
    for (;;) {
      const message = await this.next();
      if (message.kind === 'rows') {
        this.stager?.grant(1);
        yield { kind: 'rows', suppliers: stagedSuppliers(message.chunk) };
      } else if (message.kind === 'rejected') {
        this.stager?.grant(1);
        this.rejectedCount += message.rows.length;
        yield { kind: 'rejected', rows: message.rows };
      } else if (message.kind === 'done') {
        if (message.summary.rejectedCount !== this.rejectedCount) {
          throw new Error(
            `Staging rejected ${message.summary.rejectedCount} rows but handed over ${this.rejectedCount}`,
          );
        }
        this.result = message.summary;
        return;
      } else {
        throw new Error(`Staging sent ${message.kind} among its rows`);
      }
    }
  }

  get summary(): StagingSummary {
    if (!this.result) {
      throw new Error('The staging has not finished');
    }
    return this.result;
  }

  /** Ends staging, finished or not (an apply that failed stops reading the file). */
  async stop(): Promise<void> {
    await this.stager?.stop();
  }

  /**
   * Stops staging with `error`: the apply's next read of a chunk (or of the columns) throws it, whatever staging
   * had queued, and the worker is ended.
   */
  abort(error: Error): void {
    if (this.aborted) {
      return;
    }
    this.aborted = error;
    this.queue.length = 0;
    this.notify();
    void this.stager?.stop().catch(() => undefined);
  }

  private receive(message: StagingMessage): void {
    if (this.aborted) {
      return;
    }
    if (message.kind === 'progress') {
      this.onProgress(message.read);
    } else {
      this.queue.push(message);
      this.notify();
    }
  }

  private end(failure?: Error): void {
    this.ended = true;
    this.failure ??= failure;
    this.notify();
  }

  private inWorker(input: StagingInput, rules: { hash: string; files: RuleFile[] }): Stager {
    const workerData: StagingWorkerData = { input, ruleFiles: rules.files, ruleSetHash: rules.hash };
    const worker = startWorker(import.meta.url, 'staging-worker', {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    worker.on('message', (message: StagingMessage) => this.receive(message));
    worker.on('error', (error) => {
      this.failure ??= error;
      this.notify();
    });
    worker.on('exit', (code) =>
      this.end(code === 0 ? undefined : new Error(`The import's staging worker stopped (exit code ${code})`)),
    );
    return {
      grant: (chunks) => {
        const command: WorkerCommand = { chunks };
        worker.postMessage(command);
      },
      stop: async () => {
        if (!this.ended) {
          await worker.terminate();
        }
      },
    };
  }

  private inMainThread(input: StagingInput, rules: CompiledRuleSet): Stager {
    const credits = new Credits();
    const finished = stageRows(input, rules, {
      opened: (columns) => this.receive({ kind: 'opened', columns }),
      rows: async (chunk) => {
        await credits.take();
        this.receive({ kind: 'rows', chunk });
      },
      rejected: async (rows) => {
        await credits.take();
        this.receive({ kind: 'rejected', rows });
      },
      progress: (read) => this.receive({ kind: 'progress', read }),
    })
      .then(
        (summary) => this.receive({ kind: 'done', summary }),
        (error: unknown) => this.receive(failedMessage(error)),
      )
      .finally(() => this.end());
    return {
      grant: (chunks) => credits.grant(chunks),
      stop: async () => {
        credits.close();
        await finished;
      },
    };
  }

  private async next(): Promise<StagingMessage> {
    for (;;) {
      if (this.aborted) {
        throw this.aborted;
      }
      const message = this.queue.shift();
      if (message?.kind === 'failed') {
        const { error } = message;
        throw error.code
          ? new ImportError(error.code, error.message, error.details)
          : Object.assign(new Error(error.message), { stack: error.stack });
      }
      if (message) {
        return message;
      }
      if (this.failure) {
        throw this.failure;
      }
      if (this.ended) {
        throw new Error('Staging ended without finishing');
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

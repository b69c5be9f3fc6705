import { parentPort, workerData } from 'node:worker_threads';
import { compileRuleSet } from '../../rules/domain/compile-rule-set.js';
import { parseRuleSet } from '../../rules/domain/parse-rule-set.js';
import { Credits } from './credits.js';
import { stageRows } from './stage-rows.js';
import type { StagedChunk } from './staged-chunk.js';
import {
  failedMessage,
  type StagingMessage,
  type StagingWorkerData,
  type WorkerCommand,
} from './staging-protocol.js';

// The staging worker thread: reads the upload and stages its rows (stage-rows.ts), handing them to the main thread a
// chunk at a time. It sends a chunk (of staged or of rejected rows) only against a credit, so a slow apply holds the
// reader back and memory stays bounded whatever the file size.

if (!parentPort) {
  throw new Error('staging-worker runs as a worker thread');
}
const port = parentPort;
const data = workerData as StagingWorkerData;
const send = (message: StagingMessage): void => port.postMessage(message);

const credits = new Credits();
port.on('message', (command: WorkerCommand) => credits.grant(command.chunks));

/** A chunk's rendered bytes move to the main thread (transferred, not copied). */
async function handOver(chunk: StagedChunk): Promise<void> {
  await credits.take();
  const message: StagingMessage = { kind: 'rows', chunk };
  port.postMessage(message, [chunk.rendered.bytes.buffer, chunk.rendered.offsets.buffer]);
}

async function run(): Promise<void> {
  try {
    const rules = compileRuleSet(parseRuleSet(data.ruleFiles));
    if (rules.hash !== data.ruleSetHash) {
      throw new Error(`The staging worker compiled rule set ${rules.hash}, not ${data.ruleSetHash}`);
    }
    const summary = await stageRows(data.input, rules, {
      opened: (columns) => send({ kind: 'opened', columns }),
      rows: handOver,
      rejected: async (rows) => {
        await credits.take();
        send({ kind: 'rejected', rows });
      },
      progress: (read) => send({ kind: 'progress', read }),
    });
    send({ kind: 'done', summary });
  } catch (error) {
    send(failedMessage(error));
  } finally {
    // Nothing more to send: the thread ends once the last message is out.
    port.unref();
  }
}

void run();

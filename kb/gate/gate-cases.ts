import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalCase } from '#evals/dataset/eval-case.ts';
import { loadDatasets } from '#evals/dataset/load-dataset.ts';

/** A question the Knowledge Base must answer, and what its passages must hold: an evals case, read for retrieval. */
export interface GateCase {
  id: string;
  category: string;
  language: string;
  question: string;
  testCase: EvalCase;
}

/**
 * Where the evals datasets are: beside the bundle in the admin function (copied flat there as its
 * assets), in `evals/datasets/` in the repository.
 */
export function datasetsDirectory(): string {
  const beside = fileURLToPath(new URL('.', import.meta.url));
  return existsSync(join(beside, 'core.yaml'))
    ? beside
    : fileURLToPath(new URL('../../evals/datasets/', import.meta.url));
}

/** Read once per directory: the datasets do not change while a function runs. */
const loaded = new Map<string, Promise<GateCase[]>>();

/**
 * The evals cases a Knowledge Base change can break: those whose answer must state facts or cite
 * documents, asked of the bot with no prior state (a person owning the conversation, a pending
 * quote, memory), and not attacks (they test the bot, not the documents). The question is the
 * case's last turn, as the evals' retrieval metrics take it.
 */
export function gateCases(directory = datasetsDirectory()): Promise<GateCase[]> {
  const known = loaded.get(directory);
  if (known) return known;
  const reading = loadDatasets(directory).then((datasets) =>
    datasets
      .flatMap((dataset) => dataset.cases)
      .filter(
        (testCase) =>
          testCase.category !== 'adversarial' &&
          testCase.given.ownedBy === 'bot' &&
          !testCase.given.pendingInvoice &&
          !testCase.given.memory &&
          Boolean(testCase.expect.contains || testCase.expect.containsAny || testCase.expect.cites),
      )
      .map((testCase) => ({
        id: testCase.id,
        category: testCase.category,
        language: testCase.language,
        question: testCase.turns.at(-1) ?? '',
        testCase,
      })),
  );
  loaded.set(directory, reading);
  // A read that failed (a file mid-deploy) is tried again next time, not remembered.
  reading.catch(() => loaded.delete(directory));
  return reading;
}

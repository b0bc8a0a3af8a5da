import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createAwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { EvalCase } from '../dataset/eval-case.ts';
import { languageOf } from '../dataset/flag-to-case.ts';
import { type EvalWorld, runCase } from '../run/run-case.ts';
import { type PastConversation, pastConversation, recentConversationIds } from './past-conversation.ts';
import {
  conductOf,
  type ShadowChange,
  type ShadowReport,
  shadowChange,
  shadowMarkdown,
  shadowSummary,
} from './shadow-diff.ts';

export interface ShadowOptions {
  /** The platform whose stored conversations are replayed. */
  source: Config;
  /** Conversations named on the command line; otherwise the most recent ones. */
  conversationIds: readonly string[];
  limit: number;
  sinceMs: number;
  concurrency: number;
  out: string;
  /** The world that replays them: the working tree's prompt, tools, catalog and documents. */
  openWorld: () => Promise<{ world: EvalWorld; stop: () => Promise<void> }>;
  replayedWith: string;
}

/**
 * `npm run evals -- shadow`: past conversations (redacted) replayed, each by a new customer of its
 * own, against the changed prompt, model, catalog or Knowledge Base, and the bot's conduct diffed
 * with what it did then: answers, citations, tool calls, handoff decisions. Nothing is sent to the
 * customers of the past conversations: only their words are replayed, in the replay's own world.
 */
export async function shadowReplay(options: ShadowOptions): Promise<number> {
  const sourceClients = createAwsClients(options.source);
  let past: PastConversation[];
  try {
    const ids =
      options.conversationIds.length > 0
        ? options.conversationIds
        : await recentConversationIds(options.source, sourceClients, {
            limit: options.limit,
            sinceMs: options.sinceMs,
          });
    past = (await Promise.all(ids.map((id) => pastConversation(options.source, sourceClients, id)))).filter(
      (each): each is PastConversation => each !== undefined,
    );
  } catch (error) {
    console.error(
      `The stored conversations cannot be read from ${options.source.env === 'aws' ? 'AWS' : 'the local world (is `npm start` running?)'}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  if (past.length === 0) {
    console.error('No stored conversation the bot answered in that period: nothing to replay');
    return 2;
  }
  const { world, stop } = await options.openWorld();
  const changes: ShadowChange[] = [];
  try {
    let next = 0;
    const worker = async () => {
      while (next < past.length) {
        const conversation = past[next++] as PastConversation;
        const replay = EvalCase.parse({
          id: conversation.label,
          category: 'shadow',
          language: languageOf(conversation.turns.join(' ')),
          turns: conversation.turns,
          expect: {},
        });
        const replayed = await runCase(world, replay).then(conductOf, (error: unknown) => ({
          error: error instanceof Error ? error.message : String(error),
        }));
        changes.push(shadowChange(conversation, replayed));
        process.stderr.write(`shadow: ${changes.length}/${past.length}\n`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, past.length) }, worker));
  } finally {
    await stop();
  }
  const order = new Map(past.map((each, index) => [each.label, index]));
  changes.sort((left, right) => (order.get(left.label) ?? 0) - (order.get(right.label) ?? 0));
  const report: ShadowReport = {
    schemaVersion: 1,
    runAt: new Date().toISOString(),
    source: options.source.env === 'aws' ? 'AWS' : 'the local world',
    replayedWith: options.replayedWith,
    conversations: changes,
    summary: shadowSummary(changes),
  };
  await mkdir(options.out, { recursive: true });
  await writeFile(join(options.out, 'shadow.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(options.out, 'shadow.md'), shadowMarkdown(report));
  const { summary } = report;
  console.log(
    `\n${summary.conversations} conversations replayed: handoff decisions changed in ${summary.handoffsChanged}, tool calls in ${summary.toolsChanged}, citations in ${summary.citationsChanged}, answers in ${summary.answersChanged}; ${summary.failed} could not replay. Report in ${options.out}`,
  );
  return summary.failed > 0 ? 1 : 0;
}

import type { Observation } from '../graders/observation.ts';
import type { BotConduct, PastConversation } from './past-conversation.ts';

/** How the bot's conduct in one past conversation changed when replayed. */
export interface ShadowChange {
  label: string;
  turns: string[];
  recorded: BotConduct;
  replayed?: BotConduct;
  /** The replay could not run (the bot never finished): reported, never taken as "unchanged". */
  error?: string;
  changed: {
    answers: boolean;
    citations: { added: string[]; removed: string[] };
    tools: { added: string[]; removed: string[] };
    handoff: boolean;
  };
}

export interface ShadowReport {
  schemaVersion: 1;
  runAt: string;
  /** Where the conversations came from, and what replayed them. */
  source: string;
  replayedWith: string;
  conversations: ShadowChange[];
  summary: {
    conversations: number;
    failed: number;
    answersChanged: number;
    citationsChanged: number;
    toolsChanged: number;
    handoffsChanged: number;
  };
}

/** The bot's conduct in a replay, as the platform recorded it (the case's observation). */
export function conductOf(observation: Observation): BotConduct {
  return {
    answers: observation.replies.map((reply) => reply.text),
    citations: observation.citations,
    tools: observation.toolCalls.map((call) => call.name),
    handoff: { handedOver: observation.state !== 'bot', reason: observation.handoffReason },
  };
}

const normalized = (answers: readonly string[]) =>
  answers
    .join('\n')
    .normalize('NFKC')
    .replace(/https?:\/\/\S+/g, '<link>')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('en');

const difference = (now: readonly string[], was: readonly string[]) => ({
  added: [...new Set(now.filter((item) => !was.includes(item)))],
  removed: [...new Set(was.filter((item) => !now.includes(item)))],
});

/** Recorded against replayed: answers (text, links aside), citations, tools, handoff decision. */
export function shadowChange(past: PastConversation, replayed: BotConduct | { error: string }): ShadowChange {
  if ('error' in replayed)
    return {
      label: past.label,
      turns: past.turns,
      recorded: past.recorded,
      error: replayed.error,
      changed: {
        answers: true,
        citations: { added: [], removed: [] },
        tools: { added: [], removed: [] },
        handoff: false,
      },
    };
  const { recorded } = past;
  return {
    label: past.label,
    turns: past.turns,
    recorded,
    replayed,
    changed: {
      answers: normalized(recorded.answers) !== normalized(replayed.answers),
      citations: difference(replayed.citations, recorded.citations),
      tools: difference(replayed.tools, recorded.tools),
      handoff:
        recorded.handoff.handedOver !== replayed.handoff.handedOver ||
        (recorded.handoff.handedOver && recorded.handoff.reason !== replayed.handoff.reason),
    },
  };
}

const listChanged = (change: { added: string[]; removed: string[] }) =>
  change.added.length + change.removed.length > 0;

export function shadowSummary(conversations: readonly ShadowChange[]): ShadowReport['summary'] {
  const ran = conversations.filter((each) => !each.error);
  return {
    conversations: conversations.length,
    failed: conversations.length - ran.length,
    answersChanged: ran.filter((each) => each.changed.answers).length,
    citationsChanged: ran.filter((each) => listChanged(each.changed.citations)).length,
    toolsChanged: ran.filter((each) => listChanged(each.changed.tools)).length,
    handoffsChanged: ran.filter((each) => each.changed.handoff).length,
  };
}

const quote = (answers: readonly string[]) =>
  answers.length ? answers.map((answer) => `> ${answer.replace(/\n/g, ' ')}`).join('\n') : '> (nothing)';
const handoffText = (conduct: BotConduct) =>
  conduct.handoff.handedOver ? `handed over (${conduct.handoff.reason ?? 'no reason'})` : 'kept it';

/** The Markdown report: the counts, then each conversation whose handling changed, handoffs first. */
export function shadowMarkdown(report: ShadowReport): string {
  const { summary } = report;
  const weight = (each: ShadowChange) =>
    (each.error ? 8 : 0) +
    (each.changed.handoff ? 4 : 0) +
    (listChanged(each.changed.tools) ? 2 : 0) +
    (listChanged(each.changed.citations) ? 1 : 0);
  const changed = report.conversations
    .filter((each) => weight(each) > 0 || each.changed.answers)
    .sort((left, right) => weight(right) - weight(left));
  const lines = [
    `# Shadow replay: ${summary.conversations} past conversations`,
    '',
    `Run ${report.runAt} · from ${report.source} · replayed with ${report.replayedWith}`,
    '',
    `Handoff decisions changed: ${summary.handoffsChanged} · tool calls changed: ${summary.toolsChanged} · citations changed: ${summary.citationsChanged} · answers changed: ${summary.answersChanged} · could not replay: ${summary.failed}`,
    '',
  ];
  for (const each of changed) {
    lines.push(`## ${each.label}`, '', `Customer: ${each.turns.map((turn) => `"${turn}"`).join(' → ')}`, '');
    if (each.error) {
      lines.push(`Could not replay: ${each.error}`, '');
      continue;
    }
    const replayed = each.replayed as BotConduct;
    if (each.changed.handoff)
      lines.push(`- **Handoff**: ${handoffText(each.recorded)} → ${handoffText(replayed)}`);
    if (listChanged(each.changed.tools))
      lines.push(
        `- **Tools**: ${each.recorded.tools.join(', ') || 'none'} → ${replayed.tools.join(', ') || 'none'}`,
      );
    if (listChanged(each.changed.citations))
      lines.push(
        `- **Citations**: ${each.recorded.citations.join('; ') || 'none'} → ${replayed.citations.join('; ') || 'none'}`,
      );
    lines.push('', 'Then:', quote(each.recorded.answers), '', 'Now:', quote(replayed.answers), '');
  }
  if (changed.length === 0) lines.push('No conversation would be handled differently.');
  return `${lines.join('\n')}\n`;
}

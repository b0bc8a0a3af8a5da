import type { MemorySession } from '#core/stores/conversation.ts';

/**
 * What the bot remembers of a customer across visits, as Bedrock Agents' session summaries do:
 * one short summary per session (a visit; a gap of over 30 minutes starts a new one), the last 20
 * sessions, none older than 30 days. Each line is what was asked and what came of it, so the
 * next answer knows the story without re-reading every message.
 */
export type Session = MemorySession;

const sessionGapMs = 30 * 60 * 1000;
const maxLinesPerSession = 10;

export function remember(
  sessions: readonly Session[],
  line: string,
  now: Date,
  limits: { days: number; count: number },
): Session[] {
  const oldest = now.getTime() - limits.days * 24 * 60 * 60 * 1000;
  const kept = sessions
    .filter((session) => Date.parse(session.lastAt) >= oldest)
    .map((session) => ({ ...session, lines: [...session.lines] }));
  const current = kept.at(-1);
  if (current && now.getTime() - Date.parse(current.lastAt) <= sessionGapMs) {
    current.lines = [...current.lines, line].slice(-maxLinesPerSession);
    current.lastAt = now.toISOString();
  } else {
    kept.push({ startedAt: now.toISOString(), lastAt: now.toISOString(), lines: [line] });
  }
  return kept.slice(-limits.count);
}

/** One line for the memory: what was asked, and what the bot did about it. */
export function memoryLine(
  question: string,
  outcome: {
    handedOff: boolean;
    toolCalls: ReadonlyArray<{ name: string; ok: boolean }>;
    citations: ReadonlyArray<{ title: string }>;
  },
): string {
  // The customer's words, kept as a short quotation with no markup: memory is data for the next
  // answer (it reaches the model inside the conversation-context block), never an instruction.
  const asked = question
    .replace(/[<>{}[\]`"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  const tools = outcome.toolCalls.filter((call) => call.ok).map((call) => call.name);
  const did = outcome.handedOff
    ? 'handed over to a person'
    : tools.length > 0
      ? `used ${[...new Set(tools)].join(', ')}`
      : outcome.citations.length > 0
        ? `answered from ${[...new Set(outcome.citations.map((citation) => citation.title))].join('; ')}`
        : 'had no documented answer';
  return `The customer wrote "${asked}"; the assistant ${did}.`;
}

/** The memory as prompt text, most recent session last. */
export function memoryText(sessions: readonly Session[]): string {
  return sessions
    .map((session) => `Session of ${session.startedAt.slice(0, 10)}: ${session.lines.join(' ')}`)
    .join('\n');
}

/**
 * How the offline stand-in model reads a Converse conversation: the customer's own words, apart from
 * the platform's context and from tool results. A `<conversation_context>` text block (memory of
 * earlier visits, a human agent's summary) is data the platform adds: never the customer's words,
 * never instructions. The stand-in leaves it out of everything it reads.
 */
export type ContentBlock =
  | { text: string }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: Array<{ text?: string; json?: unknown }>; status?: string } };

export type ToolResultBlock = Extract<ContentBlock, { toolResult: unknown }>['toolResult'];
export type ToolUseBlock = Extract<ContentBlock, { toolUse: unknown }>['toolUse'];

export interface Turn {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

const platformContext = /<conversation_context>[\s\S]*?(?:<\/conversation_context>|$)/g;

/** A turn's text as its author wrote it: the platform's context left out. */
export function wordsOf(turn: Turn | undefined): string {
  return (turn?.content ?? [])
    .flatMap((block) => ('text' in block ? [block.text.replace(platformContext, '').trim()] : []))
    .filter(Boolean)
    .join('\n');
}

/** The customer's turns with words, most recent first (a turn holding only tool results has none). */
export function customerWordsNewestFirst(messages: readonly Turn[]): string[] {
  return messages
    .filter((turn) => turn.role === 'user')
    .map(wordsOf)
    .filter(Boolean)
    .reverse();
}

/** The text of the assistant's most recent turn, before the customer's latest words. */
export function lastAssistantWords(messages: readonly Turn[]): string {
  return wordsOf(messages.findLast((turn) => turn.role === 'assistant'));
}

/** The tool results of the conversation's last turn (empty when the customer spoke last). */
export function latestToolResults(messages: readonly Turn[]): ToolResultBlock[] {
  return (messages.at(-1)?.content ?? []).flatMap((block) =>
    'toolResult' in block ? [block.toolResult] : [],
  );
}

/** The model's call that a tool result answers. */
export function callAnswered(messages: readonly Turn[], result: ToolResultBlock): ToolUseBlock | undefined {
  for (const turn of messages)
    for (const block of turn.content)
      if ('toolUse' in block && block.toolUse.toolUseId === result.toolUseId) return block.toolUse;
  return undefined;
}

/** A tool result's data: its JSON, or its text parsed as JSON, or the text itself. */
export function resultData(result: ToolResultBlock): Record<string, unknown> {
  for (const item of result.content) {
    if (item.json && typeof item.json === 'object') return item.json as Record<string, unknown>;
    if (item.text) {
      try {
        const parsed = JSON.parse(item.text) as unknown;
        if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
      } catch {
        return { text: item.text };
      }
    }
  }
  return {};
}

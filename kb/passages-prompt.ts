import type { Passage } from './retrieve-passages.ts';

/**
 * How retrieved passages are given to the model: a delimited block in the system prompt, one
 * passage per element, numbered so that the answer can cite them. The offline model reads the
 * same block, so the agent and the stand-in agree on one format.
 */
export function passagesBlock(passages: readonly Passage[]): string {
  if (passages.length === 0) return '<passages>\n</passages>';
  const items = passages.map(
    (passage, index) =>
      `<passage id="${index + 1}" title="${escapeAttribute(passage.citation)}">\n${passage.text}\n</passage>`,
  );
  return `<passages>\n${items.join('\n')}\n</passages>`;
}

export interface PromptPassage {
  id: number;
  title: string;
  text: string;
}

/** The passages of a system prompt built with `passagesBlock`; none when the prompt has no block. */
export function passagesFromPrompt(prompt: string): PromptPassage[] {
  const block = /<passages>([\s\S]*?)<\/passages>/.exec(prompt)?.[1] ?? '';
  return [...block.matchAll(/<passage id="(\d+)" title="([^"]*)">\n([\s\S]*?)\n<\/passage>/g)].map(
    (match) => ({
      id: Number(match[1]),
      title: unescapeAttribute(match[2] ?? ''),
      text: match[3] ?? '',
    }),
  );
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

function unescapeAttribute(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

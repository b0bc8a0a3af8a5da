import type { Passage } from './retrieve-passages.ts';

/**
 * How retrieved passages are given to the model: a delimited block in the system prompt, one
 * passage per element, numbered so that the answer can cite them (tags for documents, as the
 * prompting guides recommend; the offline stand-in model reads them as any model would).
 */
export function passagesBlock(passages: readonly Passage[]): string {
  if (passages.length === 0) return '<passages>\n</passages>';
  const items = passages.map(
    (passage, index) =>
      `<passage id="${index + 1}" title="${escapeAttribute(passage.citation)}">\n${passage.text}\n</passage>`,
  );
  return `<passages>\n${items.join('\n')}\n</passages>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

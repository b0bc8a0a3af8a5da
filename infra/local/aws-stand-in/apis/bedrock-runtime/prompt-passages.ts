/** A passage the offline model finds in its system prompt. */
export interface PromptPassage {
  id: number;
  title: string;
  text: string;
}

/**
 * The passages of a system prompt, read as a model reads them: numbered `<passage>` elements
 * inside a `<passages>` block (Anthropic's and Amazon's prompting guides recommend such tags for
 * documents). None when the prompt has no such block.
 */
export function passagesFromPrompt(prompt: string): PromptPassage[] {
  const block = /<passages>([\s\S]*?)<\/passages>/.exec(prompt)?.[1] ?? '';
  return [...block.matchAll(/<passage id="(\d+)" title="([^"]*)">\n([\s\S]*?)\n<\/passage>/g)].map(
    (match) => ({
      id: Number(match[1]),
      title: (match[2] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
      text: match[3] ?? '',
    }),
  );
}

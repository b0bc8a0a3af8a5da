import type { PromptPassage } from './prompt-passages.ts';
import { topicalMeanings } from './prompt-words.ts';

/** The languages a passage can be written in, as the stand-in tells them apart (by script). */
export type PassageLanguage = 'en' | 'hi' | 'bn';

/**
 * One section of a passage as the offline stand-in model reads it: its heading (which often holds
 * the fact itself, "Website Starter — ₹14,999 (one time)") and its paragraphs, each hand-wrapped
 * paragraph joined back into whole sentences and each list item kept on its own line.
 */
export interface PassageSection {
  passage: PromptPassage;
  /** Its position among all the sections read from the prompt (earlier passages rank higher). */
  order: number;
  heading: string;
  paragraphs: string[];
  language: PassageLanguage;
  headingMeanings: ReadonlySet<string>;
  bodyMeanings: ReadonlySet<string>;
  titleMeanings: ReadonlySet<string>;
}

/**
 * The sections of the passages, in prompt order. A section starts at a Markdown heading, or at a
 * passage's first line when it stands alone like one (a chunk carries its section's heading so).
 */
export function passageSections(passages: readonly PromptPassage[]): PassageSection[] {
  const sections: PassageSection[] = [];
  for (const passage of passages) {
    const titleMeanings = new Set(topicalMeanings(passage.title));
    const blocks = passage.text
      .replace(/\r\n/g, '\n')
      .split(/\n\s*\n/)
      .map((block) => block.trim())
      .filter(Boolean);
    let current: { heading: string; paragraphs: string[] } = { heading: '', paragraphs: [] };
    const close = () => {
      if (!current.heading && current.paragraphs.length === 0) return;
      const body = current.paragraphs.join('\n');
      sections.push({
        passage,
        order: sections.length,
        heading: current.heading,
        paragraphs: current.paragraphs,
        language: languageOf(`${current.heading}\n${body}`),
        headingMeanings: new Set(topicalMeanings(current.heading)),
        bodyMeanings: new Set(topicalMeanings(body)),
        titleMeanings,
      });
    };
    blocks.forEach((block, index) => {
      const [first = '', ...rest] = block.split('\n');
      const markdownHeading = /^#{1,6}\s+(.+)$/.exec(first.trim());
      const standsAlone = index === 0 && rest.length === 0 && blocks.length > 1 && looksLikeHeading(first);
      if (markdownHeading?.[1] || standsAlone) {
        close();
        current = { heading: (markdownHeading?.[1] ?? first).trim(), paragraphs: [] };
        if (rest.length > 0) current.paragraphs.push(...paragraphsOf(rest));
      } else {
        current.paragraphs.push(...paragraphsOf([first, ...rest]));
      }
    });
    close();
  }
  return sections;
}

/** A short line that does not end a sentence: a title, not a paragraph. */
function looksLikeHeading(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length <= 120 && !/[.!।:,;]$/.test(trimmed);
}

/** A paragraph's lines wrapped by hand joined into sentences; list items stay one per line. */
function paragraphsOf(lines: readonly string[]): string[] {
  const joined: string[] = [];
  for (const raw of lines) {
    const line = raw.trim().replace(/\*\*(.+?)\*\*/g, '*$1*');
    if (!line) continue;
    const last = joined.length - 1;
    if (last < 0 || /^([-*•]|\d+[.)])\s+/.test(line)) joined.push(line);
    else joined[last] = `${joined[last]} ${line}`;
  }
  return joined.length > 0 ? [joined.join('\n')] : [];
}

/** The language a passage is written in, by its script (Hindi and Bengali texts carry Latin names too). */
export function languageOf(text: string): PassageLanguage {
  const bengali = text.match(/[\u0980-\u09FF]/g)?.length ?? 0;
  const devanagari = text.match(/[\u0900-\u097F]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  if (bengali > 0 && bengali >= devanagari && bengali * 2 >= latin) return 'bn';
  if (devanagari > 0 && devanagari * 2 >= latin) return 'hi';
  return 'en';
}

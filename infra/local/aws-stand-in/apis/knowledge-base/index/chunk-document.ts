import { createHash } from 'node:crypto';
import type { KbChunk, KbDocument } from './kb-document.ts';

const maxChunkCharacters = 1200;

/**
 * Splits a Markdown document into passages a retriever can return whole: each section under its
 * headings, cut at paragraph boundaries when longer than a passage should be. Chunk ids are
 * stable (document key + position), so re-ingesting an unchanged document changes nothing.
 */
export function chunkDocument(document: KbDocument): KbChunk[] {
  const chunks: KbChunk[] = [];
  const headings: string[] = [];
  let paragraphs: string[] = [];
  const flush = () => {
    let current = '';
    for (const paragraph of paragraphs) {
      if (current && current.length + paragraph.length + 2 > maxChunkCharacters) {
        chunks.push(chunk(document, headings, current, chunks.length));
        current = '';
      }
      current = current ? `${current}\n\n${paragraph}` : paragraph;
    }
    if (current) chunks.push(chunk(document, headings, current, chunks.length));
    paragraphs = [];
  };
  for (const block of document.text.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const trimmed = block.trim();
    if (!trimmed) continue;
    const heading = /^(#{1,6})\s+(.+)$/.exec(trimmed.split('\n')[0] ?? '');
    if (heading?.[1] && heading[2]) {
      flush();
      headings.splice(heading[1].length - 1);
      headings[heading[1].length - 1] = heading[2].trim();
      const rest = trimmed.split('\n').slice(1).join('\n').trim();
      if (rest) paragraphs.push(rest);
    } else {
      paragraphs.push(trimmed);
    }
  }
  flush();
  return chunks;
}

function chunk(document: KbDocument, headings: readonly string[], text: string, position: number): KbChunk {
  const chunkId = createHash('sha256').update(`${document.key}#${position}`).digest('hex').slice(0, 32);
  const present = headings.filter(Boolean);
  // The section's heading travels with its passage, as in Bedrock's chunks: it often holds the fact
  // itself ("Website Starter — ₹14,999 (one time)").
  const heading = present.at(-1);
  return { chunkId, document, headings: present, text: heading ? `${heading}\n\n${text}` : text };
}

import mammoth from 'mammoth';
import { type HTMLElement, NodeType, parse } from 'node-html-parser';
import { extractText as extractPdfText, getDocumentProxy } from 'unpdf';

/**
 * The text of a Knowledge Base file, as Bedrock KB's default parser reads the formats it takes:
 * Markdown and plain text as they are, HTML and Word (.docx) as text with their headings kept (as
 * Markdown headings, so passages are cut at sections), PDF as the text of its pages. A format the
 * local Knowledge Base cannot read (old binary Word, .doc) fails ingestion for that file, as a
 * broken file does in Bedrock; the job reports it and carries on.
 */
export async function extractText(key: string, bytes: Uint8Array): Promise<string> {
  const extension = /\.([a-z]+)$/i.exec(key)?.[1]?.toLowerCase();
  switch (extension) {
    case 'md':
    case 'txt':
      return new TextDecoder('utf-8').decode(bytes);
    case 'html':
    case 'htm':
      return htmlText(new TextDecoder('utf-8').decode(bytes));
    case 'docx':
      return htmlText((await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value);
    case 'pdf': {
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      return (await extractPdfText(pdf, { mergePages: false })).text.join('\n\n');
    }
    default:
      throw new Error(`Unsupported file format: ${key.split('/').at(-1)}`);
  }
}

const blockElements = new Set([
  'p',
  'div',
  'li',
  'tr',
  'section',
  'article',
  'blockquote',
  'pre',
  'br',
  'table',
]);

/** HTML as Markdown-ish text: headings as `#` lines, blocks as paragraphs, script and style dropped. */
function htmlText(source: string): string {
  const root = parse(source, { blockTextElements: { script: false, style: false, noscript: false } });
  const blocks: string[] = [];
  let line = '';
  const flush = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) blocks.push(text);
    line = '';
  };
  const walk = (element: HTMLElement) => {
    for (const node of element.childNodes) {
      if (node.nodeType === NodeType.TEXT_NODE) {
        line += ` ${node.text}`;
        continue;
      }
      if (node.nodeType !== NodeType.ELEMENT_NODE) continue;
      const child = node as HTMLElement;
      const tag = child.tagName?.toLowerCase() ?? '';
      if (tag === 'head' || tag === 'script' || tag === 'style' || tag === 'noscript') continue;
      const heading = /^h([1-6])$/.exec(tag);
      if (heading?.[1]) {
        flush();
        line = `${'#'.repeat(Number(heading[1]))} ${child.text}`;
        flush();
      } else if (blockElements.has(tag)) {
        flush();
        walk(child);
        flush();
      } else {
        walk(child);
      }
    }
  };
  walk(root);
  flush();
  return blocks.join('\n\n');
}

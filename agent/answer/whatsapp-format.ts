/** WhatsApp's limit for one text message. */
export const maxWhatsAppText = 4096;

/**
 * The model's answer made fit for WhatsApp: Markdown emphasis turned into WhatsApp's (**bold** →
 * *bold*, headings → bold lines), and a long answer split at paragraph, then sentence, boundaries
 * into messages of at most 4,096 characters, numbered so the customer can follow them.
 */
export function whatsAppMessages(answer: string): string[] {
  const text = answer
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length <= maxWhatsAppText) return text ? [text] : [];
  const budget = maxWhatsAppText - 10; // room for "(2/3)"
  const parts: string[] = [];
  let current = '';
  for (const piece of text.split(/(?<=\n\n)|(?<=[.!?।]\s)/)) {
    if (current.length + piece.length > budget && current) {
      parts.push(current.trim());
      current = '';
    }
    current += piece.length > budget ? piece.slice(0, budget) : piece;
  }
  if (current.trim()) parts.push(current.trim());
  return parts.map((part, index) => `${part}\n(${index + 1}/${parts.length})`);
}

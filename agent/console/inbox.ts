import * as z from 'zod';
import type { BusinessDirectory } from '#channels/whatsapp/business-directory.ts';
import { ValidationError } from '#core/errors/app-errors.ts';
import type { Conversation, ConversationState } from '#core/stores/conversation.ts';
import type { ConversationStore } from '#core/stores/conversation-store.ts';
import { type InboxItem, inboxItem } from './inbox-item.ts';

/** The inbox's order: the people waiting first, then those a person answers, then the bot's. */
export const inboxOrder: readonly ConversationState[] = ['waiting_for_human', 'human', 'bot'];

/**
 * Where the next page starts: which state of the order, and the index key the last page ended on.
 * It comes back from the client, so the key is held to what DynamoDB accepts (a non-empty id, a
 * time it can store): a forged one is a 400, not DynamoDB's error.
 */
const Cursor = z.object({
  state: z.enum(['waiting_for_human', 'human', 'bot']),
  after: z
    .object({
      id: z.string().min(1).max(256),
      state: z.string(),
      lastActivityAtMs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    })
    .optional(),
});
type Cursor = z.infer<typeof Cursor>;

export interface InboxQuery {
  state?: ConversationState | undefined;
  cursor?: string | undefined;
  q?: string | undefined;
  limit: number;
}

export interface InboxPage {
  items: InboxItem[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export interface InboxDependencies {
  conversations: ConversationStore;
  directory: BusinessDirectory;
}

/** A search reads at most this many conversations of the index per request, then hands back a cursor. */
const searchReadsPerPage = 1000;

/**
 * The console's inbox: conversations of both business numbers from the `by-state` index (no
 * Scan), in the inbox's order of states and by last activity within each, a page at a time.
 *
 * A search (`q`) keeps the conversations listed whose customer's name, or one of its words, starts
 * with `q` (case and Unicode width folded), or whose number contains `q`'s digits (so
 * `+91 98300-12345`, `9830012345` and `98300` all find 919830012345). A whole number (10 digits or
 * more) is looked up directly on the `by-customer` index instead.
 */
export async function listInbox(
  dependencies: InboxDependencies,
  query: InboxQuery,
  nowMs: number,
): Promise<InboxPage> {
  const search = query.q?.trim() ? searchOf(query.q) : undefined;
  if (search?.wholeNumbers) {
    const found = await Promise.all(
      search.wholeNumbers.map((waId) => dependencies.conversations.listByCustomer(waId)),
    );
    const items = found
      .flat()
      .filter((conversation) => !query.state || conversation.state === query.state)
      .sort(inboxComparison);
    return { items: items.map((conversation) => inboxItem(conversation, dependencies.directory, nowMs)) };
  }
  const states = query.state ? [query.state] : inboxOrder;
  let cursor: Cursor | undefined = query.cursor
    ? decodeCursor(query.cursor, states)
    : { state: states[0] as ConversationState };
  const matched: Conversation[] = [];
  let read = 0;
  while (cursor && matched.length < query.limit && read < searchReadsPerPage) {
    const wanted = search ? 100 : query.limit - matched.length;
    const page = await dependencies.conversations.pageByState(cursor.state, {
      limit: wanted,
      after: cursor.after,
    });
    read += page.conversations.length;
    for (const [index, conversation] of page.conversations.entries()) {
      if (search && !matches(conversation, search)) continue;
      matched.push(conversation);
      if (matched.length === query.limit && index < page.conversations.length - 1) {
        // The page read further than the inbox shows: the next one starts after this conversation.
        const after = {
          id: conversation.id,
          state: conversation.state,
          lastActivityAtMs: conversation.lastActivityAtMs,
        };
        cursor = { state: cursor.state, after };
        return finish(matched, cursor);
      }
    }
    cursor = page.next
      ? { state: cursor.state, after: Cursor.shape.after.unwrap().parse(page.next) }
      : nextState(states, cursor.state);
  }
  return finish(matched, cursor);

  function finish(conversations: Conversation[], next: Cursor | undefined): InboxPage {
    return {
      items: conversations.map((conversation) => inboxItem(conversation, dependencies.directory, nowMs)),
      ...(next ? { nextCursor: encodeCursor(next) } : {}),
    };
  }
}

function nextState(states: readonly ConversationState[], state: ConversationState): Cursor | undefined {
  const following = states[states.indexOf(state) + 1];
  return following ? { state: following } : undefined;
}

function inboxComparison(left: Conversation, right: Conversation): number {
  return (
    inboxOrder.indexOf(left.state) - inboxOrder.indexOf(right.state) ||
    right.lastActivityAtMs - left.lastActivityAtMs
  );
}

interface Search {
  name: string;
  digits: string;
  /** The customer numbers a whole number may be (as typed, and with India's 91 before ten digits). */
  wholeNumbers?: string[];
}

export function searchOf(q: string): Search {
  const digits = q.replace(/\D/g, '');
  const isNumber = /^[\d\s()+.-]+$/.test(q.trim());
  const wholeNumbers =
    isNumber && digits.length >= 10 ? [digits, ...(digits.length === 10 ? [`91${digits}`] : [])] : undefined;
  return { name: fold(q), digits: isNumber ? digits : '', ...(wholeNumbers ? { wholeNumbers } : {}) };
}

function matches(conversation: Conversation, search: Search): boolean {
  if (search.digits.length >= 3 && conversation.customerWaId.includes(search.digits)) return true;
  const name = fold(conversation.customerProfileName ?? '');
  if (!name || !search.name) return false;
  return name.startsWith(search.name) || name.split(' ').some((word) => word.startsWith(search.name));
}

function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(encoded: string, states: readonly ConversationState[]): Cursor {
  let parsed: Cursor | undefined;
  try {
    parsed = Cursor.parse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
  } catch {
    parsed = undefined;
  }
  if (!parsed || !states.includes(parsed.state) || (parsed.after && parsed.after.state !== parsed.state))
    throw new ValidationError('cursor: not a cursor this inbox gave out', { details: { field: 'cursor' } });
  return parsed;
}

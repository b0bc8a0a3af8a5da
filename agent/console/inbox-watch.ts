import type { ConsoleDesk } from './console-desk.ts';
import { inboxOrder } from './inbox.ts';
import { type InboxItem, inboxItem } from './inbox-item.ts';

/** How many conversations of each state the watch compares: the heads of the inbox a person sees. */
const headSize = 30;

export type InboxChange =
  | { kind: 'conversation'; item: InboxItem }
  | { kind: 'messages'; conversationId: string };

/**
 * What changed in the inbox since the last look, for the console's live updates. A Lambda keeps no
 * memory shared between requests, so each event stream looks for itself: it reads the head of each
 * state of the `by-state` index (three queries) and compares each conversation's state, version and
 * last activity with what it saw before (a new message, a handoff, a takeover or a release moves
 * one of them); for the conversation a person has open, it also compares the ticks of its latest
 * messages. The first look reports what moved after `sinceMs` (when the page was drawn).
 */
export class InboxWatch {
  private seen = new Map<string, string>();
  private ticks: string | undefined;

  constructor(
    private readonly desk: ConsoleDesk,
    private readonly options: { sinceMs: number; conversationId?: string | undefined },
  ) {}

  async changes(nowMs: number): Promise<InboxChange[]> {
    const first = this.seen.size === 0 && this.ticks === undefined;
    const heads = await Promise.all(
      inboxOrder.map((state) => this.desk.conversations.listByState(state, headSize)),
    );
    const changes: InboxChange[] = [];
    const seen = new Map<string, string>();
    for (const conversation of heads.flat()) {
      const signature = `${conversation.state}:${conversation.version}:${conversation.lastActivityAtMs}`;
      seen.set(conversation.id, signature);
      const moved = first
        ? conversation.lastActivityAtMs > this.options.sinceMs
        : this.seen.get(conversation.id) !== signature;
      if (moved)
        changes.push({ kind: 'conversation', item: inboxItem(conversation, this.desk.directory, nowMs) });
    }
    this.seen = seen;
    if (this.options.conversationId) {
      const messages = await this.desk.timeline.recent(this.options.conversationId, 20);
      const ticks = messages.map((message) => `${message.wamid}:${message.status ?? ''}`).join(',');
      const newest = messages.at(-1)?.atMs ?? 0;
      if (first ? newest > this.options.sinceMs : ticks !== this.ticks)
        changes.push({ kind: 'messages', conversationId: this.options.conversationId });
      this.ticks = ticks;
    }
    return changes;
  }
}

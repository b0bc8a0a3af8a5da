import { randomUUID } from 'node:crypto';

export interface OutboxEntry<Message> {
  messageId: string;
  acceptedAt: string;
  message: Message;
}

const maxKept = 10_000;

/** What a messaging stand-in accepted (the mail or SMS a real service would deliver), newest last. */
export class Outbox<Message> {
  private readonly entries: OutboxEntry<Message>[] = [];

  accept(message: Message): OutboxEntry<Message> {
    const entry = { messageId: randomUUID(), acceptedAt: new Date().toISOString(), message };
    this.entries.push(entry);
    if (this.entries.length > maxKept) this.entries.splice(0, this.entries.length - maxKept);
    return entry;
  }

  list(filter: (message: Message) => boolean = () => true): OutboxEntry<Message>[] {
    return this.entries.filter((entry) => filter(entry.message));
  }
}

import type { PaceTable } from './pace-table.ts';

/**
 * Whose send waits for whom: a reply to a customer (the bot's or a person's) goes ahead of a
 * message the business starts (notifications, campaigns, bulk jobs).
 */
export type Lane = 'reply' | 'bulk';

export interface PaceOptions {
  /** How far ahead of now a bulk send may still take a slot: a reply waits at most this long behind bulk. */
  bulkHorizonMs: number;
  /** Slots reserved in one request for the senders waiting in this process. */
  maxBatch: number;
  /**
   * A sender released later than this after its slot (a busy event loop) takes a new slot rather
   * than sending late, which would bring it nearer the next sender's than one interval.
   */
  maxLatenessMs?: number;
  now?: () => number;
}

interface Waiter {
  resolve: (slotMs: number) => void;
  reject: (error: unknown) => void;
}

/**
 * One rate-limited key as this process sees it: the senders waiting here are served from the
 * shared line in `PaceTable` (replies first, up to `maxBatch` slots a request, one request at a
 * time), and each is released at its slot. Limits hold across every process because the slots
 * come from the one item; this only saves requests and orders the lanes.
 */
export class SharedPace {
  private readonly waiting: Record<Lane, Waiter[]> = { reply: [], bulk: [] };
  private pumping = false;
  /** How long a reservation takes to come back, smoothed. */
  private roundTripMs = 5;
  private wakeUp: (() => void) | undefined;
  readonly intervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly table: PaceTable,
    readonly key: string,
    readonly ratePerSecond: number,
    private readonly options: PaceOptions,
  ) {
    this.intervalMs = 1000 / ratePerSecond;
    this.now = options.now ?? Date.now;
  }

  /** Resolves at this sender's slot (its epoch ms), after every slot taken before it anywhere. */
  acquire(lane: Lane = 'reply'): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.waiting[lane].push({ resolve, reject });
      if (lane === 'reply') this.wakeUp?.();
      if (!this.pumping) void this.pump();
    });
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      for (;;) {
        const lane: Lane | undefined =
          this.waiting.reply.length > 0 ? 'reply' : this.waiting.bulk.length > 0 ? 'bulk' : undefined;
        if (!lane) return;
        const queue = this.waiting[lane];
        const horizonSlots = Math.floor(this.bulkHorizonMs() / this.intervalMs);
        const count = Math.min(
          queue.length,
          this.options.maxBatch,
          lane === 'bulk' ? horizonSlots : Infinity,
        );
        // Slots from a little ahead of now, by about the time the reservation takes to come back:
        // a slot that had passed on arrival would let its sender go late.
        const askedAt = this.now();
        const now = askedAt + Math.min(100, 2 * this.roundTripMs);
        let reservation: Awaited<ReturnType<PaceTable['reserve']>>;
        try {
          reservation = await this.table.reserve(
            this.key,
            count,
            this.intervalMs,
            now,
            lane === 'bulk' ? now + this.bulkLeadMs(count) : undefined,
          );
          this.roundTripMs = 0.8 * this.roundTripMs + 0.2 * (this.now() - askedAt);
        } catch (error) {
          // The line could not be reached: these senders fail as their call would (retried or dead-lettered).
          for (const waiter of queue.splice(0, count)) waiter.reject(error);
          continue;
        }
        if ('busyUntilMs' in reservation) {
          // A reply that came while this was asked goes first; it would not have woken the pause.
          if (this.waiting.reply.length > 0) continue;
          // Bulk waits until the line has shortened enough for this batch, or a reply arrives.
          await this.pause(reservation.busyUntilMs - this.bulkLeadMs(count) - this.now());
          continue;
        }
        const { startMs } = reservation;
        queue.splice(0, count).forEach((waiter, index) => {
          const slotMs = startMs + index * this.intervalMs;
          setTimeout(() => this.release(waiter, slotMs, lane), Math.max(0, slotMs - this.now()));
        });
      }
    } finally {
      this.pumping = false;
    }
  }

  /** How far ahead of now a bulk batch of `count` may start, so that it ends within the horizon. */
  private bulkLeadMs(count: number): number {
    return this.bulkHorizonMs() - count * this.intervalMs;
  }

  /** At least one slot: a slow line's bulk send may take the next slot, however far it is. */
  private bulkHorizonMs(): number {
    return Math.max(this.options.bulkHorizonMs, this.intervalMs);
  }

  /** Lets the sender go at its slot, or sends it for a new one when it was released too late. */
  private release(waiter: Waiter, slotMs: number, lane: Lane): void {
    const lateMs = this.now() - slotMs;
    // A timer may fire a little early by the wall clock (its loop time is cached and rounded).
    if (lateMs < 0) {
      setTimeout(() => this.release(waiter, slotMs, lane), Math.ceil(-lateMs));
      return;
    }
    if (lateMs <= (this.options.maxLatenessMs ?? Number.POSITIVE_INFINITY)) {
      waiter.resolve(slotMs);
      return;
    }
    this.waiting[lane].unshift(waiter);
    if (lane === 'reply') this.wakeUp?.();
    if (!this.pumping) void this.pump();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, ms));
      this.wakeUp = done;
    });
  }
}

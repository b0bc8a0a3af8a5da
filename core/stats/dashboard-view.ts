import { type DailyStats, type DayCounters, humanWaitBucketsSeconds } from './daily-stats.ts';

/** One day's figures. */
export interface DayFigures {
  whatsAppIn: number;
  whatsAppOut: number;
  smsOut: number;
  emailOut: number;
  botReplies: number;
  peopleReplies: number;
  handoffs: number;
}

export interface DashboardView {
  days: Array<{ day: string } & DayFigures>;
  totals: DayFigures & { failed: number };
  /** Why the bot handed over, most frequent first: where the Knowledge Base falls short. */
  handoffReasons: Array<{ reason: string; count: number }>;
  /** WhatsApp send failures by Meta error code, most frequent first. */
  failuresByCode: Array<{ code: string; count: number }>;
  /** How long customers waited from a handoff to a person's first reply. */
  humanReply: {
    replies: number;
    /** The bound of the bucket the median falls in ("within 5 minutes"); null when none or over a day. */
    medianWithinSeconds: number | null;
    medianOverADay: boolean;
    meanSeconds: number | null;
  };
}

const sum = (counters: DayCounters, name: string) => counters[name] ?? 0;

/** Counters sharing a prefix (`handoff.`), summed over the days, largest first. */
function breakdown(days: readonly DayCounters[], prefix: string): Array<{ name: string; count: number }> {
  const totals = new Map<string, number>();
  for (const counters of days)
    for (const [name, value] of Object.entries(counters))
      if (name.startsWith(prefix) && !name.slice(prefix.length).includes('.'))
        totals.set(name.slice(prefix.length), (totals.get(name.slice(prefix.length)) ?? 0) + value);
  return [...totals]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** The bucket bound under which half the replies came; undefined if none, or only beyond a day. */
function medianBucket(
  buckets: ReadonlyArray<{ bound: number; count: number }>,
  total: number,
): number | undefined {
  let cumulative = 0;
  for (const bucket of buckets) {
    cumulative += bucket.count;
    if (total > 0 && cumulative >= total / 2) return bucket.bound;
  }
  return undefined;
}

/** The business days ending with today (in the business's time zone), oldest first. */
export function lastDays(stats: Pick<DailyStats, 'dayOf'>, count: number, nowMs = Date.now()): string[] {
  const days = new Set<string>();
  // Step back in 12-hour strides: every calendar day is hit whatever the zone's offset.
  for (let back = 0; days.size < count; back += 1) days.add(stats.dayOf(nowMs - back * 12 * 3600 * 1000));
  return [...days].slice(0, count).reverse();
}

/** The dashboard over the last `dayCount` business days, from the day counters only (no Scan). */
export async function dashboardView(
  stats: DailyStats,
  dayCount: number,
  nowMs = Date.now(),
): Promise<DashboardView> {
  const found = await stats.days(lastDays(stats, dayCount, nowMs));
  const counters = found.map((entry) => entry.counters);
  const days = found.map(({ day, counters: c }) => ({
    day,
    whatsAppIn: sum(c, 'in.whatsapp'),
    whatsAppOut: sum(c, 'out.whatsapp'),
    smsOut: sum(c, 'out.sms'),
    emailOut: sum(c, 'out.email'),
    botReplies: sum(c, 'out.whatsapp.by.bot'),
    peopleReplies: sum(c, 'out.whatsapp.by.agent'),
    handoffs: sum(c, 'handoffs'),
  }));
  const total = (key: keyof (typeof days)[number]) => days.reduce((all, day) => all + Number(day[key]), 0);
  const waits = humanWaitBucketsSeconds.map((bound) => ({
    bound,
    count: counters.reduce((all, c) => all + sum(c, `human-wait.le.${bound}`), 0),
  }));
  const replies = counters.reduce((all, c) => all + sum(c, 'human-replies'), 0);
  const waitSumMs = counters.reduce((all, c) => all + sum(c, 'human-wait.sum-ms'), 0);
  const median = medianBucket(waits, replies);
  return {
    days,
    totals: {
      whatsAppIn: total('whatsAppIn'),
      whatsAppOut: total('whatsAppOut'),
      smsOut: total('smsOut'),
      emailOut: total('emailOut'),
      botReplies: total('botReplies'),
      peopleReplies: total('peopleReplies'),
      handoffs: total('handoffs'),
      failed: counters.reduce((all, c) => all + sum(c, 'failed.whatsapp'), 0),
    },
    handoffReasons: breakdown(counters, 'handoff.').map(({ name, count }) => ({ reason: name, count })),
    failuresByCode: breakdown(counters, 'failed.whatsapp.').map(({ name, count }) => ({ code: name, count })),
    humanReply: {
      replies,
      medianWithinSeconds: median ?? null,
      medianOverADay: replies > 0 && median === undefined,
      meanSeconds: replies === 0 ? null : Math.round(waitSumMs / replies / 1000),
    },
  };
}

/**
 * Entries that lapse after their own time to live, by an injected clock: pending sign-ins,
 * authorization codes, refresh tokens, Hosted UI sessions. Lapsed entries go at each write, so
 * the store stays as small as what is alive.
 */
export class ExpiringStore<Value> {
  private readonly entries = new Map<string, { value: Value; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  put(key: string, value: Value, ttlMs: number): void {
    const now = this.now();
    for (const [candidate, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(candidate);
    this.entries.set(key, { value, expiresAt: now + ttlMs });
  }

  get(key: string): Value | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** The value, removed: whatever the caller then decides, the key cannot be used again. */
  take(key: string): Value | undefined {
    const value = this.get(key);
    this.entries.delete(key);
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** The live entries' keys and values. */
  *live(): Generator<[string, Value]> {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt > now) yield [key, entry.value];
  }
}

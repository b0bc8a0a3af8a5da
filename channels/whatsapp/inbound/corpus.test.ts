import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '#core/config/load-config.ts';
import { businessDirectory } from '../business-directory.ts';
import { InboundParseError } from './inbound-parse-error.ts';
import { messageTypes } from './meta-message-schema.ts';
import { parseInboundEvent } from './parse-inbound-event.ts';

/** The committed corpus: every valid event parses; every invalid one is refused at the stage and with the code its name gives. */
const fixtures = join(import.meta.dirname, 'fixtures');
const directory = businessDirectory(loadConfig({}));
const files = (folder: string) =>
  readdirSync(join(fixtures, folder)).filter((name) => name.endsWith('.json'));

function outcomeOf(folder: string, file: string) {
  try {
    const outcomes = parseInboundEvent(readFileSync(join(fixtures, folder, file)), directory);
    const refused = outcomes.find((outcome) => !outcome.ok);
    return refused && !refused.ok ? refused.error : outcomes;
  } catch (error) {
    if (error instanceof InboundParseError) return error;
    throw error;
  }
}

describe('inbound corpus', () => {
  it('has a case for every message type and every status value', () => {
    const names = files('valid').join(' ');
    for (const type of messageTypes) {
      expect(names, type).toContain(type);
    }
    for (const status of ['sent', 'delivered', 'read', 'failed', 'accepted', 'deleted', 'warning'])
      expect(names, status).toContain(`status-${status}`);
  });

  it.each(files('valid'))('accepts valid/%s with every record parsed', (file) => {
    const outcome = outcomeOf('valid', file);
    expect(outcome).not.toBeInstanceOf(InboundParseError);
    const records = (
      outcome as Array<{ ok: boolean; record?: { messages: unknown[]; statuses: unknown[] } }>
    ).map((item) => item.record);
    expect(records.every((record) => record && record.messages.length + record.statuses.length > 0)).toBe(
      true,
    );
  });

  it.each(files('invalid'))('refuses invalid/%s as its name says', (file) => {
    const [stage, code] = file.split('--');
    const outcome = outcomeOf('invalid', file);
    expect(outcome).toBeInstanceOf(InboundParseError);
    expect((outcome as InboundParseError).toJSON()).toMatchObject({ stage, code });
    expect((outcome as InboundParseError).message).not.toMatch(/\n|\bat .+:\d+:\d+/);
  });
});

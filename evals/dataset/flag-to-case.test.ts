import { describe, expect, it } from 'vitest';
import { MessageFlagStore } from '#core/stores/message-flag-store.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { caseFromFlag, redactPhones } from './flag-to-case.ts';
import { parseDataset } from './load-dataset.ts';

const config = testConfig();
const flags = new MessageFlagStore(testClients().documents, config.tables.audit, config.auditRetentionDays);

describe('a flagged reply as a case', () => {
  it('reads the flag from the console, redacts every phone number, and writes a case the loader takes', async () => {
    const wamid = `wamid.${unique('flag')}`;
    const saved = await flags.save({
      wamid,
      conversationId: '831049713436137#919830012345',
      reply: 'Call us on +91 98300 12345, we open at 9:00.',
      question: 'मेरा नंबर 9830012345 है, आप कब खुलते हैं?',
      citations: [{ title: 'About WECARE.DIGITAL and our hours', uri: 's3://x', chunkId: null }],
      toolCalls: [],
      note: 'Wrong hours; the customer 919830012345 complained',
      flaggedBy: 'meera.operator',
    });
    const flag = await flags.get(saved.id);
    expect(flag?.reply).toBe('Call us on +91 98300 12345, we open at 9:00.');
    expect(await flags.get('flag#wamid.none#nobody')).toBeUndefined();

    const { testCase, yaml } = caseFromFlag(flag ?? saved);
    expect(yaml).not.toMatch(/98300\s?12345|9830012345/);
    expect(testCase).toMatchObject({
      category: 'flagged',
      language: 'hi',
      tags: ['flagged'],
      turns: ['मेरा नंबर +91 00000 00000 है, आप कब खुलते हैं?'],
      expect: { notContains: ['Call us on +91 00000 00000, we open at 9:00.'] },
    });
    expect(yaml).toContain('# Flagged by meera.operator');
    expect(yaml).toContain('Wrong hours; the customer +91 00000 00000 complained');
    // What it writes is a dataset the loader reads back as the same case.
    expect(parseDataset(yaml, 'flagged.yaml')).toEqual([testCase]);
    // The same flag is the same case.
    expect(caseFromFlag(saved).testCase.id).toBe(testCase.id);
  });

  it('keeps short numbers (prices, times, quantities) and replaces numbers of seven digits or more', () => {
    expect(redactPhones('₹14,999 at 10:00 for 2 people; call 033-2229 1234 or +91 93309 94400')).toBe(
      '₹14,999 at 10:00 for 2 people; call +91 00000 00000 or +91 00000 00000',
    );
  });
});

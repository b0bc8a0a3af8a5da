import { describe, expect, it } from 'vitest';
import { acknowledgement } from './acknowledge.ts';

const turn = (role: 'customer' | 'business', text: string, atMs: number) => ({
  role,
  text,
  atMs,
  wamid: `wamid.${atMs}`,
});

describe('acknowledgement', () => {
  it('acknowledges a file or a location in the language the customer writes in', () => {
    expect(acknowledgement([turn('customer', '[sent document: report.pdf]', 1)])).toBe(
      'Thank you, we have received your document. How can we help you with it?',
    );
    expect(
      acknowledgement([
        turn('customer', 'नमस्ते', 1),
        turn('business', 'नमस्ते!', 2),
        turn('customer', '[shared a location: Park Street]', 3),
      ]),
    ).toContain('लोकेशन');
  });

  it('leaves a question to the agent', () => {
    expect(
      acknowledgement([turn('customer', '[sent image]', 1), turn('customer', 'Is this the right form?', 2)]),
    ).toBeUndefined();
    expect(acknowledgement([turn('customer', 'Hello', 1)])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { Faults } from './fault-injection.ts';

const fault = {
  api: 'social-messaging',
  operation: 'SendWhatsAppMessage',
  errorType: 'InternalServerException',
  status: 500,
};

describe('Faults', () => {
  it('fails the next calls of an operation, as many as asked, and no other operation', () => {
    const faults = new Faults();
    faults.inject({ ...fault, count: 2 });
    expect(faults.take('social-messaging', 'PostWhatsAppMessageMedia')).toBeUndefined();
    const taken = Array.from({ length: 4 }, () => faults.take('social-messaging', 'SendWhatsAppMessage'));
    expect(taken.map((error) => error?.name ?? 'ok')).toEqual([
      'InternalServerException',
      'InternalServerException',
      'ok',
      'ok',
    ]);
  });

  it('fails a share of the calls, evenly spread, until its count is spent', () => {
    const faults = new Faults();
    faults.inject({ ...fault, share: 0.1, count: 3 });
    const failed = Array.from({ length: 50 }, (_, index) =>
      faults.take('social-messaging', 'SendWhatsAppMessage') ? index + 1 : 0,
    ).filter(Boolean);
    expect(failed).toEqual([10, 20, 30]);
  });

  it('does not let a fault failing a share of calls hide another on the same operation; the report keeps spent faults', () => {
    const faults = new Faults();
    faults.inject({ ...fault, share: 0.5, count: 100 });
    faults.inject({ ...fault, errorType: 'ThrottledRequestException', status: 429, count: 1 });
    const names = Array.from(
      { length: 4 },
      () => faults.take('social-messaging', 'SendWhatsAppMessage')?.name ?? 'ok',
    );
    // The first call is not the share's turn: the second fault fails it; then every other call.
    expect(names).toEqual([
      'ThrottledRequestException',
      'InternalServerException',
      'ok',
      'InternalServerException',
    ]);
    expect(faults.report()).toEqual([
      { operation: 'SendWhatsAppMessage', seen: 1, failed: 1 },
      { operation: 'SendWhatsAppMessage', seen: 4, failed: 2 },
    ]);
  });
});

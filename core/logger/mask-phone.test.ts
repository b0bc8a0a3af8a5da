import { describe, expect, it } from 'vitest';
import { maskConversationId, maskPhone } from './mask-phone.ts';

describe('maskPhone', () => {
  it('keeps the country code and the last four digits only', () => {
    expect(maskPhone('919876543210')).toBe('+91 ******3210');
    expect(maskPhone('+91 93309 94400')).toBe('+91 ******4400');
    expect(maskPhone('14255550123')).toBe('+1 ******0123');
  });

  it('never returns the full number, even for short inputs', () => {
    expect(maskPhone('9876543210')).toBe('******3210');
    expect(maskPhone('1234')).toBe('****');
  });
});

describe('maskConversationId', () => {
  it("hides the customer's number and keeps the business number id", () => {
    expect(maskConversationId('831049713436137#919876543210')).toBe('831049713436137#+91 ******3210');
  });
});

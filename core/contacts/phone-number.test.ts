import { describe, expect, it } from 'vitest';
import { e164Digits } from './phone-number.ts';

describe('a phone number as people type it', () => {
  it.each([
    ['+91 98765 43210', '919876543210'],
    ['09876543210', '919876543210'],
    ['919876543210', '919876543210'],
    ['98765-43210', '919876543210'],
    ['(98765) 43210', '919876543210'],
    ['0091 98765 43210', '919876543210'],
    ['+44 20 7946 0958', '442079460958'],
    ['+1 (415) 555-2671', '14155552671'],
  ])('%s is %s', (typed, digits) => {
    expect(e164Digits(typed)).toBe(digits);
  });

  it.each(['12345', 'call me', '+91 12345', '98765 4321x', '', '++919876543210'])(
    '%s is no number',
    (typed) => {
      expect(e164Digits(typed)).toBeUndefined();
    },
  );
});

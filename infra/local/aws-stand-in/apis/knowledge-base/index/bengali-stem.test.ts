import { describe, expect, it } from 'vitest';
import { bengaliStem } from './bengali-stem.ts';

describe('bengaliStem', () => {
  it.each([
    ['অফিসের', 'অফিস'],
    ['দিনের', 'দিন'],
    ['মাসে', 'মাস'],
    ['টাকার', 'টাকা'],
    ['ব্যাঙ্কিংয়ে', 'ব্যাঙ্কিং'],
    ['ইনভয়েসগুলো', 'ইনভয়েস'],
    ['ব্যাঙ্কে', 'ব্যাঙ্ক'],
  ])('takes the ending off %s', (word, stem) => {
    expect(bengaliStem(word)).toBe(stem);
  });

  it.each([
    // a final র after a consonant is the word's own
    'নম্বর',
    // too short to cut: what is left would not be a word
    'নয়',
    'ছুটি',
    // other scripts are left alone
    'refunds',
    'कीमतें',
  ])('leaves %s as it is', (word) => {
    expect(bengaliStem(word)).toBe(word);
  });
});

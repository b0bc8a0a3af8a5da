import { describe, expect, it } from 'vitest';
import { asksForPerson, clearAnswer } from './explicit-intents.ts';

describe('an explicit request for a person', () => {
  it.each([
    'speak to customer care',
    'Human please!!',
    'Can I talk to a real person?',
    'i want to speak with someone from your team',
    'connect me to a live agent',
    'mujhe support team se baat karni hai',
    'kisi insaan se baat karwao',
    'मुझे किसी इंसान से बात करनी है',
    'कृपया कस्टमर केयर से जोड़ें',
    'একজন প্রতিনিধির সাথে কথা বলতে চাই',
    'আমি কারও সঙ্গে কথা বলতে চাই',
    'ami manusher sathe kotha bolte chai',
    'kono manush er sathe kotha bolte chai plz',
  ])('is read in "%s"', (text) => {
    expect(asksForPerson(text)).toBe(true);
  });

  it.each([
    'How much is the Website Starter?',
    'What are your office hours?',
    'I want to talk about a website for my shop',
    'Is my data safe with you?',
    'वेबसाइट की कीमत क्या है',
    'অফিস কখন খোলা থাকে?',
    'humane treatment of animals',
  ])('is not read in "%s"', (text) => {
    expect(asksForPerson(text)).toBe(false);
  });
});

describe('a clear yes or no to the assistant', () => {
  it.each([
    ['Yes please', 'yes'],
    ['ok 👍', 'yes'],
    ['haan ji', 'yes'],
    ['हाँ, भेजिए', 'yes'],
    ['হ্যাঁ', 'yes'],
    ['Not now.', 'no'],
    ['abhi nahi', 'no'],
    ['नहीं', 'no'],
    ['এখন না', 'no'],
  ])('"%s" is %s', (text, answer) => {
    expect(clearAnswer(text)).toBe(answer);
  });

  it.each(['Yes, but what does the Annual Care Plan include?', 'no idea what GST is', 'how do I pay', ''])(
    '"%s" is neither: it is a message for the agent',
    (text) => {
      expect(clearAnswer(text)).toBeUndefined();
    },
  );
});

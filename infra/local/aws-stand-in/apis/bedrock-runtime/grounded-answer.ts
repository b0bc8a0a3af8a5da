import { phrases } from './offline-phrases.ts';
import { type PassageLanguage, type PassageSection, passageSections } from './passage-sections.ts';
import type { PromptPassage } from './prompt-passages.ts';
import { genericMeanings, includesMeaning, topicalMeanings } from './prompt-words.ts';
import type { SaidLanguage } from './said-language.ts';

export type GroundedAnswer =
  | { kind: 'answer'; text: string }
  /** The question's topic is not covered by any passage: the model must not guess. */
  | { kind: 'unsupported' }
  /** The words ask nothing (a greeting, a thanks, an "ok"). */
  | { kind: 'no-topic' };

/** The passage languages a customer reads, best first (romanised writers read the Latin-script documents first). */
const readingOrder: Record<SaidLanguage, readonly PassageLanguage[]> = {
  en: ['en', 'hi', 'bn'],
  hi: ['hi', 'en', 'bn'],
  bn: ['bn', 'en', 'hi'],
  hinglish: ['en', 'hi', 'bn'],
  banglish: ['en', 'bn', 'hi'],
};

/** Longer than this, a section is quoted by its heading and the paragraphs that answer. */
const wholeSectionCharacters = 1500;

/**
 * The offline stand-in model's answer from the passages: the section (or, when the question needs
 * two, the two sections) that cover what is asked, each quoted whole with its heading and cited
 * `[n]` by its passage's id. Supported only when every topical word of the question is covered (one
 * may be missing from a long question); a word naming the business itself ("website", "digital",
 * "service") is never support on its own.
 */
export function groundedAnswer(
  question: string,
  passages: readonly PromptPassage[],
  language: SaidLanguage,
): GroundedAnswer {
  const wanted = topicalMeanings(question);
  if (wanted.length === 0) return { kind: 'no-topic' };
  const sections = passageSections(passages);
  // The customer's own language first; another language's documents only when those do not cover it.
  const order = readingOrder[language];
  for (let languages = 1; languages <= order.length; languages += 1) {
    const readable = new Set(order.slice(0, languages));
    const chosen = sectionsAnswering(
      wanted,
      sections.filter((section) => readable.has(section.language)),
    );
    if (!chosen) continue;
    // In the order the question asks them.
    const firstAsked = (section: PassageSection) =>
      wanted.findIndex((meaning) => covers(section, meaning, 'strong'));
    const ordered = [...chosen].sort((first, second) => firstAsked(first) - firstAsked(second));
    return { kind: 'answer', text: ordered.map((section) => quoted(section, wanted, language)).join('\n\n') };
  }
  return { kind: 'unsupported' };
}

/** The section that answers best, and a second one for what it leaves out; none without support. */
function sectionsAnswering(
  wanted: readonly string[],
  sections: readonly PassageSection[],
): PassageSection[] | undefined {
  const specific = wanted.filter((meaning) => !genericMeanings.has(meaning));
  const chosen: PassageSection[] = [];
  let remaining = wanted;
  for (let step = 0; step < 2; step += 1) {
    const needsSpecific = remaining.some((meaning) => !genericMeanings.has(meaning));
    if (step > 0 && !needsSpecific) break;
    const best = bestSection(
      sections.filter((section) => !chosen.includes(section)),
      remaining,
      wanted,
    );
    if (!best || (needsSpecific && best.specific === 0)) break;
    chosen.push(best.section);
    remaining = remaining.filter((meaning) => !covers(best.section, meaning, 'any'));
  }
  const uncovered = specific.filter((meaning) => !chosen.some((section) => covers(section, meaning, 'any')));
  const supported =
    chosen.length > 0 && (uncovered.length === 0 || (specific.length >= 4 && uncovered.length === 1));
  return supported ? chosen : undefined;
}

/**
 * The section that says most of what is still wanted, where it counts most (in a heading, then in
 * the text); between equals, the one that is most about the whole question.
 */
function bestSection(
  candidates: readonly PassageSection[],
  remaining: readonly string[],
  wanted: readonly string[],
) {
  const ranked = candidates
    .map((section) => {
      const still = weigh(section, remaining);
      return { section, specific: still.specific, score: still.score, whole: weigh(section, wanted).score };
    })
    .filter((candidate) => candidate.score > 0)
    .sort(
      (first, second) =>
        second.score - first.score ||
        second.specific - first.specific ||
        second.whole - first.whole ||
        first.section.order - second.section.order,
    );
  return ranked[0];
}

function weigh(section: PassageSection, wanted: readonly string[]): { specific: number; score: number } {
  let specific = 0;
  let score = 0;
  for (const meaning of wanted) {
    const isGeneric = genericMeanings.has(meaning);
    const place = covers(section, meaning, 'heading')
      ? 3
      : covers(section, meaning, 'strong')
        ? 2
        : covers(section, meaning, 'any')
          ? 1
          : 0;
    if (place >= 2 && !isGeneric) specific += 1;
    score += place * (isGeneric ? 0.5 : 1);
  }
  return { specific, score };
}

/** Where a section says a meaning: in its heading, its heading or body ('strong'), or also its document's title. */
function covers(section: PassageSection, meaning: string, where: 'heading' | 'strong' | 'any'): boolean {
  if (includesMeaning(section.headingMeanings, meaning)) return true;
  if (where === 'heading') return false;
  if (includesMeaning(section.bodyMeanings, meaning)) return true;
  return where === 'any' && includesMeaning(section.titleMeanings, meaning);
}

/** A section as the answer quotes it: a lead-in when it is in another language, its heading in bold, its text, its citation. */
function quoted(section: PassageSection, wanted: readonly string[], language: SaidLanguage): string {
  const ownLanguage = language === 'en' || language === 'hi' || language === 'bn' ? language : undefined;
  const leadIn = section.language === ownLanguage ? [] : [phrases[language].quoting(section.language)];
  const heading = section.heading ? [`*${section.heading.replace(/\*/g, '')}*`] : [];
  let paragraphs = section.paragraphs;
  if (paragraphs.join('\n').length > wholeSectionCharacters) {
    const answering = paragraphs.filter((paragraph) => {
      const meanings = new Set(topicalMeanings(paragraph));
      return wanted.some((meaning) => includesMeaning(meanings, meaning));
    });
    paragraphs = answering.length > 0 ? answering.slice(0, 3) : paragraphs.slice(0, 1);
  }
  const lines = [...leadIn, ...heading, ...paragraphs];
  return `${lines.join('\n')} [${section.passage.id}]`;
}

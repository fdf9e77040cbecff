/**
 * Recognises messages that are not questions about the business: a greeting
 * or thanks on its own, and a wish to talk to a person (which may come with
 * other words, "kan jag prata med en människa om min faktura?").
 */
import type { Locale } from '../protocol/common';

export type SmallTalk = 'greeting' | 'thanks' | 'human';

const greetingWords: Record<Locale, Set<string>> = {
  sv: new Set([
    'hej',
    'hejsan',
    'hejhej',
    'hallå',
    'halloj',
    'tjena',
    'tjenare',
    'tja',
    'tjabba',
    'morsning',
    'god',
    'morgon',
    'dag',
    'kväll',
    'eftermiddag',
    'goddag',
    'godmorgon',
    'hello',
    'hi',
    'hey',
    'där',
    'på',
    'dig',
    'er',
    'alla',
    'bot',
    'boten',
    'assistent',
    'nu',
  ]),
  en: new Set([
    'hello',
    'hi',
    'hey',
    'hiya',
    'howdy',
    'greetings',
    'good',
    'morning',
    'afternoon',
    'evening',
    'day',
    'there',
    'yo',
    'bot',
    'all',
    'everyone',
  ]),
};

const thanksWords: Record<Locale, Set<string>> = {
  sv: new Set([
    'tack',
    'tackar',
    'tusen',
    'så',
    'mycket',
    'för',
    'hjälpen',
    'svaret',
    'det',
    'snällt',
    'bra',
    'toppen',
    'perfekt',
    'super',
    'ok',
    'okej',
    'schysst',
    'grymt',
    'kanon',
    'hej',
    'då',
    'hejdå',
    'ha',
    'en',
    'fin',
    'dag',
  ]),
  en: new Set([
    'thanks',
    'thank',
    'you',
    'so',
    'very',
    'much',
    'a',
    'lot',
    'for',
    'the',
    'help',
    'answer',
    'cheers',
    'great',
    'perfect',
    'ok',
    'okay',
    'awesome',
    'nice',
    'brilliant',
    'bye',
    'goodbye',
    'have',
    'good',
    'day',
    'many',
    'appreciate',
    'it',
  ]),
};

// Each needs the word that says the visitor wants a person, so "thank you"
// or "must I talk to my bank" stay ordinary messages.
const humanPatterns: Record<Locale, RegExp> = {
  sv: /(?<![\p{L}\p{N}])(människa|människor|riktig person|levande person|person av kött|handläggare|kundtjänst|kundservice|operatör|någon som jobbar|en anställd|medarbetare|prata med (?:någon|en person|er|dig)|tala med (?:någon|en person|er)|inte (?:en )?(?:bot|robot)|ingen (?:bot|robot))(?![\p{L}\p{N}])/iu,
  en: /(?<![\p{L}\p{N}])(human|humans|real person|live person|live agent|an agent|someone real|customer service|customer support|representative|operator|staff member|speak to someone|talk to someone|talk to a|speak to a|speak with|talk with|not a (?:bot|robot))(?![\p{L}\p{N}])/iu,
};

const words = /[\p{L}\p{N}]+/gu;

/** The kind of small talk `text` is, or null for anything else. */
export function detectSmallTalk(text: string, locale: Locale): SmallTalk | null {
  const lower = text.toLowerCase();
  if (humanPatterns[locale].test(lower)) return 'human';
  const found = lower.match(words) ?? [];
  if (found.length === 0 || found.length > 8) return null;
  if (
    found.every((word) => thanksWords[locale].has(word)) &&
    found.some((word) => word.startsWith('tack') || word.startsWith('thank') || word === 'cheers')
  )
    return 'thanks';
  if (found.every((word) => greetingWords[locale].has(word))) return 'greeting';
  return null;
}

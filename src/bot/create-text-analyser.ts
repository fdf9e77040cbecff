/**
 * Turns text into search terms for one locale: words, lower-cased, stemmed
 * with the Snowball stemmer of the language (`@orama/stemmers`), then folded
 * to ASCII so `oppettider` finds `öppettider`. Stop words (`@orama/stopwords`
 * plus chat filler such as "undrar" or "please") are marked, not dropped:
 * they still rank, but do not count when judging how much of a question the
 * best answer explains.
 */
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as swedishStemmer } from '@orama/stemmers/swedish';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { stopwords as swedishStopwords } from '@orama/stopwords/swedish';
import type { Locale } from '../protocol/common';

/** One word of a text as the matcher sees it. */
export interface Term {
  /** The stemmed, folded form that is indexed and searched. */
  stem: string;
  /** Whether the word carries little meaning of its own. */
  stop: boolean;
}

/** A locale's tokeniser, stemmer and stop words. */
export interface TextAnalyser {
  locale: Locale;
  /** The words of `text` in order; at most `maxTerms`. */
  terms(text: string): Term[];
  /** One word's stem, as `terms` would make it. */
  stem(word: string): string;
}

/** The most words of one text that are looked at; a longer message is cut. */
export const maxTerms = 64;

// Words people wrap a question in. Without them, "jag undrar lite om kakor"
// is a question about "kakor" alone.
const fillers: Record<Locale, string[]> = {
  sv: [
    'undrar',
    'undra',
    'fråga',
    'frågor',
    'lite',
    'grann',
    'bara',
    'snälla',
    'tack',
    'hej',
    'hejsan',
    'hallå',
    'tjena',
    'vill',
    'veta',
    'skulle',
    'gärna',
    'kanske',
    'också',
    'även',
    'ju',
    'väl',
    'nog',
    'typ',
    'liksom',
    'alltså',
    'någon',
    'något',
    'några',
    'finns',
    'det',
    'går',
    'gör',
    'göra',
    'får',
    'få',
    'kunna',
    'kan',
    'säga',
    'berätta',
    'mer',
    'om',
    'hos',
    'era',
    'ert',
    'er',
    'eran',
    'erat',
    'mina',
    'mitt',
    'min',
    'man',
    'sen',
    'sedan',
    'ok',
    'okej',
    'hur',
    'vad',
    'när',
    'var',
    'vem',
    'vilken',
    'vilket',
    'vilka',
    'varför',
    'ny',
    'nya',
    'nytt',
    'behöver',
    'måste',
    'fungerar',
    'funkar',
    'fixa',
    'hjälp',
    'hjälpa',
    // Where the visitor is: every site's chat is on a site.
    'sida',
    'sidan',
    'sajt',
    'sajten',
    'hemsida',
    'hemsidan',
    'webbplats',
    'webbplatsen',
    'här',
  ],
  en: [
    'wonder',
    'wondering',
    'question',
    'questions',
    'please',
    'thanks',
    'thank',
    'hello',
    'hi',
    'hey',
    'want',
    'would',
    'like',
    'know',
    'tell',
    'can',
    'could',
    'also',
    'just',
    'get',
    'got',
    'do',
    'does',
    'did',
    'there',
    'any',
    'anything',
    'something',
    'some',
    'about',
    'ok',
    'okay',
    'much',
    'many',
    'way',
    'really',
    'quick',
    'need',
    'let',
    'someone',
    'somebody',
    'anyone',
    'anybody',
    'everything',
    'thing',
    'things',
    'new',
    'work',
    'works',
    'working',
    'help',
    'fix',
    'site',
    'website',
    'page',
    'homepage',
    'here',
  ],
};

const stemmers: Record<Locale, (word: string) => string> = {
  sv: swedishStemmer,
  en: englishStemmer,
};

const stopLists: Record<Locale, readonly string[]> = {
  sv: swedishStopwords,
  en: englishStopwords,
};

/** å, ä, ö, é … → a, a, o, e: visitors on foreign keyboards leave the dots off. */
export function foldDiacritics(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '');
}

// Apostrophes inside words ("don't", "what's") stay, so the stop list sees them.
const word = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** The analyser for `locale`. */
export function createTextAnalyser(locale: Locale): TextAnalyser {
  const stemWord = stemmers[locale];
  const stops = new Set<string>([...stopLists[locale], ...fillers[locale]]);
  const cache = new Map<string, string>();
  function stem(raw: string): string {
    const lower = raw.toLowerCase().replace(/’/g, "'");
    const known = cache.get(lower);
    if (known !== undefined) return known;
    const stemmed = foldDiacritics(/\d/.test(lower) ? lower : stemWord(lower));
    // Bounded: a visitor's new words must not grow it for ever.
    if (cache.size < 50_000) cache.set(lower, stemmed);
    return stemmed;
  }
  return {
    locale,
    stem,
    terms(text) {
      const terms: Term[] = [];
      for (const match of text.normalize('NFC').matchAll(word)) {
        const lower = match[0].toLowerCase().replace(/’/g, "'");
        // "US", "IT", "EU" in capitals are names, not the pronoun or the article.
        const acronym =
          match[0].length >= 2 && match[0] === match[0].toUpperCase() && /\p{L}/u.test(match[0]);
        terms.push({ stem: stem(lower), stop: !acronym && stops.has(lower) });
        if (terms.length >= maxTerms) break;
      }
      return terms;
    },
  };
}

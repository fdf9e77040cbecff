/**
 * Finds the answers that best fit a visitor's message, with MiniSearch
 * (BM25+) over stemmed, diacritic-folded terms: prefix and fuzzy matching for
 * unfinished words and typos, field boosts (questions over keywords over the
 * answer's text), Swedish compounds split against the knowledge base's own
 * words. Each candidate carries a confidence in [0, 1]: how much of what the
 * visitor said (stop words aside) the answer explains, weighting a typo or a
 * match in the answer's text below a match in a question. Pure and
 * synchronous: it runs in the demo's browser mocks as in the server.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Locale } from '../protocol/common';
import { createTextAnalyser, type TextAnalyser } from './create-text-analyser';
import type { KnowledgeBase, KnowledgeEntry } from './knowledge-base';

/** The knobs of matching; the defaults are tuned on the paraphrase sets in tests/fixtures. */
export interface MatchTuning {
  /** Below this confidence the fallback answers. */
  threshold: number;
  /** Field boosts: how much a word in a question, a keyword or the answer text counts. */
  boost: { questions: number; keywords: number; answer: number };
  /** Whether typos are forgiven: one wrong letter from 4 letters on, two from 8. */
  fuzzy: boolean;
  /** Whether the start of a word finds the whole word (`radera` finds `raderas`). */
  prefix: boolean;
}

export const defaultMatchTuning: MatchTuning = {
  threshold: 0.55,
  boost: { questions: 3, keywords: 2, answer: 1 },
  fuzzy: true,
  prefix: true,
};

/** One answer that fits, with its BM25 score and how confident the match is. */
export interface MatchCandidate {
  entry: KnowledgeEntry;
  score: number;
  confidence: number;
}

export interface KnowledgeMatcher {
  /** The best `limit` candidates for `text` in `locale`, best first; possibly none. */
  match(text: string, locale: Locale, limit?: number): MatchCandidate[];
  readonly tuning: MatchTuning;
}

type Field = 'questions' | 'keywords' | 'answer';

interface IndexedDocument {
  id: string;
  entry: number;
  questions?: string;
  keywords?: string;
  answer?: string;
}

interface LocaleIndex {
  analyser: TextAnalyser;
  /** Which entry each indexed document belongs to, and whether it holds keywords and answer. */
  documentOf: Map<string, { entry: number; extra: boolean }>;
  entries: KnowledgeEntry[];
  search: MiniSearch<IndexedDocument>;
  vocabulary: Set<string>;
}

const fieldQuality: Record<Field, number> = { questions: 1, keywords: 1, answer: 0.6 };
const matchQuality = { exact: 1, prefix: 0.85, fuzzy: 0.7 };
const stopWordBoost = 0.3;
/** How much a known word that the answer does not explain counts against it. */
const contextWeight = 0.5;

/** The answer's words without Markdown link targets, so `https://…` does not count as text. */
function plainText(markdown: string): string {
  return markdown.replace(/\]\([^)]*\)/g, ']').replace(/[*_`#>[\]]/g, ' ');
}

/**
 * Swedish writes compounds as one word: `personuppgifter` holds `uppgifter`.
 * A long word also yields its tail (and head) when the knowledge base knows
 * them as words of their own, with or without a linking `s`.
 */
function compoundParts(stem: string, vocabulary: ReadonlySet<string>): string[] {
  if (stem.length < 9) return [];
  const parts: string[] = [];
  // Tails and heads shorter than this split words that are no compounds ("bokfö|ring").
  for (let cut = 4; cut <= stem.length - 5; cut++) {
    const tail = stem.slice(cut);
    if (!vocabulary.has(tail)) continue;
    parts.push(tail);
    const head = stem.slice(0, cut);
    if (vocabulary.has(head)) parts.push(head);
    else if (head.endsWith('s') && vocabulary.has(head.slice(0, -1))) parts.push(head.slice(0, -1));
    break;
  }
  return parts;
}

function buildIndex(locale: Locale, entries: KnowledgeEntry[]): LocaleIndex {
  const analyser = createTextAnalyser(locale);
  const documents: IndexedDocument[] = [];
  for (const [index, entry] of entries.entries()) {
    for (const [number, question] of entry.questions.entries())
      documents.push({ id: `${index}:${number}`, entry: index, questions: question });
    documents.push({
      id: `${index}:x`,
      entry: index,
      keywords: entry.keywords.join('\n'),
      answer: plainText(entry.answer),
    });
  }
  const vocabulary = new Set<string>();
  for (const document of documents)
    for (const text of [document.questions, document.keywords, document.answer])
      if (text) for (const term of analyser.terms(text)) vocabulary.add(term.stem);
  const search = new MiniSearch<IndexedDocument>({
    fields: ['questions', 'keywords', 'answer'],
    storeFields: [],
    // Words are found by our own analyser; MiniSearch gets them ready-made.
    tokenize: (text) => analyser.terms(text).map((term) => term.stem),
    processTerm: (stem) => (locale === 'sv' ? [stem, ...compoundParts(stem, vocabulary)] : stem),
    searchOptions: { tokenize: (text) => text.split(' '), processTerm: (term) => term },
  });
  search.addAll(documents);
  const documentOf = new Map(
    documents.map((document) => [
      document.id,
      { entry: document.entry, extra: document.id.endsWith(':x') },
    ]),
  );
  return { analyser, entries, search, vocabulary, documentOf };
}

/** Levenshtein distance of `a` and `b`, or `limit + 1` once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? limit + 1;
}

/** How closely the query form `form` matches the indexed `docTerm`: 0 when it does not. */
function closeness(form: string, docTerm: string): number {
  if (form === docTerm) return matchQuality.exact;
  if (docTerm.startsWith(form)) return matchQuality.prefix;
  const allowed = typoDistance(form);
  const distance = editDistance(form, docTerm, allowed);
  if (distance > allowed) return 0;
  return distance === 1 ? matchQuality.fuzzy : matchQuality.fuzzy * 0.7;
}

/** Typos forgiven in a word of this length: none in short words, where one letter makes another word. */
function typoDistance(term: string): number {
  return term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
}

/** Builds one matcher over both locales of `knowledge`. */
export function createKnowledgeMatcher(
  knowledge: KnowledgeBase,
  tuning: MatchTuning = defaultMatchTuning,
): KnowledgeMatcher {
  const indexes: Record<Locale, LocaleIndex> = {
    sv: buildIndex('sv', knowledge.sv.entries),
    en: buildIndex('en', knowledge.en.entries),
  };

  return {
    tuning,
    match(text, locale, limit = 1) {
      const { analyser, entries, search, vocabulary, documentOf } = indexes[locale];
      if (entries.length === 0) return [];
      const all = analyser.terms(text);
      const unique = [...new Map(all.map((term) => [term.stem, term])).values()];
      let wanted = unique.filter((term) => !term.stop);
      // "Vad gör ni?" is all stop words; then every word must be explained.
      if (wanted.length === 0) {
        if (unique.length < 2) return [];
        wanted = unique;
      }
      // Each wanted word searches as itself and as its compound parts.
      const forms = new Map<string, number[]>();
      for (const [position, term] of wanted.entries()) {
        const own = [term.stem];
        if (locale === 'sv' && !vocabulary.has(term.stem))
          own.push(...compoundParts(term.stem, vocabulary));
        for (const form of own) forms.set(form, [...(forms.get(form) ?? []), position]);
      }
      // Stop words rank a little ("when" vs "how long") but only as typed.
      const stops = unique
        .filter((term) => term.stop && !forms.has(term.stem))
        .map((term) => term.stem);
      const stopSet = new Set(stops);
      const results: SearchResult[] = search.search([...forms.keys(), ...stops].join(' '), {
        boost: tuning.boost,
        boostTerm: (term) => (stopSet.has(term) ? stopWordBoost : 1),
        prefix: (term) => tuning.prefix && term.length >= 4 && !stopSet.has(term),
        // A word the knowledge base has is no typo; only unknown words are looked up loosely.
        fuzzy: (term) =>
          tuning.fuzzy && !stopSet.has(term) && !vocabulary.has(term)
            ? typoDistance(term) || false
            : false,
        combineWith: 'OR',
      });
      // Per entry: the best question plus the keywords-and-answer document,
      // and for each wanted word the closest match anywhere in the entry.
      const perEntry = new Map<
        number,
        { score: number; questionScore: number; covered: Float64Array }
      >();
      const known = new Uint8Array(wanted.length);
      for (const result of results) {
        const document = documentOf.get(result.id as string);
        if (document === undefined) continue;
        let found = perEntry.get(document.entry);
        if (found === undefined) {
          found = { score: 0, questionScore: 0, covered: new Float64Array(wanted.length) };
          perEntry.set(document.entry, found);
        }
        if (document.extra) found.score += result.score;
        else if (result.score > found.questionScore) {
          found.score += result.score - found.questionScore;
          found.questionScore = result.score;
        }
        for (const queryTerm of result.queryTerms) {
          const positions = forms.get(queryTerm);
          if (positions === undefined) continue;
          let best = 0;
          for (const docTerm of result.terms) {
            const kind = closeness(queryTerm, docTerm);
            if (kind === 0) continue;
            let field = 0;
            for (const name of (result.match[docTerm] ?? []) as Field[]) {
              // A typo that lands on some word of a long answer is chance, not meaning.
              if (name === 'answer' && kind < matchQuality.prefix) continue;
              field = Math.max(field, fieldQuality[name] ?? 0);
            }
            best = Math.max(best, kind * field);
          }
          if (best === 0) continue;
          for (const position of positions) {
            known[position] = 1;
            if (best > (found.covered[position] ?? 0)) found.covered[position] = best;
          }
        }
      }
      // A word the knowledge base knows, but from another answer, is the
      // visitor's context ("pris" with "kamrem"); a word it has never seen
      // ("köttbullar") says the question is about something else.
      const candidates: MatchCandidate[] = [];
      for (const [entryIndex, found] of perEntry) {
        const entry = entries[entryIndex];
        if (entry === undefined) continue;
        let explained = 0;
        let weight = 0;
        for (let position = 0; position < wanted.length; position++) {
          const covered = found.covered[position] ?? 0;
          explained += covered;
          weight += covered > 0 || known[position] === 0 ? 1 : contextWeight;
        }
        const confidence = weight === 0 ? 0 : explained / weight;
        candidates.push({ entry, score: found.score, confidence });
      }
      // Explaining the whole question matters more than scoring high on part of it.
      const rank = (candidate: MatchCandidate) => candidate.score * candidate.confidence ** 2;
      candidates.sort((a, b) => rank(b) - rank(a) || (a.entry.id < b.entry.id ? -1 : 1));
      return candidates.slice(0, limit);
    },
  };
}

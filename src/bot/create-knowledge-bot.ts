/**
 * The knowledge-base bot (contract §7): small talk first (a greeting, thanks,
 * asking for a person), then the best-matching entry's answer and actions if
 * the match is confident enough, else the locale's fallback. Pure.
 */
import type { ChatAction } from '../protocol/chat';
import type { Locale } from '../protocol/common';
import { botTexts } from './bot-texts';
import {
  createKnowledgeMatcher,
  defaultMatchTuning,
  type MatchCandidate,
  type MatchTuning,
} from './create-knowledge-matcher';
import { detectSmallTalk } from './detect-small-talk';
import type { KnowledgeBase } from './knowledge-base';

/** Why the bot said what it said; the server logs nothing of it, tests and the bench read it. */
export type AnswerSource =
  | { kind: 'entry'; entryId: string; confidence: number }
  | { kind: 'fallback' | 'greeting' | 'thanks' | 'human' };

/** One answer: Markdown-subset text, optional actions, and where it came from. */
export interface BotAnswer {
  text: string;
  actions?: ChatAction[];
  source: AnswerSource;
}

export interface KnowledgeBot {
  answer(text: string, locale: Locale): BotAnswer;
  /** The entries worth showing a language model for `text`: confident enough, best first. */
  retrieve(text: string, locale: Locale, limit: number): MatchCandidate[];
  /** The locale's fallback answer. */
  fallback(locale: Locale): BotAnswer;
}

const contactForm: ChatAction = { type: 'contact-form' };

/** Builds the bot over a parsed knowledge base. Indexing happens here, once. */
export function createKnowledgeBot(
  knowledge: KnowledgeBase,
  tuning: MatchTuning = defaultMatchTuning,
): KnowledgeBot {
  const matcher = createKnowledgeMatcher(knowledge, tuning);

  function fallback(locale: Locale): BotAnswer {
    const own = knowledge[locale].fallback;
    if (own === null) {
      return {
        text: botTexts[locale].fallback,
        actions: [contactForm],
        source: { kind: 'fallback' },
      };
    }
    return own.actions
      ? { text: own.answer, actions: own.actions, source: { kind: 'fallback' } }
      : { text: own.answer, source: { kind: 'fallback' } };
  }

  function best(text: string, locale: Locale): MatchCandidate | null {
    const [top] = matcher.match(text, locale, 1);
    return top !== undefined && top.confidence >= tuning.threshold ? top : null;
  }

  return {
    fallback,
    retrieve(text, locale, limit) {
      // Looser than for a direct answer: the model reads them and may decline.
      return matcher
        .match(text, locale, limit)
        .filter((candidate) => candidate.confidence >= tuning.threshold * 0.6);
    },
    answer(text, locale) {
      const smallTalk = detectSmallTalk(text, locale);
      if (smallTalk === 'thanks')
        return { text: botTexts[locale].thanks, source: { kind: 'thanks' } };
      if (smallTalk === 'greeting') {
        // The fallback's quick replies are the owner's "what I can help with"; a greeting offers them too.
        const suggestions = knowledge[locale].fallback?.actions?.filter(
          (action) => action.type === 'quick-reply',
        );
        return suggestions && suggestions.length > 0
          ? { text: botTexts[locale].greeting, actions: suggestions, source: { kind: 'greeting' } }
          : { text: botTexts[locale].greeting, source: { kind: 'greeting' } };
      }
      const top = best(text, locale);
      if (smallTalk === 'human') {
        // The owner's own "contact us" answer wins if it offers the form.
        if (top?.entry.actions?.some((action) => action.type === 'contact-form')) {
          return {
            text: top.entry.answer,
            actions: top.entry.actions,
            source: { kind: 'entry', entryId: top.entry.id, confidence: top.confidence },
          };
        }
        return { text: botTexts[locale].human, actions: [contactForm], source: { kind: 'human' } };
      }
      if (top === null) return fallback(locale);
      const source: AnswerSource = {
        kind: 'entry',
        entryId: top.entry.id,
        confidence: top.confidence,
      };
      return top.entry.actions
        ? { text: top.entry.answer, actions: top.entry.actions, source }
        : { text: top.entry.answer, source };
    },
  };
}

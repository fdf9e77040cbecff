/**
 * The shapes of a site owner's knowledge base (contract §7): one answer per
 * Markdown file, a folder per locale, YAML front matter checked by
 * `frontMatterSchema`. Pure: nothing here reads files, so the demo's mocks
 * use the same code in the browser.
 */

import type { ChatAction } from '../protocol/chat';
import { chatAction } from '../protocol/chat';
import type { Locale } from '../protocol/common';
import { z } from '../protocol/zod-setup';

/** Longest question or keyword, in characters. */
export const maxQuestionLength = 500;
/** Most questions (and most keywords) one file may list. */
export const maxQuestionsPerEntry = 200;
/** Longest answer, in characters: the longest reply text the chat wire shape allows. */
export const maxAnswerLength = 20_000;

const phrase = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(maxQuestionLength, `must be at most ${maxQuestionLength} characters`),
  );

/** The front matter of an answer file. */
export const frontMatterSchema = z.strictObject({
  questions: z
    .array(phrase)
    .check(
      z.minLength(1, 'must list at least one question'),
      z.maxLength(maxQuestionsPerEntry, `must list at most ${maxQuestionsPerEntry} questions`),
    ),
  keywords: z.optional(
    z
      .array(phrase)
      .check(
        z.maxLength(maxQuestionsPerEntry, `must list at most ${maxQuestionsPerEntry} keywords`),
      ),
  ),
  actions: z.optional(z.array(chatAction).check(z.maxLength(10, 'must list at most 10 actions'))),
});

/**
 * The front matter of `_fallback.md`, which is optional: only `actions` are
 * used. `questions` and `keywords` are accepted (a copied answer file still
 * loads) but nothing matches on them.
 */
export const fallbackFrontMatterSchema = z.strictObject({
  questions: z.optional(z.array(phrase).check(z.maxLength(maxQuestionsPerEntry))),
  keywords: z.optional(z.array(phrase).check(z.maxLength(maxQuestionsPerEntry))),
  actions: z.optional(z.array(chatAction).check(z.maxLength(10, 'must list at most 10 actions'))),
});

/** One answer of the knowledge base. */
export interface KnowledgeEntry {
  /** `sv/opening-hours.md`: the locale folder and the file name. */
  id: string;
  locale: Locale;
  questions: string[];
  keywords: string[];
  /** The Markdown-subset answer (contract §5). */
  answer: string;
  actions?: ChatAction[];
}

/** What is said when nothing matches well enough. */
export interface FallbackAnswer {
  answer: string;
  actions?: ChatAction[];
}

/** One locale's answers. `fallback` is null when the folder has no `_fallback.md`. */
export interface LocaleKnowledge {
  entries: KnowledgeEntry[];
  fallback: FallbackAnswer | null;
}

/** A parsed knowledge base: both locales, each possibly empty. */
export type KnowledgeBase = Record<Locale, LocaleKnowledge>;

/** A problem in one file: the file as the owner named it, a 1-based line, and what is wrong. */
export interface KnowledgeProblem {
  file: string;
  /** 1-based; 0 when the problem is the file or folder as a whole (too big, not UTF-8, missing). */
  line: number;
  message: string;
}

/** An empty knowledge base: every question gets the fallback. */
export function emptyKnowledgeBase(): KnowledgeBase {
  return { sv: { entries: [], fallback: null }, en: { entries: [], fallback: null } };
}

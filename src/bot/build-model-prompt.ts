/**
 * The prompt a language model gets (contract §7): instructions, the
 * retrieved knowledge-base entries and the last few turns, nothing else.
 * Every visitor text in it has already been redacted by the caller.
 */
import type { Locale } from '../protocol/common';
import type { ModelMessage } from './create-model-client';
import type { KnowledgeEntry } from './knowledge-base';

/** One earlier turn of the conversation. */
export interface ConversationTurn {
  from: 'visitor' | 'bot';
  text: string;
}

/** How many earlier turns the model sees. */
export const promptTurns = 6;

const languageName: Record<Locale, string> = { sv: 'Swedish', en: 'English' };

/** The messages for one answer: system instructions with the entries, earlier turns, the question. */
export function buildModelPrompt({
  locale,
  entries,
  history,
  question,
}: {
  locale: Locale;
  entries: readonly KnowledgeEntry[];
  history: readonly ConversationTurn[];
  question: string;
}): ModelMessage[] {
  const knowledge = entries
    .map(
      (entry, index) =>
        `[${index + 1}] Questions: ${entry.questions.join(' | ')}\nAnswer:\n${entry.answer}`,
    )
    .join('\n\n');
  const system = [
    "You are the chat assistant on a company's website.",
    'Answer the visitor only from the knowledge entries below. If they do not contain the answer, say so in one sentence and suggest the contact form. Never invent facts, prices, dates or links.',
    `Always answer in ${languageName[locale]}.`,
    'Keep it short: at most about 120 words.',
    'Formatting: plain sentences, **bold**, *italic*, `code`, lists starting with "- " or "1. ", and links as [text](https://…), mailto: or tel:. No headings, tables, images, block quotes or HTML.',
    '',
    'Knowledge entries:',
    knowledge,
  ].join('\n');
  return [
    { role: 'system', content: system },
    ...history.slice(-promptTurns).map(
      (turn): ModelMessage => ({
        role: turn.from === 'visitor' ? 'user' : 'assistant',
        content: turn.text,
      }),
    ),
    { role: 'user', content: question },
  ];
}

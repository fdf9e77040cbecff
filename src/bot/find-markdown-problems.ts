/**
 * What in a text falls outside the chat's Markdown subset (contract §5:
 * emphasis, links, lists, code), in words a site owner can act on. The
 * widget shows such constructs as plain text, which is safe but reads badly,
 * so a knowledge base holding one does not load and a model reply holding
 * one is replaced by the knowledge-base answer. The judging is the shared
 * Markdown module's (`src/markdown/`), the same parser the widget renders with.
 */
import { findMarkdownOutsideSubset, type MarkdownConstruct } from '../markdown';

/** One construct outside the subset, on a 1-based line of the text. */
export interface MarkdownProblem {
  line: number;
  message: string;
}

const messages: Record<MarkdownConstruct, string> = {
  html: 'HTML is not in the chat Markdown subset',
  heading: 'headings (#) are not in the chat Markdown subset; use **bold**',
  'block-quote': 'block quotes (>) are not in the chat Markdown subset',
  'thematic-break': 'horizontal rules are not in the chat Markdown subset; leave an empty line',
  table: 'tables are not in the chat Markdown subset; use a list instead',
  'indented-code': 'indented code is not in the chat Markdown subset; use a ``` block',
  'link-definition':
    'link reference definitions are not in the chat Markdown subset; write [text](https://…)',
  image: 'images are not in the chat Markdown subset',
  'unsafe-link': 'a link goes somewhere other than an http(s), mailto or tel address',
  'character-reference':
    'character references such as &amp; are not in the chat Markdown subset; write the character itself',
  nesting: 'lists or emphasis are nested deeper than the chat shows',
};

/** Every construct of `text` outside the subset, in order; empty when all of it is inside. */
export function findMarkdownProblems(text: string): MarkdownProblem[] {
  return findMarkdownOutsideSubset(text)
    .map(({ construct, line }) => ({ line, message: messages[construct] }))
    .sort((a, b) => a.line - b.line);
}

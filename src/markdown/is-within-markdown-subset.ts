/**
 * Whether a text keeps to Samtal's Markdown subset (contract §5), for code
 * that writes replies rather than shows them: the server checks a language
 * model's answer and a knowledge base's entries with it before a visitor
 * sees them. A text outside the subset is still safe to send (the widget
 * shows what it does not know as text), but it would not look as its writer
 * meant.
 */
import { markdownOutsideSubset } from './markdown-outside-subset';
import type { MarkdownIssue } from './markdown-tree';
import { parseMarkdownWith } from './parse-markdown';

/**
 * What in `text` is outside the subset, in source order by kind found: raw
 * HTML, headings, block quotes, rules, tables, indented code, link
 * definitions, images, links other than http/https/mailto/tel, character
 * references, nesting past the widget's limits. Empty when it keeps to it.
 * At most 100 issues; lines are 1-based.
 */
export function findMarkdownOutsideSubset(text: string): MarkdownIssue[] {
  return parseMarkdownWith(text, markdownOutsideSubset).issues;
}

/** True when `text` uses only the subset: what the widget shows is what CommonMark would. */
export function isWithinMarkdownSubset(text: string): boolean {
  return findMarkdownOutsideSubset(text).length === 0;
}

/**
 * What the parser asks, where the subset reads text, when it is to report
 * what CommonMark would have read there instead. The parser knows its own
 * subset; recognising everything outside it (raw HTML, headings, tables…)
 * takes patterns the widget never needs to render a reply, so they live in
 * `markdown-outside-subset.ts`, which only `findMarkdownOutsideSubset`
 * loads, and stay out of the widget's bundle.
 */
import type { MarkdownConstruct } from './markdown-tree';

/** Where a line starts a block that the subset reads as paragraph text. */
export interface BlockStartContext {
  /** The line, with the containers before `at` already read. */
  line: string;
  /** Where the block's first non-space character is. */
  at: number;
  /** Indented four columns or more past its container: indented code in CommonMark. */
  indented: boolean;
  /** The line continues an open paragraph. */
  inParagraph: boolean;
  /** The open paragraph's last line so far, or ''. */
  paragraphLastLine: string;
}

export interface SubsetInspector {
  /** A line the subset reads as text: the construct CommonMark would start there, or null. */
  blockStart(context: BlockStartContext): MarkdownConstruct | null;
  /** A paragraph's first line: a link reference definition in CommonMark? */
  paragraphStart(line: string): MarkdownConstruct | null;
  /** `<` (not an autolink) or `&` at `at` in a paragraph, which the subset keeps as text. */
  inlineText(subject: string, at: number): MarkdownConstruct | null;
  /** A link's destination as written. */
  linkTarget(target: string): MarkdownConstruct | null;
}

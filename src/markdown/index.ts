/**
 * Samtal's Markdown subset (contract §5), shared by the widget, which renders
 * bot replies with it, and the server, which checks that a language model's
 * reply or a knowledge-base answer keeps to it. Pure: no DOM, no I/O.
 */
export { findMarkdownOutsideSubset, isWithinMarkdownSubset } from './is-within-markdown-subset';
export { markdownToPlainText } from './markdown-to-plain-text';
export type {
  MarkdownBlock,
  MarkdownConstruct,
  MarkdownInline,
  MarkdownIssue,
} from './markdown-tree';
export { maxInlineDepth } from './parse-inline';
export { maxListDepth, parseMarkdown } from './parse-markdown';
export { safeLinkTarget } from './safe-link-target';

/**
 * The tree of a reply in Samtal's Markdown subset (contract §5): paragraphs,
 * emphasis, strong, inline code, links, lists and fenced code blocks. It
 * holds only text and link targets already limited to http, https, mailto
 * and tel, so a renderer can turn it into elements without ever reading
 * markup from it.
 */

/** Inline content of a paragraph or link. */
export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: MarkdownInline[] }
  | { type: 'emphasis'; children: MarkdownInline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: MarkdownInline[] }
  /** A line ending inside a paragraph. Chat text keeps the writer's lines, so soft and hard breaks both break. */
  | { type: 'break' };

/** A block of a reply. */
export type MarkdownBlock =
  | { type: 'paragraph'; children: MarkdownInline[] }
  | {
      type: 'list';
      ordered: boolean;
      /** The first number of an ordered list (CommonMark keeps it: `3.` starts at 3); 1 for bullets. */
      start: number;
      /** Tight: no blank line between items or their blocks, so paragraphs in items show without spacing. */
      tight: boolean;
      items: MarkdownBlock[][];
    }
  | { type: 'code-block'; text: string };

/**
 * Markdown that CommonMark (or GitHub) would render but the subset shows as
 * plain text, or renders differently:
 * - `html`: a tag, comment or declaration, shown literally;
 * - `heading`, `block-quote`, `thematic-break`, `table`, `indented-code`,
 *   `link-definition`: block syntax outside the subset, shown as text;
 * - `image`: `![alt](url)`, shown as `!` and a link;
 * - `unsafe-link`: a link whose target is not http, https, mailto or tel,
 *   shown as its text only;
 * - `character-reference`: `&amp;`, `&#38;`, shown as written, not decoded;
 * - `nesting`: lists or emphasis nested deeper than a reply needs, flattened.
 */
export type MarkdownConstruct =
  | 'html'
  | 'heading'
  | 'block-quote'
  | 'thematic-break'
  | 'table'
  | 'indented-code'
  | 'link-definition'
  | 'image'
  | 'unsafe-link'
  | 'character-reference'
  | 'nesting';

/** Where a reply leaves the subset: the construct and its 1-based line in the source. */
export interface MarkdownIssue {
  construct: MarkdownConstruct;
  line: number;
}

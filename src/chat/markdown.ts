/**
 * The Markdown subset of bot replies (contract §5), parsed into a small tree
 * that the panel renders as Preact nodes: paragraphs with line breaks,
 * emphasis, strong, inline code, links, lists and fenced code blocks.
 *
 * The tree holds only text and safe hrefs. Nothing here decodes HTML
 * entities or recognises tags, so `<script>` or `&#106;avascript:` stay
 * literal text; a link whose target is not http, https, mailto or tel loses
 * its target and keeps only its label.
 */

/** Inline content of a paragraph, list item or link. */
export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: MarkdownInline[] }
  | { type: 'emphasis'; children: MarkdownInline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: MarkdownInline[] }
  | { type: 'break' };

/** A block of a reply. */
export type MarkdownBlock =
  | { type: 'paragraph'; children: MarkdownInline[] }
  | { type: 'list'; ordered: boolean; items: MarkdownInline[][] }
  | { type: 'code-block'; text: string };

// Deeper nesting than this is not Markdown a bot writes; it stays text, which
// also bounds the recursion on hostile input.
const maxDepth = 6;

const safeHref =
  /^(?:https?:\/\/[^\s<>"`]+|mailto:[^\s<>"`/:]+@[^\s<>"`/]+|tel:\+?[\d\s().-]{3,32})$/i;
const bareUrl = /^https?:\/\/[^\s<>"`]+/i;
const listItem = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;
const fence = /^\s{0,3}```/;
const escapable = /[\\`*_[\]()#+\-.!<>]/;

/** The href when `target` is an allowed link target, else null. */
export function safeLinkTarget(target: string): string | null {
  const trimmed = target.trim();
  return safeHref.test(trimmed) ? trimmed : null;
}

function pushText(nodes: MarkdownInline[], text: string): void {
  if (text === '') return;
  const last = nodes[nodes.length - 1];
  if (last?.type === 'text') last.text += text;
  else nodes.push({ type: 'text', text });
}

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);
const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);

/** Where the closing `delimiter` of a run opened at `from` is, or -1. */
function findClosing(text: string, delimiter: string, from: number): number {
  let index = text.indexOf(delimiter, from);
  while (index !== -1) {
    const before = text[index - 1];
    const after = text[index + delimiter.length];
    const closes =
      index > from &&
      !isSpace(before) &&
      before !== '\\' &&
      // `*` inside `**` is not a closing `*`.
      (delimiter.length === 2 || (after !== delimiter[0] && text[index - 1] !== delimiter[0])) &&
      (delimiter[0] !== '_' || !isWordChar(after));
    if (closes) return index;
    index = text.indexOf(delimiter, index + 1);
  }
  return -1;
}

/** `[label](target)` at `start`: the label, target and end, or null. */
function readLink(
  text: string,
  start: number,
): { label: string; target: string; end: number } | null {
  let depth = 0;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === '[') depth++;
    else if (char === ']' && --depth === 0) {
      if (text[index + 1] !== '(') return null;
      // The target may hold balanced parentheses, as URLs (and attacks) do.
      let parens = 0;
      for (let end = index + 2; end < text.length; end++) {
        if (text[end] === '(') parens++;
        else if (text[end] === ')' && parens-- === 0) {
          return {
            label: text.slice(start + 1, index),
            target: text.slice(index + 2, end),
            end: end + 1,
          };
        }
      }
      return null;
    }
  }
  return null;
}

function parseInline(text: string, depth: number, inLink: boolean): MarkdownInline[] {
  const nodes: MarkdownInline[] = [];
  let plain = '';
  const flush = () => {
    pushText(nodes, plain);
    plain = '';
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    const next = text[index + 1];
    if (char === '\\' && next !== undefined && escapable.test(next)) {
      plain += next;
      index += 2;
      continue;
    }
    if (char === '\n') {
      flush();
      nodes.push({ type: 'break' });
      index++;
      continue;
    }
    if (char === '`') {
      const close = text.indexOf('`', index + 1);
      if (close > index + 1) {
        flush();
        nodes.push({ type: 'code', text: text.slice(index + 1, close) });
        index = close + 1;
        continue;
      }
    }
    if ((char === '*' || char === '_') && depth < maxDepth) {
      const double = next === char;
      const delimiter = double ? char + char : char;
      const open = index + delimiter.length;
      const opens = !isSpace(text[open]) && (char !== '_' || !isWordChar(text[index - 1]));
      const close = opens ? findClosing(text, delimiter, open) : -1;
      if (close !== -1) {
        flush();
        const children = parseInline(text.slice(open, close), depth + 1, inLink);
        nodes.push(double ? { type: 'strong', children } : { type: 'emphasis', children });
        index = close + delimiter.length;
        continue;
      }
    }
    if (char === '[' && !inLink && depth < maxDepth) {
      const link = readLink(text, index);
      if (link) {
        flush();
        const children = parseInline(link.label, depth + 1, true);
        const href = safeLinkTarget(link.target);
        if (href === null) for (const child of children) pushChild(nodes, child);
        else nodes.push({ type: 'link', href, children });
        index = link.end;
        continue;
      }
    }
    if ((char === 'h' || char === 'H') && !inLink && !isWordChar(text[index - 1])) {
      const match = bareUrl.exec(text.slice(index));
      if (match) {
        // Sentence punctuation after a URL belongs to the sentence.
        const url = match[0].replace(/[.,;:!?)'\]]+$/, '');
        flush();
        nodes.push({ type: 'link', href: url, children: [{ type: 'text', text: url }] });
        index += url.length;
        continue;
      }
    }
    plain += char;
    index++;
  }
  flush();
  return nodes;
}

function pushChild(nodes: MarkdownInline[], child: MarkdownInline): void {
  if (child.type === 'text') pushText(nodes, child.text);
  else nodes.push(child);
}

/** Parses a reply's text into blocks. Never throws; anything unrecognised is text. */
export function parseMarkdown(source: string): MarkdownBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    const text = paragraph.join('\n').trim();
    if (text !== '') blocks.push({ type: 'paragraph', children: parseInline(text, 0, false) });
    paragraph = [];
  };
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    if (fence.test(line)) {
      endParagraph();
      const body: string[] = [];
      index++;
      while (index < lines.length && !fence.test(lines[index] ?? ''))
        body.push(lines[index++] ?? '');
      index++;
      blocks.push({ type: 'code-block', text: body.join('\n') });
      continue;
    }
    const item = listItem.exec(line);
    if (item) {
      endParagraph();
      const ordered = item[2] !== undefined;
      const items: MarkdownInline[][] = [];
      while (index < lines.length) {
        const current = listItem.exec(lines[index] ?? '');
        if (!current || (current[2] !== undefined) !== ordered) break;
        items.push(parseInline((current[3] ?? '').trim(), 0, false));
        index++;
      }
      blocks.push({ type: 'list', ordered, items });
      continue;
    }
    if (line.trim() === '') endParagraph();
    else paragraph.push(line);
    index++;
  }
  endParagraph();
  return blocks;
}

/** The text a screen reader should hear for a reply: its words without Markdown. */
export function markdownToPlainText(blocks: readonly MarkdownBlock[]): string {
  const inline = (nodes: readonly MarkdownInline[]): string =>
    nodes
      .map((node) => {
        if (node.type === 'text' || node.type === 'code') return node.text;
        if (node.type === 'break') return ' ';
        return inline(node.children);
      })
      .join('');
  return blocks
    .map((block) => {
      if (block.type === 'paragraph') return inline(block.children);
      if (block.type === 'list') return block.items.map(inline).join('. ');
      return block.text;
    })
    .join(' ');
}

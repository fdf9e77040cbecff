/**
 * The CommonMark reference implementation (commonmark.js, the spec's own)
 * read into Samtal's Markdown tree, so tests can compare our parser with it
 * on text that keeps to the subset. Test-only: the widget never loads it.
 */
import { type Node, Parser } from 'commonmark';
import type { MarkdownBlock, MarkdownInline } from '../../../src/markdown';

function children(node: Node): Node[] {
  const result: Node[] = [];
  for (let child = node.firstChild; child !== null; child = child.next) result.push(child);
  return result;
}

function pushText(out: MarkdownInline[], text: string) {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text += text;
  else out.push({ type: 'text', text });
}

function inlines(node: Node): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  for (const child of children(node)) {
    if (child.type === 'text') pushText(out, child.literal ?? '');
    else if (child.type === 'softbreak' || child.type === 'linebreak') out.push({ type: 'break' });
    else if (child.type === 'code') out.push({ type: 'code', text: child.literal ?? '' });
    else if (child.type === 'emph') out.push({ type: 'emphasis', children: inlines(child) });
    else if (child.type === 'strong') out.push({ type: 'strong', children: inlines(child) });
    else if (child.type === 'link') {
      out.push({
        type: 'link',
        href: decodeURI(child.destination ?? ''),
        children: inlines(child),
      });
    } else throw new Error(`outside the subset: ${child.type}`);
  }
  return out;
}

function blocks(node: Node): MarkdownBlock[] {
  return children(node).map((child): MarkdownBlock => {
    if (child.type === 'paragraph') return { type: 'paragraph', children: inlines(child) };
    if (child.type === 'code_block' && child.info !== null) {
      return { type: 'code-block', text: (child.literal ?? '').replace(/\n$/, '') };
    }
    if (child.type === 'list') {
      return {
        type: 'list',
        ordered: child.listType === 'ordered',
        start: child.listType === 'ordered' ? (child.listStart ?? 1) : 1,
        tight: child.listTight ?? true,
        items: children(child).map(blocks),
      };
    }
    throw new Error(`outside the subset: ${child.type}`);
  });
}

/** What CommonMark makes of `source`, as Samtal's tree; throws on anything outside the subset. */
export function commonmarkReference(source: string): MarkdownBlock[] {
  return blocks(new Parser().parse(source));
}

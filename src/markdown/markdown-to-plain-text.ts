/** The words of a reply without its Markdown, for a screen reader's announcement. */
import type { MarkdownBlock, MarkdownInline } from './markdown-tree';

function inlineText(nodes: readonly MarkdownInline[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text' || node.type === 'code') return node.text;
      if (node.type === 'break') return ' ';
      return inlineText(node.children);
    })
    .join('');
}

/** The text of `blocks`, blocks and list items joined by `. ` or a space as a reader pauses. */
export function markdownToPlainText(blocks: readonly MarkdownBlock[]): string {
  return blocks
    .map((block): string => {
      if (block.type === 'paragraph') return inlineText(block.children);
      if (block.type === 'list') return block.items.map(markdownToPlainText).join('. ');
      return block.text;
    })
    .join(' ');
}

/**
 * Renders a reply's Markdown tree as Preact nodes. Text is only ever text
 * (Preact sets it as a text node); the one attribute that comes from a reply
 * is a link's href, which `markdown/` has already limited to http, https,
 * mailto and tel. Never innerHTML.
 */
import type { ComponentChildren } from 'preact';
import type { MarkdownBlock, MarkdownInline } from '../../markdown/markdown-tree';

function renderInline(nodes: readonly MarkdownInline[]): ComponentChildren {
  return nodes.map((node, index) => {
    if (node.type === 'text') return node.text;
    if (node.type === 'break') return <br key={index} />;
    if (node.type === 'code') return <code key={index}>{node.text}</code>;
    if (node.type === 'strong') return <strong key={index}>{renderInline(node.children)}</strong>;
    if (node.type === 'emphasis') return <em key={index}>{renderInline(node.children)}</em>;
    return (
      <a key={index} href={node.href} target="_blank" rel="noopener noreferrer">
        {renderInline(node.children)}
      </a>
    );
  });
}

/** Blocks; in a tight list item a paragraph is its text alone, as CommonMark renders it. */
function renderBlocks(blocks: readonly MarkdownBlock[], tight: boolean): ComponentChildren {
  return blocks.map((block, index) => {
    if (block.type === 'paragraph') {
      return tight ? (
        renderInline(block.children)
      ) : (
        <p key={index}>{renderInline(block.children)}</p>
      );
    }
    if (block.type === 'code-block') {
      return (
        <pre key={index}>
          <code>{block.text}</code>
        </pre>
      );
    }
    const items = block.items.map((item, itemIndex) => (
      <li key={itemIndex}>{renderBlocks(item, block.tight)}</li>
    ));
    if (!block.ordered) return <ul key={index}>{items}</ul>;
    return (
      <ol key={index} start={block.start === 1 ? undefined : block.start}>
        {items}
      </ol>
    );
  });
}

/** The blocks of one message. */
export function MarkdownView({ blocks }: { blocks: readonly MarkdownBlock[] }) {
  return <>{renderBlocks(blocks, false)}</>;
}

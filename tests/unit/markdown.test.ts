import { describe, expect, it } from 'vitest';
import { markdownToPlainText, parseMarkdown, safeLinkTarget } from '../../src/chat/markdown';

describe('parseMarkdown', () => {
  it('reads paragraphs, line breaks, emphasis, strong and inline code', () => {
    expect(parseMarkdown('Hej **du** och *du*\nrad `kod`\n\nNästa')).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Hej ' },
          { type: 'strong', children: [{ type: 'text', text: 'du' }] },
          { type: 'text', text: ' och ' },
          { type: 'emphasis', children: [{ type: 'text', text: 'du' }] },
          { type: 'break' },
          { type: 'text', text: 'rad ' },
          { type: 'code', text: 'kod' },
        ],
      },
      { type: 'paragraph', children: [{ type: 'text', text: 'Nästa' }] },
    ]);
  });

  it('reads bulleted and numbered lists and fenced code', () => {
    const blocks = parseMarkdown('- ett\n- två\n\n1. första\n2. andra\n\n```\n<b>x</b>\n```');
    expect(blocks.map((block) => block.type)).toEqual(['list', 'list', 'code-block']);
    expect(blocks[0]).toMatchObject({
      ordered: false,
      items: [[{ text: 'ett' }], [{ text: 'två' }]],
    });
    expect(blocks[1]).toMatchObject({ ordered: true });
    expect(blocks[2]).toEqual({ type: 'code-block', text: '<b>x</b>' });
  });

  it('keeps snake_case words and lone asterisks as text', () => {
    expect(markdownToPlainText(parseMarkdown('a_b_c och 2 * 3 * 4'))).toBe('a_b_c och 2 * 3 * 4');
  });

  it('links http, https, mailto and tel, and bare https URLs without trailing punctuation', () => {
    const [paragraph] = parseMarkdown(
      '[a](https://x.se/a?b=1) [b](mailto:info@x.se) [c](tel:+4663123456) se https://x.se/p.',
    );
    const links =
      paragraph?.type === 'paragraph'
        ? paragraph.children.flatMap((node) => (node.type === 'link' ? [node.href] : []))
        : [];
    expect(links).toEqual([
      'https://x.se/a?b=1',
      'mailto:info@x.se',
      'tel:+4663123456',
      'https://x.se/p',
    ]);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'javascript&#58;alert(1)',
    '&#106;avascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example',
    '/relative',
    'https://x.se/"onmouseover="alert(1)',
  ])('refuses %s as a link target', (target) => {
    expect(safeLinkTarget(target)).toBeNull();
  });

  it('stops nesting at a depth a bot never writes', () => {
    const deep = `${'**'.repeat(40)}x${'**'.repeat(40)}`;
    expect(() => parseMarkdown(deep)).not.toThrow();
    expect(markdownToPlainText(parseMarkdown('a'.repeat(20_000)))).toHaveLength(20_000);
  });
});

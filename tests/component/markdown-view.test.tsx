import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/chat/markdown';
import { MarkdownView } from '../../src/ui/panel/markdown-view';

function renderReply(text: string): Element {
  return render(<MarkdownView blocks={parseMarkdown(text)} />).container;
}

// Every element the renderer may create; anything else means markup got through.
const allowedTags = new Set(['P', 'BR', 'STRONG', 'EM', 'CODE', 'PRE', 'A', 'UL', 'OL', 'LI']);

function assertInert(container: Element) {
  for (const element of container.querySelectorAll('*')) {
    expect(allowedTags.has(element.tagName)).toBe(true);
    for (const attribute of element.attributes) {
      expect(['href', 'target', 'rel']).toContain(attribute.name);
    }
    if (element.tagName === 'A') {
      expect(element.getAttribute('href')).toMatch(/^(https?:\/\/|mailto:|tel:)/i);
      expect(element.getAttribute('target')).toBe('_blank');
      expect(element.getAttribute('rel')).toBe('noopener noreferrer');
    }
  }
}

const corpus = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  '[klicka](javascript:alert(1))',
  '[klicka](JAVASCRIPT:alert(1))',
  '[klicka](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[klicka](javascript&#58;alert(1))',
  '[klicka](&#x6A;avascript:alert(1))',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '**[*klicka*](javascript:alert(1))**',
  '[**fet [inre](https://x.se)**](javascript:alert(1))',
  '*<img src=x onerror=alert(1)>*',
  '`<script>alert(1)</script>`',
  '```\n<iframe src="javascript:alert(1)"></iframe>\n```',
  '[x](https://x.se" onclick="alert(1))',
  '- <a href="javascript:alert(1)">lista</a>',
];

describe('MarkdownView', () => {
  it('renders emphasis, links, lists and code as elements', () => {
    const container = renderReply(
      'Hej **där**, *du*! Läs [policyn](https://x.se/p).\n\n- `kod`\n- [mejla](mailto:a@x.se)',
    );
    expect(container.querySelector('strong')?.textContent).toBe('där');
    expect(container.querySelector('em')?.textContent).toBe('du');
    expect(container.querySelectorAll('li')).toHaveLength(2);
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://x.se/p');
    assertInert(container);
  });

  it.each(corpus)('shows %s as text, never as markup or a script link', (text) => {
    const container = renderReply(text);
    assertInert(container);
    expect(container.querySelector('script, img, svg, iframe')).toBeNull();
  });

  it('shows markup the bot wrote literally, so the visitor sees what was sent', () => {
    expect(renderReply('<img src=x onerror=alert(1)>').textContent).toBe(
      '<img src=x onerror=alert(1)>',
    );
    expect(renderReply('&lt;b&gt;').textContent).toBe('&lt;b&gt;');
  });

  it('keeps the label of a refused link as text', () => {
    const container = renderReply('[klicka här](javascript:alert(1))');
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toBe('klicka här');
  });
});

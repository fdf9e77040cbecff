import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse-markdown';
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
      expect(['href', 'target', 'rel', 'start']).toContain(attribute.name);
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
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '[x](<javascript:alert(1)>)',
  '[x](  javascript:alert(1)  )',
  '[x](\njavascript:alert(1))',
  '[x](javascript:alert(1))',
  '[x](java&#x09;script:alert(1))',
  '[x](JAVASCRIPT&colon;alert(1))',
  '[x](https://x.se "onmouseover=alert(1)")',
  '[x](https://x.se/"onclick="alert(1))',
  '![x](javascript:alert(1))',
  '![<img src=x onerror=alert(1)>](https://x.se)',
  '[<svg onload=alert(1)>](https://x.se)',
  'https://x.se/"><script>alert(1)</script>',
  'https://x.se/<img/src/onerror=alert(1)>',
  '<https://x.se/"onclick="alert(1)>',
  '<a@x.se?subject=<script>>',
  '[a](https://x.se)<script>[b](javascript:alert(1))</script>',
  '- [x](vbscript:msgbox(1))\n  1. <iframe src=javascript:alert(1)>',
  '```<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```',
  '`<img src=x onerror=alert(1)>`<script>',
  '***<b>*** __<i>__',
  '\\<script\\>alert(1)\\</script\\>',
  '[x](tel:+46<script>)',
  '[x](mailto:a@x.se?body=<script>)',
  '<!--<img src=x onerror=alert(1)>-->',
  '<![CDATA[<script>alert(1)</script>]]>',
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

  it('renders **bold *and italic*** as CommonMark does, with no stray asterisks', () => {
    const container = renderReply('**bold *and italic***');
    expect(container.innerHTML).toBe('<p><strong>bold <em>and italic</em></strong></p>');
  });

  it('renders nested lists, and an ordered list from its first number', () => {
    const container = renderReply('3. tre\n4. fyra\n   - inre **fet**\n\nslut');
    expect(container.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(container.querySelector('ol li ul li strong')?.textContent).toBe('fet');
    expect(container.querySelectorAll('p')).toHaveLength(1);
    assertInert(container);
  });

  it('renders hostile nesting flattened, without throwing', () => {
    const container = renderReply(
      `${'*'.repeat(20_000)}x${'*'.repeat(20_000)}\n\n${'- '.repeat(5_000)}y`,
    );
    expect(container.textContent).toContain('x');
    expect(container.querySelectorAll('strong').length).toBeLessThanOrEqual(8);
    assertInert(container);
  });

  it('keeps the label of a refused link as text', () => {
    const container = renderReply('[klicka här](javascript:alert(1))');
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toBe('klicka här');
  });
});

import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase, formatKnowledgeProblems } from '../../src/bot/build-knowledge-base';
import { findMarkdownProblems } from '../../src/bot/find-markdown-problems';
import { parseKnowledgeFile } from '../../src/bot/parse-knowledge-file';

const contractExample = `---
questions:            # required, at least one: ways a visitor may ask
  - När har ni öppet?
  - Vilka tider kan jag komma in?
keywords: [öppettider, helgdagar]   # optional: more words that point here
actions:              # optional, as in section 5
  - { type: quick-reply, label: Priser, value: Vad kostar en service? }
  - { type: contact-form }
---
Vi har öppet **måndag–fredag 8–17**.
`;

describe('a knowledge-base file', () => {
  it('reads the example of contract §7', () => {
    const parsed = parseKnowledgeFile('sv/oppet.md', contractExample);
    expect(parsed).toEqual({
      success: true,
      data: {
        questions: ['När har ni öppet?', 'Vilka tider kan jag komma in?'],
        keywords: ['öppettider', 'helgdagar'],
        answer: 'Vi har öppet **måndag–fredag 8–17**.',
        actions: [
          { type: 'quick-reply', label: 'Priser', value: 'Vad kostar en service?' },
          { type: 'contact-form' },
        ],
      },
    });
  });

  it('accepts Windows line ends and a byte-order mark', () => {
    const parsed = parseKnowledgeFile('a.md', `\uFEFF${contractExample.replaceAll('\n', '\r\n')}`);
    expect(parsed.success && parsed.data.answer).toBe('Vi har öppet **måndag–fredag 8–17**.');
  });

  it.each([
    ['no front matter', 'Bara ett svar\n', 1, 'must start with YAML front matter'],
    ['front matter never closed', '---\nquestions: [Hej]\nSvar\n', 1, 'never closed'],
    ['no questions', '---\nkeywords: [a]\n---\nSvar\n', 2, 'questions is required'],
    ['an empty question list', '---\nquestions: []\n---\nSvar\n', 2, 'at least one question'],
    [
      'a misspelt key',
      '---\nquestions: [Hej]\nkeyword: [a]\n---\nSvar\n',
      3,
      'unknown key "keyword"',
    ],
    ['questions as text', '---\nquestions: Hej\n---\nSvar\n', 2, 'questions must be a list'],
    [
      'an action without value',
      '---\nquestions: [Hej]\nactions:\n  - { type: quick-reply, label: X }\n---\nSvar\n',
      4,
      'actions[0].value is required',
    ],
    [
      'an unknown action',
      '---\nquestions: [Hej]\nactions:\n  - { type: phone-call }\n---\nSvar\n',
      4,
      'actions[0]',
    ],
    ['broken YAML', '---\nquestions: [Hej\n---\nSvar\n', 2, 'YAML:'],
    ['a duplicate key', '---\nquestions: [Hej]\nquestions: [Hå]\n---\nSvar\n', 3, 'YAML:'],
    ['no answer', '---\nquestions: [Hej]\n---\n\n', 4, 'answer is missing'],
    ['a heading in the answer', '---\nquestions: [Hej]\n---\n\n## Öppettider\n', 5, 'headings'],
    ['HTML in the answer', '---\nquestions: [Hej]\n---\nHej <b>du</b>\n', 4, 'HTML'],
    [
      'a script link in the answer',
      '---\nquestions: [Hej]\n---\nSvar\n\n[klicka](javascript:alert(1))\n',
      6,
      'a link goes somewhere other than an http(s), mailto or tel address',
    ],
  ])('names the line and the fault for %s', (_name, text, line, message) => {
    const parsed = parseKnowledgeFile('kb/sv/x.md', text);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.problems[0]).toMatchObject({ file: 'kb/sv/x.md', line });
    expect(parsed.problems[0]?.message).toContain(message);
  });

  it('lets _fallback.md go without front matter or questions', () => {
    expect(parseKnowledgeFile('_fallback.md', 'Det vet jag inte.\n', { fallback: true })).toEqual({
      success: true,
      data: { questions: [], keywords: [], answer: 'Det vet jag inte.' },
    });
    const withActions = parseKnowledgeFile(
      '_fallback.md',
      '---\nactions: [{ type: contact-form }]\n---\nDet vet jag inte.\n',
      { fallback: true },
    );
    expect(withActions.success && withActions.data.actions).toEqual([{ type: 'contact-form' }]);
  });

  it('does not expand a YAML alias bomb', () => {
    const bomb = `---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nquestions: [*c]\n---\nSvar\n`;
    const parsed = parseKnowledgeFile('bomb.md', bomb);
    expect(parsed.success).toBe(false);
  });
});

describe('a whole knowledge base', () => {
  const answer = (question: string) => `---\nquestions: [${question}]\n---\nSvar på ${question}\n`;

  it('sorts files into locales, takes _fallback.md aside and skips other files', () => {
    const built = buildKnowledgeBase([
      { path: 'sv/b.md', file: 'kb/sv/b.md', text: answer('Bé') },
      { path: 'sv/a.md', file: 'kb/sv/a.md', text: answer('Á') },
      { path: 'sv/_fallback.md', file: 'kb/sv/_fallback.md', text: 'Vet ej.' },
      { path: 'en/a.md', file: 'kb/en/a.md', text: answer('A') },
      { path: 'en/.a.md.swp', file: 'kb/en/.a.md.swp', text: 'garbage' },
      { path: 'README.md', file: 'kb/README.md', text: 'notes' },
      { path: 'de/a.md', file: 'kb/de/a.md', text: answer('A') },
    ]);
    expect(built.success).toBe(true);
    if (!built.success) return;
    expect(built.data.sv.entries.map((entry) => entry.id)).toEqual(['sv/a.md', 'sv/b.md']);
    expect(built.data.sv.fallback).toEqual({ answer: 'Vet ej.' });
    expect(built.data.en.entries.map((entry) => entry.id)).toEqual(['en/a.md']);
    expect(built.data.en.fallback).toBeNull();
  });

  it('reports every broken file, sorted, and no half knowledge base', () => {
    const built = buildKnowledgeBase([
      { path: 'sv/b.md', file: 'kb/sv/b.md', text: 'no front matter' },
      { path: 'sv/a.md', file: 'kb/sv/a.md', text: '---\nquestions: []\n---\nx' },
      { path: 'en/ok.md', file: 'kb/en/ok.md', text: answer('Fine') },
    ]);
    expect(built.success).toBe(false);
    if (built.success) return;
    expect(formatKnowledgeProblems(built.problems)).toBe(
      [
        'kb/sv/a.md:2: questions must list at least one question',
        'kb/sv/b.md:1: the file must start with YAML front matter between two --- lines, listing questions',
      ].join('\n'),
    );
  });

  it('warns about a question asked in two files', () => {
    const built = buildKnowledgeBase([
      { path: 'sv/a.md', file: 'kb/sv/a.md', text: answer('Vad kostar det?') },
      { path: 'sv/b.md', file: 'kb/sv/b.md', text: answer('vad kostar det') },
    ]);
    expect(built.success && built.warnings.map((warning) => warning.file)).toEqual(['kb/sv/b.md']);
  });
});

describe('the Markdown subset check', () => {
  it('passes what the widget renders', () => {
    expect(
      findMarkdownProblems(
        'Hej **du**, *välkommen*.\n\n- ett\n- två\n\n1. tre\n\n[mejla](mailto:a@b.se) [ring](tel:+4681234) [webb](https://a.se)\n\n```\n# not a heading in code\n<b>\n```\n`<i>` is code',
      ),
    ).toEqual([]);
  });

  it.each([
    ['# Rubrik', 'headings'],
    ['Rubrik\n======', 'headings'],
    ['> citat', 'block quotes'],
    ['---', 'horizontal rules'],
    ['| a | b |\n| - | - |\n| 1 | 2 |', 'tables'],
    ['![bild](https://a.se/x.png)', 'images'],
    ['<script>alert(1)</script>', 'HTML'],
    ['[x](data:text/html,hi)', 'other than an http(s)'],
    ['&amp; more', 'character references'],
    ['    indented code', 'indented code'],
  ])('flags %s', (text, message) => {
    expect(findMarkdownProblems(text)[0]?.message).toContain(message);
  });
});

/**
 * Matching holds ≥ 90 % top-1 on paraphrase sets written for two knowledge
 * bases (tests/fixtures/paraphrases: typos, inflections, other word order,
 * one-word questions, none copied from the files), and sends off-topic
 * questions to the fallback.
 */
import { describe, expect, it } from 'vitest';
import { createKnowledgeBot } from '../../src/bot/create-knowledge-bot';
import type { KnowledgeBase } from '../../src/bot/knowledge-base';
import { readKnowledgeDir } from '../../src/server/read-knowledge-dir';
import { paraphraseSets as sets } from '../fixtures/paraphrases/paraphrase-sets';

async function knowledgeOf(dir: string): Promise<KnowledgeBase> {
  const built = await readKnowledgeDir(dir);
  if (!built.success) throw new Error(JSON.stringify(built.problems));
  return built.data;
}

describe.each(sets)('paraphrases of $name', (set) => {
  it.each(['sv', 'en'] as const)(
    '%s: at least 30 questions, none copied from the files',
    async (locale) => {
      const knowledge = await knowledgeOf(set.knowledge);
      const written = new Set(
        knowledge[locale].entries.flatMap((entry) => entry.questions.map((q) => q.toLowerCase())),
      );
      expect(set[locale].length).toBeGreaterThanOrEqual(30);
      for (const [question] of set[locale]) expect(written.has(question.toLowerCase())).toBe(false);
    },
  );

  it.each(['sv', 'en'] as const)('%s: top-1 accuracy at least 0.9', async (locale) => {
    const bot = createKnowledgeBot(await knowledgeOf(set.knowledge));
    const misses: string[] = [];
    for (const [question, expected] of set[locale]) {
      const { source } = bot.answer(question, locale);
      const got = source.kind === 'entry' ? source.entryId : source.kind;
      if (got !== `${locale}/${expected}`) misses.push(`${question} → ${got}`);
    }
    const accuracy = 1 - misses.length / set[locale].length;
    expect(accuracy, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it.each(['sv', 'en'] as const)('%s: off-topic questions get the fallback', async (locale) => {
    const bot = createKnowledgeBot(await knowledgeOf(set.knowledge));
    const answered = set.offTopic[locale].filter(
      (question) => bot.answer(question, locale).source.kind !== 'fallback',
    );
    expect(answered.length / set.offTopic[locale].length, answered.join('\n')).toBeLessThanOrEqual(
      0.1,
    );
  });
});

describe('small talk', async () => {
  const knowledge = await knowledgeOf('demo/knowledge');
  const bot = createKnowledgeBot(knowledge);

  it.each([
    ['sv', 'Hej!'],
    ['sv', 'hejsan hallå'],
    ['sv', 'God morgon'],
    ['en', 'Hello there'],
    ['en', 'hi'],
  ] as const)('%s greets back: %s', (locale, text) => {
    expect(bot.answer(text, locale).source.kind).toBe('greeting');
  });

  it.each([
    ['sv', 'Tack!'],
    ['sv', 'tack så mycket för hjälpen'],
    ['en', 'thanks'],
    ['en', 'Thank you so much!'],
  ] as const)('%s says you are welcome: %s', (locale, text) => {
    expect(bot.answer(text, locale).source.kind).toBe('thanks');
  });

  it.each([
    ['sv', 'Kan jag prata med en människa?'],
    ['sv', 'jag vill prata med någon på kundtjänst'],
    ['en', 'Can I talk to a human?'],
    ['en', 'I want to speak to a real person'],
  ] as const)('%s offers the contact form to someone asking for a person: %s', (locale, text) => {
    expect(bot.answer(text, locale).actions).toContainEqual({ type: 'contact-form' });
  });

  it('answers a greeting followed by a question with the question', () => {
    const answer = bot.answer('Hej! Hur länge sparar ni mina uppgifter?', 'sv');
    expect(answer.source).toMatchObject({ kind: 'entry', entryId: 'sv/hur-lange.md' });
  });

  it('falls back to a built-in answer offering the contact form without _fallback.md', () => {
    const bare = createKnowledgeBot({
      sv: { entries: [], fallback: null },
      en: { entries: [], fallback: null },
    });
    const answer = bare.answer('Vad kostar det?', 'sv');
    expect(answer.source.kind).toBe('fallback');
    expect(answer.actions).toEqual([{ type: 'contact-form' }]);
  });

  it('uses the locale folder’s own _fallback.md', () => {
    const answer = bot.answer('Vem vann melodifestivalen?', 'sv');
    expect(answer.text).toBe(knowledge.sv.fallback?.answer);
    expect(answer.actions).toEqual(knowledge.sv.fallback?.actions);
  });

  it('matches in the conversation’s locale only', () => {
    expect(bot.answer('cookies', 'en').source).toMatchObject({ entryId: 'en/cookies.md' });
    expect(bot.answer('kakor', 'sv').source).toMatchObject({ entryId: 'sv/kakor.md' });
  });
});

/**
 * `samtal-server check-knowledge DIR [--ask TEXT --locale sv|en]`: reads a
 * knowledge folder as the server would and says what is wrong, file by file
 * and line by line (exit 1), or how many answers each locale has (exit 0).
 * With `--ask`, also what a visitor's message would get and how confidently,
 * which is how a site owner tunes questions and keywords.
 */
import { formatKnowledgeProblems } from '../bot/build-knowledge-base';
import { createKnowledgeBot } from '../bot/create-knowledge-bot';
import { createKnowledgeMatcher } from '../bot/create-knowledge-matcher';
import { locale as localeSchema } from '../protocol/common';
import { readKnowledgeDir } from './read-knowledge-dir';

export interface CheckKnowledgeIo {
  ask?: string | undefined;
  locale?: string | undefined;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Returns the exit code: 0 when the folder loads, 1 when it does not, 2 for a bad flag. */
export async function checkKnowledge(
  dir: string,
  { ask, locale = 'sv', stdout, stderr }: CheckKnowledgeIo,
): Promise<number> {
  const parsedLocale = localeSchema.safeParse(locale);
  if (!parsedLocale.success) {
    stderr('samtal-server: --locale must be sv or en\n');
    return 2;
  }
  const built = await readKnowledgeDir(dir);
  if (!built.success) {
    const count = built.problems.length;
    stderr(
      `${formatKnowledgeProblems(built.problems)}\n\n${count} problem${count === 1 ? '' : 's'} in ${dir}; the server would not start with it.\n`,
    );
    return 1;
  }
  for (const warning of built.warnings) stderr(`warning: ${formatKnowledgeProblems([warning])}\n`);
  const { sv, en } = built.data;
  const describe = (name: string, part: typeof sv) =>
    `${name}: ${part.entries.length} answer${part.entries.length === 1 ? '' : 's'}, ${part.fallback ? 'own fallback' : 'built-in fallback'}`;
  stdout(`${dir} is fine. ${describe('sv', sv)}; ${describe('en', en)}.\n`);
  if (ask !== undefined) {
    const bot = createKnowledgeBot(built.data);
    const matcher = createKnowledgeMatcher(built.data);
    const answer = bot.answer(ask, parsedLocale.data);
    const source = answer.source;
    stdout(
      source.kind === 'entry'
        ? `\n"${ask}" → ${source.entryId} (confidence ${source.confidence.toFixed(2)}, threshold ${matcher.tuning.threshold})\n`
        : `\n"${ask}" → ${source.kind}\n`,
    );
    for (const candidate of matcher.match(ask, parsedLocale.data, 3))
      stdout(
        `  candidate ${candidate.entry.id}: confidence ${candidate.confidence.toFixed(2)}, score ${candidate.score.toFixed(1)}\n`,
      );
  }
  return 0;
}

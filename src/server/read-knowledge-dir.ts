/**
 * Reads a knowledge folder (contract §7: `DIR/sv/*.md`, `DIR/en/*.md`) from
 * disk and builds it. Problems name each file as `DIR/sv/name.md`, so the
 * owner can open it straight from the message.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type BuildKnowledgeBaseResult,
  buildKnowledgeBase,
  isKnowledgePath,
  type KnowledgeSource,
} from '../bot/build-knowledge-base';

/** Largest answer file read, in bytes; a bigger one is a mistake (a pasted PDF, a log). */
export const maxKnowledgeFileBytes = 256 * 1024;
/** Most files per locale folder. */
export const maxKnowledgeFiles = 5000;

/** Reads and builds the knowledge base in `dir`; never throws for the folder's content. */
export async function readKnowledgeDir(dir: string): Promise<BuildKnowledgeBaseResult> {
  const problem = (file: string, message: string): BuildKnowledgeBaseResult => ({
    success: false,
    problems: [{ file, line: 0, message }],
  });
  try {
    if (!(await stat(dir)).isDirectory()) return problem(dir, 'is not a folder');
  } catch {
    return problem(dir, 'no such folder');
  }
  const sources: KnowledgeSource[] = [];
  const problems: BuildKnowledgeBaseResult & { success: false } = { success: false, problems: [] };
  let locales = 0;
  for (const locale of ['sv', 'en']) {
    const folder = join(dir, locale);
    let names: string[];
    try {
      names = (await readdir(folder)).sort();
    } catch {
      continue;
    }
    locales++;
    const wanted = names.filter((name) => isKnowledgePath(`${locale}/${name}`));
    if (wanted.length > maxKnowledgeFiles) {
      return problem(
        folder,
        `holds ${wanted.length} answer files; at most ${maxKnowledgeFiles} are read`,
      );
    }
    for (const name of wanted) {
      const file = join(folder, name);
      const info = await stat(file).catch(() => null);
      if (info === null || !info.isFile()) continue;
      if (info.size > maxKnowledgeFileBytes) {
        problems.problems.push({
          file,
          line: 0,
          message: `is ${info.size} bytes; an answer file may be at most ${maxKnowledgeFileBytes}`,
        });
        continue;
      }
      // A file an editor replaced between listing and reading counts as gone.
      const bytes = await readFile(file).catch(() => null);
      if (bytes === null) continue;
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        problems.problems.push({ file, line: 0, message: 'is not UTF-8 text' });
        continue;
      }
      sources.push({ path: `${locale}/${name}`, file, text });
    }
  }
  if (locales === 0) return problem(dir, 'holds neither an sv/ nor an en/ folder of answers');
  const built = buildKnowledgeBase(sources);
  if (problems.problems.length === 0) return built;
  return {
    success: false,
    problems: [...problems.problems, ...(built.success ? [] : built.problems)],
  };
}

/**
 * The demo company's bot: the knowledge base in demo/knowledge/, bundled by
 * Vite (and Vitest) as raw text and built with the same module the server
 * uses, so the demo's mocks and `samtal-server --knowledge demo/knowledge`
 * give the same answers.
 */
import { buildKnowledgeBase, formatKnowledgeProblems } from '../../src/bot/build-knowledge-base';
import { createKnowledgeBot, type KnowledgeBot } from '../../src/bot/create-knowledge-bot';

const files = import.meta.glob<string>('../knowledge/*/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function buildDemoBot(): KnowledgeBot {
  const built = buildKnowledgeBase(
    Object.entries(files).map(([key, text]) => {
      const path = key.replace('../knowledge/', '');
      return { path, file: `demo/knowledge/${path}`, text };
    }),
  );
  // The demo ships its own files; one that does not parse is a bug to see at once.
  if (!built.success) throw new Error(formatKnowledgeProblems(built.problems));
  return createKnowledgeBot(built.data);
}

/** The demo's knowledge-base bot. */
export const demoBot: KnowledgeBot = buildDemoBot();

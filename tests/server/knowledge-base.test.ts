/**
 * The server's knowledge base (contract §7) over real HTTP: folders per
 * site, a broken one refused at start and by check-knowledge, reloads on
 * change and on SIGHUP that keep the last good one, and erasure by
 * conversation id.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chatJsonResponse } from '../../src/protocol';
import { serverConfigSchema } from '../../src/server/server-config';
import { type RunningServer, startServer } from '../../src/server/start-server';
import { otherOrigin, otherSite, site, siteOrigin } from './payloads';
import { useTestServer } from './start-test-server';
import { runCliCaptured as cli } from './support/run-cli-captured';

const start = useTestServer();
const folders: string[] = [];
let extra: RunningServer | null = null;

afterEach(async () => {
  await extra?.close();
  extra = null;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function temporaryCopy(of: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'samtal-knowledge-'));
  folders.push(folder);
  cpSync(of, folder, { recursive: true });
  return folder;
}

function chat(text: string, locale: 'sv' | 'en' = 'sv', forSite = site) {
  return {
    site: forSite,
    conversationId: randomUUID(),
    message: { id: randomUUID(), text },
    locale,
  };
}

async function ask(
  post: (path: string, body: unknown, headers?: Record<string, string>) => Promise<Response>,
  text: string,
  locale: 'sv' | 'en' = 'sv',
  forSite = site,
  origin = siteOrigin,
) {
  const response = await post('/v1/chat', chat(text, locale, forSite), { origin });
  expect(response.status).toBe(200);
  return chatJsonResponse.parse(await response.json()).replies;
}

describe('samtal-server check-knowledge', () => {
  it('passes a good folder and says what it holds', async () => {
    const { code, stdout } = await cli(['check-knowledge', 'demo/knowledge']);
    expect(code).toBe(0);
    expect(stdout).toContain('sv: 24 answers, own fallback; en: 24 answers, own fallback');
  });

  it('names each broken file, its line and what is wrong, and exits 1', async () => {
    const folder = temporaryCopy('tests/fixtures/knowledge/verkstad');
    writeFileSync(
      join(folder, 'sv', 'boka.md'),
      '---\nquestions:\n  - Boka\nkeyword: [tid]\n---\nRing oss.\n',
    );
    writeFileSync(join(folder, 'en', 'booking.md'), 'Call us.\n');
    const { code, stderr } = await cli(['check-knowledge', folder]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${join(folder, 'en', 'booking.md')}:1: the file must start with YAML front matter`,
    );
    expect(stderr).toContain(
      `${join(folder, 'sv', 'boka.md')}:4: the front matter has an unknown key "keyword"`,
    );
    expect(stderr).toContain('2 problems in');
  });

  it('shows what a question matches with --ask', async () => {
    const { code, stdout } = await cli(['check-knowledge', 'demo/knowledge', '--ask', 'kakor?']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/"kakor\?" → sv\/kakor\.md \(confidence 1\.00/);
  });

  it('refuses a folder that does not exist', async () => {
    const { code, stderr } = await cli(['check-knowledge', '/nonexistent/knowledge']);
    expect(code).toBe(1);
    expect(stderr).toContain('/nonexistent/knowledge: no such folder');
  });

  it('names a file that is wrong as a whole (too big, not UTF-8) without a made-up line 0', async () => {
    const folder = temporaryCopy('tests/fixtures/knowledge/verkstad');
    writeFileSync(
      join(folder, 'sv', 'stor.md'),
      `---\nquestions: [Stor]\n---\n${'a'.repeat(300_000)}`,
    );
    writeFileSync(
      join(folder, 'sv', 'latin1.md'),
      Buffer.from('---\nquestions: [H\xe4j]\n---\nH\xe4j\n', 'latin1'),
    );
    const { code, stderr } = await cli(['check-knowledge', folder]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${join(folder, 'sv', 'stor.md')}: is 300`);
    expect(stderr).toContain(`${join(folder, 'sv', 'latin1.md')}: is not UTF-8 text`);
    expect(stderr).not.toMatch(/:0:/);
  });
});

describe('the server and its knowledge', () => {
  it('does not start with a knowledge base that does not parse', async () => {
    const folder = temporaryCopy('demo/knowledge');
    writeFileSync(join(folder, 'sv', 'kakor.md'), '---\nquestions: []\n---\nInga kakor.\n');
    const { code, stderr } = await cli([
      'serve',
      '--port',
      '0',
      '--db',
      ':memory:',
      '--knowledge',
      folder,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${join(folder, 'sv', 'kakor.md')}:2: questions must list at least one question`,
    );
  });

  it('answers each site from its own folder: another business by changing one setting', async () => {
    const { post } = await start({
      knowledge: 'demo/knowledge',
      sites: {
        [site]: { origins: [siteOrigin] },
        [otherSite]: { origins: [otherOrigin], knowledge: 'tests/fixtures/knowledge/verkstad' },
      },
    });
    const [privacy] = await ask(post, 'Använder ni kakor?');
    expect(privacy?.text).toContain('inga kakor');
    const [workshop] = await ask(
      post,
      'När har ni öppet på lördagar?',
      'sv',
      otherSite,
      otherOrigin,
    );
    expect(workshop?.text).toContain('lördagar 9–13');
    const [english] = await ask(post, 'how much is a tyre change', 'en', otherSite, otherOrigin);
    expect(english?.text).toContain('SEK 450');
  });

  it('greets, and offers the contact form, without any knowledge base', async () => {
    const { post } = await start();
    expect((await ask(post, 'Hej!'))[0]?.text).toContain('Vad kan jag hjälpa dig med');
    expect((await ask(post, 'Vad kostar det?'))[0]?.actions).toEqual([{ type: 'contact-form' }]);
  });

  it('reloads an edited file without a restart, and keeps the last good one after a broken edit', async () => {
    const folder = temporaryCopy('tests/fixtures/knowledge/verkstad');
    const log = vi.fn<(message: string) => void>();
    const config = serverConfigSchema.parse({
      host: '127.0.0.1',
      port: 0,
      database: ':memory:',
      sites: { [site]: { origins: [siteOrigin] } },
      knowledge: folder,
    });
    extra = await startServer({ config, log });
    const url = extra.url;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: siteOrigin, ...headers },
        body: JSON.stringify(body),
      });
    const file = join(folder, 'sv', 'oppettider.md');
    writeFileSync(
      file,
      '---\nquestions: [När har ni öppet?]\n---\nVi har öppet **dygnet runt**.\n',
    );
    await vi.waitFor(
      async () => expect((await ask(post, 'När har ni öppet?'))[0]?.text).toContain('dygnet runt'),
      {
        timeout: 10_000,
        interval: 100,
      },
    );
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(/^reloaded the knowledge base in .* \(36 answers\)$/),
    );

    writeFileSync(file, '---\nquestions: [När har ni öppet?\n---\nTrasigt\n');
    await vi.waitFor(
      () => expect(log).toHaveBeenCalledWith(expect.stringContaining('was not reloaded')),
      {
        timeout: 10_000,
        interval: 100,
      },
    );
    expect(log.mock.calls.at(-1)?.[0]).toContain(`${file}:2: YAML:`);
    expect((await ask(post, 'När har ni öppet?'))[0]?.text).toContain('dygnet runt');

    // What SIGHUP does: the same broken file is refused again, and the old answers stay.
    expect(await extra.reloadKnowledge()).toBe(false);
    writeFileSync(file, '---\nquestions: [När har ni öppet?]\n---\nVi har öppet **vardagar**.\n');
    expect(await extra.reloadKnowledge()).toBe(true);
    expect((await ask(post, 'När har ni öppet?'))[0]?.text).toContain('vardagar');
  });
});

describe('stored conversations', () => {
  it('keeps both sides and erases them when the erasure names the conversation, within that site only', async () => {
    const server = await start({ knowledge: 'demo/knowledge', storeConversations: true });
    const mine = chat('Hur länge sparar ni mina uppgifter?');
    const same = { ...chat('Använder ni kakor?'), conversationId: mine.conversationId };
    await server.post('/v1/chat', mine);
    server.clock.now += 60_000;
    await server
      .post('/v1/chat', same, { accept: 'text/event-stream' })
      .then((response) => response.text());
    const { conversations: held } = await server.server.storage.exportData({
      conversationIds: [mine.conversationId],
    });
    expect(held.map((turn) => turn.from)).toEqual(['visitor', 'bot', 'visitor', 'bot']);
    expect(held[1]?.text).toContain('12 månader');
    expect(held[3]?.text).toContain('inga kakor');

    // Another site naming the same conversation deletes nothing.
    const elsewhere = await server.post(
      '/v1/erasure',
      {
        site: otherSite,
        visitorId: null,
        consentIds: [],
        leadIds: [],
        conversationIds: [mine.conversationId],
      },
      { origin: otherOrigin },
    );
    expect((await elsewhere.json()).deleted.conversations).toBe(0);

    const erased = await server.post('/v1/erasure', {
      site,
      visitorId: null,
      consentIds: [],
      leadIds: [],
      conversationIds: [mine.conversationId],
    });
    expect((await erased.json()).deleted.conversations).toBe(4);
    const after = await server.server.storage.exportData({
      conversationIds: [mine.conversationId],
    });
    expect(after.conversations).toEqual([]);
  });
});

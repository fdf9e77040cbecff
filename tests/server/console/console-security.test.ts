/**
 * The console as an attacker would try it (contract §9, issue #14): no
 * session, another site's data, a planted session, a removed user, guessing
 * passwords, forging requests from another origin, and what the cookie and
 * the pages promise. Real HTTP, real SQLite.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeLead } from '../payloads';
import { cookieOf, otherSite, password, site, useConsoleServer } from './start-console-server';

const start = useConsoleServer();
const owner = 'owner@acme.se';
const stranger = 'owner@other.se';
const minute = 60_000;

async function withTwoSites() {
  const app = await start();
  await app.addUser(owner, [site]);
  await app.addUser(stranger, [otherSite]);
  return app;
}

describe('without a session', () => {
  it('answers 401 on every API call and the sign-in page on every console page', async () => {
    const app = await withTwoSites();
    const lead = makeLead();
    await app.collect('/v1/leads', lead);
    const calls: Array<[string, string]> = [
      ['GET', '/v1/admin/me'],
      ['GET', `/v1/admin/sites/${site}/leads`],
      ['GET', `/v1/admin/sites/${site}/leads?status=open`],
      ['GET', `/v1/admin/sites/${site}/leads/${lead.id}`],
      ['GET', `/v1/admin/sites/${site}/leads.csv`],
      ['POST', `/v1/admin/sites/${site}/leads/${lead.id}/handled`],
      ['DELETE', `/v1/admin/sites/${site}/leads/${lead.id}`],
      ['GET', `/v1/admin/sites/${site}/rights`],
      ['GET', `/v1/admin/sites/${site}/stats?from=2026-02-01&to=2026-02-10`],
      ['GET', `/v1/admin/sites/${site}/conversations?day=2026-02-10`],
      ['GET', `/v1/admin/sites/${site}/webhook`],
      ['DELETE', '/v1/admin/session'],
    ];
    for (const [method, path] of calls) {
      const response = await app.call(path, { method, ...(method === 'POST' ? { body: {} } : {}) });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
    }
    for (const path of ['/admin/', `/admin/sites/${site}/leads`, `/admin/sites/${otherSite}/`]) {
      const response = await app.call(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html, path).toMatch(/sign-in-[\w-]+\.js/);
      expect(html, path).not.toMatch(/assets\/index-/);
    }
    // The lead was not touched by any of it.
    expect((await app.server.storage.exportData({ site, leadIds: [lead.id] })).leads).toHaveLength(
      1,
    );
  });

  it('refuses a made-up or malformed session cookie', async () => {
    const app = await withTwoSites();
    for (const cookie of [
      `samtal-session=${'A'.repeat(43)}`,
      'samtal-session=../../etc',
      '__Host-samtal-session=x',
    ]) {
      expect((await app.call('/v1/admin/me', { cookie })).status).toBe(401);
    }
  });
});

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict cookie on 204, and only a hash of it is stored', async () => {
    const app = await withTwoSites();
    const response = await app.call('/v1/admin/session', {
      method: 'POST',
      body: { email: 'Owner@Acme.se ', password },
    });
    expect(response.status).toBe(204);
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^samtal-session=[\w-]{43};/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Secure/);
    const token = (cookieOf(response) ?? '').split('=')[1] ?? '';
    const rows = await sql<{ token_hash: string }>`SELECT token_hash FROM console_sessions`.execute(
      app.server.database.db,
    );
    expect(rows.rows.map((row) => row.token_hash)).toEqual([
      createHash('sha256').update(token).digest('hex'),
    ]);
    const users = await sql<{
      password_hash: string;
    }>`SELECT password_hash FROM console_users`.execute(app.server.database.db);
    for (const user of users.rows) {
      expect(user.password_hash).toMatch(/^\$scrypt\$ln=\d+,r=8,p=1\$/);
      expect(user.password_hash).not.toContain(password);
    }
  });

  it('marks the cookie Secure and __Host- behind an https proxy it trusts, and not for one it does not', async () => {
    const trusting = await start({ trustProxy: true });
    await trusting.addUser(owner, [site]);
    const https = await trusting.call('/v1/admin/session', {
      method: 'POST',
      body: { email: owner, password },
      headers: { 'x-forwarded-proto': 'https', origin: trusting.origin.replace('http:', 'https:') },
    });
    expect(https.status).toBe(204);
    expect(https.headers.get('set-cookie')).toMatch(/^__Host-samtal-session=[\w-]{43};.*Secure/);
    expect(https.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('ignores X-Forwarded-Proto when the proxy is not trusted', async () => {
    const app = await withTwoSites();
    const response = await app.call('/v1/admin/session', {
      method: 'POST',
      body: { email: owner, password },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  it('says the same thing for a wrong password and an unknown address', async () => {
    const app = await withTwoSites();
    const wrong = await app.call('/v1/admin/session', {
      method: 'POST',
      body: { email: owner, password: 'not the password' },
    });
    const unknown = await app.call('/v1/admin/session', {
      method: 'POST',
      body: { email: 'nobody@acme.se', password },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('gives a new token at every sign-in and voids a planted one (session fixation)', async () => {
    const app = await withTwoSites();
    // The attacker signs in to their own account and plants that session in the victim's browser.
    const planted = await app.signIn(stranger);
    const response = await app.call('/v1/admin/session', {
      method: 'POST',
      body: { email: owner, password },
      cookie: planted,
    });
    const fresh = cookieOf(response);
    expect(fresh).not.toBeNull();
    expect(fresh).not.toEqual(planted);
    expect((await app.call('/v1/admin/me', { cookie: planted })).status).toBe(401);
    expect(await (await app.call('/v1/admin/me', { cookie: fresh })).json()).toMatchObject({
      email: owner,
    });
    // A value the server never issued is never accepted, before or after a sign-in.
    const invented = `samtal-session=${'b'.repeat(43)}`;
    const again = await app.call('/v1/admin/session', {
      method: 'POST',
      body: { email: owner, password },
      cookie: invented,
    });
    expect(cookieOf(again)).not.toEqual(invented);
    expect((await app.call('/v1/admin/me', { cookie: invented })).status).toBe(401);
  });

  it('ends the session on sign-out', async () => {
    const app = await withTwoSites();
    const cookie = await app.signIn(owner);
    const out = await app.call('/v1/admin/session', { method: 'DELETE', cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/samtal-session=;.*Max-Age=0/);
    expect((await app.call('/v1/admin/me', { cookie })).status).toBe(401);
  });

  it('refuses the session of a user removed later', async () => {
    const app = await withTwoSites();
    const cookie = await app.signIn(owner);
    expect((await app.call('/v1/admin/me', { cookie })).status).toBe(200);
    await app.removeUser(owner);
    expect((await app.call('/v1/admin/me', { cookie })).status).toBe(401);
    expect((await app.call(`/admin/sites/${site}/`, { cookie })).status).toBe(200);
    expect(await (await app.call(`/admin/sites/${site}/`, { cookie })).text()).toMatch(/sign-in-/);
  });

  it('ends a session after 30 idle minutes, and after 12 hours however active', async () => {
    const app = await withTwoSites();
    const idle = await app.signIn(owner);
    app.clock.now += 29 * minute;
    expect((await app.call('/v1/admin/me', { cookie: idle })).status).toBe(200);
    app.clock.now += 30 * minute;
    expect((await app.call('/v1/admin/me', { cookie: idle })).status).toBe(401);

    const busy = await app.signIn(owner);
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      app.clock.now += 20 * minute;
      expect((await app.call('/v1/admin/me', { cookie: busy })).status).toBe(200);
    }
    app.clock.now += 40 * minute;
    expect((await app.call('/v1/admin/me', { cookie: busy })).status).toBe(401);
  });
});

describe('guessing passwords', () => {
  it('answers 429 after 5 failures for one account, even with the right password, and the same for an unknown one', async () => {
    const app = await withTwoSites();
    for (const email of [owner, 'nobody@acme.se']) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const response = await app.call('/v1/admin/session', {
          method: 'POST',
          body: { email, password: `guess ${attempt}` },
        });
        expect(response.status).toBe(401);
      }
      const blocked = await app.call('/v1/admin/session', {
        method: 'POST',
        body: { email, password },
      });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The window passes, and the owner gets in again.
    app.clock.now += 16 * minute;
    expect(
      (await app.call('/v1/admin/session', { method: 'POST', body: { email: owner, password } }))
        .status,
    ).toBe(204);
  });

  it('counts guesses sent all at once: at most 5 for one account are checked, the rest get 429', async () => {
    const app = await withTwoSites();
    // Fired together, every guess arrives before the first hash has finished: a limit
    // that counts only finished failures would check all of them.
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, attempt) =>
        app.call('/v1/admin/session', {
          method: 'POST',
          body: { email: owner, password: `concurrent guess ${attempt}` },
        }),
      ),
    );
    const statuses = guesses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    const blocked = await app.call('/v1/admin/session', {
      method: 'POST',
      body: { email: owner, password },
    });
    expect(blocked.status).toBe(429);
  });

  it('does not count a correct sign-in against the address', async () => {
    const app = await withTwoSites();
    for (let attempt = 0; attempt < 25; attempt++) await app.signIn(owner);
    for (let attempt = 0; attempt < 19; attempt++) {
      const response = await app.call('/v1/admin/session', {
        method: 'POST',
        body: { email: `user${attempt}@acme.se`, password: 'guess' },
      });
      expect(response.status).toBe(401);
    }
    expect(
      (await app.call('/v1/admin/session', { method: 'POST', body: { email: owner, password } }))
        .status,
    ).toBe(204);
  });

  it('answers 429 after 20 failures from one address across accounts', async () => {
    const app = await withTwoSites();
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await app.call('/v1/admin/session', {
        method: 'POST',
        body: { email: `user${attempt}@acme.se`, password: 'guess' },
      });
      expect(response.status).toBe(401);
    }
    expect(
      (await app.call('/v1/admin/session', { method: 'POST', body: { email: owner, password } }))
        .status,
    ).toBe(429);
  });
});

describe('forged requests (CSRF)', () => {
  it('refuses a state change from another origin or a cross-site fetch, and a non-JSON body', async () => {
    const app = await withTwoSites();
    const lead = makeLead();
    await app.collect('/v1/leads', lead);
    const cookie = await app.signIn(owner);
    const path = `/v1/admin/sites/${site}/leads/${lead.id}/handled`;
    const foreign = await app.call(path, {
      method: 'POST',
      body: {},
      cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'cross-origin-request' });
    const nullOrigin = await app.call(path, {
      method: 'POST',
      body: {},
      cookie,
      headers: { origin: 'null' },
    });
    expect(nullOrigin.status).toBe(403);
    const crossSite = await app.call(path, {
      method: 'POST',
      body: {},
      cookie,
      headers: { origin: '', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const form = await app.call(path, {
      method: 'POST',
      body: 'note=x',
      cookie,
      headers: { 'content-type': 'text/plain' },
    });
    expect(form.status).toBe(415);
    const erase = await app.call(`/v1/admin/sites/${site}/leads/${lead.id}`, {
      method: 'DELETE',
      cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(erase.status).toBe(403);
    const signIn = await app.call('/v1/admin/session', {
      method: 'POST',
      body: { email: owner, password },
      headers: { origin: 'https://evil.example' },
    });
    expect(signIn.status).toBe(403);
    const lead1 = await (
      await app.call(`/v1/admin/sites/${site}/leads/${lead.id}`, { cookie })
    ).json();
    expect(lead1).toMatchObject({ status: 'open' });
    // From the console itself it works.
    expect((await app.call(path, { method: 'POST', body: {}, cookie })).status).toBe(200);
  });
});

describe("another site's data", () => {
  it('is a 404 in the API and the pages, exactly like a site that does not exist', async () => {
    const app = await withTwoSites();
    const theirs = makeLead({ site: otherSite });
    const response = await fetch(`${app.url}/v1/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://other.se' },
      body: JSON.stringify(theirs),
    });
    expect(response.status).toBe(200);
    const cookie = await app.signIn(owner);
    const paths = [
      `/v1/admin/sites/${otherSite}/leads`,
      `/v1/admin/sites/${otherSite}/leads/${theirs.id}`,
      `/v1/admin/sites/${otherSite}/leads.csv`,
      `/v1/admin/sites/${otherSite}/rights`,
      `/v1/admin/sites/${otherSite}/stats?from=2026-02-01&to=2026-02-10`,
      `/v1/admin/sites/${otherSite}/conversations?day=2026-02-10`,
      `/v1/admin/sites/${otherSite}/webhook`,
      `/v1/admin/sites/no-such-site/leads`,
      // Their lead id through my own site: not found either.
      `/v1/admin/sites/${site}/leads/${theirs.id}`,
    ];
    for (const path of paths) {
      const answer = await app.call(path, { cookie });
      expect(answer.status, path).toBe(404);
      expect(await answer.text(), path).not.toContain('Anna');
    }
    for (const [method, path] of [
      ['POST', `/v1/admin/sites/${otherSite}/leads/${theirs.id}/handled`],
      ['DELETE', `/v1/admin/sites/${otherSite}/leads/${theirs.id}`],
      ['DELETE', `/v1/admin/sites/${site}/leads/${theirs.id}`],
      ['PUT', `/v1/admin/sites/${otherSite}/webhook`],
    ] as const) {
      const answer = await app.call(path, {
        method,
        cookie,
        ...(method === 'DELETE'
          ? {}
          : {
              body: {
                url: 'https://example.com/hook',
                format: 'json',
                events: ['lead.created'],
                enabled: true,
              },
            }),
      });
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    expect(
      (await app.server.storage.exportData({ site: otherSite, leadIds: [theirs.id] })).leads,
    ).toHaveLength(1);
    const me = await (await app.call('/v1/admin/me', { cookie })).json();
    expect(me.sites.map((entry: { id: string }) => entry.id)).toEqual([site]);
    const page = await app.call(`/admin/sites/${otherSite}/leads`, { cookie });
    expect(page.status).toBe(404);
    expect((await app.call(`/admin/sites/${site}/leads`, { cookie })).status).toBe(200);
  });
});

describe('the pages', () => {
  it('are served with a strict CSP, no framing, no referrer, and no inline script or style', async () => {
    const app = await withTwoSites();
    const cookie = await app.signIn(owner);
    for (const [path, withCookie] of [
      ['/admin/', cookie],
      ['/admin/', null],
      [`/admin/sites/${site}/leads`, cookie],
    ] as const) {
      const response = await app.call(path, { cookie: withCookie });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/);
    }
    const api = await app.call('/v1/admin/me', { cookie });
    expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect((await app.call('/admin')).status).toBe(308);
  });
});

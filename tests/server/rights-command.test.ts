/** `samtal-server rights list|handle|lift` on a database the real server wrote. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeLead, site } from './payloads';
import { type TestServer, useTestServer } from './start-test-server';
import { runCliCaptured } from './support/run-cli-captured';

const start = useTestServer();

const cli = (args: string[]) =>
  runCliCaptured(args, { now: () => Date.parse('2026-02-10T12:00:00.000Z') });

/** A correction of one lead and a pause, as the widget sends them. */
async function seed(server: TestServer) {
  const lead = makeLead();
  await server.post('/v1/leads', lead);
  const correction = {
    id: randomUUID(),
    site,
    kind: 'rectify',
    visitorId: null,
    consentIds: [],
    leadIds: [lead.id],
    submittedAt: '2026-02-01T11:00:00.000Z',
    changes: { email: 'anna.svensson@example.se' },
  };
  const pause = {
    id: randomUUID(),
    site,
    kind: 'restrict',
    visitorId: randomUUID(),
    consentIds: [],
    leadIds: [lead.id],
    submittedAt: '2026-01-05T11:00:00.000Z',
  };
  expect((await server.post('/v1/rights', correction)).status).toBe(200);
  expect((await server.post('/v1/rights', pause)).status).toBe(200);
  return { lead, correction, pause };
}

describe('samtal-server rights', () => {
  it('lists the requests with kind, status and deadline, and no contact details', async () => {
    const server = await start();
    const { correction, pause } = await seed(server);
    const { code, stdout } = await cli(['rights', 'list', '--db', server.database]);
    expect(code).toBe(0);
    const [header, ...lines] = stdout.trim().split('\n');
    expect(header).toMatch(/^ID\s+SITE\s+KIND\s+STATUS\s+SUBMITTED\s+DEADLINE\s+DUE\s+DONE$/);
    expect(lines).toHaveLength(2);
    expect(stdout).toContain(
      `${correction.id}  ${site}  rectify   open    2026-02-01  2026-03-01  18 d left`,
    );
    expect(stdout).toMatch(
      new RegExp(`${pause.id}.*restrict.*2026-02-05.*OVERDUE since 2026-02-05.*2 id\\(s\\) marked`),
    );
    expect(stdout).toContain('1 lead(s): email');
    expect(stdout).not.toContain('anna.svensson@example.se');
  });

  it('prints them whole as JSON when asked, filtered by site and status', async () => {
    const server = await start();
    const { correction } = await seed(server);
    const { code, stdout } = await cli([
      'rights',
      'list',
      '--db',
      server.database,
      '--site',
      site,
      '--status',
      'open',
      '--json',
    ]);
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as Array<{ id: string; changes: unknown }>;
    expect(listed).toHaveLength(2);
    expect(listed.find((request) => request.id === correction.id)?.changes).toEqual({
      email: 'anna.svensson@example.se',
    });
  });

  it('marks a request handled once, with a note, and lifts a restriction once', async () => {
    const server = await start();
    const { correction, pause } = await seed(server);
    const handled = await cli([
      'rights',
      'handle',
      correction.id,
      '--site',
      site,
      '--db',
      server.database,
      '--note',
      'Rättat i CRM',
      '--by',
      'Lisa',
    ]);
    expect(handled).toMatchObject({
      code: 0,
      stdout: `Marked rectify request ${correction.id} handled.\n`,
    });
    expect(await server.server.rights.get(site, correction.id)).toMatchObject({
      status: 'handled',
      handledBy: 'Lisa',
      note: 'Rättat i CRM',
    });
    const again = await cli([
      'rights',
      'handle',
      correction.id,
      '--site',
      site,
      '--db',
      server.database,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already handled/);

    const lifted = await cli(['rights', 'lift', pause.id, '--site', site, '--db', server.database]);
    expect(lifted.code).toBe(0);
    expect(lifted.stdout).toMatch(/Lifted the restriction/);
    expect((await server.server.rights.get(site, pause.id))?.liftedBy).toBe('command line');
    const twice = await cli(['rights', 'lift', pause.id, '--site', site, '--db', server.database]);
    expect(twice.code).toBe(1);

    const rectification = await cli([
      'rights',
      'lift',
      correction.id,
      '--site',
      site,
      '--db',
      server.database,
    ]);
    expect(rectification.code).toBe(1);
    expect(rectification.stderr).toMatch(/nothing to lift/);
  });

  it.each([
    [['rights'], /Usage/],
    [['rights', 'forget'], /not a rights command/],
    [['rights', 'handle', randomUUID()], /needs --site/],
    [['rights', 'list', '--status', 'done'], /--status must be open or handled/],
    [['rights', 'list', '--site', 'Acme'], /not a site id/],
  ])('refuses %j with a usage message and exit code 2', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('says when there is no such request', async () => {
    const server = await start();
    const { code, stderr } = await cli([
      'rights',
      'handle',
      randomUUID(),
      '--site',
      site,
      '--db',
      server.database,
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no rights request/);
  });
});

/**
 * Library build of the widget (see scripts/build.ts for the whole build) and
 * the vitest projects: unit (Node), component (happy-dom), server and
 * server-postgres (the same files, real HTTP, against SQLite and against a
 * throwaway PostgreSQL cluster) and e2e (real Chromium against dist/).
 */
import { defineConfig } from 'vitest/config';

const failOnConsole = './tests/setup/fail-on-console.ts';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    // This machine is shared and often loaded (load 15–25 on 2 cores): a poll
    // that gives up after vitest's default 1 s fails for the machine, not the code.
    expect: { poll: { timeout: 15_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: [failOnConsole],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'happy-dom',
          include: ['tests/component/**/*.test.{ts,tsx}'],
          setupFiles: [failOnConsole, './tests/setup/component.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['tests/server/**/*.test.ts'],
          setupFiles: [failOnConsole],
          globalSetup: ['./tests/server/global-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'server-postgres',
          environment: 'node',
          include: ['tests/server/**/*.test.ts'],
          setupFiles: [failOnConsole],
          globalSetup: ['./tests/server/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          setupFiles: [failOnConsole],
          globalSetup: ['./tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

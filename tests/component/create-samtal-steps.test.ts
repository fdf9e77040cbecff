/**
 * The script tag's boot mounts the widget in steps, each in a task of its own
 * (issue 15, item 9: no long task on a slow phone). A `destroy()` that comes
 * between two steps must leave nothing behind, and the steps still to come
 * must mount nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectInitConfig, parseConfig } from '../../src/config/parse-config';
import { createSamtal, inTasksOfTheirOwn } from '../../src/create-samtal';

function config() {
  const result = parseConfig(
    collectInitConfig({
      site: 'acme-se',
      collector: 'https://collect.example.se/v1',
      locale: 'sv',
    }),
    [],
    'init',
  );
  if (!result.success) throw new Error('the test config does not parse');
  return result.data;
}

/** A scheduler the test runs by hand: each call queues the step, `next()` runs the oldest. */
function manualSteps() {
  const queue: (() => void)[] = [];
  return {
    schedule: (step: () => void) => {
      queue.push(step);
    },
    pending: () => queue.length,
    next: () => queue.shift()?.(),
  };
}

const shadow = () => document.querySelector('samtal-chat')?.shadowRoot ?? null;

afterEach(() => {
  document.querySelectorAll('samtal-chat').forEach((element) => {
    element.remove();
  });
  localStorage.clear();
});

describe('the boot in steps', () => {
  it('returns the API at once and mounts host, launcher and consent layers one step at a time', async () => {
    const steps = manualSteps();
    const api = createSamtal(config(), steps.schedule);
    const ready = vi.fn();
    api.on('ready', ready);
    // Called before anything is mounted: the launcher shows the panel open once it is there.
    api.open();
    expect(document.querySelector('samtal-chat')).toBeNull();

    // First, hearing other tabs about consent; then the host and its styles.
    steps.next();
    expect(document.querySelector('samtal-chat')).toBeNull();
    steps.next();
    // The host is built, but joins the page only with its launcher: never seen empty.
    expect(document.querySelector('samtal-chat')).toBeNull();
    steps.next();
    const launcher = shadow()?.querySelector('[part="launcher"]');
    expect(launcher?.getAttribute('aria-expanded')).toBe('true');
    expect(shadow()?.querySelector('.privacy-control')).toBeNull();
    await Promise.resolve();
    expect(ready).not.toHaveBeenCalled();

    steps.next();
    expect(shadow()?.querySelector('.privacy-control')).not.toBeNull();
    expect(shadow()?.querySelector('.consent-slot')).not.toBeNull();
    // The launcher stays the last item of its row, so it never moves when the control joins.
    expect(launcher?.parentElement?.lastElementChild).toBe(launcher);
    expect(steps.pending()).toBe(0);
    await Promise.resolve();
    expect(ready).toHaveBeenCalledOnce();
    api.destroy();
    expect(document.querySelector('samtal-chat')).toBeNull();
  });

  for (const stepsRun of [0, 1, 2, 3]) {
    it(`mounts nothing after a destroy() that comes after ${stepsRun} of the 4 steps`, async () => {
      const steps = manualSteps();
      const api = createSamtal(config(), steps.schedule);
      const ready = vi.fn();
      api.on('ready', ready);
      for (let step = 0; step < stepsRun; step++) steps.next();
      api.destroy();
      expect(document.querySelector('samtal-chat')).toBeNull();
      while (steps.pending() > 0) steps.next();
      await Promise.resolve();
      expect(document.querySelector('samtal-chat')).toBeNull();
      expect(ready).not.toHaveBeenCalled();
      api.open();
      expect(document.querySelector('samtal-chat')).toBeNull();
    });
  }

  it('in tasks of their own, a destroy() before the first task leaves the page as it was', async () => {
    const api = createSamtal(config(), inTasksOfTheirOwn);
    api.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.querySelector('samtal-chat')).toBeNull();
  });

  it('in tasks of their own, mounts everything within a few tasks', async () => {
    const api = createSamtal(config(), inTasksOfTheirOwn);
    const ready = new Promise((resolve) => api.on('ready', resolve));
    expect(document.querySelector('samtal-chat')).toBeNull();
    await ready;
    expect(shadow()?.querySelector('[part="launcher"]')).not.toBeNull();
    expect(shadow()?.querySelector('.privacy-control')).not.toBeNull();
    api.destroy();
  });
});

/**
 * What `data.export()` and `.erase()` cover is registered on their first
 * call, so a page view loads none of it (issue 15, item 9), and nothing is
 * missed because of that.
 */
import { describe, expect, it, vi } from 'vitest';
import { createDataRegistry } from '../../src/data/create-data-registry';

describe('the data registry', () => {
  it('prepares its sections once, on the first export or erasure, not when created', async () => {
    const erase = vi.fn();
    const prepare = vi.fn(async () => {
      registry.register('contact', {
        export: () => ({ leadIds: ['l1'] }),
        erase,
        erasureIds: () => ({ leadIds: ['l1'] }),
      });
    });
    const registry = createDataRegistry(prepare);
    expect(prepare).not.toHaveBeenCalled();
    await expect(registry.exportAll()).resolves.toEqual({ contact: { leadIds: ['l1'] } });
    await expect(registry.erasureIds()).resolves.toMatchObject({ leadIds: ['l1'] });
    await registry.eraseAll();
    expect(erase).toHaveBeenCalledTimes(1);
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('tries a failed preparation again on the next call', async () => {
    const prepare = vi
      .fn<() => Promise<void>>()
      .mockRejectedValueOnce(new Error('chunk failed'))
      .mockResolvedValue(undefined);
    const registry = createDataRegistry(prepare);
    await expect(registry.exportAll()).rejects.toThrow('chunk failed');
    await expect(registry.exportAll()).resolves.toEqual({});
    expect(prepare).toHaveBeenCalledTimes(2);
  });

  it('erases every section even when one fails, then reports the failure', async () => {
    const registry = createDataRegistry();
    const erased: string[] = [];
    registry.register('a', {
      export: () => null,
      erase: () => Promise.reject(new Error('a failed')),
    });
    registry.register('b', { export: () => null, erase: () => void erased.push('b') });
    await expect(registry.eraseAll()).rejects.toThrow('a failed');
    expect(erased).toEqual(['b']);
  });
});

/** The console's rights list filter (src/console/views/rights/rights-filter.ts). */
import { describe, expect, it } from 'vitest';
import {
  countRights,
  filterRights,
  rightsFilterOf,
  rightsFilterPath,
} from '../../src/console/views/rights/rights-filter';
import type { AdminRightsRequest } from '../../src/protocol/admin';

const request = (id: string, status: 'open' | 'handled') => ({ id, status }) as AdminRightsRequest;
const requests = [request('a', 'open'), request('b', 'open'), request('c', 'handled')];

describe('the rights filter', () => {
  it('reads the address: open by default and for anything it does not know', () => {
    expect(rightsFilterOf('')).toBe('open');
    expect(rightsFilterOf('?status=handled')).toBe('handled');
    expect(rightsFilterOf('status=all')).toBe('all');
    expect(rightsFilterOf('?status=closed')).toBe('open');
  });

  it('writes the address each filter is kept in', () => {
    expect(rightsFilterPath('open')).toBe('/rights');
    expect(rightsFilterPath('handled')).toBe('/rights?status=handled');
    expect(rightsFilterPath('all')).toBe('/rights?status=all');
  });

  it('shows and counts open, handled and all, in the given order', () => {
    expect(filterRights(requests, 'open').map((r) => r.id)).toEqual(['a', 'b']);
    expect(filterRights(requests, 'handled').map((r) => r.id)).toEqual(['c']);
    expect(filterRights(requests, 'all').map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(countRights(requests)).toEqual({ open: 2, handled: 1, all: 3 });
    expect(countRights([])).toEqual({ open: 0, handled: 0, all: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filtersFromSearch, filtersToQuery, filtersToSearch, hasFilters } from '@/components/runs/run-filters';

describe('the run filters and experiments', () => {
  const id = '0b7c1f4e-3d2a-4c59-9a61-7f0e2d3c4b5a';

  it('carry ?experimentId= from the address bar to the API query and back', () => {
    const values = filtersFromSearch({ experimentId: id, status: 'failed' });
    expect(values).toMatchObject({ experimentId: id, status: 'failed' });
    expect(filtersToQuery(values).get('experimentId')).toBe(id);
    expect(filtersToSearch(values)).toContain(`experimentId=${id}`);
    expect(hasFilters(values, ['status'])).toBe(true);
  });

  it('leave it out by default, so the history stays without experiment runs', () => {
    expect(filtersToQuery(EMPTY_FILTERS).has('experimentId')).toBe(false);
    expect(filtersFromSearch({}).experimentId).toBe('');
  });
});

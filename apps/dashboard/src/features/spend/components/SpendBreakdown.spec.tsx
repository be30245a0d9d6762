import type { SpendQueryInput, SpendResponse, SpendSummary, SpendTotals } from '@switchyard/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../../../test/fake-api';
import { renderWithApp } from '../../../../test/render';
import SpendPage from '../../../pages/SpendPage';

const zero: SpendTotals = {
  requests: 0, errors: 0, promptTokens: 0, completionTokens: 0, cachedTokens: 0, cacheHits: 0, cacheHitRate: null,
  costUsd: '0', baselineCostUsd: '0', savingsVsBaselineUsd: '0', savingsVsBaselinePct: null, cacheSavedUsd: '0', unpricedRequests: 0,
};

// Deliberately not in cost order; '10.5' vs '9.999' would sort wrongly as strings.
const groups: SpendResponse['groups'] = [
  { ...zero, group: 'cheap', requests: 40, costUsd: '9.999', baselineCostUsd: '9.5', savingsVsBaselineUsd: '-0.499', savingsVsBaselinePct: '-0.0525', cacheHitRate: '0.0000' },
  { ...zero, group: 'untracked', requests: 3, unpricedRequests: 3 },
  { ...zero, group: 'bulk', requests: 12345, costUsd: '1234.567891234567', baselineCostUsd: '4000.10', savingsVsBaselineUsd: '2765.532108765433', savingsVsBaselinePct: '0.6914', cacheHits: 1500, cacheHitRate: '0.1215', cacheSavedUsd: '88.005' },
  { ...zero, group: 'mid', requests: 7, costUsd: '10.5', baselineCostUsd: '21', savingsVsBaselineUsd: '10.5', savingsVsBaselinePct: '0.5000', cacheHitRate: '1.0000', cacheSavedUsd: '0.004' },
];

const summary: SpendSummary = { month: '2026-02-01', monthToDateUsd: '0', forecastMonthEndUsd: '0', forecastMethod: 'n/a', topModels: [], topTeams: [], budgets: [] };

function setup(url: string, response: (q: SpendQueryInput) => Promise<SpendResponse>) {
  const get = jest.fn(response);
  const api = createFakeApi({ spend: { get, summary: jest.fn().mockResolvedValue(summary), exportUrl: () => '/api/v1/spend/export.csv' } });
  return { ...renderWithApp(<SpendPage />, { api, url }), get };
}

const respond = (q: SpendQueryInput, g: SpendResponse['groups']): Promise<SpendResponse> =>
  Promise.resolve({ query: { from: q.from, to: q.to, groupBy: q.groupBy ?? 'bucket', granularity: 'day', kind: 'production' }, series: [], groups: g, totals: zero });

function cellsOf(row: HTMLElement): string[] {
  return within(row).getAllByRole('cell').map((c) => c.textContent ?? '');
}

describe('Spend breakdown', () => {
  it('lists each group of the current Group-by, highest cost first, with exact amounts, ratios and an unpriced flag', async () => {
    setup('/spend?range=7&groupBy=team', (q) => respond(q, groups));
    const card = await screen.findByRole('region', { name: 'Breakdown by team' });
    const table = await within(card).findByRole('table', { name: 'Spend by team' });
    const [head, ...rows] = within(table).getAllByRole('row');
    expect(within(head).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Team', 'Requests', 'Cost', 'Saved vs baseline', 'Saved %', 'Cache hit rate', 'Saved by cache',
    ]);
    expect(rows.map(cellsOf)).toEqual([
      ['bulk ', '12,345', '$1,234.57', '$2,765.53', '69.1%', '12.2%', '$88.01'],
      ['mid ', '7', '$10.50', '$10.50', '50.0%', '100.0%', '<$0.01'],
      ['cheap ', '40', '$10.00', '-$0.50', '-5.3%', '0.0%', '$0.00'],
      ['untracked unpriced', '3', '$0.00', '$0.00', '—', '—', '$0.00'],
    ]);
    expect(rows[3]).toHaveClass('row-warn');
    expect(within(rows[3]).getByText('unpriced')).toHaveAttribute('title', expect.stringMatching(/^3 requests used tokens but cost \$0/));
    expect(rows.slice(0, 3).every((r) => !r.classList.contains('row-warn'))).toBe(true);
  });

  it('says so when the range has no requests', async () => {
    setup('/spend?range=7', (q) => respond(q, []));
    const card = await screen.findByRole('region', { name: 'Breakdown by bucket' });
    expect(await within(card).findByText('No requests in this range yet.')).toBeInTheDocument();
    expect(within(card).queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows a failed load with a retry that asks again', async () => {
    const { get } = setup('/spend?range=7', () => Promise.reject(new Error('boom')));
    const card = await screen.findByRole('region', { name: 'Breakdown by bucket' });
    const alert = await within(card).findByRole('alert', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent('boom');
    const calls = get.mock.calls.length;
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(get.mock.calls.length).toBeGreaterThan(calls));
  });
});

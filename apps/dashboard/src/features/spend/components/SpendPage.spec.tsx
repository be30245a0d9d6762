import type { SpendQueryInput, SpendResponse, SpendSummary } from '@switchyard/contracts';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../../../test/fake-api';
import { renderWithApp } from '../../../../test/render';
import { addDays, todayUtc } from '../../../lib/dates';
import SpendPage from '../../../pages/SpendPage';

const totals = {
  requests: 12345, errors: 12, promptTokens: 1_000_000, completionTokens: 250_000, cachedTokens: 0, cacheHits: 1500, cacheHitRate: '0.1215',
  costUsd: '1234.567891234567', baselineCostUsd: '4000.10', savingsVsBaselineUsd: '2765.532108765433', savingsVsBaselinePct: '0.6914',
  cacheSavedUsd: '88.005', unpricedRequests: 3,
};

function spendFor(q: SpendQueryInput): SpendResponse {
  return {
    query: { from: q.from, to: q.to, groupBy: q.groupBy ?? 'bucket', granularity: 'day', kind: 'production' },
    series: [{ period: q.to, group: 'bulk', requests: 1, errors: 0, promptTokens: 1, completionTokens: 1, cachedTokens: 0, cacheHits: 0, costUsd: '1.5', baselineCostUsd: '3', cacheSavedUsd: '0' }],
    // The group's own totals match its one series point, so they differ from the range totals asserted below.
    groups: [{ ...totals, group: 'bulk', costUsd: '1.5', baselineCostUsd: '3', savingsVsBaselineUsd: '1.5', savingsVsBaselinePct: '0.5', cacheSavedUsd: '0' }],
    totals,
  };
}

const summary: SpendSummary = {
  month: '2026-02-01', monthToDateUsd: '812.3', forecastMonthEndUsd: '1650', forecastMethod: 'Average of the last 7 days × days left.',
  topModels: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', costUsd: '400.25', requests: 9000 }],
  topTeams: [{ team: 'support', costUsd: '512', requests: 7000 }],
  budgets: [],
};

function setup(url: string) {
  const get = jest.fn(async (q: SpendQueryInput) => spendFor(q));
  const api = createFakeApi({
    spend: { get, summary: jest.fn().mockResolvedValue(summary), exportUrl: (q: SpendQueryInput) => `/api/v1/spend/export.csv?from=${q.from}&to=${q.to}&groupBy=${q.groupBy}` },
  });
  return { ...renderWithApp(<SpendPage />, { api, url }), get };
}

describe('Spend page', () => {
  it('asks for the range and grouping in the URL and shows the API totals formatted exactly', async () => {
    const { get } = setup('/spend?range=7&groupBy=model');
    const today = todayUtc();
    await waitFor(() => expect(get).toHaveBeenCalledWith({ from: addDays(today, -6), to: today, groupBy: 'model' }));
    expect(await screen.findByText('$1,234.57')).toBeInTheDocument();
    expect(screen.getByText('$2,765.53')).toBeInTheDocument();
    expect(screen.getByText('69.1% below the baseline model')).toBeInTheDocument();
    expect(screen.getByText('$88.01')).toBeInTheDocument();
    expect(screen.getByText(/3 requests used tokens but cost \$0/)).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Model' })).toHaveAttribute('aria-checked', 'true');
    // The chart drew one stacked series per group, with a legend.
    const chart = screen.getByRole('region', { name: 'Daily spend' });
    expect(within(within(chart).getByRole('list', { name: 'Legend' })).getByText('bulk')).toBeInTheDocument();
    expect(chart.querySelectorAll('.stack-area')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', `/api/v1/spend/export.csv?from=${addDays(today, -6)}&to=${today}&groupBy=model`);
  });

  it('reads the chart point by point from the keyboard, with exact amounts', async () => {
    setup('/spend?range=7');
    const chart = await screen.findByRole('group', { name: /Daily spend by bucket/ });
    act(() => chart.focus());
    // Focus starts on the latest day; the seeded point sits there.
    const tip = await within(chart).findByRole('status');
    expect(tip).toHaveTextContent('bulk$1.50');
    expect(tip).toHaveTextContent('Total$1.50');
    await userEvent.keyboard('{ArrowLeft}');
    expect(within(chart).getByRole('status')).toHaveTextContent('bulk$0.00');
  });

  it('puts a changed range into the URL so it can be shared', async () => {
    const { get, location } = setup('/spend');
    await screen.findByText('$1,234.57');
    await userEvent.click(screen.getByRole('radio', { name: '90 days' }));
    expect(location().search).toBe('?range=90&groupBy=bucket');
    await waitFor(() => expect(get).toHaveBeenLastCalledWith(expect.objectContaining({ from: addDays(todayUtc(), -89) })));
  });

  it('shows month to date, forecast and top lists from the summary', async () => {
    setup('/spend');
    expect(await screen.findByText('$812.30')).toBeInTheDocument();
    expect(screen.getByText('$1,650.00')).toBeInTheDocument();
    expect(screen.getByText('Average of the last 7 days × days left.')).toBeInTheDocument();
    const models = screen.getByRole('region', { name: 'Top models' });
    expect(within(models).getByText('deepseek-ai/DeepSeek-V4-Flash')).toBeInTheDocument();
  });
});

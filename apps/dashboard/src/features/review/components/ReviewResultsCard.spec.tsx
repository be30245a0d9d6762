import type { ReviewResultRow, ReviewResultsResponse } from '@switchyard/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../../../test/fake-api';
import { renderWithApp } from '../../../../test/render';
import { addDays, todayUtc } from '../../../lib/dates';
import { ReviewResultsCard } from './ReviewResultsCard';

const standard: ReviewResultRow = {
  bucket: 'standard',
  candidateModel: 'deepseek-ai/DeepSeek-V4-Flash',
  baselineModel: 'openai/gpt-4o',
  pairs: 10,
  judgements: 20,
  wins: 11,
  losses: 7,
  ties: 2,
  candidateShare: 0.55,
  baselineShare: 0.35,
  preference: { rate: 0.6111, low: 0.3862, high: 0.7969, method: 'wilson-95' },
  agreement: { pairs: 10, percent: 0.9, kappa: 0.823, method: 'fleiss' },
  verdict: 'no detectable difference',
  cost: { candidatePerRequestUsd: '0.00082', baselinePerRequestUsd: '0.0055', differencePerRequestUsd: '-0.00468', change: -0.850909, pricedPairs: 10, estimatedPairs: 0 },
};

const bulk: ReviewResultRow = {
  ...standard,
  bucket: 'bulk',
  candidateModel: 'Qwen/Qwen3-32B',
  wins: 0,
  losses: 24,
  ties: 0,
  preference: { rate: 0, low: 0, high: 0.138, method: 'wilson-95' },
  agreement: { pairs: 12, percent: 1, kappa: null, method: 'fleiss' },
  verdict: 'candidate worse',
  cost: { ...standard.cost, estimatedPairs: 12, pricedPairs: 12 },
};

function setup() {
  const results = jest.fn(async (): Promise<ReviewResultsResponse> => ({ from: null, to: null, minDecisive: 10, rows: [bulk, standard] }));
  renderWithApp(<ReviewResultsCard />, { api: createFakeApi({ reviews: { results } as never }), role: 'finance' });
  return { results };
}

describe('ReviewResultsCard', () => {
  it('puts verdict, interval, agreement and cost difference on one row per bucket and model pair', async () => {
    setup();
    const table = await screen.findByRole('table', { name: 'Review results' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const s = rows[1];
    expect(s).toHaveTextContent('standard');
    expect(within(s).getByTitle('deepseek-ai/DeepSeek-V4-Flash')).toBeInTheDocument();
    expect(s).toHaveTextContent('11 / 7 / 2');
    expect(s).toHaveTextContent('61% (39–80%)');
    expect(s).toHaveTextContent('90%');
    expect(s).toHaveTextContent('κ 0.82 · 10 pairs');
    expect(within(s).getByText('no detectable difference')).toBeInTheDocument();
    expect(s).toHaveTextContent('$0.00082 vs $0.0055');
    expect(s).toHaveTextContent('-$0.0047 (-85%)');
    const b = rows[0];
    expect(within(b).getByText('candidate worse')).toBeInTheDocument();
    expect(b).toHaveTextContent('0% (0–14%)');
    expect(b).toHaveTextContent('κ — · 12 pairs');
    expect(b).toHaveTextContent('12 of 12 estimated from text');
  });

  it('asks for a period when one is picked', async () => {
    const { results } = setup();
    await screen.findByRole('table', { name: 'Review results' });
    expect(results).toHaveBeenLastCalledWith({});
    await userEvent.click(screen.getByRole('radio', { name: '30 days' }));
    await waitFor(() => expect(results).toHaveBeenLastCalledWith({ from: addDays(todayUtc(), -29), to: todayUtc() }));
  });
});

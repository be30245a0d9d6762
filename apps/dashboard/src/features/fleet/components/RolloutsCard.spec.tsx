import type { FleetResponse, Rollout, RolloutDetail } from '@switchyard/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../../../test/fake-api';
import { renderWithApp } from '../../../../test/render';
import { RolloutsCard } from './RolloutsCard';

const thresholds = { maxErrorRateDelta: 0.05, maxP95LatencyRatio: 1.5, maxCostPerRequestRatio: 1.5, minRequests: 50 };
const rollout = (over: Partial<Rollout> = {}): Rollout => ({
  id: 'r-active', state: 'active', version: 8, baselineVersion: 7, canaryPercent: 10, by: 'proxy', thresholds, autoAbort: true,
  createdBy: 'admin@example.com', createdAt: '2026-03-01T10:00:00.000Z', endedAt: null, endedBy: null, endReason: null, restoredVersion: null, ...over,
});
const detail: RolloutDetail = {
  ...rollout(),
  window: { from: '2026-03-01T10:00:00.000Z', to: '2026-03-01T11:00:00.000Z' },
  canary: { version: 8, requests: 120, errors: 12, errorRate: 0.1, p95LatencyMs: 900, costPerRequestUsd: '0.0021' },
  baseline: { version: 7, requests: 1000, errors: 10, errorRate: 0.01, p95LatencyMs: 500, costPerRequestUsd: '0.0014' },
  verdict: { enoughData: true, breaches: ['error rate 10.00% vs 1.00% (+9.00 points, limit 5.00)'] },
  proxies: [],
  versions: { 8: 1, 7: 2 },
};
const fleet: FleetResponse = {
  latestVersion: 8,
  proxies: ['a', 'b', 'c'].map((id, i) => ({
    proxyId: id, name: id, labels: {}, appliedVersion: i === 0 ? 8 : 7, rejectedVersion: null, rejectReason: null,
    lastHeartbeatAt: '2026-03-01T10:59:00.000Z', firstSeenAt: '2026-03-01T09:00:00.000Z', spooledEvents: 0, lag: 0, stale: false,
  })),
};
const past = rollout({ id: 'r-old', state: 'aborted', version: 5, baselineVersion: 4, endedAt: '2026-02-01T10:00:00.000Z', endedBy: 'system (rollout auto-abort)', endReason: 'p95 2.1× baseline', restoredVersion: 6 });

function setup(role: 'admin' | 'finance' | 'viewer', list: Rollout[] = [rollout(), past]) {
  const promote = jest.fn(async (id: string) => rollout({ id, state: 'promoted' }));
  const abort = jest.fn(async (id: string) => rollout({ id, state: 'aborted' }));
  const api = createFakeApi({ fleet: jest.fn(async () => fleet), rollouts: { list: jest.fn(async () => list), get: jest.fn(async () => detail), promote, abort } });
  renderWithApp(<RolloutsCard />, { api, role });
  return { api, promote, abort };
}

describe('Rollouts card on the Fleet page', () => {
  it('shows the active rollout against its baseline with thresholds, the verdict, the skew and past rollouts', async () => {
    setup('admin');
    const metrics = await screen.findByRole('table', { name: 'Canary against baseline' });
    expect(within(metrics).getByRole('row', { name: /Error rate/ })).toHaveTextContent('10.00%1.00%aborts above baseline + 5.0 pts');
    expect(within(metrics).getByRole('row', { name: /p95 latency/ })).toHaveTextContent('900 ms500 ms');
    expect(within(metrics).getByRole('row', { name: /Cost per request/ })).toHaveTextContent('$0.002100$0.001400');
    expect(screen.getByText(/Active: v8 to 10% of proxies/)).toBeInTheDocument();
    expect(screen.getByText(/error rate 10\.00% vs 1\.00%/)).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Version skew' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['v8: 1 proxy', 'v7: 2 proxies']);
    const history = screen.getByRole('table', { name: 'Past rollouts' });
    expect(within(history).getByText('aborted')).toBeInTheDocument();
    expect(within(history).getByText('restored as v6')).toBeInTheDocument();
  });

  it('lets an admin promote, calling the API with the rollout id', async () => {
    const { promote } = setup('admin');
    await userEvent.click(await screen.findByRole('button', { name: 'Promote to all proxies' }));
    await waitFor(() => expect(promote).toHaveBeenCalledTimes(1));
    expect(promote.mock.calls[0][0]).toBe('r-active');
  });

  it('lets an admin abort with a reason', async () => {
    const { abort } = setup('admin');
    await userEvent.click(await screen.findByRole('button', { name: 'Abort' }));
    await userEvent.type(screen.getByLabelText('Reason for the abort'), 'tickets');
    await userEvent.click(screen.getByRole('button', { name: 'Abort and restore v7' }));
    await waitFor(() => expect(abort).toHaveBeenCalledWith('r-active', 'tickets'));
  });

  it.each(['finance', 'viewer'] as const)('shows %s the rollout without promote or abort', async (role) => {
    setup(role);
    await screen.findByRole('table', { name: 'Canary against baseline' });
    expect(screen.queryByRole('button', { name: /Promote/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Abort/ })).not.toBeInTheDocument();
  });

  it('says when there is no rollout yet', async () => {
    setup('admin', []);
    expect(await screen.findByText(/No staged rollout yet/)).toBeInTheDocument();
  });

  it('shows an error with a retry when the rollouts cannot be read', async () => {
    const api = createFakeApi({ fleet: jest.fn(async () => fleet), rollouts: { list: jest.fn(async () => Promise.reject(new Error('boom'))) } });
    renderWithApp(<RolloutsCard />, { api });
    expect(await screen.findByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});

import type { PolicyContentInput, WhatIfRequest, WhatIfResponse } from '@switchyard/contracts';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../../../test/fake-api';
import { catalogModels, draftOf, splitPolicy } from '../../../../test/fixtures';
import { renderWithApp } from '../../../../test/render';
import { DraftEditor, type DraftEditorProps } from './DraftEditor';

/** A projection that depends on the bulk split, so a slider move visibly changes it. */
function projection(req: WhatIfRequest): WhatIfResponse {
  const flash = (req.policy as PolicyContentInput).buckets[0].targets[0].weight;
  return {
    from: req.from, to: req.to, days: 30, actualUsd: '150', projectedUsd: '150',
    actualMonthlyUsd: '150.00', projectedMonthlyUsd: `${100 + flash}.00`, deltaMonthlyUsd: `${flash - 50}.00`,
    buckets: [], method: 'Replays the last 30 days of usage under the draft weights.',
  };
}

function setup(content: PolicyContentInput = splitPolicy(), props: Partial<DraftEditorProps> = {}, models = catalogModels()) {
  const whatIf = jest.fn(async (req: WhatIfRequest) => projection(req));
  const api = createFakeApi({ whatIf });
  const view = renderWithApp(
    <DraftEditor draft={draftOf(content)} models={models} liveVersion={3} bucket="bulk" onBucket={jest.fn()} onPublished={jest.fn()} onDiscard={jest.fn()} {...props} />,
    { api },
  );
  return { ...view, whatIf };
}

const slider = (model: string) => screen.getByRole('slider', { name: `Traffic share for ${model}` });
const weights = () => screen.getAllByRole('slider').map((s) => Number((s as HTMLInputElement).value));

describe('traffic sliders in the draft editor', () => {
  it('rebalances the other targets proportionally when one slider moves', () => {
    setup();
    expect(weights()).toEqual([60, 30, 10]);
    fireEvent.change(slider('deepseek-ai/DeepSeek-V4-Flash'), { target: { value: '20' } });
    expect(weights()).toEqual([20, 60, 20]);
    expect(screen.getByText('Total 100%')).toBeInTheDocument();
    expect(screen.getByRole('spinbutton', { name: 'Percent for zai-org/GLM-4-Plus' })).toHaveValue(60);
  });

  it('takes an exact typed percent and rebalances the rest', async () => {
    setup();
    const box = screen.getByRole('spinbutton', { name: 'Percent for Qwen/Qwen3-32B' });
    await userEvent.clear(box);
    await userEvent.type(box, '55');
    expect(weights()).toEqual([30, 15, 55]);
    expect(screen.getByText('Total 100%')).toBeInTheDocument();
  });

  it('labels each slider for keyboard and screen-reader users', () => {
    setup();
    const s = slider('zai-org/GLM-4-Plus');
    expect(s).toHaveAttribute('aria-valuetext', '30% of bulk traffic');
    expect(s).toHaveAttribute('min', '0');
    expect(s).toHaveAttribute('max', '100');
    expect(s).toHaveAttribute('step', '1');
  });

  it('moves fallbacks up and down', async () => {
    const content = splitPolicy();
    content.buckets[0].fallbacks = ['zai-org/GLM-4-Plus', 'openai/gpt-4o'];
    setup(content);
    const list = screen.getByRole('region', { name: 'Fallback order for bulk' });
    await userEvent.click(within(list).getByRole('button', { name: 'Move openai/gpt-4o up' }));
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('openai/gpt-4o'),
      expect.stringContaining('zai-org/GLM-4-Plus'),
    ]);
  });
});

describe('inline validation', () => {
  it('shows a bad weight sum at the traffic split and clears it once a slider rebalances', () => {
    const content = splitPolicy();
    content.buckets[0].targets[2].weight = 0; // 60 + 30 + 0 = 90
    setup(content);
    expect(screen.getByText('weights sum to 90; they must sum to exactly 100')).toHaveClass('field-error');
    expect(screen.getByRole('alert', { name: 'Problems in this draft' })).toHaveTextContent('bulk › targets: weights sum to 90');
    expect(screen.getByRole('button', { name: 'Review & publish' })).toBeDisabled();
    fireEvent.change(slider('deepseek-ai/DeepSeek-V4-Flash'), { target: { value: '70' } });
    expect(screen.queryByText(/weights sum to/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Review & publish' })).toBeEnabled();
  });

  it('puts a disabled model error on that target’s model field', () => {
    setup(splitPolicy(), {}, catalogModels({ 'zai-org/GLM-4-Plus': { enabled: false } }));
    const select = screen.getByRole('combobox', { name: 'Model of target 2 in bulk' });
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(select).toHaveAccessibleDescription('"zai-org/GLM-4-Plus" is disabled in the catalog');
    expect(screen.getByRole('combobox', { name: 'Model of target 1 in bulk' })).not.toHaveAttribute('aria-invalid');
    // bulk also names it as a fallback: that error sits at the fallback.
    const fallbacks = screen.getByRole('region', { name: 'Fallback order for bulk' });
    expect(within(fallbacks).getByText('"zai-org/GLM-4-Plus" is disabled in the catalog')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /bulk/ })).toHaveTextContent('bulk2');
  });

  it('flags an out-of-range cache TTL at the TTL field as it is typed', async () => {
    setup();
    const ttl = screen.getByLabelText('Time to live (seconds)');
    await userEvent.clear(ttl);
    await userEvent.type(ttl, '0');
    expect(ttl).toHaveAttribute('aria-invalid', 'true');
    expect(ttl).toHaveAccessibleDescription(/0 is out of range; allowed 1 to 2592000/);
    expect(screen.getByRole('alert', { name: 'Problems in this draft' })).toHaveTextContent('bulk › cache › ttlSeconds');
    expect(screen.getByText('Fix the problems in the draft to see its projected cost.')).toBeInTheDocument();
  });
});

describe('blind review sampling in the draft editor', () => {
  afterEach(() => jest.useRealTimers());

  it('switches sampling on with a rate and a comparison model, flags a bad rate at its field, and switches it off again', async () => {
    const { whatIf } = setup();
    const section = screen.getByRole('region', { name: 'Blind review sampling for bulk' });
    expect(within(section).queryByLabelText('Sampling rate')).not.toBeInTheDocument();
    await userEvent.click(within(section).getByRole('checkbox', { name: 'Sample answers for blind review' }));
    const rate = within(section).getByLabelText('Sampling rate');
    expect(rate).toHaveValue(0.02);
    expect(within(section).getByLabelText('Compared with')).toHaveDisplayValue(/^Baseline model/);

    await userEvent.selectOptions(within(section).getByLabelText('Compared with'), 'zai-org/GLM-4-Plus');
    await userEvent.clear(rate);
    await userEvent.type(rate, '1.5');
    expect(rate).toHaveAttribute('aria-invalid', 'true');
    expect(rate).toHaveAccessibleDescription(/1.5 is out of range; allowed 0 to 1/);
    await userEvent.clear(rate);
    await userEvent.type(rate, '0.1');
    expect(rate).not.toHaveAttribute('aria-invalid');
    // The draft the what-if panel projects is the edited one.
    await waitFor(() => expect((whatIf.mock.calls.at(-1)![0].policy as PolicyContentInput).buckets[0].shadow).toEqual({ rate: 0.1, model: 'zai-org/GLM-4-Plus' }));

    await userEvent.click(within(section).getByRole('checkbox', { name: 'Sample answers for blind review' }));
    expect(within(section).queryByLabelText('Sampling rate')).not.toBeInTheDocument();
  });
});

describe('what-if panel', () => {
  afterEach(() => jest.useRealTimers());

  it('re-projects 400 ms after the sliders stop moving, once', async () => {
    jest.useFakeTimers();
    const { whatIf } = setup();
    await waitFor(() => expect(screen.getByTestId('projected-monthly')).toHaveTextContent('$160.00'));
    expect(screen.getByTestId('delta-monthly')).toHaveTextContent('+$10.00');
    expect(whatIf).toHaveBeenCalledTimes(1);

    fireEvent.change(slider('deepseek-ai/DeepSeek-V4-Flash'), { target: { value: '30' } });
    await act(() => jest.advanceTimersByTimeAsync(200));
    fireEvent.change(slider('deepseek-ai/DeepSeek-V4-Flash'), { target: { value: '20' } });
    await act(() => jest.advanceTimersByTimeAsync(399));
    expect(whatIf).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Updating…')).toBeInTheDocument();

    await act(() => jest.advanceTimersByTimeAsync(1));
    await waitFor(() => expect(screen.getByTestId('projected-monthly')).toHaveTextContent('$120.00'));
    expect(screen.getByTestId('delta-monthly')).toHaveTextContent('-$30.00');
    expect(whatIf).toHaveBeenCalledTimes(2);
    const sent = whatIf.mock.calls[1][0];
    // 60/30/10 → 30/53/17 → 20/61/19: each move rebalances from the current split.
    expect((sent.policy as PolicyContentInput).buckets[0].targets.map((t) => t.weight)).toEqual([20, 61, 19]);
    expect(sent.to).toBe(new Date().toISOString().slice(0, 10));
  });
});

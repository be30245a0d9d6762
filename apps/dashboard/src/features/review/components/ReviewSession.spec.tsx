import type { NextReviewResponse } from '@switchyard/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../../../test/fake-api';
import { renderWithApp } from '../../../../test/render';
import { ReviewSession } from './ReviewSession';

const pair = (n: number, judged: number, remaining: number): NextReviewResponse => ({
  item: {
    pairId: `00000000-0000-4000-8000-00000000000${n}`,
    prompt: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: `Question ${n}` },
    ],
    a: `First answer ${n}`,
    b: `Second answer ${n}`,
  },
  progress: { judged, remaining },
});

function setup(...responses: NextReviewResponse[]) {
  const next = jest.fn<Promise<NextReviewResponse>, []>();
  for (const r of responses) next.mockResolvedValueOnce(r);
  const judge = jest.fn(async (pairId: string, body: { choice: string }) => ({ pairId, choice: body.choice, judgedAt: '2026-03-01T00:00:00Z' }));
  const api = createFakeApi({ reviews: { next, judge } as never });
  renderWithApp(<ReviewSession />, { api, role: 'reviewer', url: '/review' });
  return { next, judge };
}

describe('ReviewSession', () => {
  it('shows the prompt and two unlabelled answers with progress', async () => {
    setup(pair(1, 3, 7));
    expect(await screen.findByText('First answer 1')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Answer A' })).toHaveTextContent('First answer 1');
    expect(screen.getByRole('region', { name: 'Answer B' })).toHaveTextContent('Second answer 1');
    expect(screen.getByRole('region', { name: 'Prompt' })).toHaveTextContent('Question 1');
    expect(screen.getByText('3 judged · 7 left')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Review progress' })).toHaveAttribute('aria-valuenow', '30');
  });

  it('judges with the keyboard: 1 prefers A, 2 prefers B, 0 is no preference — then shows the next pair', async () => {
    const { judge, next } = setup(pair(1, 0, 3), pair(2, 1, 2), pair(3, 2, 1), { item: null, progress: { judged: 3, remaining: 0 } });
    await screen.findByText('First answer 1');
    await userEvent.keyboard('1');
    expect(await screen.findByText('First answer 2')).toBeInTheDocument();
    await userEvent.keyboard('2');
    expect(await screen.findByText('First answer 3')).toBeInTheDocument();
    await userEvent.keyboard('0');
    expect(await screen.findByText('Nothing left to review.')).toBeInTheDocument();
    expect(judge.mock.calls).toEqual([
      ['00000000-0000-4000-8000-000000000001', { choice: 'a' }],
      ['00000000-0000-4000-8000-000000000002', { choice: 'b' }],
      ['00000000-0000-4000-8000-000000000003', { choice: 'none' }],
    ]);
    expect(next).toHaveBeenCalledTimes(4);
    expect(screen.getByText('3 judged · 0 left')).toBeInTheDocument();
  });

  it('n opens a note; typing in it never judges; the note goes with the judgement', async () => {
    const { judge } = setup(pair(1, 0, 2), pair(2, 1, 1));
    await screen.findByText('First answer 1');
    await userEvent.keyboard('n');
    const note = await screen.findByRole('textbox', { name: 'Note (optional)' });
    await waitFor(() => expect(note).toHaveFocus());
    await userEvent.keyboard('B covers 1 and 2 better');
    expect(judge).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: /Prefer B/ }));
    await waitFor(() => expect(judge).toHaveBeenCalledWith('00000000-0000-4000-8000-000000000001', { choice: 'b', note: 'B covers 1 and 2 better' }));
    expect(await screen.findByText('First answer 2')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Note (optional)' })).not.toBeInTheDocument();
  });

  it('judges with the buttons too, and names the shortcuts', async () => {
    const { judge } = setup(pair(1, 0, 1), { item: null, progress: { judged: 1, remaining: 0 } });
    await screen.findByText('First answer 1');
    const none = screen.getByRole('button', { name: /No preference/ });
    expect(none).toHaveAttribute('aria-keyshortcuts', '0');
    expect(screen.getByRole('button', { name: /Prefer A/ })).toHaveAttribute('aria-keyshortcuts', '1');
    await userEvent.click(none);
    await waitFor(() => expect(judge).toHaveBeenCalledWith('00000000-0000-4000-8000-000000000001', { choice: 'none' }));
  });
});

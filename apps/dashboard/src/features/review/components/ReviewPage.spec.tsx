import type { Role } from '@switchyard/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../../../test/fake-api';
import { renderWithApp } from '../../../../test/render';
import { AppLayout } from '../../../app/AppLayout';
import { HomeRedirect } from '../../../app/HomeRedirect';
import ReviewPage from '../../../pages/ReviewPage';

function api() {
  return createFakeApi({
    reviews: {
      next: jest.fn().mockResolvedValue({ item: { pairId: 'p1', prompt: [{ role: 'user', content: 'Hi' }], a: 'Hello', b: 'Hey' }, progress: { judged: 0, remaining: 1 } }),
      results: jest.fn().mockResolvedValue({ from: null, to: null, minDecisive: 10, rows: [] }),
    } as never,
  });
}

describe('review page by role', () => {
  it('reviewer: judges, and sees neither results nor import', async () => {
    const fake = api();
    renderWithApp(<ReviewPage />, { api: fake, role: 'reviewer', url: '/review' });
    expect(await screen.findByText('Hello')).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(screen.queryByText('Quality vs cost')).not.toBeInTheDocument();
    expect(fake.reviews.results).not.toHaveBeenCalled();
  });

  it('reviewer: the menu lists only Review and / opens it', () => {
    renderWithApp(<AppLayout />, { role: 'reviewer' });
    expect(screen.getAllByRole('link').map((a) => a.textContent)).toEqual(['Review']);
    const { location } = renderWithApp(<HomeRedirect />, { role: 'reviewer', url: '/' });
    expect(location().pathname).toBe('/review');
  });

  it('finance: results only, never asks for a pair', async () => {
    const fake = api();
    renderWithApp(<ReviewPage />, { api: fake, role: 'finance', url: '/review' });
    expect(await screen.findByText(/No review pairs yet/)).toBeInTheDocument();
    expect(fake.reviews.next).not.toHaveBeenCalled();
    expect(screen.queryByLabelText('JSONL file')).not.toBeInTheDocument();
  });

  it.each<Role>(['admin'])('%s: both views behind tabs, import with the results', async (role) => {
    renderWithApp(<ReviewPage />, { api: api(), role, url: '/review' });
    expect(await screen.findByText('Hello')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Results' }));
    expect(await screen.findByText(/No review pairs yet/)).toBeInTheDocument();
    expect(screen.getByLabelText('JSONL file')).toBeInTheDocument();
  });
});

import type { PolicyVersionDetail, RolloutDetail } from '@switchyard/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../../../test/fake-api';
import { renderWithApp } from '../../../../test/render';
import { PublishPanel } from './PublishPanel';

function setup(role: 'admin' | 'finance' = 'admin') {
  const create = jest.fn(async () => ({ id: 'r1', version: 4 }) as RolloutDetail);
  const publishDraft = jest.fn(async () => ({ version: 4 }) as PolicyVersionDetail);
  const api = createFakeApi({ rollouts: { create }, policies: { diff: jest.fn(async () => []), publishDraft } });
  const onPublished = jest.fn();
  renderWithApp(
    <PublishPanel draftId="d1" liveVersion={3} dirty={false} issueCount={0} saving={false} onSave={jest.fn(async () => true)} onPublished={onPublished} onDiscard={jest.fn()} />,
    { api, role },
  );
  return { create, publishDraft, onPublished };
}

describe('publish as a staged rollout', () => {
  it('starts a rollout with the draft and the chosen percent instead of publishing', async () => {
    const { create, publishDraft, onPublished } = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Review & publish' }));
    await userEvent.type(screen.getByLabelText('Message'), 'Cheaper bulk');
    await userEvent.click(screen.getByRole('checkbox', { name: /staged rollout/ }));
    const percent = screen.getByLabelText('Canary share (% of proxies)');
    await userEvent.clear(percent);
    await userEvent.type(percent, '25');
    await userEvent.click(screen.getByRole('button', { name: 'Start rollout to 25% of proxies' }));
    await waitFor(() => expect(create).toHaveBeenCalledWith({ draftId: 'd1', canaryPercent: 25, message: 'Cheaper bulk' }));
    expect(publishDraft).not.toHaveBeenCalled();
    await waitFor(() => expect(onPublished).toHaveBeenCalledWith(4));
  });

  it('refuses a share outside (0, 100) at the field', async () => {
    const { create } = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Review & publish' }));
    await userEvent.type(screen.getByLabelText('Message'), 'x');
    await userEvent.click(screen.getByRole('checkbox', { name: /staged rollout/ }));
    const percent = screen.getByLabelText('Canary share (% of proxies)');
    await userEvent.clear(percent);
    await userEvent.type(percent, '100');
    await userEvent.click(screen.getByRole('button', { name: /Start rollout/ }));
    expect(await screen.findByText('A share above 0 and below 100.')).toBeInTheDocument();
    expect(create).not.toHaveBeenCalled();
  });

  it('publishes to everyone when the option is left off', async () => {
    const { create, publishDraft } = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Review & publish' }));
    await userEvent.type(screen.getByLabelText('Message'), 'All at once');
    await userEvent.click(screen.getByRole('button', { name: 'Publish version' }));
    await waitFor(() => expect(publishDraft).toHaveBeenCalledWith('d1', { message: 'All at once' }));
    expect(create).not.toHaveBeenCalled();
  });

  it('offers no rollout option to non-admins', async () => {
    setup('finance');
    await userEvent.click(screen.getByRole('button', { name: 'Review & publish' }));
    expect(screen.queryByRole('checkbox', { name: /staged rollout/ })).not.toBeInTheDocument();
  });
});

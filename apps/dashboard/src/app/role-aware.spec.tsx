import type { Role } from '@switchyard/contracts';
import { screen, within } from '@testing-library/react';
import { createFakeApi } from '../../test/fake-api';
import { catalogModels, draftOf, liveVersion } from '../../test/fixtures';
import { renderWithApp } from '../../test/render';
import CatalogPage from '../pages/CatalogPage';
import KeysPage from '../pages/KeysPage';
import RoutingPage from '../pages/RoutingPage';
import { AppLayout } from './AppLayout';

const versions = [
  { version: 3, hash: 'c'.repeat(64), author: 'admin@example.com', message: 'Cheaper bulk', publishedAt: '2026-02-02T10:00:00Z', rolledBackFrom: null },
  { version: 2, hash: 'b'.repeat(64), author: 'admin@example.com', message: 'Add critical', publishedAt: '2026-01-20T10:00:00Z', rolledBackFrom: null },
  { version: 1, hash: 'a'.repeat(64), author: 'admin@example.com', message: 'Initial routing', publishedAt: '2026-01-10T10:00:00Z', rolledBackFrom: null },
];

function api() {
  return createFakeApi({
    models: { list: jest.fn().mockResolvedValue(catalogModels()) },
    providers: { list: jest.fn().mockResolvedValue([{ id: 'p1', name: 'openai', baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY', createdAt: '2026-01-01T00:00:00Z' }]) },
    policies: {
      live: jest.fn().mockResolvedValue(liveVersion(3)),
      versions: jest.fn().mockResolvedValue(versions),
      drafts: jest.fn().mockResolvedValue([draftOf()]),
      draft: jest.fn().mockResolvedValue(draftOf()),
    },
    keys: { list: jest.fn().mockResolvedValue([{ id: 'k1', name: 'support-bot', team: 'support', defaultBucket: null, prefix: 'sk-sy-Ab12', createdAt: '2026-01-01T00:00:00Z', revokedAt: null }]) },
    budgets: {
      status: jest.fn().mockResolvedValue([
        {
          budget: { id: 'b1', team: 'support', monthlyUsd: '500', thresholds: [50, 80, 100], hardLimit: false, webhookUrl: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
          month: '2026-02', spentUsd: '212.5', percent: '42.50', crossedThresholds: [], exhausted: false,
        },
      ]),
      alerts: jest.fn().mockResolvedValue([]),
    },
  });
}

/** Any control that changes something: none of these may exist for finance or viewers. */
const EDIT_BUTTONS = /^(add model|add provider|edit price|disable|enable|new draft from live|open|delete|roll back to v\d+|create key|revoke|set budget|remove)$/i;

const editButtons = () => screen.queryAllByRole('button').filter((b) => EDIT_BUTTONS.test(b.textContent?.trim() ?? ''));

describe.each<Role>(['finance', 'viewer'])('%s sees no edit controls', (role) => {
  it('on the catalog', async () => {
    renderWithApp(<CatalogPage />, { api: api(), role });
    expect(await screen.findByTitle('openai/gpt-4o')).toBeInTheDocument();
    expect(await screen.findByText('https://api.openai.com/v1')).toBeInTheDocument();
    expect(editButtons()).toEqual([]);
  });

  it('on routing, even when the URL names a draft', async () => {
    renderWithApp(<RoutingPage />, { api: api(), role, url: '/routing?draft=d1' });
    expect(await screen.findByRole('list', { name: 'Traffic split of bulk' })).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'Policy versions' })).toBeInTheDocument();
    expect(screen.queryAllByRole('slider')).toEqual([]);
    expect(screen.queryAllByRole('spinbutton')).toEqual([]);
    expect(editButtons()).toEqual([]);
  });
});

describe('role-aware pages', () => {
  it('finance reads budgets but gets neither key management nor budget edits', async () => {
    const client = api();
    renderWithApp(<KeysPage />, { api: client, role: 'finance' });
    const budgets = await screen.findByRole('table', { name: 'Budgets' });
    expect(within(budgets).getByText('support')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'API keys' })).not.toBeInTheDocument();
    expect(editButtons()).toEqual([]);
    expect(client.keys.list).not.toHaveBeenCalled();
  });

  it('admins get the edit controls on the same pages', async () => {
    renderWithApp(<CatalogPage />, { api: api(), role: 'admin' });
    await screen.findByTitle('openai/gpt-4o');
    expect(screen.getByRole('button', { name: 'Add model' })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Edit price' }).length).toBe(catalogModels().length);
  });

  it('admins can start drafts and roll back on the routing page', async () => {
    renderWithApp(<RoutingPage />, { api: api(), role: 'admin' });
    expect(await screen.findByRole('button', { name: 'New draft from live' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Roll back to v2' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Roll back to v3' })).not.toBeInTheDocument(); // v3 is live
  });

  it('lists only the pages a role may open in the navigation', () => {
    renderWithApp(<AppLayout />, { role: 'viewer' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Routing', 'Catalog', 'Fleet']);
  });
});

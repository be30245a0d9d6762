import { createProviderRequest, parseWith, type Provider } from '@switchyard/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { Field } from '../../../components/ui/Field';
import { QueryView, errorMessage } from '../../../components/ui/states';
import { IssueIndex, NO_ISSUES, issuesFromError } from '../../../lib/issue-index';
import { formatDateTime } from '../../../lib/dates';
import { useCreateProvider, useProviders } from '../hooks/use-catalog';

export function ProvidersCard({ canWrite }: { canWrite: boolean }) {
  const providers = useProviders();
  const [adding, setAdding] = useState(false);
  return (
    <Card
      title="Providers"
      description="OpenAI-compatible upstreams. Keys stay on the proxy hosts, in the named environment variable."
      flush
      actions={canWrite && !adding ? <Button onClick={() => setAdding(true)}>Add provider</Button> : undefined}
    >
      {adding && <AddProviderForm onDone={() => setAdding(false)} />}
      <QueryView query={providers} isEmpty={(l) => l.length === 0} empty="No providers yet." height={100}>
        {(list) => <ProvidersTable providers={list} />}
      </QueryView>
    </Card>
  );
}

function ProvidersTable({ providers }: { providers: Provider[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Providers">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Base URL</th>
            <th scope="col">API key variable</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {providers.map((p) => (
            <tr key={p.id}>
              <td><strong>{p.name}</strong></td>
              <td className="mono">{p.baseUrl}</td>
              <td className="mono">{p.apiKeyEnv ?? <span className="faint">none</span>}</td>
              <td className="faint">{formatDateTime(p.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddProviderForm({ onDone }: { onDone(): void }) {
  const create = useCreateProvider();
  const [form, setForm] = useState({ name: '', baseUrl: '', apiKeyEnv: '' });
  const [issues, setIssues] = useState<IssueIndex>(NO_ISSUES);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { name: form.name.trim(), baseUrl: form.baseUrl.trim(), apiKeyEnv: form.apiKeyEnv.trim() || null };
    const parsed = parseWith(createProviderRequest, body);
    if (!parsed.ok) return setIssues(new IssueIndex(parsed.issues));
    setIssues(NO_ISSUES);
    create.mutate(body, { onSuccess: onDone, onError: (err) => setIssues(issuesFromError(err)) });
  };
  return (
    <form className="stack-sm" style={{ padding: '0 16px 16px' }} onSubmit={submit} aria-label="Add provider" noValidate>
      <div className="form-grid">
        <Field label="Name" hint="lowercase, e.g. mistral" error={issues.at('name')}>
          <input className="input" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </Field>
        <Field label="Base URL" hint="https://api.example.com/v1" error={issues.at('baseUrl')}>
          <input className="input" value={form.baseUrl} onChange={(e) => setForm({ ...form, baseUrl: e.target.value })} />
        </Field>
        <Field label="API key variable" hint="e.g. MISTRAL_API_KEY" error={issues.at('apiKeyEnv')}>
          <input className="input" value={form.apiKeyEnv} onChange={(e) => setForm({ ...form, apiKeyEnv: e.target.value })} />
        </Field>
      </div>
      {create.isError && issues.count === 0 && <div className="notice notice-danger" role="alert">{errorMessage(create.error)}</div>}
      <div className="row">
        <Button type="submit" variant="primary" busy={create.isPending}>Add provider</Button>
        <Button variant="ghost" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

import { createApiKeyRequest, parseWith, type CreatedApiKey } from '@switchyard/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { errorMessage } from '../../../components/ui/states';
import { IssueIndex, NO_ISSUES, issuesFromError } from '../../../lib/issue-index';
import { useCreateApiKey } from '../hooks/use-keys';

export function CreateKeyForm({ buckets, onCreated, onCancel }: {
  buckets: readonly string[];
  onCreated(created: CreatedApiKey, name: string): void;
  onCancel(): void;
}) {
  const create = useCreateApiKey();
  const [form, setForm] = useState({ name: '', team: '', defaultBucket: '' });
  const [issues, setIssues] = useState<IssueIndex>(NO_ISSUES);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { name: form.name.trim(), team: form.team.trim(), defaultBucket: form.defaultBucket || null };
    const parsed = parseWith(createApiKeyRequest, body);
    if (!parsed.ok) return setIssues(new IssueIndex(parsed.issues));
    setIssues(NO_ISSUES);
    create.mutate(body, { onSuccess: (created) => onCreated(created, body.name), onError: (err) => setIssues(issuesFromError(err)) });
  };
  return (
    <form className="stack-sm" style={{ padding: '0 16px 16px' }} onSubmit={submit} aria-label="Create API key" noValidate>
      <div className="form-grid">
        <Field label="Name" hint="What uses it, e.g. support-bot" error={issues.at('name')}>
          <input className="input" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </Field>
        <Field label="Team" hint="Spend and budgets are counted per team" error={issues.at('team')}>
          <input className="input" value={form.team} onChange={(e) => setForm({ ...form, team: e.target.value })} />
        </Field>
        <Field label="Default bucket" hint="Optional" error={issues.at('defaultBucket')}>
          <select className="select" value={form.defaultBucket} onChange={(e) => setForm({ ...form, defaultBucket: e.target.value })}>
            <option value="">None (policy rules decide)</option>
            {buckets.map((b) => (
              <option key={b} value={b}>{b}</option>
            ))}
          </select>
        </Field>
      </div>
      {create.isError && issues.count === 0 && <div className="notice notice-danger" role="alert">{errorMessage(create.error)}</div>}
      <div className="row">
        <Button type="submit" variant="primary" busy={create.isPending}>Create key</Button>
        <Button variant="ghost" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

import { createModelRequest, parseWith, type Provider } from '@switchyard/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { errorMessage } from '../../../components/ui/states';
import { IssueIndex, NO_ISSUES, issuesFromError } from '../../../lib/issue-index';
import { useCreateModel } from '../hooks/use-catalog';

const EMPTY = { id: '', provider: '', kind: 'chat' as 'chat' | 'embedding', contextWindow: '128000', inputPrice: '', outputPrice: '', cachedInputPrice: '' };

export function AddModelForm({ providers, onDone }: { providers: readonly Provider[]; onDone(): void }) {
  const create = useCreateModel();
  const [form, setForm] = useState({ ...EMPTY, provider: providers[0]?.name ?? '' });
  const [issues, setIssues] = useState<IssueIndex>(NO_ISSUES);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      id: form.id.trim(),
      provider: form.provider,
      kind: form.kind,
      contextWindow: Number(form.contextWindow),
      inputPrice: form.inputPrice.trim(),
      outputPrice: form.outputPrice.trim(),
      ...(form.cachedInputPrice.trim() ? { cachedInputPrice: form.cachedInputPrice.trim() } : {}),
    };
    const parsed = parseWith(createModelRequest, body);
    if (!parsed.ok) return setIssues(new IssueIndex(parsed.issues));
    setIssues(NO_ISSUES);
    create.mutate(body, { onSuccess: onDone, onError: (err) => setIssues(issuesFromError(err)) });
  };

  return (
    <form className="stack-sm" style={{ padding: '0 16px 16px' }} onSubmit={submit} aria-label="Add model" noValidate>
      <div className="form-grid">
        <Field label="Model id" hint="vendor/model-name" error={issues.at('id')}>
          <input className="input" value={form.id} onChange={(e) => set({ id: e.target.value })} />
        </Field>
        <Field label="Provider" error={issues.at('provider')}>
          <select className="select" value={form.provider} onChange={(e) => set({ provider: e.target.value })}>
            {providers.map((p) => (
              <option key={p.id} value={p.name}>{p.name}</option>
            ))}
          </select>
        </Field>
        <Field label="Kind" error={issues.at('kind')}>
          <select className="select" value={form.kind} onChange={(e) => set({ kind: e.target.value as 'chat' | 'embedding' })}>
            <option value="chat">chat</option>
            <option value="embedding">embedding</option>
          </select>
        </Field>
        <Field label="Context window (tokens)" error={issues.at('contextWindow')}>
          <input className="input" type="number" min={1} value={form.contextWindow} onChange={(e) => set({ contextWindow: e.target.value })} />
        </Field>
        <Field label="Input $ / M tokens" error={issues.at('inputPrice')}>
          <input className="input" inputMode="decimal" value={form.inputPrice} onChange={(e) => set({ inputPrice: e.target.value })} />
        </Field>
        <Field label="Output $ / M tokens" error={issues.at('outputPrice')}>
          <input className="input" inputMode="decimal" value={form.outputPrice} onChange={(e) => set({ outputPrice: e.target.value })} />
        </Field>
        <Field label="Cached input $ / M" hint="Optional" error={issues.at('cachedInputPrice')}>
          <input className="input" inputMode="decimal" value={form.cachedInputPrice} onChange={(e) => set({ cachedInputPrice: e.target.value })} />
        </Field>
      </div>
      {create.isError && issues.count === 0 && <div className="notice notice-danger" role="alert">{errorMessage(create.error)}</div>}
      <div className="row">
        <Button type="submit" variant="primary" busy={create.isPending}>Add model</Button>
        <Button variant="ghost" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

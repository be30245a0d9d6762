import { parseWith, updateModelRequest, type CatalogModel } from '@switchyard/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { errorMessage } from '../../../components/ui/states';
import { IssueIndex, NO_ISSUES, issuesFromError } from '../../../lib/issue-index';
import { useUpdateModel } from '../hooks/use-catalog';

/**
 * A price change never rewrites the past: it adds a price that applies from a date
 * (now, unless one is given), and costs before that keep their old price.
 */
export function EditPriceForm({ model, onDone }: { model: CatalogModel; onDone(): void }) {
  const update = useUpdateModel();
  const [form, setForm] = useState({ input: model.price.input, output: model.price.output, cachedInput: model.price.cachedInput, effectiveFrom: '' });
  const [issues, setIssues] = useState<IssueIndex>(NO_ISSUES);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const price = {
      input: form.input.trim(),
      output: form.output.trim(),
      cachedInput: form.cachedInput.trim(),
      // datetime-local has no zone: read it as the user's local time.
      ...(form.effectiveFrom ? { effectiveFrom: new Date(form.effectiveFrom).toISOString() } : {}),
    };
    const parsed = parseWith(updateModelRequest, { price });
    if (!parsed.ok) return setIssues(new IssueIndex(parsed.issues.map((i) => ({ ...i, path: i.path.replace(/^price\./, '') }))));
    setIssues(NO_ISSUES);
    update.mutate(
      { id: model.id, body: { price } },
      { onSuccess: onDone, onError: (err) => setIssues(new IssueIndex(issuesFromError(err).all.map((i) => ({ ...i, path: i.path.replace(/^price\./, '') })))) },
    );
  };

  return (
    <form className="stack-sm" onSubmit={submit} aria-label={`New price for ${model.id}`} noValidate>
      <div className="form-grid">
        <Field label="Input $ / M" error={issues.at('input')}>
          <input className="input" inputMode="decimal" value={form.input} onChange={(e) => set({ input: e.target.value })} />
        </Field>
        <Field label="Output $ / M" error={issues.at('output')}>
          <input className="input" inputMode="decimal" value={form.output} onChange={(e) => set({ output: e.target.value })} />
        </Field>
        <Field label="Cached input $ / M" error={issues.at('cachedInput')}>
          <input className="input" inputMode="decimal" value={form.cachedInput} onChange={(e) => set({ cachedInput: e.target.value })} />
        </Field>
        <Field label="Effective from" hint="Empty = now" error={issues.at('effectiveFrom')}>
          <input className="input" type="datetime-local" value={form.effectiveFrom} onChange={(e) => set({ effectiveFrom: e.target.value })} />
        </Field>
      </div>
      {update.isError && issues.count === 0 && <div className="notice notice-danger" role="alert">{errorMessage(update.error)}</div>}
      <div className="row">
        <Button type="submit" variant="primary" size="sm" busy={update.isPending}>Save new price</Button>
        <Button variant="ghost" size="sm" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

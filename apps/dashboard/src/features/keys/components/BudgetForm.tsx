import { budgetRequest, parseWith } from '@switchyard/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { errorMessage } from '../../../components/ui/states';
import { IssueIndex, NO_ISSUES, issuesFromError } from '../../../lib/issue-index';
import { useUpsertBudget } from '../hooks/use-keys';

/** Sets a team's (or the overall) monthly budget; setting it again for the same team replaces it. */
export function BudgetForm({ onDone }: { onDone(): void }) {
  const upsert = useUpsertBudget();
  const [form, setForm] = useState({ team: '', monthlyUsd: '', thresholds: '50, 80, 100', hardLimit: false, webhookUrl: '' });
  const [issues, setIssues] = useState<IssueIndex>(NO_ISSUES);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const thresholds = form.thresholds.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
    const body = {
      team: form.team.trim() || null,
      monthlyUsd: form.monthlyUsd.trim().replace(/^\$/, ''),
      thresholds,
      hardLimit: form.hardLimit,
      webhookUrl: form.webhookUrl.trim() || null,
    };
    const parsed = parseWith(budgetRequest, body);
    if (!parsed.ok) return setIssues(new IssueIndex(parsed.issues.map((i) => ({ ...i, path: i.path.replace(/^thresholds\.\d+$/, 'thresholds') }))));
    setIssues(NO_ISSUES);
    upsert.mutate(body, { onSuccess: onDone, onError: (err) => setIssues(issuesFromError(err)) });
  };
  return (
    <form className="stack-sm" style={{ padding: '0 16px 16px' }} onSubmit={submit} aria-label="Set budget" noValidate>
      <div className="form-grid">
        <Field label="Team" hint="Empty = all teams together" error={issues.at('team')}>
          <input className="input" value={form.team} onChange={(e) => setForm({ ...form, team: e.target.value })} />
        </Field>
        <Field label="Monthly budget (USD)" error={issues.at('monthlyUsd')}>
          <input className="input" inputMode="decimal" value={form.monthlyUsd} onChange={(e) => setForm({ ...form, monthlyUsd: e.target.value })} placeholder="500.00" />
        </Field>
        <Field label="Alert thresholds (%)" hint="Comma-separated" error={issues.at('thresholds')}>
          <input className="input" value={form.thresholds} onChange={(e) => setForm({ ...form, thresholds: e.target.value })} />
        </Field>
        <Field label="Webhook URL" hint="Optional: called when a threshold is crossed" error={issues.at('webhookUrl')}>
          <input className="input" value={form.webhookUrl} onChange={(e) => setForm({ ...form, webhookUrl: e.target.value })} />
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={form.hardLimit} onChange={(e) => setForm({ ...form, hardLimit: e.target.checked })} />
        Hard limit: proxies refuse the team's requests once the budget is spent
      </label>
      {upsert.isError && issues.count === 0 && <div className="notice notice-danger" role="alert">{errorMessage(upsert.error)}</div>}
      <div className="row">
        <Button type="submit" variant="primary" busy={upsert.isPending}>Save budget</Button>
        <Button variant="ghost" onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}

import type { ChangeEvent } from 'react';
import { Card } from '../../../components/ui/Card';
import { ErrorState } from '../../../components/ui/states';
import { useImportPairs } from '../hooks/use-review';

/**
 * Offline comparisons: a JSONL file, one pair per line
 * (`{bucket, prompt, candidate: {model, output}, baseline: {model, output}}`).
 * The report names every rejected line with its reason.
 */
export function ImportPairsCard() {
  const importPairs = useImportPairs();
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    importPairs.mutate(await file.text());
    e.target.value = '';
  };
  const report = importPairs.data;
  const rejected = report?.lines.filter((l) => l.status === 'rejected') ?? [];
  return (
    <Card title="Import pairs" description="JSONL, one pair per line: bucket, prompt, candidate {model, output}, baseline {model, output}.">
      <div className="field">
        <label htmlFor="review-import">JSONL file</label>
        <input id="review-import" type="file" accept=".jsonl,.ndjson,application/x-ndjson,text/plain" onChange={(e) => void onFile(e)} disabled={importPairs.isPending} />
      </div>
      {importPairs.isError && <ErrorState error={importPairs.error} height={80} />}
      {report && (
        <div className="notice" role="status">
          {report.accepted} imported · {report.duplicates} already there · {report.rejected} rejected
          {rejected.length > 0 && (
            <ul aria-label="Rejected lines">
              {rejected.slice(0, 50).map((l) => (
                <li key={l.line}>
                  Line {l.line}: {l.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}

import type { SpendQueryInput } from '@switchyard/contracts';
import { useState, type MouseEvent } from 'react';
import { useApi } from '../../../app/api-context';
import { errorMessage } from '../../../components/ui/states';

/**
 * A real link to `/spend/export.csv` with the view's query. The API wants a bearer
 * token, which a plain link cannot send, so a click fetches the file with the token
 * and hands it to the browser as a download.
 */
export function ExportCsvLink({ query }: { query: SpendQueryInput }) {
  const api = useApi();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const fileName = `switchyard-spend-${query.groupBy ?? 'bucket'}-${query.from}-to-${query.to}.csv`;

  const download = async (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    setState({ busy: true, error: null });
    try {
      const csv = await api.spend.exportCsv(query);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ busy: false, error: null });
    } catch (err) {
      setState({ busy: false, error: `Export failed: ${errorMessage(err)}` });
    }
  };

  return (
    <span className="row">
      {state.error && <span className="field-error" role="alert">{state.error}</span>}
      <a className="btn" href={api.spend.exportUrl(query)} download={fileName} onClick={download} aria-busy={state.busy || undefined}>
        {state.busy ? 'Exporting…' : 'Export CSV'}
      </a>
    </span>
  );
}

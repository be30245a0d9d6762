import type { DiffEntry } from '@switchyard/contracts';
import { Badge } from '../../../components/ui/Badge';

function show(value: unknown): string {
  if (value === undefined) return '';
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

const TONE = { added: 'success', removed: 'danger', changed: 'primary' } as const;

/** The structural diff between two policies, one changed path per row. */
export function DiffList({ entries, emptyText = 'No changes.' }: { entries: readonly DiffEntry[]; emptyText?: string }) {
  if (entries.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Changes">
        <thead>
          <tr>
            <th scope="col">Path</th>
            <th scope="col">Change</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={`${e.path}-${i}`}>
              <td className="mono">{e.path}</td>
              <td><Badge tone={TONE[e.kind]}>{e.kind}</Badge></td>
              <td className="mono faint" style={{ wordBreak: 'break-word' }}>{show(e.before)}</td>
              <td className="mono" style={{ wordBreak: 'break-word' }}>{show(e.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

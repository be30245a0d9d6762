import type { FleetResponse } from '@switchyard/contracts';
import { Badge } from '../../../components/ui/Badge';

/** Applied version → live proxies running it (stale ones are left out: they may run anything). */
export function versionSkew(fleet: FleetResponse): Array<{ version: number | null; proxies: number }> {
  const counts = new Map<number | null, number>();
  for (const p of fleet.proxies) if (!p.stale) counts.set(p.appliedVersion, (counts.get(p.appliedVersion) ?? 0) + 1);
  return [...counts.entries()].map(([version, proxies]) => ({ version, proxies })).sort((a, b) => (b.version ?? -1) - (a.version ?? -1));
}

export function VersionSkew({ fleet }: { fleet: FleetResponse }) {
  const skew = versionSkew(fleet);
  if (skew.length === 0) return <p className="muted">No live proxy.</p>;
  return (
    <ul className="row" aria-label="Version skew" style={{ listStyle: 'none', margin: 0, padding: 0, gap: 8 }}>
      {skew.map((s) => (
        <li key={String(s.version)}>
          <Badge tone={s.version === fleet.latestVersion ? 'primary' : 'neutral'}>
            {s.version === null ? 'no policy' : `v${s.version}`}: {s.proxies} {s.proxies === 1 ? 'proxy' : 'proxies'}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

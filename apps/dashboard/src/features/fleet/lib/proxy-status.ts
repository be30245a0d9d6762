import type { FleetProxy } from '@switchyard/contracts';
import type { Tone } from '../../../components/ui/Badge';

export interface ProxyStatus {
  label: string;
  tone: Tone;
  row: '' | 'row-warn' | 'row-danger';
}

/** Rejecting a version is the loudest state, then silence (stale), then running behind. */
export function proxyStatus(p: FleetProxy): ProxyStatus {
  if (p.rejectedVersion !== null) return { label: `rejected v${p.rejectedVersion}`, tone: 'danger', row: 'row-danger' };
  if (p.stale) return { label: 'stale', tone: 'warn', row: 'row-warn' };
  if (p.appliedVersion === null) return { label: 'no policy', tone: 'warn', row: 'row-warn' };
  if (p.lag > 0) return { label: 'behind', tone: 'warn', row: '' };
  return { label: 'up to date', tone: 'success', row: '' };
}

import { z } from 'zod';
import { INT4_MAX } from './db-limits';

export const heartbeatRequest = z.strictObject({
  proxyId: z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/),
  name: z.string().min(1).max(200),
  labels: z.record(z.string().max(64), z.string().max(256)).default({}),
  /** Version the proxy serves now; null before it has any. */
  appliedVersion: z.int().min(1).max(INT4_MAX).nullable(),
  /** A version the proxy refused to apply, and why. */
  rejected: z.strictObject({ version: z.int().min(1).max(INT4_MAX), reason: z.string().max(2000) }).nullable().default(null),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  /** Usage events waiting in the proxy's spool. */
  spooledEvents: z.int().min(0).max(INT4_MAX).default(0),
});
export type HeartbeatRequest = z.infer<typeof heartbeatRequest>;
export type HeartbeatRequestInput = z.input<typeof heartbeatRequest>;

export interface HeartbeatResponse {
  /** The version this proxy should run now. */
  latestVersion: number | null;
  /** Seconds until the next heartbeat is expected. */
  intervalSeconds: number;
}

export interface FleetProxy {
  proxyId: string;
  name: string;
  labels: Record<string, string>;
  appliedVersion: number | null;
  rejectedVersion: number | null;
  rejectReason: string | null;
  lastHeartbeatAt: string;
  firstSeenAt: string;
  spooledEvents: number;
  /** Versions behind the one the control plane assigns it: the latest published, or during a canary its cohort's (baseline proxies on the previous version show 0). */
  lag: number;
  stale: boolean;
}

export interface FleetResponse {
  latestVersion: number | null;
  proxies: FleetProxy[];
}

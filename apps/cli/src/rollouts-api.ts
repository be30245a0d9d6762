import type { Http } from '@switchyard/api-client';
import type { CreateRolloutRequestInput, EndRolloutRequest, Rollout, RolloutDetail } from '@switchyard/contracts';

/** The rollout routes (docs/api.md) — not in libs/api-client yet, so typed here over its Http. */
export function rolloutsApi(http: Http) {
  const seg = (id: string) => encodeURIComponent(id);
  return {
    list: () => http.json<Rollout[]>('GET', '/rollouts'),
    get: (id: string) => http.json<RolloutDetail>('GET', `/rollouts/${seg(id)}`),
    create: (body: CreateRolloutRequestInput) => http.json<RolloutDetail>('POST', '/rollouts', body),
    promote: (id: string, body: EndRolloutRequest = {}) => http.json<Rollout>('POST', `/rollouts/${seg(id)}/promote`, body),
    abort: (id: string, body: EndRolloutRequest = {}) => http.json<Rollout>('POST', `/rollouts/${seg(id)}/abort`, body),
  };
}
export type RolloutsApi = ReturnType<typeof rolloutsApi>;

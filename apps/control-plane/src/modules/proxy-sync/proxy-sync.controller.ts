import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Query, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { heartbeatRequest, PROXY_ID_HEADER, type HeartbeatRequest, type HeartbeatResponse } from '@switchyard/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ProxyOnly } from '../../core/auth/access.decorators';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { FleetService } from '../fleet/fleet.service';
import { PolicyAssignments } from '../rollouts/policy-assignments';
import { etagMatches } from './etag';
import { KeySetCache } from './key-set.cache';
import { LivePolicyCache, type LivePolicy } from './live-policy.cache';
import { waitForNewerPolicy } from './policy-long-poll';
import { openPolicyStream } from './policy-stream';
import { ProxyConnections } from './proxy-connections';
import { TeamLimitsCache } from './team-limits.cache';

const policyQuery = z.object({
  wait: z.coerce.number().int().min(0).max(60, 'long-polls last at most 60 seconds').default(0),
  /** The asking proxy, when it cannot send the x-switchyard-proxy-id header. */
  proxyId: z.string().min(1).max(128).optional(),
});

/** The proxy naming itself (header, or `?proxyId=`): during a staged rollout its id picks its version. */
function proxyIdOf(req: Request): string | null {
  const h = req.headers[PROXY_ID_HEADER];
  const q = req.query.proxyId;
  return (typeof h === 'string' && h) || (typeof q === 'string' && q) || null;
}

const NO_VERSION = {
  statusCode: 404,
  error: 'Not Found',
  message: 'No policy version has been published yet: publish one (POST /api/v1/policies/drafts/:id/publish); the proxy keeps polling.',
};

/**
 * What proxies call, with the proxy token only. Every read is answered from this
 * replica's in-memory caches, woken by the change bus — never a query per proxy.
 */
@ApiTags('proxy')
@ApiBearerAuth()
@ProxyOnly()
@Controller('proxy')
export class ProxySyncController {
  constructor(
    private readonly policy: LivePolicyCache,
    private readonly keys: KeySetCache,
    private readonly limits: TeamLimitsCache,
    private readonly connections: ProxyConnections,
    private readonly fleet: FleetService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly assignments: PolicyAssignments,
  ) {}

  /**
   * The snapshot this proxy should run (the live one, or during a staged rollout the
   * baseline for proxies outside the canary); `If-None-Match` equal → 304; `?wait=N`
   * long-polls for a different one (304 on timeout).
   */
  @Get('policy')
  async getPolicy(
    @Query(new ZodPipe(policyQuery, 'query')) q: z.output<typeof policyQuery>,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const proxyId = proxyIdOf(req);
    const resolve = () => this.assignments.policyFor(proxyId, this.policy.current);
    const current = await resolve();
    if (current && !etagMatches(ifNoneMatch, current.etag)) return sendPolicy(res, current);
    if (q.wait === 0 || this.connections.shuttingDown) return notModified(res, current);
    const next = await waitForNewerPolicy((p) => !etagMatches(ifNoneMatch, p.etag), q.wait * 1000, res, {
      policy: this.policy,
      connections: this.connections,
      resolve,
      onAssignmentChange: (l) => this.assignments.onChange(l),
    });
    if (res.destroyed || res.headersSent) return;
    if (next && !etagMatches(ifNoneMatch, next.etag)) return sendPolicy(res, next);
    notModified(res, next ?? current);
  }

  /** SSE: `event: policy` and `event: keys` on connect and on every change; `: ping` every 15 s. */
  @Get('policy/stream')
  stream(@Req() req: Request, @Res() res: Response): void {
    const proxyId = proxyIdOf(req);
    openPolicyStream(req, res, {
      policy: this.policy,
      keys: this.keys,
      limits: this.limits,
      connections: this.connections,
      resolve: (live) => this.assignments.policyFor(proxyId, live),
      onAssignmentChange: (l) => this.assignments.onChange(l),
    });
  }

  /** Active API keys as hashes; `ETag: "<revision>"`. */
  @Get('keys')
  async getKeys(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response): Promise<void> {
    if (!this.keys.current) await this.keys.refresh();
    const live = this.keys.current;
    if (!live) throw new ServiceUnavailableException('The API key set could not be read from the database; retry shortly.');
    res.setHeader('etag', live.etag);
    res.setHeader('cache-control', 'no-cache');
    if (etagMatches(ifNoneMatch, live.etag)) {
      res.status(304).end();
      return;
    }
    res.status(200).type('application/json').end(live.body);
  }

  /** Records what the proxy runs; answers with the version it should run and when to beat next. */
  @Post('heartbeat')
  @HttpCode(200)
  @ApiZodBody(heartbeatRequest)
  async heartbeat(@Body(new ZodPipe(heartbeatRequest)) body: HeartbeatRequest): Promise<HeartbeatResponse> {
    await this.fleet.recordHeartbeat(body);
    const latest = this.policy.current?.version ?? null;
    // `latestVersion` is the version this proxy should run: during a staged rollout, its cohort's.
    const assigned = latest === null ? null : await this.assignments.versionFor(body.proxyId, latest);
    return { latestVersion: assigned, intervalSeconds: this.config.heartbeatIntervalSeconds };
  }
}

function sendPolicy(res: Response, live: LivePolicy): void {
  res.setHeader('etag', live.etag);
  res.setHeader('cache-control', 'no-cache');
  res.status(200).type('application/json').end(live.body);
}

function notModified(res: Response, live: LivePolicy | null): void {
  if (!live) {
    res.status(404).json(NO_VERSION);
    return;
  }
  res.setHeader('etag', live.etag);
  res.setHeader('cache-control', 'no-cache');
  res.status(304).end();
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { SWITCHYARD_HEADERS } from '@switchyard/contracts';
import type { ProxyServices } from '../services';
import { admit, failEarly } from './request-kit';

/** `GET /v1/models`: the live policy's catalog models, then its bucket names (usable as `model`). */
export function handleModels(req: IncomingMessage, res: ServerResponse, svc: ProxyServices): void {
  try {
    const { live } = admit(req, svc);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(live.modelsList.length),
      [SWITCHYARD_HEADERS.policyVersion]: live.versionHeader,
    });
    res.end(live.modelsList);
  } catch (err) {
    failEarly(svc, res, err);
  }
}

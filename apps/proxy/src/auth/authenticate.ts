import type { IncomingMessage } from 'node:http';
import type { ProxyApiKey } from '@switchyard/contracts';
import { errors } from '../http/openai-error';
import type { KeyStore } from './key-store';

/** The API key record for the request's `Authorization: Bearer <key>`, or a 401 in OpenAI's words. */
export function authenticate(req: IncomingMessage, keys: KeyStore): ProxyApiKey {
  const header = req.headers.authorization;
  if (!header) {
    throw errors.unauthorized(
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). Keys are issued by the Switchyard control plane.",
    );
  }
  const raw = header.startsWith('Bearer ') ? header.slice(7).trim() : header.startsWith('bearer ') ? header.slice(7).trim() : '';
  const key = raw === '' ? undefined : keys.lookup(raw);
  if (!key) {
    const shown = raw.length > 10 ? `${raw.slice(0, 6)}...${raw.slice(-4)}` : '***';
    throw errors.unauthorized(`Incorrect API key provided: ${shown}. Ask your Switchyard admin for a key (POST /api/v1/keys).`);
  }
  return key;
}

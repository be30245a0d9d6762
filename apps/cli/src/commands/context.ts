import { createApiClient, createHttp, type ApiClient } from '@switchyard/api-client';
import type { CatalogEntry, PolicyContent } from '@switchyard/contracts';
import { stringFlag, UsageError, type ParsedArgs } from '../args';
import type { CliEnv } from '../cli-config';
import { formatIssues, parsePolicyYaml } from '../policy-yaml/policy-yaml';
import { rolloutsApi, type RolloutsApi } from '../rollouts-api';

/** What a command may touch: output streams, files and the environment — nothing global. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  env: CliEnv;
}

export interface Connection {
  api: ApiClient;
  rollouts: RolloutsApi;
  /** The control plane's base URL, up to and including /api/v1. */
  baseUrl: string;
}

/** A failure already explained to the user (exit code 1, message on stderr). */
export class CommandFailed extends Error {}

const DEFAULT_URL = 'http://127.0.0.1:3000';

/** `--url`/SWITCHYARD_URL and `--token`/SWITCHYARD_TOKEN (or SWITCHYARD_EMAIL + SWITCHYARD_PASSWORD to log in). */
export async function connect(args: ParsedArgs, io: CliIo): Promise<Connection> {
  const raw = (stringFlag(args, 'url') ?? io.env.url ?? DEFAULT_URL).replace(/\/+$/, '');
  const baseUrl = raw.endsWith('/api/v1') ? raw : `${raw}/api/v1`;
  let token = stringFlag(args, 'token') ?? io.env.token;
  if (!token && io.env.email && io.env.password) {
    token = (await createApiClient({ baseUrl }).auth.login({ email: io.env.email, password: io.env.password })).token;
  }
  if (!token) throw new UsageError('No API token: pass --token TOKEN or set SWITCHYARD_TOKEN (an admin\'s token from POST /api/v1/auth/login), or set SWITCHYARD_EMAIL and SWITCHYARD_PASSWORD.');
  return { api: createApiClient({ baseUrl, token }), rollouts: rolloutsApi(createHttp({ baseUrl, token })), baseUrl };
}

/**
 * Reads and validates a policy file: YAML syntax, the policy schema, and the catalog
 * checks a publish makes (against the control plane's catalog). Every problem is
 * printed as `file:line:column: path: reason` and the command stops before it changes
 * anything.
 */
export async function loadPolicyFile(file: string, conn: Connection, io: CliIo): Promise<PolicyContent> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (err) {
    io.err(`Cannot read ${file}: ${(err as Error).message}`);
    throw new CommandFailed();
  }
  const catalog: CatalogEntry[] = (await conn.api.models.list()).map((m) => ({ id: m.id, kind: m.kind, enabled: m.enabled }));
  const parsed = parsePolicyYaml(text, catalog);
  if (!parsed.ok) {
    io.err(`${file} is not a valid policy (nothing was changed):\n${formatIssues(file, parsed.issues)}`);
    throw new CommandFailed();
  }
  return parsed.content;
}

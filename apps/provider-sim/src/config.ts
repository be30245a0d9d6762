/**
 * The simulator's settings. One field table drives the three ways to set a fault or
 * timing knob — start-up options/environment, `POST /__sim/config`, and per-request
 * `x-sim-*` headers — so they cannot drift apart.
 */

/** Knobs that can be set globally, per model, or per request. */
export interface FaultSettings {
  /** Delay before the first byte of the answer (ms). */
  ttftMs: number;
  /** Generation speed; 0 = unlimited (the whole answer at once). */
  tokensPerSecond: number;
  /** Probability (0..1) of a 500. */
  errorRate: number;
  /** Probability (0..1) of a 429 with `retry-after`. */
  rate429: number;
  /** Seconds sent in `retry-after` with a 429. */
  retryAfterSeconds: number;
  /** Force this HTTP status (with an OpenAI error body); 0 = off. */
  status: number;
  /** Accept the request and never answer. */
  hang: boolean;
  /** Stream this many SSE events, then destroy the socket; -1 = off. A non-stream answer is cut mid-body. */
  cutAfterChunks: number;
  /** Stream this many SSE events, then stall with the socket open; -1 = off. */
  hangAfterChunks: number;
  /** 200 with a non-JSON body (non-JSON `data:` events for a stream). */
  garbage: boolean;
  /** 200 with the first half of the JSON body (half an event for a stream). */
  truncatedJson: boolean;
  /** Never send usage, even when asked. */
  omitUsage: boolean;
  /** Target completion length in tokens; 0 = derived from the prompt (16..63). */
  completionTokens: number;
  /** Reported `prompt_tokens_details.cached_tokens` (capped at the prompt size). */
  cachedTokens: number;
}

export interface SimConfig extends FaultSettings {
  /** Seeds the PRNG behind errorRate/rate429 decisions (content is seeded by the request). */
  seed: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (else 401). */
  apiKey: string | null;
  /** Ids listed by `GET /v1/models` (any model id is served regardless). */
  modelIds: string[];
  /** Per-model overrides, e.g. `{ "gpt-4o": { errorRate: 1 } }`. */
  models: Record<string, Partial<FaultSettings>>;
}

export interface ListenOptions {
  port: number;
  host: string;
}

type Kind = 'ms' | 'rate' | 'count' | 'status' | 'bool' | 'offset';

/** Every fault knob with how its value is checked. */
export const FAULT_FIELDS: Readonly<Record<keyof FaultSettings, Kind>> = {
  ttftMs: 'ms',
  tokensPerSecond: 'ms',
  errorRate: 'rate',
  rate429: 'rate',
  retryAfterSeconds: 'count',
  status: 'status',
  hang: 'bool',
  cutAfterChunks: 'offset',
  hangAfterChunks: 'offset',
  garbage: 'bool',
  truncatedJson: 'bool',
  omitUsage: 'bool',
  completionTokens: 'count',
  cachedTokens: 'count',
};

export const DEFAULT_MODEL_IDS = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4.1-nano',
  'o4-mini',
  'text-embedding-3-small',
  'text-embedding-3-large',
];

export function defaultConfig(): SimConfig {
  return {
    ttftMs: 0,
    tokensPerSecond: 0,
    errorRate: 0,
    rate429: 0,
    retryAfterSeconds: 1,
    status: 0,
    hang: false,
    cutAfterChunks: -1,
    hangAfterChunks: -1,
    garbage: false,
    truncatedJson: false,
    omitUsage: false,
    completionTokens: 0,
    cachedTokens: 0,
    seed: 42,
    apiKey: null,
    modelIds: [...DEFAULT_MODEL_IDS],
    models: {},
  };
}

export class SimConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const MAX_MS = 3_600_000;

/** Checks one knob value (JSON value or header/env string); throws naming `label`. */
export function parseFaultValue(key: keyof FaultSettings, raw: unknown, label: string): number | boolean {
  const kind = FAULT_FIELDS[key];
  if (kind === 'bool') {
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0' || raw === '') return false;
    throw new SimConfigError(label, 'must be true or false');
  }
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n)) throw new SimConfigError(label, 'must be a number');
  switch (kind) {
    case 'ms':
      if (n < 0 || n > MAX_MS) throw new SimConfigError(label, `must be between 0 and ${MAX_MS}`);
      return n;
    case 'rate':
      if (n < 0 || n > 1) throw new SimConfigError(label, 'must be between 0 and 1');
      return n;
    case 'count':
      if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new SimConfigError(label, 'must be a whole number >= 0');
      return n;
    case 'offset':
      if (!Number.isInteger(n) || n < -1 || n > 1_000_000) throw new SimConfigError(label, 'must be a whole number >= 0 (or -1 for off)');
      return n;
    case 'status':
      if (!Number.isInteger(n) || (n !== 0 && (n < 400 || n > 599))) throw new SimConfigError(label, 'must be an error status 400..599 (or 0 for off)');
      return n;
  }
}

function isFaultKey(key: string): key is keyof FaultSettings {
  return Object.prototype.hasOwnProperty.call(FAULT_FIELDS, key);
}

function checkFaults(raw: unknown, where: string): Partial<FaultSettings> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SimConfigError(where, 'must be an object');
  const out: Partial<FaultSettings> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isFaultKey(key)) throw new SimConfigError(`${where}.${key}`, 'is not a known setting');
    (out as Record<string, unknown>)[key] = parseFaultValue(key, value, `${where}.${key}`);
  }
  return out;
}

/**
 * Validates a partial config (start-up options or a `POST /__sim/config` body).
 * In `models`, a `null` entry removes that model's override when merged.
 */
export function validateConfigPatch(raw: unknown): Partial<SimConfig> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SimConfigError('config', 'must be a JSON object');
  const out: Partial<SimConfig> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (isFaultKey(key)) {
      (out as Record<string, unknown>)[key] = parseFaultValue(key, value, key);
    } else if (key === 'seed') {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new SimConfigError('seed', 'must be an integer');
      out.seed = value;
    } else if (key === 'apiKey') {
      if (value !== null && (typeof value !== 'string' || value === '')) throw new SimConfigError('apiKey', 'must be a non-empty string or null');
      out.apiKey = value;
    } else if (key === 'modelIds') {
      if (!Array.isArray(value) || !value.every((m) => typeof m === 'string' && m !== '')) {
        throw new SimConfigError('modelIds', 'must be an array of model ids');
      }
      out.modelIds = [...value];
    } else if (key === 'models') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SimConfigError('models', 'must be an object keyed by model id');
      const models: Record<string, Partial<FaultSettings>> = {};
      for (const [model, overrides] of Object.entries(value)) {
        models[model] = overrides === null ? (null as unknown as Partial<FaultSettings>) : checkFaults(overrides, `models.${model}`);
      }
      out.models = models;
    } else {
      throw new SimConfigError(key, 'is not a known setting');
    }
  }
  return out;
}

/** Applies a validated patch: top-level fields replace, `models` merges per model. */
export function mergeConfig(base: SimConfig, patch: Partial<SimConfig>): SimConfig {
  const next: SimConfig = { ...base, ...patch, models: { ...base.models } };
  if (patch.models) {
    for (const [model, overrides] of Object.entries(patch.models)) {
      if (overrides === null) delete next.models[model];
      else next.models[model] = { ...next.models[model], ...overrides };
    }
  }
  return next;
}

const ENV_FAULTS: ReadonlyArray<[string, keyof FaultSettings]> = [
  ['SIM_TTFT_MS', 'ttftMs'],
  ['SIM_TOKENS_PER_SECOND', 'tokensPerSecond'],
  ['SIM_ERROR_RATE', 'errorRate'],
  ['SIM_RATE_429', 'rate429'],
  ['SIM_COMPLETION_TOKENS', 'completionTokens'],
];

/**
 * Reads the CLI environment once (STYLE.md rule 3). A bad value throws a
 * SimConfigError whose message starts with the variable's name.
 */
export function loadConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SimConfig & ListenOptions {
  const config = defaultConfig();
  for (const [name, key] of ENV_FAULTS) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') (config as unknown as Record<string, unknown>)[key] = parseFaultValue(key, raw, name);
  }
  const seed = env.SIM_SEED;
  if (seed !== undefined && seed !== '') {
    if (!/^-?\d+$/.test(seed.trim())) throw new SimConfigError('SIM_SEED', 'must be an integer');
    config.seed = Number(seed);
  }
  if (env.SIM_API_KEY) config.apiKey = env.SIM_API_KEY;
  if (env.SIM_MODELS) config.modelIds = env.SIM_MODELS.split(',').map((m) => m.trim()).filter((m) => m !== '');
  let port = 8090;
  const rawPort = env.SIM_PORT;
  if (rawPort !== undefined && rawPort !== '') {
    port = Number(rawPort);
    if (!/^\d+$/.test(rawPort.trim()) || port > 65535) throw new SimConfigError('SIM_PORT', 'must be a port number 0..65535');
  }
  const host = env.SIM_HOST && env.SIM_HOST.trim() !== '' ? env.SIM_HOST.trim() : '127.0.0.1';
  return { ...config, port, host };
}

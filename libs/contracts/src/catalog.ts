import { z } from 'zod';
import { pricePerMillion } from './money';

/** Catalog model ids look like `openai/gpt-4o` or `deepseek-ai/DeepSeek-V4-Flash`. */
export const modelId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*(\/[A-Za-z0-9._:-]+)*$/, 'must look like "vendor/model-name"');

export const providerName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_"');

/** Name of an environment variable on the proxy host that holds the provider's API key. */
export const envVarName = z
  .string()
  .max(128)
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as OPENAI_API_KEY');

export const modelKind = z.enum(['chat', 'embedding']);
export type ModelKind = z.infer<typeof modelKind>;

export const createProviderRequest = z.strictObject({
  name: providerName,
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.openai.com/v1' }),
  apiKeyEnv: envVarName.nullable().optional(),
});
export type CreateProviderRequest = z.infer<typeof createProviderRequest>;

export interface Provider {
  id: string;
  name: string;
  baseUrl: string;
  /** The environment variable the proxy reads the key from; the key itself is never stored. */
  apiKeyEnv: string | null;
  createdAt: string;
}

export const modelPrices = z.strictObject({
  input: pricePerMillion,
  output: pricePerMillion,
  cachedInput: pricePerMillion,
});
export type ModelPrices = z.infer<typeof modelPrices>;

export interface PricePoint extends ModelPrices {
  /** ISO time from which this price applies; it applies until the next point's start. */
  effectiveFrom: string;
}

export const createModelRequest = z.strictObject({
  id: modelId,
  provider: providerName,
  /** Model name sent upstream; defaults to the part of `id` after the first "/". */
  upstreamModel: z.string().min(1).max(200).optional(),
  kind: modelKind.default('chat'),
  contextWindow: z.int().min(1).max(100_000_000),
  inputPrice: pricePerMillion,
  outputPrice: pricePerMillion,
  cachedInputPrice: pricePerMillion.optional(),
  enabled: z.boolean().default(true),
});
export type CreateModelRequest = z.input<typeof createModelRequest>;

export const updateModelRequest = z
  .strictObject({
    enabled: z.boolean().optional(),
    contextWindow: z.int().min(1).max(100_000_000).optional(),
    /** A price change adds an effective-dated price row; past costs are never rewritten. */
    price: z
      .strictObject({
        input: pricePerMillion,
        output: pricePerMillion,
        cachedInput: pricePerMillion.optional(),
        effectiveFrom: z.iso.datetime({ offset: true }).optional(),
      })
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change: send enabled, contextWindow or price' });
export type UpdateModelRequest = z.input<typeof updateModelRequest>;

export interface CatalogModel {
  id: string;
  provider: string;
  upstreamModel: string;
  kind: ModelKind;
  contextWindow: number;
  enabled: boolean;
  /** The price in force now. */
  price: PricePoint;
  /** Every price row, oldest first (includes future-dated ones). */
  priceHistory: PricePoint[];
  createdAt: string;
}

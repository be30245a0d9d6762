import type { CreateModelRequest, CreateProviderRequest } from './catalog';
import type { PolicyContentInput } from './policy';

/**
 * First-start data: the catalog (USD per million tokens) and the starter policy.
 * In embedded mode every provider's base URL is replaced by the simulated provider's.
 */
export const SEED_PROVIDERS: CreateProviderRequest[] = [
  { name: 'deepseek', baseUrl: 'https://api.deepseek.com/v1', apiKeyEnv: 'DEEPSEEK_API_KEY' },
  { name: 'together', baseUrl: 'https://api.together.xyz/v1', apiKeyEnv: 'TOGETHER_API_KEY' },
  { name: 'zhipu', baseUrl: 'https://open.bigmodel.cn/api/paas/v4', apiKeyEnv: 'ZHIPU_API_KEY' },
  { name: 'openai', baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY' },
];

export const SEED_MODELS: CreateModelRequest[] = [
  { id: 'deepseek-ai/DeepSeek-V4-Flash', provider: 'deepseek', contextWindow: 128_000, inputPrice: '0.27', outputPrice: '1.10', cachedInputPrice: '0.07' },
  { id: 'deepseek-ai/DeepSeek-V4-Pro', provider: 'deepseek', contextWindow: 200_000, inputPrice: '0.55', outputPrice: '2.20', cachedInputPrice: '0.14' },
  { id: 'Qwen/Qwen3-32B', provider: 'together', contextWindow: 32_000, inputPrice: '0.30', outputPrice: '1.20' },
  { id: 'zai-org/GLM-4-Plus', provider: 'zhipu', contextWindow: 128_000, inputPrice: '0.20', outputPrice: '0.80' },
  { id: 'openai/gpt-4o', provider: 'openai', contextWindow: 128_000, inputPrice: '2.50', outputPrice: '10.00', cachedInputPrice: '1.25' },
  {
    id: 'openai/text-embedding-3-small', provider: 'openai', kind: 'embedding', contextWindow: 8_191,
    inputPrice: '0.02', outputPrice: '0', cachedInputPrice: '0',
  },
];

export const SEED_POLICY: PolicyContentInput = {
  defaultBucket: 'standard',
  baselineModel: 'openai/gpt-4o',
  embeddingModel: null,
  buckets: [
    {
      name: 'bulk',
      description: 'High volume, low stakes: drafts, tagging, summaries.',
      targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }],
      fallbacks: ['zai-org/GLM-4-Plus'],
      cache: { exact: true, semantic: true, threshold: 0.92, ttlSeconds: 86_400 },
    },
    {
      name: 'standard',
      description: 'Everyday product features.',
      targets: [{ model: 'deepseek-ai/DeepSeek-V4-Pro', weight: 100 }],
      fallbacks: ['openai/gpt-4o'],
    },
    {
      name: 'critical',
      description: 'Customer-facing answers where quality comes first.',
      targets: [{ model: 'openai/gpt-4o', weight: 100 }],
      fallbacks: ['deepseek-ai/DeepSeek-V4-Pro'],
      cache: { exact: false, semantic: false },
    },
  ],
};

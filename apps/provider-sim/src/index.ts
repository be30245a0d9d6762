export { startProviderSim, type ProviderSim, type ProviderSimOptions } from './server';
export { defaultConfig, loadConfigFromEnv, SimConfigError, DEFAULT_MODEL_IDS, type FaultSettings, type SimConfig } from './config';
export type { SimStats } from './stats';
export { countTokens, splitTokens } from './text';
export { embed, DEFAULT_DIMENSIONS } from './embeddings';

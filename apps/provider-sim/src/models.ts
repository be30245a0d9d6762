import type { SimConfig } from './config';

// A fixed date: model objects must not change between runs.
const CREATED = 1_700_000_000;

function modelObject(id: string): { id: string; object: 'model'; created: number; owned_by: string } {
  return { id, object: 'model', created: CREATED, owned_by: 'provider-sim' };
}

/** Listed ids: the configured ones plus any model with a per-model override. */
function listedIds(config: SimConfig): string[] {
  const ids = new Set(config.modelIds);
  for (const id of Object.keys(config.models)) ids.add(id);
  return [...ids];
}

export function modelsBody(config: SimConfig): string {
  return JSON.stringify({ object: 'list', data: listedIds(config).map(modelObject) });
}

export function modelBody(config: SimConfig, id: string): string | null {
  return listedIds(config).includes(id) ? JSON.stringify(modelObject(id)) : null;
}

export * from './resolve-bucket';
export * from './pick-target';
export * from './attempt-plan';
export * from './circuit-breaker';
export * from './retryable';

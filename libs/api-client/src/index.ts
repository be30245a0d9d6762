export * from './api-error';
export * from './http';
export * from './client';
export { queryString } from './query-string';

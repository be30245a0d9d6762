export * from './test-config';
export * from './test-database';
export * from './redis';
export * from './seed-snapshot';
export * from './redis-server';

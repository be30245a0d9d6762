export * from './decimal';
export * from './cost';

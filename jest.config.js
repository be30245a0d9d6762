// One Jest run, four tiers by file suffix (STYLE.md rule 6).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@switchyard/migrations$': '<rootDir>/migrations/src', '^@switchyard/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/{apps,libs,bench,scripts}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'dashboard',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/apps/dashboard/**/*.spec.tsx'],
      setupFilesAfterEnv: ['<rootDir>/apps/dashboard/jest.setup.ts'],
      moduleNameMapper: { ...shared.moduleNameMapper, '\\.(css)$': '<rootDir>/apps/dashboard/test/style-stub.js' },
    },
    { ...shared, displayName: 'integration', testEnvironment: 'node', setupFiles: ['<rootDir>/libs/testing/jest.integration-setup.js'], testMatch: ['<rootDir>/{apps,libs,bench}/**/*.integration-spec.ts'] },
    { ...shared, displayName: 'e2e', testEnvironment: 'node', setupFiles: ['<rootDir>/libs/testing/jest.e2e-setup.js'], testMatch: ['<rootDir>/apps/dashboard-e2e/**/*.e2e-spec.ts'] },
  ],
};

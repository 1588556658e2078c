/** e2e tests: boot the real app against a real SQLite file (and Redis where a test needs it). */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../tsconfig.json');

module.exports = {
  rootDir: '..',
  roots: ['<rootDir>/test'],
  testRegex: '\\.e2e-spec\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
  testTimeout: 30000,
  maxWorkers: 2,
  // Suites that point the app at a dead Redis leave ioredis a 2 s timer per client it disconnects
  // (it waits for a socket that has already closed); a worker may need that long to exit on its own.
  // A handle that lives longer is still reported as a leak.
  workerGracefulExitTimeout: 3000,
};

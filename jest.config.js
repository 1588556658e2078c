/** Unit tests: *.spec.ts beside the code. */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

module.exports = {
  rootDir: '.',
  roots: [
    '<rootDir>/apps',
    '<rootDir>/libs',
    '<rootDir>/migrations',
    '<rootDir>/scripts',
    '<rootDir>/bench',
  ],
  testRegex: '\\.spec\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/files/'],
};

/**
 * The built cloud functions (cloudfunctions/*, from `npm run build:functions`) run as deployed, on
 * CloudBase's Node binaries (scripts/cloud-runtimes.mjs), against the wx-server-sdk stand-in.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/cloud-runtime'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  testTimeout: 60000,
  maxWorkers: 1,
}

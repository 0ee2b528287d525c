/**
 * The mini program as WeChat runs it: the real weapp build (dist/, from `npm run build:weapp`) in a
 * simulated WeChat logic layer (test/weapp-runtime/host.ts) with a `wx` fake and the cloud functions'
 * real handlers behind wx.cloud.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/weapp-runtime'],
  // *.spec.ts: the unit run (jest.config.js, roots include test/) matches only *.test.ts, and these need dist/.
  testMatch: ['**/*.weapp.spec.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  testTimeout: 60000,
  maxWorkers: 1,
}

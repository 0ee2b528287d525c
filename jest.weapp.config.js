/**
 * The mini program as WeChat runs it: the real weapp build (dist/, from `npm run build:weapp`) in a
 * simulated WeChat logic layer (test/weapp-runtime/host.ts) with a `wx` fake and the cloud functions'
 * real handlers behind wx.cloud.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/weapp-runtime'],
  testMatch: ['**/*.weapp.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  testTimeout: 60000,
  maxWorkers: 1,
}

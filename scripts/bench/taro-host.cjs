// Node has no mini program runtime: the store's Taro storage calls go to the same in-memory host
// the component tests use (getStorageSync returns '' for a missing key, like WeChat's).
const Module = require('node:module')
const path = require('node:path')
const host = path.resolve(__dirname, '../../test/jest/taro-host.ts')
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === '@tarojs/taro' ? host : request, ...rest)
}

// WeChat cloud function entry, bundled (esbuild, cjs) to cloudfunctions/records/index.js, where
// `export const main` becomes exports.main.
import cloudSdk from 'wx-server-sdk'
import { createMain, type WxRecordsCloud } from './cloud-entry'

export const main = createMain(cloudSdk as unknown as WxRecordsCloud)

// Taro picks evidence-files.weapp.ts / evidence-files.h5.ts at build time; this file serves tools (tsc, jest).
export { evidenceFiles } from './evidence-files.h5'
export * from './evidence-files.types'

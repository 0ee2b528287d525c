// Taro picks gateway.weapp.ts / gateway.h5.ts at build time; this file serves tools (tsc, jest).
export { gateway } from './gateway.h5'
export * from './gateway.types'

// Taro picks staff-export.weapp.ts / staff-export.h5.ts at build time; this file serves tools (tsc, jest).
export { saveCsv } from './staff-export.h5'
export * from './staff-export.types'

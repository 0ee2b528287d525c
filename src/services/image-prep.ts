// Taro picks image-prep.weapp.ts / image-prep.h5.ts at build time; this file serves tools (tsc, jest).
export { preparePhoto } from './image-prep.h5'
export * from './image-prep.types'

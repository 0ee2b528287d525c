// Taro picks pick-photo.weapp.ts / pick-photo.h5.ts at build time; this file serves tools (tsc, jest).
export { pickPhoto } from './pick-photo.h5'

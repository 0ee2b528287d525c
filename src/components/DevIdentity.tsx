// Taro picks DevIdentity.weapp.tsx / DevIdentity.h5.tsx at build time; this file serves tools (tsc, jest).
export { DevIdentity } from './DevIdentity.h5'

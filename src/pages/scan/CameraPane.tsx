// Taro picks CameraPane.weapp.tsx / CameraPane.h5.tsx at build time; this file serves tools (tsc, jest).
export { CameraPane, takePhoto, hasLiveCamera } from './CameraPane.h5'

/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.jpg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5'
    /** WeChat cloud environment id (from .env.* files, see README) */
    TARO_APP_CLOUD_ENV?: string
    /** Base URL of the local backend for H5; empty = same origin */
    TARO_APP_API_BASE?: string
  }
}

declare module 'wx-server-sdk' {
  const cloud: unknown
  export default cloud
}

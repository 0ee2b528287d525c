// The photo(s) a license was read from, shown beside its fields so the user can compare them with
// the card; a tap opens the full-size viewer (Taro.previewImage: WeChat's viewer, Taro's overlay on H5).
// Paths are local and may have died (a weapp temp file after the session, any H5 object URL after
// a reload): the image's load error is the one check that works on both platforms.
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import './LicensePhotos.scss'

export const PHOTO_GONE_TEXT = '照片已失效，可重新扫描'

export interface LicensePhotosProps {
  paths: readonly string[]
  /** A photo that no longer loads: 'notice' says so (review: the user can rescan), 'hide' leaves it out (record). */
  whenGone: 'notice' | 'hide'
  /** A caption per path (evidence: 主页 / 副页). */
  labels?: readonly string[]
  /** Called once per photo that fails to load (evidence: its short-lived URL may have expired). */
  onGone?: (path: string) => void
}

export function LicensePhotos({ paths, whenGone, labels, onGone }: LicensePhotosProps) {
  const [gone, setGone] = useState<ReadonlySet<string>>(() => new Set())
  const live = paths.filter((path) => !gone.has(path))
  const shown = whenGone === 'notice' ? paths : live
  if (shown.length === 0) return null

  const markGone = (path: string) => {
    setGone((before) => new Set(before).add(path))
    onGone?.(path)
  }
  const zoom = (path: string) => Taro.previewImage({ urls: live, current: path }).catch(() => undefined)

  return (
    <View className={`license-photos ${shown.length > 1 ? 'license-photos--pair' : ''}`}>
      {shown.map((path) =>
        gone.has(path) ? (
          <View key={path} className="license-photo license-photo--gone">
            <Text>{PHOTO_GONE_TEXT}</Text>
          </View>
        ) : (
          <View key={path} className="license-photo" aria-label="查看行驶证照片大图" onClick={() => void zoom(path)}>
            <Image className="license-photo__image" src={path} mode="aspectFit" onError={() => markGone(path)} />
            {labels?.[paths.indexOf(path)] && <Text className="license-photo__label">{labels[paths.indexOf(path)]}</Text>}
            <Text className="license-photo__hint">点击放大</Text>
          </View>
        ),
      )}
    </View>
  )
}

// weapp: live camera with the card guide. When it cannot start, the pane says why and offers the way
// out: the privacy guide (read it, agree and retry) apart from a camera permission refusal (settings).
import { Camera, View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { errorText } from '../../components/error-text'
import { appError } from '../../domain/errors'
import { classifyWxFailure } from '../../services/privacy-rules'
import { openPrivacyContract, requirePrivacyAuthorize } from '../../services/privacy.weapp'
import { CardFrame } from './CardFrame'
import type { CameraBlock, CameraPaneProps } from './CameraPane.types'

/** <camera> binderror detail ({ errMsg }, with errno on newer base libraries) -> why it is off. */
export function cameraBlockOf(detail: unknown): CameraBlock {
  const kind = classifyWxFailure(detail)
  // Anything else (device busy, no camera) gets the permission pane too: settings or the album.
  return kind === 'privacy-denied' || kind === 'privacy-undeclared' ? kind : 'permission-denied'
}

export function CameraPane({ flash, hint, denied, onDenied }: CameraPaneProps) {
  const [key, setKey] = useState(0)
  const [block, setBlock] = useState<CameraBlock>('permission-denied')
  const remount = () => {
    onDenied(false)
    setKey((k) => k + 1) // a fresh <camera> asks again with the new agreement or permission
  }

  if (denied && block === 'privacy-denied') {
    return (
      <View className="camera-pane camera-pane--denied">
        <Text className="camera-pane__denied-title">需要同意《隐私保护指引》</Text>
        <Text className="camera-pane__denied-text">{errorText(appError('PRIVACY_DENIED'))}</Text>
        <Button size="small" onClick={() => void openPrivacyContract()}>
          查看《隐私保护指引》
        </Button>
        <Button
          type="primary"
          size="small"
          onClick={async () => {
            if (await requirePrivacyAuthorize()) remount()
          }}
        >
          同意并重试
        </Button>
      </View>
    )
  }
  if (denied && block === 'privacy-undeclared') {
    return (
      <View className="camera-pane camera-pane--denied">
        <Text className="camera-pane__denied-title">相机暂不可用</Text>
        <Text className="camera-pane__denied-text">{errorText(appError('PRIVACY_NOT_DECLARED'))}</Text>
      </View>
    )
  }
  if (denied) {
    return (
      <View className="camera-pane camera-pane--denied">
        <Text className="camera-pane__denied-title">无法使用相机</Text>
        <Text className="camera-pane__denied-text">请在设置中允许“摄像头”权限，或从相册选择行驶证照片。</Text>
        <Button
          type="primary"
          size="small"
          onClick={async () => {
            const { authSetting } = await Taro.openSetting()
            if (authSetting['scope.camera']) remount()
          }}
        >
          去设置
        </Button>
      </View>
    )
  }
  return (
    <View className="camera-pane">
      <Camera
        key={key}
        className="camera-pane__camera"
        devicePosition="back"
        flash={flash ? 'on' : 'off'}
        onError={(event) => {
          setBlock(cameraBlockOf(event.detail))
          onDenied(true)
        }}
      />
      <CardFrame hint={hint} />
    </View>
  )
}

export async function takePhoto(): Promise<string | null> {
  return new Promise((resolve) =>
    Taro.createCameraContext().takePhoto({
      quality: 'high',
      success: ({ tempImagePath }) => resolve(tempImagePath),
      fail: () => resolve(null),
    }),
  )
}

export const hasLiveCamera = true

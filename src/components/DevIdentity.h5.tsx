// H5 + local backend only: switch the dev identity (ordinary users A/B, staff) the requests act as.
import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { DEV_IDENTITIES } from '../contract/dev-identities'
import { getDevOpenid, setDevOpenid } from '../services/dev-identity'

export function DevIdentity({ onChange }: { onChange?: (openid: string) => void }) {
  const [current, setCurrent] = useState(getDevOpenid())
  return (
    <View className="dev-identity">
      <Text className="dev-identity__title">开发身份</Text>
      {DEV_IDENTITIES.map((identity) => (
        <Text
          key={identity.openid}
          className={`dev-identity__option ${identity.openid === current ? 'dev-identity__option--active' : ''}`}
          onClick={() => {
            setDevOpenid(identity.openid)
            setCurrent(identity.openid)
            onChange?.(identity.openid)
          }}
        >
          {identity.label}
        </Text>
      ))}
    </View>
  )
}

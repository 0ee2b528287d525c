import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { errorText } from '../../components/error-text'
import { STAFF_ERROR, type StaffError } from '../../services/staff-api'
import './StaffError.scss'

/** A failed load: FORBIDDEN gets its own wording (the page is for staff only), anything else a retry. */
export function StaffErrorView({ error, onRetry }: { error: StaffError; onRetry?: () => void }) {
  if (error.code === STAFF_ERROR.FORBIDDEN) {
    return (
      <View className="staff-error staff-error--forbidden">
        <Text className="staff-error__title">仅核验人员可访问</Text>
        <Text className="staff-error__code">{errorText(error)}</Text>
        <Text className="staff-error__hint">如需核验权限，请联系管理员</Text>
      </View>
    )
  }
  return (
    <View className="staff-error">
      <Text className="staff-error__title">加载失败</Text>
      <Text className="staff-error__code">{errorText(error)}</Text>
      {onRetry && (
        <Button size="small" onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  )
}

import { View, Text } from '@tarojs/components'
import { Button, Dialog, TextArea } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'

/** Same bound as the records function's schema (MAX_REASON_LENGTH); the server checks it again. */
export const MAX_REJECT_REASON = 200

/** Why a reason cannot be sent, or null when it can. */
export function rejectReasonError(reason: string): string | null {
  const trimmed = reason.trim()
  if (trimmed === '') return '请填写驳回原因'
  if (trimmed.length > MAX_REJECT_REASON) return `驳回原因不能超过 ${MAX_REJECT_REASON} 个字符`
  return null
}

/** Asks for the reason the owner will see; stays open until a valid one is sent or the staffer cancels. */
export function RejectDialog({
  visible,
  busy,
  onCancel,
  onSubmit,
}: {
  visible: boolean
  busy: boolean
  onCancel: () => void
  onSubmit: (reason: string) => void
}) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (visible) {
      setReason('')
      setError(null)
    }
  }, [visible])

  const submit = () => {
    const problem = rejectReasonError(reason)
    setError(problem)
    if (!problem) onSubmit(reason.trim())
  }

  return (
    <Dialog
      className="reject-dialog"
      visible={visible}
      title="驳回记录"
      onCancel={onCancel}
      onClose={onCancel}
      footer={
        <View className="reject-dialog__footer">
          <Button className="reject-dialog__cancel" onClick={onCancel}>
            取消
          </Button>
          <Button className="reject-dialog__submit" type="danger" loading={busy} onClick={submit}>
            确认驳回
          </Button>
        </View>
      }
    >
      <View className="reject-dialog__body">
        <Text className="reject-dialog__hint">驳回原因会显示给车主，请写明需要修改的地方</Text>
        <TextArea
          className="reject-dialog__input"
          value={reason}
          placeholder="例如：车辆识别代号与行驶证照片不符"
          maxLength={MAX_REJECT_REASON}
          showCount
          status={error ? 'error' : 'default'}
          onChange={(value) => {
            setReason(value)
            if (error) setError(rejectReasonError(value))
          }}
        />
        {error && <Text className="reject-dialog__error">{error}</Text>}
      </View>
    </Dialog>
  )
}

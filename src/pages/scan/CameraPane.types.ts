export interface CameraPaneProps {
  flash: boolean
  hint: string
  denied: boolean
  onDenied: (denied: boolean) => void
}

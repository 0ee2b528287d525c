export interface CameraPaneProps {
  flash: boolean
  hint: string
  /** The live camera could not start (privacy guide, permission or device); the page falls back to the picker. */
  denied: boolean
  onDenied: (denied: boolean) => void
}

/** Why the live camera is off, as the pane explains it. */
export type CameraBlock = 'privacy-denied' | 'privacy-undeclared' | 'permission-denied'

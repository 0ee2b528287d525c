// The browser's file picker (phones offer the camera too). Our own input rather than
// Taro.chooseImage, which silently drops files it cannot decode: we want to tell the user why.

/** Object URL of the chosen file; null when the user cancels. */
export function pickPhoto(source: 'album' | 'camera' = 'album'): Promise<string | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/*'
    if (source === 'camera') input.setAttribute('capture', 'environment')
    input.style.display = 'none'
    const done = (path: string | null) => {
      input.remove()
      resolve(path)
    }
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done(file ? URL.createObjectURL(file) : null)
    })
    input.addEventListener('cancel', () => done(null))
    document.body.appendChild(input)
    input.click()
  })
}

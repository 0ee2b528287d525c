export default definePageConfig({
  navigationBarTitleText: '扫描行驶证',
})

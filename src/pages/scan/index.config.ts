export default definePageConfig({
  navigationBarTitleText: '扫描行驶证',
  navigationBarBackgroundColor: '#111111',
  navigationBarTextStyle: 'white',
  backgroundColor: '#111111',
})

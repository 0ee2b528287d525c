export default definePageConfig({
  navigationBarTitleText: '核对信息',
})

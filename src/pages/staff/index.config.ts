export default definePageConfig({
  navigationBarTitleText: '核验队列',
})

export default defineAppConfig({
  pages: [
    'pages/scan/index',
    'pages/review/index',
    'pages/records/index',
    'pages/record/index',
    'pages/staff/index',
    'pages/staff/detail',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '行驶证识别',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#fa2c19',
    backgroundColor: '#ffffff',
    list: [
      // PNG only (WeChat); drawn by scripts/tab-icons.mjs.
      { pagePath: 'pages/scan/index', text: '扫描', iconPath: 'assets/tab/scan.png', selectedIconPath: 'assets/tab/scan-active.png' },
      { pagePath: 'pages/records/index', text: '记录', iconPath: 'assets/tab/records.png', selectedIconPath: 'assets/tab/records-active.png' },
    ],
  },
  permission: {
    'scope.camera': { desc: '拍摄行驶证以识别车辆信息' },
  },
})

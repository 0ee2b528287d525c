export default defineAppConfig({
  pages: [
    'pages/scan/index',
    'pages/review/index',
    'pages/records/index',
    'pages/record/index',
  ],
  // Staff pages are a subpackage: most users never open them, and WeChat then never downloads them.
  subPackages: [{ root: 'pages/staff', pages: ['index', 'detail'] }],
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
  // No `permission` block: WeChat reads it only for location scopes (scope.userLocation and the like),
  // so a scope.camera entry did nothing. Camera, album, clipboard and file access are declared in the
  // admin console's 用户隐私保护指引 instead (README "Privacy"). No `__usePrivacyCheck__` either: since
  // 2023-10-17 the privacy check is on whether or not app.json sets it (PrivacyAuthorize guide).
  // Inject only the components a page uses at startup; sitemap.json (copied by config/index.ts) keeps
  // the pages out of WeChat search.
  lazyCodeLoading: 'requiredComponents',
  sitemapLocation: 'sitemap.json',
})

// NutUI styles, one line per component the pages use (the whole `dist/style.css` was 300 KB of the
// weapp main package for the ~10 components we render). Each `style/css` module pulls in the styles of
// the components it renders itself (Dialog: Button and Overlay; Tabs: TabPane).
// Using another NutUI component? Add its line here: `npm run size:weapp` fails when one is missing.
// Kept in one app-level module (imported by app.ts before app.scss) so the cascade is the same as with
// the full stylesheet: NutUI first, then our app and page styles, on weapp and on H5.
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tabs/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/virtuallist/style/css'

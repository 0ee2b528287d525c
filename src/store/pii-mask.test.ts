import { maskAddress, maskOwner } from './pii-mask'

describe('maskOwner', () => {
  it.each([
    ['张三丰', '张**'],
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['张', '*'],
    ['', ''],
    ['深圳市某某科技有限公司', '深圳****公司'],
  ])('%s → %s', (owner, masked) => expect(maskOwner(owner)).toBe(masked))
})

describe('maskAddress', () => {
  it.each([
    ['广东省深圳市南山区科技园路1号', '广东省深圳市****'],
    ['北京市朝阳区建国路88号', '北京市****'],
    ['内蒙古自治区呼和浩特市新城区1号', '内蒙古自治区呼和浩特市****'],
    ['湖北省恩施土家族苗族自治州恩施市1号', '湖北省恩施土家族苗族自治州****'],
    ['深圳市南山区科技园路1号', '深圳市****'],
    ['科技园路1号', '科技****'],
    ['广东省深圳市', '广东省深圳市'],
    ['', ''],
  ])('%s → %s', (addr, masked) => expect(maskAddress(addr)).toBe(masked))
})

import { PLATFORMS, type Platform } from '@zjmade/sdk';

/** Platform names as exports and people write them, Chinese and English. */
const NAMES: Record<string, Platform> = {
  天猫: 'tmall', 天猫商城: 'tmall', 淘宝: 'taobao', 淘宝网: 'taobao', 京东: 'jd', 京东商城: 'jd', 拼多多: 'pinduoduo', pdd: 'pinduoduo',
  抖音: 'douyin', 抖店: 'douyin', 抖音小店: 'douyin', 阿里巴巴: '1688', 苏宁: 'suning', 苏宁易购: 'suning', 唯品会: 'vip',
  快手: 'kuaishou', 快手小店: 'kuaishou', 小红书: 'xiaohongshu',
};

/** The platform a cell or option names, or undefined. */
export function platformOf(name: string | undefined): Platform | undefined {
  if (!name) return undefined;
  const n = name.trim().toLowerCase();
  if ((PLATFORMS as readonly string[]).includes(n)) return n as Platform;
  return NAMES[n];
}

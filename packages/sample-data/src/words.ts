/** Vocabulary for synthetic names and titles. Every combination is invented; none names a real firm. */

/** Two of these make a trade name; the pinyin makes Tmall shop slugs and English names. */
export const NAME_CHARS: ReadonlyArray<readonly [string, string]> = [
  ['华', 'hua'], ['明', 'ming'], ['恒', 'heng'], ['达', 'da'], ['泰', 'tai'], ['盛', 'sheng'],
  ['兴', 'xing'], ['瑞', 'rui'], ['宏', 'hong'], ['佳', 'jia'], ['力', 'li'], ['德', 'de'],
  ['信', 'xin'], ['诚', 'cheng'], ['安', 'an'], ['丰', 'feng'], ['凯', 'kai'], ['鑫', 'xin'],
  ['正', 'zheng'], ['源', 'yuan'], ['天', 'tian'], ['海', 'hai'], ['金', 'jin'], ['宝', 'bao'],
  ['美', 'mei'], ['光', 'guang'], ['中', 'zhong'], ['锦', 'jin'], ['永', 'yong'], ['康', 'kang'],
  ['晨', 'chen'], ['博', 'bo'], ['远', 'yuan'], ['捷', 'jie'], ['腾', 'teng'], ['飞', 'fei'],
  ['立', 'li'], ['百', 'bai'], ['欧', 'ou'], ['通', 'tong'], ['创', 'chuang'], ['益', 'yi'],
  ['乐', 'le'], ['万', 'wan'], ['嘉', 'jia'], ['禾', 'he'], ['峰', 'feng'], ['昌', 'chang'],
  ['振', 'zhen'], ['晟', 'sheng'], ['越', 'yue'], ['舜', 'shun'], ['龙', 'long'], ['奥', 'ao'],
];

export const INDUSTRIES: ReadonlyArray<readonly [string, string]> = [
  ['科技', 'Technology'], ['机械', 'Machinery'], ['电器', 'Electric Appliance'], ['电子', 'Electronics'],
  ['五金', 'Hardware'], ['塑业', 'Plastics'], ['实业', 'Industrial'], ['工贸', 'Industry & Trade'],
  ['智能科技', 'Intelligent Technology'], ['新材料', 'New Materials'], ['家居', 'Home Furnishing'],
  ['纺织', 'Textile'], ['汽车部件', 'Auto Parts'], ['泵业', 'Pump'], ['阀门', 'Valve'],
  ['厨具', 'Kitchenware'], ['照明', 'Lighting'], ['电机', 'Motor'], ['轴承', 'Bearing'], ['服饰', 'Apparel'],
];

export const COMPANY_SUFFIXES: ReadonlyArray<readonly [string, string, number]> = [
  ['有限公司', 'Co., Ltd.', 75],
  ['股份有限公司', 'Co., Ltd.', 20],
  ['集团有限公司', 'Group Co., Ltd.', 5],
];

export interface Product {
  noun: string;
  category: string;
  /** Qualifiers that make a standard's title, e.g. 家用 + 电动洗衣机. */
  qualifiers: readonly string[];
  /** Model prefix for product scopes. */
  model: string;
}

export const PRODUCTS: readonly Product[] = [
  { noun: '电动洗衣机', category: '家用电器', qualifiers: ['家用', '滚筒式家用', '波轮式家用', '洗烘一体'], model: 'XQG' },
  { noun: '保温杯', category: '日用品', qualifiers: ['不锈钢', '钛', '儿童用不锈钢', '真空'], model: 'BW' },
  { noun: '滤清器', category: '汽车零部件', qualifiers: ['汽车用', '汽车用机油', '汽车用空气', '汽车用燃油'], model: 'LQ' },
  { noun: '电热水壶', category: '家用电器', qualifiers: ['家用', '不锈钢', '恒温'], model: 'SH' },
  { noun: '电饭锅', category: '家用电器', qualifiers: ['家用', '智能', '压力', 'IH'], model: 'FB' },
  { noun: '吸油烟机', category: '厨房电器', qualifiers: ['家用', '侧吸式', '顶吸式', '集成灶用'], model: 'CXW' },
  { noun: '燃气灶', category: '厨房电器', qualifiers: ['家用', '嵌入式家用', '商用'], model: 'JZT' },
  { noun: '电动自行车', category: '交通工具', qualifiers: ['', '锂电', '折叠'], model: 'TDT' },
  { noun: '儿童安全座椅', category: '母婴用品', qualifiers: ['汽车用', '便携式'], model: 'ZY' },
  { noun: '羊绒衫', category: '服装', qualifiers: ['', '针织', '精纺'], model: 'YR' },
  { noun: '衬衫', category: '服装', qualifiers: ['男式', '女式', '免烫'], model: 'CS' },
  { noun: '袜子', category: '服装', qualifiers: ['棉', '功能性', '儿童'], model: 'WZ' },
  { noun: '床上用品', category: '家纺', qualifiers: ['蚕丝', '全棉', '竹纤维'], model: 'CP' },
  { noun: '办公椅', category: '家具', qualifiers: ['人体工学', '转', '实木'], model: 'BG' },
  { noun: '实木地板', category: '家居建材', qualifiers: ['', '多层', '三层'], model: 'MB' },
  { noun: '卫浴水嘴', category: '家居建材', qualifiers: ['陶瓷片密封', '恒温', '感应式'], model: 'SZ' },
  { noun: '电动工具', category: '五金工具', qualifiers: ['锂电', '手持式', '园林用'], model: 'DG' },
  { noun: '角磨机', category: '五金工具', qualifiers: ['电动', '无刷'], model: 'JM' },
  { noun: '门锁', category: '五金', qualifiers: ['智能', '电子', '机械防盗'], model: 'MS' },
  { noun: '离心泵', category: '泵阀', qualifiers: ['单级', '多级', '不锈钢'], model: 'QJ' },
  { noun: '球阀', category: '泵阀', qualifiers: ['铜', '不锈钢', '电动'], model: 'Q41F' },
  { noun: '滚动轴承', category: '机械零部件', qualifiers: ['深沟球', '圆锥', '汽车轮毂'], model: 'ZC' },
  { noun: 'LED 照明灯具', category: '照明', qualifiers: ['室内', '道路', '吸顶'], model: 'LED' },
  { noun: '电线电缆', category: '电工', qualifiers: ['家装用', '光伏用', '阻燃'], model: 'BV' },
  { noun: '低压断路器', category: '电工', qualifiers: ['小型', '塑壳', '剩余电流动作'], model: 'DZ' },
  { noun: '插座', category: '电工', qualifiers: ['家用', '转换', '智能'], model: 'CZ' },
  { noun: '眼镜架', category: '日用品', qualifiers: ['钛', '板材', '儿童'], model: 'YJ' },
  { noun: '厨房刀具', category: '厨具', qualifiers: ['不锈钢', '陶瓷', '组合'], model: 'DJ' },
  { noun: '炒锅', category: '厨具', qualifiers: ['不粘', '铁', '不锈钢复合'], model: 'CG' },
  { noun: '婴儿推车', category: '母婴用品', qualifiers: ['', '轻便', '高景观'], model: 'TC' },
  { noun: '毛绒玩具', category: '玩具', qualifiers: ['', '儿童'], model: 'WJ' },
  { noun: '茶叶', category: '食品', qualifiers: ['龙井', '白', '红'], model: 'CY' },
  { noun: '黄酒', category: '食品', qualifiers: ['', '绍兴', '手工'], model: 'HJ' },
  { noun: '竹制砧板', category: '厨具', qualifiers: ['', '碳化', '抗菌'], model: 'ZB' },
  { noun: '空气净化器', category: '家用电器', qualifiers: ['家用', '车载', '新风'], model: 'KJ' },
  { noun: '电风扇', category: '家用电器', qualifiers: ['落地', '直流', '循环'], model: 'FS' },
  { noun: '缝纫机', category: '机械', qualifiers: ['工业用', '家用', '电脑控制'], model: 'GC' },
  { noun: '拉链', category: '服装辅料', qualifiers: ['金属', '尼龙', '树脂'], model: 'LL' },
  { noun: '汽车刹车片', category: '汽车零部件', qualifiers: ['', '陶瓷', '低金属'], model: 'SC' },
  { noun: '行李箱', category: '箱包', qualifiers: ['拉杆', 'PC', '铝镁合金'], model: 'XL' },
];

/** Words a listing title adds around the product (shop copy, not registry data). */
export const TITLE_WORDS: readonly string[] = [
  '官方旗舰店', '正品', '新款', '2026新款', '家用', '大容量', '包邮', '高端', '品质', '爆款',
  '国货', '送礼', '礼盒装', '加厚', '静音', '节能',
];

export const CERT_BODIES: ReadonlyArray<readonly [string, string | undefined, number]> = [
  ['方圆标志认证集团有限公司', undefined, 20],
  ['杭州万泰认证有限公司', undefined, 20],
  ['浙江公信认证有限公司', undefined, 12],
  ['中国质量认证中心', undefined, 10],
  ['北京中化联合认证有限公司', undefined, 5],
  ['UL', 'UL', 5],
  ['BV', 'BV', 4],
  ['TÜV SÜD', 'TÜV SÜD', 6],
  ['TÜV 莱茵', 'TÜV Rheinland', 4],
  ['Intertek', 'Intertek', 5],
  ['SGS', 'SGS', 5],
  ['DEKRA', 'DEKRA', 2],
  ['IQNet', 'IQNet', 2],
];

export const LAPSE_REASONS = {
  suspended: ['年度监督检查不合格', '未按期接受监督审核', '产品抽检不合格', '企业申请暂停'],
  withdrawn: ['暂停期满未整改', '监督抽查发现严重质量问题', '违规使用认证标志'],
  cancelled: ['企业申请注销', '证书持有人停止生产', '企业注销登记'],
  reinstated: ['整改完成，恢复有效', '复查合格，恢复有效'],
} as const;

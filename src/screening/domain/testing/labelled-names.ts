// Supplier names written by hand the way supplier lists write them, each with the listed entity it is (by the name
// the list files give it) or none. Written without running the matcher's normalisation: transliterations, Chinese
// script, abbreviations, word order, legal forms, typos, extra words, parents and subcontractors; and decoys that
// share a rare word with a listed entity, generic names, and parties a list no longer names. docs/screening-matching.md
// gives the figures and every miss and false hit.

import type { EvaluationCase } from '../evaluation.js';

export type CaseKind =
  | 'as-listed'
  | 'alias'
  | 'transliteration'
  | 'chinese-script'
  | 'abbreviation'
  | 'word-order'
  | 'legal-form'
  | 'typo'
  | 'extra-words'
  | 'dropped-words'
  | 'parent'
  | 'subcontractor'
  | 'decoy'
  | 'generic'
  | 'no-longer-listed';

/** A case of the evaluation (evaluation.ts), with what kind of variant or decoy it is. */
export interface LabelledCase extends EvaluationCase {
  kind: CaseKind;
  note?: string;
}

// Listed entities, spelt as in rules/reference/lists/*.csv.
const HETIAN_TAIDA = ['Hetian Taida Apparel Co., Ltd'];
const HETIAN_HAOLIN = ['Hetian Haolin Hair Accessories Co. Ltd.'];
const HOSHINE = ['Hoshine Silicon Industry (Shanshan) Co., Ltd', 'Hoshine Silicon Industry Co. Ltd.'];
const XPCC = [
  'Xinjiang Production and Construction Corps',
  'Xinjiang Production and Construction Corporation',
];
const DAQO = ['Xinjiang Daqo New Energy, Co. Ltd'];
const ZHONGTAI_CHEMICAL = ['Xinjiang Zhongtai Chemical Co. Ltd.'];
const ZHONGTAI_GROUP = ['Xinjiang Zhongtai Group Co. Ltd'];
const AKSU_HUAFU = ['Aksu Huafu Color Spinning Co., Ltd.'];
const KASHGAR_CONSTRUCTION = ['Kashgar Construction Engineering (Group) Co., Ltd.'];
const YILI_ZHUOWAN = ['Yili Zhuowan Garment Manufacturing Co., Ltd.'];
const BAODING_LYSZD = ['Baoding LYSZD Trade and Business Co., Ltd.'];
const JUNGGAR = ['Xinjiang Junggar Cotton and Linen Co., Ltd.'];
const LOP_MEIXIN = ['Lop County Meixin Hair Products Co., Ltd.'];
const BITLAND = ['Hefei Bitland Information Technology Co., Ltd.'];
const GOENS = ['Xinjiang Goens Energy Technology Co., Ltd.'];
const EAST_HOPE = ['Xinjiang East Hope Nonferrous Metals Co., Ltd.'];
const CAMEL = ['Camel Group Co., Ltd.'];
const NINESTAR = ['Ninestar Corporation'];
const PANTUM = ['Zhuhai Pantum Electronics Co. Ltd.'];
const ESQUEL_GROUP = ['Esquel Group'];
const CHANGJI_ESQUEL = ['Changji Esquel Textile Co., Ltd.'];
const TURPAN_ESQUEL = ['Turpan Esquel Textile Co., Ltd.'];
const DONGGUAN_OASIS = ['Dongguan Oasis Shoes Co., Ltd.'];
const MEIJIA = ['Shandong Meijia Group Co., Ltd.'];
const JINGWEIDA = ['Sichuan Jingweida Technology Group Co., Ltd.'];
const TANYUAN = ['Tanyuan Technology Co. Ltd.'];
const KTK = ['KTK Group'];
const ZIJIN_MINING = ['Zijin Mining Group Co., Ltd.'];
const TIANSHAN_WOOL = ['Xinjiang Tianshan Wool Textile Co. Ltd.'];
const HUAFU_FASHION = ['Huafu Fashion Co., Ltd.'];
const ZHONGHE = ['Xinjiang Zhonghe Co., Ltd.'];
const XINJIANG_HUAFU_TEXTILE = ['Xinjiang Huafu Textile Co., Ltd.'];
const AWATI_HUAFU = ['Awati Huafu Textile Co., Ltd.'];
const KUCHE_ZONGHENG = ['Kuche Zongheng Cotton Industry Co., Ltd.'];
const KUITUN_JINFU = ['Kuitun Jinfu Textile Co., Ltd.'];
const CHENGUANG = ['Chenguang Biotech Group Co., Ltd.'];
const COFCO_SUGAR = ['COFCO Sugar Holdings Co., Ltd.'];
const HEBEI_TOMATO = ['Hebei Tomato Industry Co., Ltd.'];
const WESTERN_GOLD = ['Western Gold Co., Ltd.'];
const WESTERN_GOLD_HAMI = ['Western Gold Hami Gold Mine Co., Ltd.'];
const G_AND_G = ['Zhuhai G&G Digital Technology Co., Ltd.'];
const SYNERGY = ['Nanjing Synergy Textiles Co., Ltd.'];
const MEILING = ['Changhong Meiling Co., Ltd.'];
const GEEHY = ['Geehy Semiconductor Co., Ltd.'];
const APEX = ['Zhuhai Apex Microelectronics Co., Ltd.'];
const XINYA = ['Anhui Xinya New Materials Co., Ltd.'];
const HONGYUAN = ['Hongyuan Green Energy Co., Ltd.'];
const SHUANGLIANG = ['Shuangliang Silicon Materials (Baotou) Co., Ltd.'];
const BAOTOU_MEIKE = ['Baotou Meike Silicon Energy Co., Ltd.'];
const QINGDAO_VITAL = ['Qingdao Vital Nutraceutical Ingredients BioScience Co., Ltd.'];
const GUANGHUI = ['Changzhou Guanghui Food Ingredients Co., Ltd.'];
const KINGHERBS = ['Kingherbs Limited'];
const YUANAN = ['Sichuan Yuan’an Pharmaceutical Co., Ltd.'];
const DUNHE = ['Tianjin Dunhe International Trade Co., Ltd.'];
const ALICE = ['Weifang Alice Food Co., Ltd.'];
const HANG_FAT = ['Zhangzhou Hang Fat Import & Export Co., Ltd.'];
const ZIJIN_ZINC = ['Xinjiang Zijin Zinc Industry Co., Ltd.'];
const JINBAO = ['Xinjiang Jinbao Mining Co., Ltd.'];
const ASHELE = ['Xinjiang Habahe Ashele Copper Co., Ltd.'];
const SHIHEZI_STANDARD = ['Shihezi Standard Fiber Co., Ltd.'];
const JINGTIAN = ['Hubei Jingtian Cotton Industry Group Co., Ltd.'];
const SHAYA_YINHUA = ['Shaya Yinhua Cotton Industry Co., Ltd.'];
const XINREN = ['Shihezi Xinren Battery Aluminum Foil Technology Co., Ltd.'];
const TBEA = ['TBEA Co., Ltd.'];
const SDIC_LITHIUM = ['SDIC Xinjiang Lithium Industry Co., Ltd.'];
// CBP parties
const YUNNAN_MACHINERY = ['Yunnan Machinery'];
const GIANT = ['Giant Manufacturing Co., Ltd.'];
const FIREMOUNT = ['Firemount Group Ltd.'];
const LINGLONG = ['Linglong International Europe D.O.O. Zrenjanin'];
const SERBIA_ZIJIN = ['Serbia Zijin Copper D.O.O.'];
const CASUAL_WEAR = ['Casual Wear Apparel L.L.C.'];
const NEEDLE_CRAFT = ['Needle Craft Ltd'];
const AGROPECUARIOS_TOM = ['Agropecuarios Tom S.A. de C.V.'];
const HERO_VAST = ['Hero Vast Group'];
const TAEPYUNG = ['Taepyung Salt Farm'];
const MANGALORE = ['Mangalore Ganesh Beedi Works'];
const HUIZHOU_MINK = ['Huizhou Mink Industrial CO. Ltd.'];
const DALIAN_OCEAN = ['Dalian Ocean Fishing Co. Ltd.'];
const SELECT_NANTONG = ['Select (Nantong) Safety Products Co. Limited'];
const TANGSHAN_SANYOU = ['Tangshan Sanyou Group'];
const KUMAR_CARPET = ['Kumar Carpet Pvt.'];

const NONE: readonly string[] = [];

type Row = Omit<LabelledCase, 'id'>;

const ROWS: readonly Row[] = [
  // Written as listed, or nearly
  { name: 'HETIAN TAIDA APPAREL CO LTD', country: 'CN', expected: HETIAN_TAIDA, kind: 'as-listed' },
  {
    name: 'Xinjiang Zhongtai Chemical Co., Ltd.',
    country: 'CN',
    expected: [...ZHONGTAI_CHEMICAL, ...ZHONGTAI_GROUP],
    kind: 'as-listed',
    note: 'Zhongtai Chemical belongs to Xinjiang Zhongtai Group, listed too',
  },
  { name: 'Camel Group Co Ltd', country: 'CN', expected: CAMEL, kind: 'as-listed' },
  { name: 'Esquel Group', country: 'HK', expected: ESQUEL_GROUP, kind: 'as-listed' },
  { name: 'KTK Group', country: 'CN', expected: KTK, kind: 'as-listed' },
  { name: 'Huafu Fashion Co., Ltd.', country: 'CN', expected: HUAFU_FASHION, kind: 'as-listed' },
  {
    name: 'Xinjiang Huafu Textile Co Ltd',
    country: 'CN',
    expected: XINJIANG_HUAFU_TEXTILE,
    kind: 'as-listed',
  },
  { name: 'Hebei Tomato Industry Co Ltd', country: 'CN', expected: HEBEI_TOMATO, kind: 'as-listed' },
  { name: 'Geehy Semiconductor', country: 'CN', expected: GEEHY, kind: 'legal-form' },
  { name: 'Zhuhai Apex Microelectronics', country: 'CN', expected: APEX, kind: 'legal-form' },
  { name: 'Giant Manufacturing Co Ltd', country: 'TW', expected: GIANT, kind: 'as-listed' },
  { name: 'Taepyung Salt Farm', country: 'KR', expected: TAEPYUNG, kind: 'as-listed' },
  { name: 'Mangalore Ganesh Beedi Works', country: 'IN', expected: MANGALORE, kind: 'as-listed' },
  { name: 'Hero Vast Group Ltd', country: 'CN', expected: HERO_VAST, kind: 'legal-form' },
  // Aliases and former names the list gives
  { name: 'Hollin Hair Accessories', country: 'CN', expected: HETIAN_HAOLIN, kind: 'alias' },
  { name: 'Hesheng Silicon Industry (Shanshan) Co.', country: 'CN', expected: HOSHINE, kind: 'alias' },
  { name: 'Xinjiang Great New Energy Co Ltd', country: 'CN', expected: DAQO, kind: 'alias' },
  { name: 'Hefei Baolongda Information Technology', country: 'CN', expected: BITLAND, kind: 'alias' },
  { name: 'Xinjiang GCL New Energy Material Technology', country: 'CN', expected: GOENS, kind: 'alias' },
  { name: 'Dongguan Lvzhou Shoes', country: 'CN', expected: DONGGUAN_OASIS, kind: 'alias' },
  { name: 'Rizhao Meijia Group Co., Ltd.', country: 'CN', expected: MEIJIA, kind: 'alias' },
  { name: 'JWD Technology', country: 'CN', expected: JINGWEIDA, kind: 'alias' },
  { name: 'Jiangsu Jinchuang Holding Group', country: 'CN', expected: KTK, kind: 'alias' },
  { name: 'Xinjiang Joinworld Co., Ltd.', country: 'CN', expected: ZHONGHE, kind: 'alias' },
  { name: 'Hefei Meiling Co.', country: 'CN', expected: MEILING, kind: 'alias' },
  { name: 'HY Solar', country: 'CN', expected: HONGYUAN, kind: 'alias' },
  { name: 'GSweet', country: 'CN', expected: GUANGHUI, kind: 'alias' },
  { name: 'Zhangzhou Hengfa Import and Export', country: 'CN', expected: HANG_FAT, kind: 'alias' },
  { name: 'Golden Horse Diesel Factory', country: 'CN', expected: YUNNAN_MACHINERY, kind: 'alias' },
  { name: 'Changsha Jincao Biotechnology', country: 'CN', expected: KINGHERBS, kind: 'alias' },
  // Transliterations
  { name: 'Hotan Taida Garment Co., Ltd.', country: 'CN', expected: HETIAN_TAIDA, kind: 'transliteration' },
  {
    name: 'Hotan Haolin Hair Accessories Limited',
    country: 'CN',
    expected: HETIAN_HAOLIN,
    kind: 'transliteration',
  },
  {
    name: 'Kashi Construction Engineering Group Co., Ltd.',
    country: 'CN',
    expected: KASHGAR_CONSTRUCTION,
    kind: 'transliteration',
  },
  {
    name: 'Ili Zhuowan Garment Manufacturing',
    country: 'CN',
    expected: YILI_ZHUOWAN,
    kind: 'transliteration',
  },
  {
    name: 'Luopu County Meixin Hair Product Co.',
    country: 'CN',
    expected: LOP_MEIXIN,
    kind: 'transliteration',
  },
  { name: 'Akesu Huafu Color Spinning', country: 'CN', expected: AKSU_HUAFU, kind: 'transliteration' },
  { name: 'Tulufan Esquel Textile Co.', country: 'CN', expected: TURPAN_ESQUEL, kind: 'transliteration' },
  { name: 'Awat Huafu Textile', country: 'CN', expected: AWATI_HUAFU, kind: 'transliteration' },
  { name: 'Kuqa Zongheng Cotton Industry', country: 'CN', expected: KUCHE_ZONGHENG, kind: 'transliteration' },
  { name: 'Kuytun Jinfu Textile', country: 'CN', expected: KUITUN_JINFU, kind: 'transliteration' },
  { name: 'Kaba Ashele Copper Co.', country: 'CN', expected: ASHELE, kind: 'transliteration' },
  { name: 'Hoshine Silicon Industry (Piqan) Co.', country: 'CN', expected: HOSHINE, kind: 'transliteration' },
  { name: 'Sinkiang Tianshan Wool Textile', country: 'CN', expected: TIANSHAN_WOOL, kind: 'transliteration' },
  // Chinese script: the list has no names in Chinese characters, so these are expected misses
  {
    name: '合盛硅业(鄯善)有限公司',
    country: 'CN',
    expected: HOSHINE,
    kind: 'chinese-script',
    note: 'Hoshine Silicon Industry (Shanshan)',
  },
  { name: '新疆生产建设兵团', country: 'CN', expected: XPCC, kind: 'chinese-script', note: 'XPCC' },
  {
    name: '新疆中泰化学股份有限公司',
    country: 'CN',
    expected: ZHONGTAI_CHEMICAL,
    kind: 'chinese-script',
    note: 'Xinjiang Zhongtai Chemical',
  },
  {
    name: '和田浩林发饰有限公司',
    country: 'CN',
    expected: HETIAN_HAOLIN,
    kind: 'chinese-script',
    note: 'Hetian Haolin Hair Accessories',
  },
  {
    name: '新疆大全新能源股份有限公司',
    country: 'CN',
    expected: DAQO,
    kind: 'chinese-script',
    note: 'Xinjiang Daqo New Energy',
  },
  {
    name: '骆驼集团股份有限公司',
    country: 'CN',
    expected: CAMEL,
    kind: 'chinese-script',
    note: 'Camel Group',
  },
  {
    name: 'Hoshine 合盛硅业有限公司',
    country: 'CN',
    expected: HOSHINE,
    kind: 'chinese-script',
    note: 'mixed script',
  },
  // Abbreviations
  { name: 'XPCC', country: 'CN', expected: XPCC, kind: 'abbreviation' },
  { name: 'Yili Zhuowan Garment Mfg. Co.', country: 'CN', expected: YILI_ZHUOWAN, kind: 'abbreviation' },
  { name: 'Hefei Bitland Information Tech Co', country: 'CN', expected: BITLAND, kind: 'abbreviation' },
  { name: 'Giant Mfg. Co., Ltd.', country: 'TW', expected: GIANT, kind: 'abbreviation' },
  { name: 'Xinjiang Production & Construction Corps', country: 'CN', expected: XPCC, kind: 'abbreviation' },
  { name: 'Baoding LYSZD Trade & Business Co', country: 'CN', expected: BAODING_LYSZD, kind: 'abbreviation' },
  // Word order
  { name: 'Daqo New Energy (Xinjiang) Limited', country: 'CN', expected: DAQO, kind: 'word-order' },
  { name: 'Haolin Hair Accessories (Hotan) Co.', country: 'CN', expected: HETIAN_HAOLIN, kind: 'word-order' },
  {
    name: 'Zhongtai Chemical (Xinjiang) Co',
    country: 'CN',
    expected: [...ZHONGTAI_CHEMICAL, ...ZHONGTAI_GROUP],
    kind: 'word-order',
    note: 'Zhongtai Chemical belongs to Xinjiang Zhongtai Group, listed too',
  },
  { name: 'Shuangliang Silicon Materials Baotou', country: 'CN', expected: SHUANGLIANG, kind: 'word-order' },
  { name: 'Meike Silicon Energy (Baotou)', country: 'CN', expected: BAOTOU_MEIKE, kind: 'word-order' },
  // Legal forms dropped or changed
  { name: 'Xinjiang Daqo New Energy Company Limited', country: 'CN', expected: DAQO, kind: 'legal-form' },
  {
    name: 'Xinjiang Junggar Cotton & Linen Company Limited',
    country: 'CN',
    expected: JUNGGAR,
    kind: 'legal-form',
  },
  {
    name: 'Changji Esquel Textile Company Limited',
    country: 'CN',
    expected: CHANGJI_ESQUEL,
    kind: 'legal-form',
  },
  { name: 'Ninestar Corp.', country: 'CN', expected: NINESTAR, kind: 'legal-form' },
  { name: 'Tanyuan Technology Limited', country: 'CN', expected: TANYUAN, kind: 'legal-form' },
  { name: 'Zijin Mining Group Company Limited', country: 'CN', expected: ZIJIN_MINING, kind: 'legal-form' },
  { name: 'Firemount Group Limited', country: 'MU', expected: FIREMOUNT, kind: 'legal-form' },
  { name: 'Linglong International Europe d.o.o.', country: 'RS', expected: LINGLONG, kind: 'legal-form' },
  { name: 'Serbia Zijin Copper DOO', country: 'RS', expected: SERBIA_ZIJIN, kind: 'legal-form' },
  { name: 'Casual Wear Apparel LLC', country: 'JO', expected: CASUAL_WEAR, kind: 'legal-form' },
  { name: 'Needle Craft Limited', country: 'JO', expected: NEEDLE_CRAFT, kind: 'legal-form' },
  { name: 'Agropecuarios Tom, S.A. de C.V.', country: 'MX', expected: AGROPECUARIOS_TOM, kind: 'legal-form' },
  { name: 'Huizhou Mink Industrial Co., Ltd.', country: 'CN', expected: HUIZHOU_MINK, kind: 'legal-form' },
  { name: 'Dalian Ocean Fishing Company', country: 'CN', expected: DALIAN_OCEAN, kind: 'legal-form' },
  {
    name: 'Select (Nantong) Safety Products Co., Ltd.',
    country: 'CN',
    expected: SELECT_NANTONG,
    kind: 'legal-form',
  },
  { name: 'Kumar Carpet Pvt Ltd', country: 'NP', expected: KUMAR_CARPET, kind: 'legal-form' },
  { name: 'Kingherbs Ltd', country: 'CN', expected: KINGHERBS, kind: 'legal-form' },
  { name: 'Weifang Alice Food Company', country: 'CN', expected: ALICE, kind: 'legal-form' },
  { name: 'TBEA Co Ltd', country: 'CN', expected: TBEA, kind: 'legal-form', note: 'a secondary-source row' },
  {
    name: 'SDIC Xinjiang Lithium Industry',
    country: 'CN',
    expected: SDIC_LITHIUM,
    kind: 'legal-form',
    note: 'a secondary-source row',
  },
  // Typos
  { name: 'Hoshnie Silicon Industry (Shanshan)', country: 'CN', expected: HOSHINE, kind: 'typo' },
  { name: 'Hetain Taida Apparel', country: 'CN', expected: HETIAN_TAIDA, kind: 'typo' },
  { name: 'Xinjiang Daqo New Enrgy', country: 'CN', expected: DAQO, kind: 'typo' },
  { name: 'Zhuhai Pantun Electronics', country: 'CN', expected: PANTUM, kind: 'typo' },
  { name: 'Sichuan Jingwieda Technology Group', country: 'CN', expected: JINGWEIDA, kind: 'typo' },
  { name: 'Tianjin Dunhe Internatonal Trade', country: 'CN', expected: DUNHE, kind: 'typo' },
  // Extra or dropped words
  { name: 'Hoshine Silicon (Shanshan) Branch', country: 'CN', expected: HOSHINE, kind: 'extra-words' },
  {
    name: 'Xinjiang East Hope Nonferrous Metal Co.',
    country: 'CN',
    expected: EAST_HOPE,
    kind: 'dropped-words',
  },
  { name: 'Pantum Electronics', country: 'CN', expected: PANTUM, kind: 'dropped-words' },
  { name: 'Zhuhai G&G Digital Technology', country: 'CN', expected: G_AND_G, kind: 'legal-form' },
  { name: 'Nanjing Synergy Textiles', country: 'CN', expected: SYNERGY, kind: 'legal-form' },
  { name: 'Anhui Xinya New Materials', country: 'CN', expected: XINYA, kind: 'legal-form' },
  { name: 'Chenguang Biotech Group', country: 'CN', expected: CHENGUANG, kind: 'legal-form' },
  { name: 'COFCO Sugar Holding Co.', country: 'CN', expected: COFCO_SUGAR, kind: 'legal-form' },
  {
    name: 'Western Gold Hami Gold Mine',
    country: 'CN',
    expected: [...WESTERN_GOLD_HAMI, ...WESTERN_GOLD],
    kind: 'legal-form',
    note: 'the mine belongs to Western Gold, listed too',
  },
  {
    name: 'Qingdao Vital Nutraceutical Ingredients Bioscience',
    country: 'CN',
    expected: QINGDAO_VITAL,
    kind: 'legal-form',
  },
  { name: 'Sichuan Yuanan Pharmaceutical Co Ltd', country: 'CN', expected: YUANAN, kind: 'alias' },
  { name: 'Xinjiang Zijin Zinc Industries Ltd', country: 'CN', expected: ZIJIN_ZINC, kind: 'legal-form' },
  { name: 'Xinjiang Jinbao Mining', country: 'CN', expected: JINBAO, kind: 'legal-form' },
  { name: 'Shihezi Standard Fibre Co.', country: 'CN', expected: SHIHEZI_STANDARD, kind: 'legal-form' },
  { name: 'Hubei Jingtian Cotton Industry Group', country: 'CN', expected: JINGTIAN, kind: 'legal-form' },
  { name: 'Shaya Yinhua Cotton', country: 'CN', expected: SHAYA_YINHUA, kind: 'dropped-words' },
  {
    name: 'Shihezi Xinren Battery Aluminium Foil Technology',
    country: 'CN',
    expected: XINREN,
    kind: 'legal-form',
  },
  {
    name: 'Tangshan Sanyou Chemical Industries',
    country: 'CN',
    expected: TANGSHAN_SANYOU,
    kind: 'extra-words',
    note: 'a subsidiary; the order covers them',
  },
  // Parents and subcontractors
  {
    name: 'Sunrise Knitwear Ltd',
    country: 'BD',
    parent: 'Esquel Group',
    expected: ESQUEL_GROUP,
    kind: 'parent',
  },
  {
    name: 'Saigon Melange Yarn Co.',
    country: 'VN',
    parent: 'Huafu Fashion Co Ltd',
    expected: HUAFU_FASHION,
    kind: 'parent',
  },
  {
    name: 'Nova Printing Supplies Inc.',
    country: 'US',
    parent: 'Ninestar Corp',
    expected: NINESTAR,
    kind: 'parent',
  },
  {
    name: 'Mianyang Precision Parts',
    country: 'CN',
    parent: 'Sichuan Jingweida Technology Group Co., Ltd.',
    expected: JINGWEIDA,
    kind: 'parent',
  },
  {
    name: 'Pacific Textile Ltd',
    country: 'KH',
    subcontractor: 'Changji Esquel Textile Co. Ltd',
    expected: CHANGJI_ESQUEL,
    kind: 'subcontractor',
  },
  {
    name: 'Golden Star Garments',
    country: 'BD',
    subcontractor: 'Aksu Huafu Textiles Co. Ltd',
    expected: AKSU_HUAFU,
    kind: 'subcontractor',
  },
  // Decoys: a rare word shared with a listed entity, a different company
  {
    name: 'Zhongtai Securities Co., Ltd.',
    country: 'CN',
    expected: NONE,
    kind: 'decoy',
    note: 'a Shandong brokerage',
  },
  { name: 'Taida Electronics (Tianjin)', country: 'CN', expected: NONE, kind: 'decoy' },
  { name: 'Meixin Cosmetics Co.', country: 'CN', expected: NONE, kind: 'decoy' },
  { name: 'Giant Eagle Foods', country: 'US', expected: NONE, kind: 'decoy' },
  { name: 'Camel Active Apparel GmbH', country: 'DE', expected: NONE, kind: 'decoy' },
  { name: 'Western Digital Technologies', country: 'MY', expected: NONE, kind: 'decoy' },
  { name: 'Union Bank', country: 'US', expected: NONE, kind: 'decoy' },
  { name: 'Select Fashion Ltd', country: 'BD', expected: NONE, kind: 'decoy' },
  { name: 'Oasis Garments Ltd', country: 'BD', expected: NONE, kind: 'decoy' },
  { name: 'Apex Textile Printing Mills', country: 'BD', expected: NONE, kind: 'decoy' },
  { name: 'Golden Horse Tyres', country: 'CN', expected: NONE, kind: 'decoy' },
  { name: 'Victoria Furniture', country: 'MX', expected: NONE, kind: 'decoy' },
  {
    name: 'Da Wang Trading Co.',
    country: 'CN',
    expected: NONE,
    kind: 'decoy',
    note: 'shares the name of a fishing vessel',
  },
  { name: 'Xinjiang Tianshan Cement Co., Ltd.', country: 'CN', expected: NONE, kind: 'decoy' },
  { name: 'Junggar Basin Oil Services', country: 'CN', expected: NONE, kind: 'decoy' },
  { name: 'Yili Dairy Group', country: 'CN', expected: NONE, kind: 'decoy' },
  { name: 'Xinjiang Goldwind Science & Technology', country: 'CN', expected: NONE, kind: 'decoy' },
  {
    name: 'JA Solar Technology Co.',
    country: 'CN',
    expected: NONE,
    kind: 'decoy',
    note: 'the parent of a listed subsidiary, not listed itself',
  },
  { name: 'Tom Tailor GmbH', country: 'DE', expected: NONE, kind: 'decoy' },
  { name: 'Giant Tiger Stores', country: 'CA', expected: NONE, kind: 'decoy' },
  { name: 'Hero Cycles Ltd', country: 'IN', expected: NONE, kind: 'decoy' },
  { name: 'Mink Fashion Co', country: 'CN', expected: NONE, kind: 'decoy' },
  {
    name: 'Meike Electronics Co.',
    country: 'CN',
    expected: NONE,
    kind: 'decoy',
    note: 'a camera-lens maker sharing an alias word',
  },
  { name: 'Casual Wear Ltd', country: 'BD', expected: NONE, kind: 'decoy' },
  { name: 'Jiangsu Sunshine Group', country: 'CN', expected: NONE, kind: 'decoy' },
  { name: 'Hetian Meiyu Food Co.', country: 'CN', expected: NONE, kind: 'decoy' },
  { name: 'Shanshan Huaxing Garments', country: 'CN', expected: NONE, kind: 'decoy' },
  { name: 'Xinjiang New Energy Co.', country: 'CN', expected: NONE, kind: 'decoy' },
  { name: 'Hongyuan Cashmere Trading', country: 'CN', expected: NONE, kind: 'decoy' },
  { name: 'Zijin Hotel Management', country: 'CN', expected: NONE, kind: 'decoy' },
  // Generic names
  { name: 'Textile Co.', country: 'CN', expected: NONE, kind: 'generic' },
  { name: 'Xinjiang Textile Co.', country: 'CN', expected: NONE, kind: 'generic' },
  { name: 'Shanshan Textile Co.', country: 'CN', expected: NONE, kind: 'generic' },
  { name: 'Aksu Cotton Trading Co.', country: 'CN', expected: NONE, kind: 'generic' },
  { name: 'Kashgar Textile Industrial Park Co', country: 'CN', expected: NONE, kind: 'generic' },
  { name: 'China Cotton Trading Co.', country: 'CN', expected: NONE, kind: 'generic' },
  { name: 'Hetian Food Industry Co.', country: 'CN', expected: NONE, kind: 'generic' },
  { name: 'Shanghai Textile Group', country: 'CN', expected: NONE, kind: 'generic' },
  { name: 'Guangdong Textile Import & Export', country: 'CN', expected: NONE, kind: 'generic' },
  { name: 'New Energy Materials Co', country: 'CN', expected: NONE, kind: 'generic' },
  { name: 'Zhuhai Textile Co.', country: 'CN', expected: NONE, kind: 'generic' },
  { name: 'International Trading Company', country: 'US', expected: NONE, kind: 'generic' },
  { name: 'Golden Star Garments Ltd', country: 'BD', expected: NONE, kind: 'generic' },
  { name: 'Aluminum Foil Packaging Co.', country: 'CN', expected: NONE, kind: 'generic' },
  {
    name: '新疆纺织有限公司',
    country: 'CN',
    expected: NONE,
    kind: 'generic',
    note: 'Xinjiang Textile Co. in Chinese',
  },
  // Parties a list no longer names
  {
    name: 'Everest Carpet',
    country: 'NP',
    expected: NONE,
    kind: 'no-longer-listed',
    note: 'removed from the Nepal WRO in 1998',
  },
  {
    name: 'Sime Darby Plantation Berhad',
    country: 'MY',
    expected: NONE,
    kind: 'no-longer-listed',
    note: 'Finding revoked 2023-02-03',
  },
  {
    name: 'Kingtom Aluminio SRL',
    country: 'DO',
    expected: NONE,
    kind: 'no-longer-listed',
    note: 'inactive, pending litigation',
  },
  {
    name: 'Alliance One International',
    country: 'MW',
    expected: NONE,
    kind: 'no-longer-listed',
    note: 'removed from the Malawi order',
  },
];

export const LABELLED_NAMES: readonly LabelledCase[] = ROWS.map((row, index) => ({ id: index + 1, ...row }));

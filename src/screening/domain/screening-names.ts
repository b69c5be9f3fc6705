import { dropApostrophes, isPlainAscii, spellOutAmpersand } from '../../common/text/fold.js';
import { cleanText, foldCaseAndAccents } from '../../imports/domain/normalise-text.js';
import { singular } from '../../rules/domain/text-matching.js';

// How a party's name is read for screening against enforcement lists. Every table here is explicit and reviewed:
// a word is a legal form, a stop word, a place, a generic word or (anything else) a distinctive word, and a few
// spellings are folded to one. docs/screening-matching.md explains the choices.

/**
 * What a word says about who a company is. Distinctive words name it ("Hoshine", "Taida"); places say where it
 * is; sector words what it does; filler words what kind of body it is. Only distinctive words can make a hit.
 */
export type TokenClass = 'distinctive' | 'place' | 'sector' | 'filler';

export interface ScreeningName {
  /** Folded Latin-script words, legal forms and stop words removed, variants folded to one spelling. */
  tokens: string[];
  /** The Chinese characters of the name, legal forms (有限公司, 集团 ...) removed; '' when there are none. */
  han: string;
  /** Words read as another spelling ("hotan" as "hetian"), for the reasons a hit gives. */
  variants: { from: string; to: string }[];
}

// Legal forms written as several words, removed wherever they stand ("Co., Ltd., Xinye Branch").
const LEGAL_PHRASES: readonly (readonly string[])[] = [
  'joint stock company',
  'limited liability company',
  'company limited',
  'co limited',
  'co ltd',
  'sa de cv',
  's de rl de cv',
  's de rl',
  'sdn bhd',
  'pvt ltd',
  'pte ltd',
  'pty ltd',
  'private limited',
  'gmbh co kg',
  'gmbh and co kg',
  'joint stock',
]
  .map((phrase) => phrase.split(' '))
  .sort((a, b) => b.length - a.length);

// Legal-form words that are never anything else in a company name: removed wherever they stand.
const LEGAL_WORDS = new Set([
  'ltd',
  'limited',
  'llc',
  'llp',
  'gmbh',
  'inc',
  'incorporated',
  'corp',
  'bhd',
  'berhad',
  'tbk',
  'doo',
  'srl',
  'sarl',
  'plc',
  'pvt',
  'ltda',
  'pte',
  'pty',
  'jsc',
  'ojsc',
  'pjsc',
  'cjsc',
  'tnhh',
]);

// Legal-form words that can also be part of a name, removed only at its start or end. "Corps" is not one: it is
// part of the name of the Xinjiang Production and Construction Corps.
const LEGAL_WORDS_AT_END = new Set([
  'co',
  'company',
  'corporation',
  'sa',
  'ag',
  'kg',
  'bv',
  'nv',
  'spa',
  'sas',
  'ab',
  'oy',
  'as',
  'cv',
  'lt',
]);
const LEGAL_WORDS_AT_START = new Set(['pt', 'cv', 'ooo', 'zao', 'oao']);

const STOP_WORDS = new Set(['and', 'of', 'the', 'de', 'del', 'la', 'y', 'et', 'und', 'for', 'its']);

// Chinese legal forms, longest first; 集团 (group) and 分公司 (branch) too, as the Latin "Group" is filler.
const HAN_LEGAL_FORMS = [
  '股份有限公司',
  '有限责任公司',
  '有限責任公司',
  '有限公司',
  '分公司',
  '集团',
  '集團',
  '公司',
];

/**
 * One spelling for words written several ways. Place names: the romanisations found in supplier lists for the
 * Xinjiang places the lists name (pinyin, Uyghur-based and older postal forms). Each pair names one place:
 * Hotan is 和田 (Hetian in pinyin), Kashi 喀什 (Kashgar), Ürümqi 乌鲁木齐 (Wulumuqi), Ili 伊犁 (Yili), Turpan 吐鲁番
 * (Tulufan, Turfan), Aksu 阿克苏 (Akesu), Kuqa 库车 (Kuche), Korla 库尔勒 (Kuerle), Kumul 哈密 (Hami), Karamay 克拉玛依
 * (Kelamayi), Lop 洛浦 (Luopu), Awat 阿瓦提 (Awati), Kuytun 奎屯 (Kuitun), Piqan 鄯善 (Shanshan), Kaba 哈巴河 (Habahe),
 * Shayar 沙雅 (Shaya), Sinkiang 新疆 (Xinjiang), Szechuan 四川 (Sichuan). Left out on purpose: Bazhou for
 * Bayingolin (霸州 in Hebei is also Bazhou), and Changji, Shihezi (written one way only).
 * English: British and American spellings, common abbreviations, and garment words that name one trade.
 */
const VARIANTS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    hotan: 'hetian',
    khotan: 'hetian',
    kashi: 'kashgar',
    kaxgar: 'kashgar',
    wulumuqi: 'urumqi',
    urumchi: 'urumqi',
    sinkiang: 'xinjiang',
    xuar: 'xinjiang',
    ili: 'yili',
    tulufan: 'turpan',
    turfan: 'turpan',
    akesu: 'aksu',
    kuqa: 'kuche',
    kuerle: 'korla',
    kumul: 'hami',
    kelamayi: 'karamay',
    luopu: 'lop',
    awat: 'awati',
    kuytun: 'kuitun',
    piqan: 'shanshan',
    pichan: 'shanshan',
    kaba: 'habahe',
    shayar: 'shaya',
    szechuan: 'sichuan',
    colour: 'color',
    fibre: 'fiber',
    aluminium: 'aluminum',
    centre: 'center',
    jewellery: 'jewelry',
    tyre: 'tire',
    labour: 'labor',
    intl: 'international',
    ind: 'industry',
    industrial: 'industry',
    mfg: 'manufacturing',
    grp: 'group',
    hldg: 'holding',
    hldgs: 'holding',
    apparel: 'garment',
    clothing: 'garment',
    corporation: 'corp',
  }),
);

// Places that appear in the lists or commonly open a Chinese company name: provinces, the cities and counties
// the listed names give, and countries. A place says where a company is, not who it is.
const PLACE_WORDS = new Set(
  [
    // Chinese provinces, regions and municipalities
    'anhui beijing chongqing fujian gansu guangdong guangxi guizhou hainan hebei heilongjiang henan hubei hunan',
    'jiangsu jiangxi jilin liaoning inner mongolia ningxia qinghai shaanxi shandong shanghai shanxi sichuan',
    'tianjin tibet xinjiang yunnan zhejiang hong kong macau macao taiwan',
    // Xinjiang cities, prefectures and counties named by the lists (and their folded variants above)
    'hetian kashgar aksu urumqi turpan yili shihezi changji shanshan hami karamay kuche korla kuitun awati lop',
    'huyanghe yanqi jiashi yuepu shaya habahe altay bayingolin',
    // other Chinese cities and counties named by the lists
    'baotou zhuhai hefei nanjing dongguan mianyang rizhao binzhou heze nangong xinye nanling wuyuan linxi',
    'jiangyin ninghai lanxi wugang jining junan weifang huangmei xiaochi nanyang ningbo changzhou hangzhou',
    'dalian jinan taiyuan zhangzhou wuxi changsha qingdao chaohu xuzhou laiyang shenyang guangzhou tangshan',
    'huizhou nantong zigong hengshui shenzhen suzhou xiamen foshan shaoxing wenzhou',
    // countries and places outside China
    'china chinese malaysia vietnam bangladesh india indonesia thailand cambodia pakistan turkey mexico japan',
    'korea usa america europe kathmandu nepal nagoya zrenjanin serbia malawi turkmenistan jordan mauritius',
  ].flatMap((line) => line.split(' ').map(canonicalWord)),
);

// What kind of body a company is, or words that qualify any name. They weigh least.
const FILLER_WORDS = new Set(
  [
    'group holding industry manufacturing development international trading trade import export general',
    'enterprise technology tech science new branch factory plant work company corp',
    'management investment economic business park station center county city province district region',
    'autonomous national global united product service services system solution limited cooperation',
    'sale selling supply chain buying transfer reserve library high zone subordinate subsidiary affiliated',
    'holdings no number first second one two east west north south production education training vocation',
    'vocational skill prison penitentiary labor reform detachment laogai reeducation camp state',
  ].flatMap((line) => line.split(' ').map(canonicalWord)),
);

// Words that say what a company does: shared by many companies, they never make a hit on their own.
const SECTOR_WORDS = new Set(
  [
    'textile garment fabric cotton linen yarn spinning knitting dyeing dyed melange wool fiber color fashion',
    'shoe leather fur hair accessory bedding cloth',
    'food canned fruit vegetable cereal oil sugar tomato tea dairy herbal medicine medicinal pharmaceutical',
    'nutraceutical ingredient additive biotechnology biotech biological bio bioscience agricultural agriculture',
    'farm fishing seafood tobacco',
    'energy solar silicon battery lithium aluminum foil metal nonferrous copper zinc magnesium gold mine mining',
    'iron steel coal electricity electric power chemical rare earth material materials resource resources',
    'electronic electronics microelectronic optoelectronic semiconductor digital information printing machine',
    'machinery automation grinding cnc auto part parts engineering construction estate real equipment',
    'logistic logistics warehousing warehouse storage transport intermodal shipping',
    'security securities bank finance financial insurance hotel consulting design packaging plastic rubber',
    'glove carpet furniture diamond toy label wire wear',
  ].flatMap((line) => line.split(' ').map(canonicalWord)),
);

const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /\p{Script=Han}+/gu;
// Dotted initials are one word: "K.K." is "kk", "S.A." is "sa", "D.O.O." is "doo".
const DOTTED_INITIALS = /(?<![\p{L}\p{N}])((?:\p{L}\.){2,}\p{L}?)/gu;

/** A word's class, read on its folded, canonical spelling. */
export function tokenClass(token: string): TokenClass {
  if (PLACE_WORDS.has(token)) {
    return 'place';
  }
  if (FILLER_WORDS.has(token)) {
    return 'filler';
  }
  if (SECTOR_WORDS.has(token)) {
    return 'sector';
  }
  return /^\d+$/.test(token) ? 'filler' : 'distinctive';
}

/** One spelling of a folded word: the variant table, then the English singular the rules use ("Textiles"). */
export function canonicalWord(word: string): string {
  const one = singular(word);
  return VARIANTS.get(word) ?? VARIANTS.get(one) ?? one;
}

function stripLegalForms(words: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < words.length;) {
    const phrase = LEGAL_PHRASES.find((form) => form.every((word, k) => words[i + k] === word));
    if (phrase) {
      i += phrase.length;
    } else {
      if (!LEGAL_WORDS.has(words[i])) {
        kept.push(words[i]);
      }
      i += 1;
    }
  }
  // A name made only of a legal form keeps it rather than becoming empty.
  let start = 0;
  let end = kept.length;
  while (end - start > 1 && LEGAL_WORDS_AT_END.has(kept[end - 1])) {
    end -= 1;
  }
  while (end - start > 1 && LEGAL_WORDS_AT_START.has(kept[start])) {
    start += 1;
  }
  return kept.slice(start, end);
}

function hanKey(text: string): string {
  let han = (text.match(HAN_RUNS) ?? []).join('');
  let changed = true;
  while (changed) {
    changed = false;
    for (const form of HAN_LEGAL_FORMS) {
      if (han.endsWith(form) && han.length > form.length) {
        han = han.slice(0, -form.length);
        changed = true;
      }
    }
  }
  return han;
}

/**
 * A name as screening reads it: NFKC, case and accents folded, "&" read as "and", dotted initials joined,
 * punctuation and hyphens split words, legal forms and stop words removed, variant spellings folded. Chinese
 * characters are kept apart: they are never transliterated.
 */
export function screeningName(name: string): ScreeningName {
  // Plain ASCII (most names) has no accent, compatibility form or invisible character to fold.
  const folded = isPlainAscii(name) ? name.toLowerCase() : foldCaseAndAccents(cleanText(name));
  const han = HAN.test(folded) ? hanKey(folded) : '';
  const latin = dropApostrophes(spellOutAmpersand(folded.replace(HAN_RUNS, ' ')))
    .replace(DOTTED_INITIALS, (initials) => initials.replace(/\./g, ''))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  const variants: { from: string; to: string }[] = [];
  const tokens = stripLegalForms(latin)
    .filter((word) => !STOP_WORDS.has(word))
    .map((word) => {
      const token = canonicalWord(word);
      if (token !== word && token !== singular(word)) {
        variants.push({ from: word, to: token });
      }
      return token;
    });
  return { tokens, han, variants };
}

import { isPlainAscii } from '../../common/text/fold.js';
import { foldCaseAndAccents } from '../../imports/domain/normalise-text.js';
import { PhraseIndex } from '../../rules/domain/text-matching.js';

// CBP orders that name no party (entity "all") cover goods of an area: a country, or a region of it, and the
// products the merchandise cell names. Some also cover products made elsewhere with the area's goods as inputs
// (Turkmenistan cotton in a garment made in Bangladesh). The merchandise text is read by the rules below; what
// counts as a product made with an input is the explicit table PRODUCT_TERMS.

export interface AreaRegion {
  /** The region as reports name it. */
  name: string;
  /** Folded words that place a site in the region, in its region or city field. */
  words: readonly string[];
}

export interface AreaScope {
  /** ISO alpha-2 of the area's country. */
  country: string;
  /** The region of the country the order is limited to, when the merchandise names one. */
  region?: AreaRegion;
  /** The goods the order names, folded and singular ("cotton", "tomato"). */
  products: string[];
  /** The order also covers products made wholly or in part with those goods, wherever they are made. */
  coversDownstream: boolean;
  /** How the area reads in a question ("Turkmenistan", "the Xinjiang Uyghur Autonomous Region (China)"). */
  areaLabel: string;
}

// Regions an area order can be limited to. The Xinjiang words are those of the Xinjiang indicator of the default
// rules (rules/indicators/country.yaml), where a supplier's region field is read the same way.
const REGIONS: readonly (AreaRegion & { country: string })[] = [
  {
    country: 'CN',
    name: 'Xinjiang Uyghur Autonomous Region',
    words: [
      'xinjiang',
      'xuar',
      'uyghur',
      'uighur',
      '新疆',
      'urumqi',
      'kashgar',
      'kashi',
      'hotan',
      'hetian',
      'aksu',
      'korla',
      'shihezi',
      'turpan',
      'hami',
      'karamay',
      'changji',
      'yili',
    ],
  },
];

/**
 * For each good an area order can name: the words of a supplier's products that are that good, and those that
 * are products commonly made with it (only used when the order covers downstream products). Chinese words match
 * anywhere in the text; Latin words and phrases match whole words, plural or singular.
 */
const PRODUCT_TERMS: Readonly<Record<string, { good: readonly string[]; madeWith: readonly string[] }>> = {
  cotton: {
    good: ['cotton', 'raw cotton', 'cotton lint', 'seed cotton', '棉花', '皮棉'],
    madeWith: [
      'yarn',
      'thread',
      'fabric',
      'textile',
      'garment',
      'apparel',
      'clothing',
      'denim',
      'jeans',
      'knitwear',
      'knitted',
      'woven',
      'shirt',
      't shirt',
      'tee',
      'towel',
      'bedding',
      'bed linen',
      'hosiery',
      'sock',
      'underwear',
      'home textile',
      'terry',
      '纱',
      '棉布',
      '服装',
      '纺织',
      '面料',
      '针织',
      '毛巾',
    ],
  },
  tomato: {
    good: ['tomato', '番茄', '西红柿'],
    madeWith: ['ketchup', 'pasta sauce', 'pizza sauce', 'passata', '番茄酱'],
  },
  tobacco: {
    good: ['tobacco', 'leaf tobacco', '烟叶', '烟草'],
    madeWith: ['cigarette', 'cigar', 'beedi', 'bidi', 'snuff', 'shisha', '卷烟', '香烟'],
  },
  gold: {
    good: ['gold', 'gold ore', 'gold dore', '黄金', '金矿'],
    madeWith: ['jewelry', 'jewellery', 'bullion'],
  },
};

/**
 * Materials that, named in a product without the good itself, say the product is not made with it: "Merino wool
 * knitwear" and "Polyester jackets" are not cotton products ("Cotton/polyester T-shirts" are: cotton is named).
 */
const OTHER_MATERIALS: Readonly<Record<string, readonly string[]>> = {
  cotton: [
    'wool',
    'merino',
    'cashmere',
    'alpaca',
    'mohair',
    'silk',
    'polyester',
    'nylon',
    'polyamide',
    'acrylic',
    'viscose',
    'rayon',
    'elastane',
    'spandex',
    'leather',
    'synthetic',
    'down',
    '羊毛',
    '涤纶',
    '真丝',
  ],
};

// Sectors (taxonomy.yaml ids) that are evidence of a made-with product when a supplier gives no products.
const SECTOR_EVIDENCE: Readonly<Record<string, string>> = { garments: 'cotton' };

const DOWNSTREAM = /downstream|in whole or in part|products containing|made wholly or in part/i;
const HAN = /\p{Script=Han}/u;

/** Reads an area order: its region, goods and whether it covers products made with them. */
export function parseAreaScope(country: string, merchandise: string, countryName: string): AreaScope {
  const folded = foldCaseAndAccents(merchandise);
  const region = REGIONS.find(
    (candidate) => candidate.country === country && candidate.words.some((word) => wholeWord(folded, word)),
  );
  const head = merchandise.split('(')[0];
  const products = head
    .split(/,|\band\b/i)
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '' && !/downstream|products?$/.test(part))
    .map((part) => part.replace(/es$/, '').replace(/s$/, ''))
    .map((part) => (part === 'tomato' || part === 'tomatoe' ? 'tomato' : part));
  return {
    country,
    ...(region ? { region: { name: region.name, words: region.words } } : {}),
    products,
    coversDownstream: DOWNSTREAM.test(merchandise),
    areaLabel: region ? `the ${region.name} (${countryName})` : countryName,
  };
}

function wholeWord(text: string, word: string): boolean {
  return HAN.test(word)
    ? text.includes(word)
    : new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/** What a supplier tells about where it is and what it makes. */
export interface AreaSubject {
  /** ISO alpha-2. */
  country?: string;
  region?: string;
  city?: string;
  products?: readonly string[];
  /** Canonical sector (taxonomy.yaml id). */
  sector?: string;
}

export type ProductEvidence = 'good' | 'made-with' | 'sector' | 'unknown' | 'none';

export interface AreaMatch {
  strength: 'hit' | 'potential';
  /** The order's good the supplier's products are or contain. */
  good?: string;
  /** The supplier's words that matched ("garments", "cotton yarn"). */
  matchedProducts: string[];
  reasons: string[];
  /** The question to ask the supplier, for a potential hit. */
  question?: string;
}

interface GoodIndex {
  latin: PhraseIndex<{ good: string; madeWith: boolean }>;
  han: { term: string; good: string; madeWith: boolean }[];
  /** Other materials, by the good they rule out. */
  others: PhraseIndex<string>;
  othersHan: { term: string; good: string }[];
}

let goodIndex: GoodIndex | undefined;

function index(): GoodIndex {
  if (!goodIndex) {
    const latin = new PhraseIndex<{ good: string; madeWith: boolean }>();
    const han: GoodIndex['han'] = [];
    for (const [good, terms] of Object.entries(PRODUCT_TERMS)) {
      for (const [madeWith, words] of [
        [false, terms.good],
        [true, terms.madeWith],
      ] as const) {
        for (const word of words) {
          if (HAN.test(word)) {
            han.push({ term: word, good, madeWith });
          } else {
            latin.add(word, { good, madeWith });
          }
        }
      }
    }
    const others = new PhraseIndex<string>();
    const othersHan: GoodIndex['othersHan'] = [];
    for (const [good, words] of Object.entries(OTHER_MATERIALS)) {
      for (const word of words) {
        if (HAN.test(word)) {
          othersHan.push({ term: word, good });
        } else {
          others.add(word, good);
        }
      }
    }
    goodIndex = { latin, han, others, othersHan };
  }
  return goodIndex;
}

/** What a supplier's products say about each good: its own products, or products made with it. */
interface ProductReading {
  /** Per good, the products that are the good and those made with it. */
  goods: Map<string, { good: string[]; madeWith: string[] }>;
  known: boolean;
  sector?: string;
}

/** A supplier read once for all area orders. */
export interface PreparedAreaSubject {
  country?: string;
  /** Folded words of the region and city; '' when neither is given. */
  place: string;
  placeWords: ReadonlySet<string>;
  products: ProductReading;
}

// Portfolios repeat their product texts: each is read once (bounded, as the goods matcher of the rules does).
const MEMO_LIMIT = 50_000;
const productMemo = new Map<string, { good: string; madeWith: boolean }[]>();

function goodsIn(product: string): { good: string; madeWith: boolean }[] {
  let found = productMemo.get(product);
  if (!found) {
    const { latin, han, others, othersHan } = index();
    const all = [
      ...latin.find(product).map((match) => match.value),
      ...han
        .filter((entry) => product.includes(entry.term))
        .map(({ good, madeWith }) => ({ good, madeWith })),
    ];
    const ruledOut = new Set([
      ...others.find(product).map((match) => match.value),
      ...othersHan.filter((entry) => product.includes(entry.term)).map((entry) => entry.good),
    ]);
    const named = new Set(all.filter((entry) => !entry.madeWith).map((entry) => entry.good));
    found = all.filter((entry) => !entry.madeWith || named.has(entry.good) || !ruledOut.has(entry.good));
    if (productMemo.size >= MEMO_LIMIT) {
      productMemo.clear();
    }
    productMemo.set(product, found);
  }
  return found;
}

export function prepareAreaSubject(subject: AreaSubject): PreparedAreaSubject {
  const where = [subject.region, subject.city].filter(Boolean).join(' ');
  const place = (isPlainAscii(where) ? where.toLowerCase() : foldCaseAndAccents(where)).trim();
  const goods = new Map<string, { good: string[]; madeWith: string[] }>();
  for (const product of subject.products ?? []) {
    for (const found of goodsIn(product)) {
      const entry = goods.get(found.good) ?? { good: [], madeWith: [] };
      const list = found.madeWith ? entry.madeWith : entry.good;
      if (!list.includes(product)) {
        list.push(product);
      }
      goods.set(found.good, entry);
    }
  }
  return {
    ...(subject.country ? { country: subject.country } : {}),
    place,
    placeWords: new Set(place.split(/[^\p{L}\p{N}]+/u)),
    products: {
      goods,
      known: (subject.products ?? []).length > 0,
      ...(subject.sector ? { sector: subject.sector } : {}),
    },
  };
}

/** How a supplier's products relate to a good: the good itself, made with it, or neither. */
function productEvidence(
  products: ProductReading,
  good: string,
): { evidence: ProductEvidence; matched: string[] } {
  const found = products.goods.get(good);
  if (found && found.good.length > 0) {
    return {
      evidence: 'good',
      matched: [...found.good, ...found.madeWith.filter((p) => !found.good.includes(p))],
    };
  }
  if (found && found.madeWith.length > 0) {
    return { evidence: 'made-with', matched: found.madeWith };
  }
  if (!products.known) {
    return products.sector && SECTOR_EVIDENCE[products.sector] === good
      ? { evidence: 'sector', matched: [] }
      : { evidence: 'unknown', matched: [] };
  }
  return { evidence: 'none', matched: [] };
}

/** Where the supplier is against the area: inside, outside, or in the country with its region unknown. */
function placement(scope: AreaScope, subject: PreparedAreaSubject): 'inside' | 'outside' | 'region-unknown' {
  if (subject.country !== scope.country) {
    return 'outside';
  }
  if (!scope.region) {
    return 'inside';
  }
  if (subject.place === '') {
    return 'region-unknown';
  }
  const named = scope.region.words.some((word) =>
    HAN.test(word) ? subject.place.includes(word) : subject.placeWords.has(word),
  );
  return named ? 'inside' : 'outside';
}

/**
 * An area order against a supplier. A site in the area making the good (or, for an order covering downstream
 * products, a product made with it) is a hit. A potential hit is a question to ask: a site elsewhere whose
 * products are made with a good the order covers downstream ("Does this supplier's cotton come from
 * Turkmenistan?"); a site in the country whose region is unknown; a site in the area whose products are unknown.
 */
export function matchAreaOrder(
  scope: AreaScope,
  subject: AreaSubject | PreparedAreaSubject,
): AreaMatch | undefined {
  const prepared = 'placeWords' in subject ? subject : prepareAreaSubject(subject);
  const where = placement(scope, prepared);
  let best: AreaMatch | undefined;
  for (const good of scope.products) {
    const { evidence, matched } = productEvidence(prepared.products, good);
    const match = decide(scope, where, good, evidence, matched);
    if (match && (!best || (match.strength === 'hit' && best.strength !== 'hit'))) {
      best = match;
    }
  }
  return best;
}

function decide(
  scope: AreaScope,
  where: 'inside' | 'outside' | 'region-unknown',
  good: string,
  evidence: ProductEvidence,
  matched: string[],
): AreaMatch | undefined {
  const area = scope.areaLabel;
  const madeWith = evidence === 'made-with' || evidence === 'sector';
  const covered = evidence === 'good' || (madeWith && scope.coversDownstream);
  const products = matched.length > 0 ? `products ${matched.map((p) => `"${p}"`).join(', ')}` : 'its sector';
  if (where === 'inside' && covered) {
    return {
      strength: evidence === 'sector' ? 'potential' : 'hit',
      good,
      matchedProducts: matched,
      reasons: [
        `The site is in ${area}`,
        evidence === 'good'
          ? `its ${products} are ${good}, which the order covers`
          : `its ${products} are made with ${good}, and the order covers downstream products`,
      ],
      ...(evidence === 'sector' ? { question: `Does this supplier's ${good} come from ${area}?` } : {}),
    };
  }
  if (where === 'inside' && evidence === 'unknown') {
    return {
      strength: 'potential',
      good,
      matchedProducts: [],
      reasons: [`The site is in ${area}; its products are not known`],
      question: `Does this supplier make or use ${good}${scope.coversDownstream ? ' or products made with it' : ''}?`,
    };
  }
  if (where === 'region-unknown' && (evidence === 'good' || madeWith)) {
    return {
      strength: 'potential',
      good,
      matchedProducts: matched,
      reasons: [
        `The site is in ${scope.country} but its region is not known`,
        `its ${products} involve ${good}`,
      ],
      question: `Is this site in ${area}, and does its ${good} come from there?`,
    };
  }
  if (scope.coversDownstream && (evidence === 'good' || madeWith)) {
    return {
      strength: 'potential',
      good,
      matchedProducts: matched,
      reasons: [
        `The order covers ${good} from ${area} and products made with it, wherever they are made`,
        `the supplier's ${products} ${evidence === 'good' ? `are ${good}` : `are made with ${good}`}`,
      ],
      question: `Does this supplier's ${good} come from ${area}?`,
    };
  }
  return undefined;
}

/** The origin questions of several potential area hits, one per good: "… come from Turkmenistan or …?". */
export function originQuestions(matches: readonly { good?: string; areaLabel: string }[]): string[] {
  const byGood = new Map<string, string[]>();
  for (const match of matches) {
    if (match.good) {
      byGood.set(match.good, [...(byGood.get(match.good) ?? []), match.areaLabel]);
    }
  }
  return [...byGood].map(([good, areas]) => {
    const list = [...new Set(areas)];
    const joined =
      list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
    return `Does this supplier's ${good} come from ${joined}?`;
  });
}

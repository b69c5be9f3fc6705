import { type Cell, xlsxBuffer } from './workbooks.js';

// A portfolio of varied suppliers in the shape real lists come in: brand disclosure lists with title rows and
// Open Supply Hub style headers, some with spend, countries written as each list writes them, a few sites in
// high-risk countries that hold few suppliers, duplicated rows and a rejected row per list, and names of
// entities on the UFLPA Entity List so that screening raises hits. Deterministic: the same call, the same files.

/** Country as a list writes it; `weight` sets how many suppliers it gets. */
const COUNTRIES: ReadonlyArray<{ written: readonly string[]; weight: number }> = [
  { written: ['China', "People's Republic of China", 'CN'], weight: 30 },
  { written: ['Bangladesh', 'BD'], weight: 14 },
  { written: ['Viet Nam', 'Vietnam', 'VN'], weight: 12 },
  { written: ['India'], weight: 10 },
  { written: ['Türkiye', 'Turkey'], weight: 8 },
  { written: ['Indonesia'], weight: 6 },
  { written: ['Pakistan'], weight: 5 },
  { written: ['Cambodia'], weight: 5 },
  { written: ['Sri Lanka'], weight: 4 },
  { written: ['Thailand'], weight: 4 },
  { written: ['Malaysia'], weight: 4 },
  { written: ['Mexico'], weight: 3 },
  { written: ['Brazil'], weight: 3 },
  { written: ["Côte d'Ivoire", 'Ivory Coast'], weight: 3 },
  { written: ['Ghana'], weight: 3 },
  { written: ['Germany', 'Deutschland'], weight: 3 },
  { written: ['Italy'], weight: 3 },
  { written: ['Portugal'], weight: 3 },
  { written: ['Poland'], weight: 2 },
  { written: ['Romania'], weight: 2 },
  { written: ['Morocco'], weight: 2 },
  { written: ['Egypt'], weight: 2 },
  { written: ['Ethiopia'], weight: 2 },
  { written: ['Kenya'], weight: 2 },
  { written: ['Philippines'], weight: 2 },
  { written: ['Taiwan'], weight: 2 },
  { written: ['Korea, Republic of', 'South Korea'], weight: 2 },
  { written: ['Japan'], weight: 2 },
  { written: ['United States', 'USA'], weight: 2 },
  { written: ['Peru'], weight: 2 },
  { written: ['Colombia'], weight: 1 },
  { written: ['Ecuador'], weight: 1 },
  { written: ['Guatemala'], weight: 1 },
  { written: ['Honduras'], weight: 1 },
  { written: ['Madagascar'], weight: 1 },
  { written: ['Uzbekistan'], weight: 1 },
  { written: ['Tunisia'], weight: 1 },
  { written: ['Jordan'], weight: 1 },
  { written: ['Nepal'], weight: 1 },
  { written: ['Laos', "Lao People's Democratic Republic"], weight: 1 },
];

/** Few suppliers each, high country risk: the countries a list by supplier count leaves out. */
const RARE_HIGH_RISK: readonly string[] = [
  'Burma',
  'Russian Federation',
  'Syria',
  'Haiti',
  'Eritrea',
  'Turkmenistan',
  'Afghanistan',
  'Yemen',
];

const SECTORS: ReadonlyArray<{ sector: string; products: readonly string[] }> = [
  { sector: 'Apparel', products: ['T-shirts', 'Denim jeans', 'Knitwear', 'Cotton yarn', 'Woven shirts'] },
  { sector: 'Electronics', products: ['Smartphones', 'Printed circuit boards', 'Solar panels', 'Cables'] },
  { sector: 'Agriculture', products: ['Cocoa beans', 'Coffee', 'Palm oil', 'Shrimp', 'Sugarcane'] },
  { sector: 'Footwear', products: ['Leather shoes', 'Sneakers'] },
  { sector: 'Home textiles', products: ['Towels', 'Bed linen'] },
  { sector: 'Furniture', products: ['Wooden chairs', 'Rattan baskets'] },
  { sector: 'Packaging', products: ['Cardboard boxes', 'Plastic bags'] },
  { sector: 'Toys', products: ['Plush toys', 'Plastic toys'] },
];

const FACILITY_WORDS = ['Garment', 'Textile', 'Industrial', 'Manufacturing', 'Trading', 'Export', 'Knitting'];
const LEGAL_FORMS = ['Co., Ltd.', 'Ltd', 'Pvt. Ltd.', 'S.A.', 'GmbH', 'Company Limited', 'Sdn Bhd', 'JSC'];
const STREETS = ['Industrial Road', 'Export Zone Avenue', 'Factory Lane', 'Harbour Street', 'Ring Road'];
const CITIES = ['North District', 'Riverside', 'New Town', 'Old Port', 'Hill Park', 'Lake City'];

/** Names of entities on the shipped UFLPA Entity List edition, as a brand list would write them. */
const LISTED_NAMES: readonly string[] = ['Hotan Taida Apparel', 'Hetian Haolin Hair Products'];

const HEADER: readonly string[] = [
  'Facility Name',
  'Vendor ID',
  'Address',
  'City',
  'State/Province',
  'Country',
  'Sector',
  'Product Type',
  'Number of Workers',
  '% Migrant Workers',
  'Passports retained',
  'Recruitment fees paid by workers',
];
const SPEND_HEADER: readonly string[] = ['Annual Spend', 'Currency'];

/** A small deterministic generator (LCG), so a failing run can be read again row by row. */
class Dice {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state * 1103515245 + 12345) % 2147483648;
    return this.state / 2147483648;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

export interface VariedList {
  fileName: string;
  content: Buffer;
  /** Data rows in the file: suppliers, duplicated rows and the rejected row. */
  rows: number;
}

/**
 * `files` lists of `perFile` sites each (plus one duplicated and one rejected row per list); every list after the
 * first few carries spend. xlsx and csv alternate.
 */
export async function variedPortfolio(files: number, perFile: number): Promise<VariedList[]> {
  const dice = new Dice(20261207);
  const countryBag = COUNTRIES.flatMap((country) => Array.from({ length: country.weight }, () => country));
  const lists: VariedList[] = [];
  let serial = 0;
  for (let file = 0; file < files; file++) {
    const withSpend = file >= 3;
    const brand = `Brand ${String.fromCharCode(65 + (file % 26))}${file >= 26 ? file : ''}`;
    const rows: Cell[][] = [];
    for (let i = 0; i < perFile; i++) {
      serial++;
      const rare = serial % 97 === 0 ? RARE_HIGH_RISK[(serial / 97) % RARE_HIGH_RISK.length] : undefined;
      const country = rare ?? dice.pick(dice.pick(countryBag).written);
      const { sector, products } = dice.pick(SECTORS);
      const listed = serial % 401 === 0 ? LISTED_NAMES[(serial / 401) % LISTED_NAMES.length] : undefined;
      const name =
        listed ??
        `${dice.pick(FACILITY_WORDS)} ${dice.pick(FACILITY_WORDS)} ${1000 + serial} ${dice.pick(LEGAL_FORMS)}`;
      const known = dice.chance(0.6);
      const row: Cell[] = [
        name,
        `V-${String(serial).padStart(6, '0')}`,
        `${1 + (serial % 300)} ${dice.pick(STREETS)}`,
        listed ? 'Hotan' : dice.pick(CITIES),
        listed ? 'Xinjiang' : '',
        listed ? 'China' : country,
        dice.chance(0.85) ? sector : '',
        dice.pick(products),
        dice.chance(0.7) ? 50 + Math.floor(dice.next() * 3000) : '',
        known ? `${Math.floor(dice.next() * 80)}%` : '',
        dice.chance(0.025) ? 'yes' : known ? 'no' : '',
        known ? (dice.chance(0.15) ? 'yes' : 'no') : '',
      ];
      if (withSpend) {
        row.push(dice.chance(0.8) ? Math.round(dice.next() * 5_000_000) : '', 'EUR');
      }
      rows.push(row);
    }
    // A site listed twice in the same list, and a row no one can place.
    rows.push([...rows[Math.floor(perFile / 2)]]);
    const rejected: Cell[] = [
      '',
      `V-REJ-${file}`,
      '12 Unknown Road',
      'Nowhere',
      '',
      'Atlantis',
      '',
      '',
      '',
      '',
      '',
      '',
    ];
    rows.push(withSpend ? [...rejected, '', ''] : rejected);
    const header = withSpend ? [...HEADER, ...SPEND_HEADER] : [...HEADER];
    const title: Cell[][] = [
      [`${brand}: supplier disclosure list`],
      ['Tier 1 and tier 2 production sites'],
      [],
    ];
    const base = `${brand.toLowerCase().replace(/\s+/g, '-')}-suppliers`;
    if (file % 2 === 0) {
      lists.push({
        fileName: `${base}.xlsx`,
        content: await xlsxBuffer([...title, header, ...rows]),
        rows: rows.length,
      });
    } else {
      lists.push({
        fileName: `${base}.csv`,
        content: csvBuffer([...title, header, ...rows]),
        rows: rows.length,
      });
    }
  }
  return lists;
}

function csvBuffer(rows: Cell[][]): Buffer {
  const quote = (cell: Cell): string => {
    const text = cell === null || cell === undefined ? '' : String(cell);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return Buffer.from(`${rows.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`, 'utf8');
}

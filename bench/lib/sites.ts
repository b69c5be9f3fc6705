import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

// Two facility lists of the same sites, in the shape of brand disclosure lists: name, address, city and country
// only, no references. List A is the first upload. List B, from another brand, spells the same sites its own way:
// capitals and other legal forms, "Road" for "Rd.", the city and postal code written into the address, a few
// addresses only close enough for an officer to decide, and a tenth of new sites. Every twentieth name belongs to a
// group with three sites at different addresses, which must stay three sites.

export const SITE_HEADERS = ['Facility Name', 'Address', 'City', 'Country'] as const;

const PLACES: readonly (readonly [string, string, readonly string[]])[] = [
  ['China', 'CN', ['Ningbo', 'Dongguan', 'Quanzhou', 'Suzhou', 'Qingdao']],
  ['Bangladesh', 'BD', ['Gazipur', 'Savar', 'Narayanganj', 'Chittagong']],
  ['Viet Nam', 'VN', ['Binh Duong', 'Dong Nai', 'Long An', 'Hai Phong']],
  ['India', 'IN', ['Tiruppur', 'Bengaluru', 'Ludhiana', 'Noida']],
  ['Türkiye', 'TR', ['Izmir', 'Bursa', 'Denizli', 'Gaziantep']],
  ['Indonesia', 'ID', ['Bandung', 'Semarang', 'Surabaya', 'Tangerang']],
  ['Cambodia', 'KH', ['Phnom Penh', 'Kandal', 'Kampong Speu']],
  ['Pakistan', 'PK', ['Faisalabad', 'Lahore', 'Karachi', 'Sialkot']],
];
const FIRST = [
  'Golden',
  'Evergreen',
  'Pacific',
  'Sunrise',
  'Lotus',
  'Royal',
  'Orient',
  'Delta',
  'Crystal',
  'Harvest',
];
const SECOND = [
  'Star',
  'Bridge',
  'River',
  'Peak',
  'Field',
  'Harbour',
  'Crown',
  'Light',
  'Stone',
  'Wing',
  'Hill',
];
const TRADE = [
  'Knitting',
  'Garment',
  'Textile',
  'Footwear',
  'Apparel',
  'Dyeing',
  'Leather',
  'Sweater',
  'Denim',
];
const LEGAL = ['Co., Ltd.', 'Ltd.', 'Pvt. Ltd.', 'Limited', 'JSC'];
const LEGAL_AGAIN = ['CO LTD', 'LIMITED', 'PRIVATE LIMITED', 'LTD', 'J.S.C.'];
const STREETS = ['Industrial', 'Xingye', 'Export Zone', 'Harbour', 'Station', 'Garden', 'Mill', 'Canal'];

interface Site {
  name: string;
  address: string;
  city: string;
  country: string;
  /** What the import resolves the country to. */
  alpha2: string;
  /** Parts to respell it from. */
  base: string;
  legal: number;
  number: number;
  street: string;
  district: string;
}

/** Site i (0-based): a deterministic mix of names, with every twentieth name shared by three sites. */
export function benchSite(i: number): Site {
  // Sites 20k, 20k+1 and 20k+2 share a name: one group with three factories.
  const nameIndex = i % 20 < 3 ? i - (i % 20) : i;
  const [country, alpha2, cities] = PLACES[nameIndex % PLACES.length];
  const base = `${FIRST[nameIndex % FIRST.length]} ${SECOND[Math.floor(nameIndex / 10) % SECOND.length]} ${
    TRADE[Math.floor(nameIndex / 110) % TRADE.length]
  } ${Math.floor(nameIndex / 990) + 1}`;
  const legal = nameIndex % LEGAL.length;
  const number = 1 + ((i * 37) % 480);
  const street = STREETS[i % STREETS.length];
  const district = `${SECOND[(i * 3) % SECOND.length]}`;
  const city = cities[i % cities.length];
  return {
    name: `${base} ${LEGAL[legal]}`,
    address: `No. ${number} ${street} Rd., ${district} District`,
    city,
    country,
    alpha2,
    base,
    legal,
    number,
    street,
    district,
  };
}

/** How list B writes site i, and what should become of it. */
export function respelledSite(i: number): { cells: string[]; expect: 'key' | 'similar' | 'close' | 'new' } {
  const site = benchSite(i);
  const kind = i % 10;
  if (kind === 9) {
    return {
      cells: [`Newfield ${site.base} Works ${LEGAL[site.legal]}`, site.address, site.city, site.country],
      expect: 'new',
    };
  }
  const name = `${site.base.toUpperCase()} ${LEGAL_AGAIN[site.legal]}`;
  if (kind < 6) {
    return {
      cells: [
        name,
        `${site.number} ${site.street.toUpperCase()} ROAD, ${site.district} DIST.`,
        site.city,
        site.country,
      ],
      expect: 'key',
    };
  }
  if (kind < 8) {
    return {
      cells: [
        name,
        `No.${site.number}, ${site.street} Road, ${site.district} District, ${site.city} ${100000 + (i % 900)}`,
        '',
        site.country,
      ],
      expect: 'similar',
    };
  }
  return {
    cells: [
      name,
      `${site.street} Rd., ${site.district}, near ${site.city} bus stand`,
      site.city,
      site.country,
    ],
    expect: 'close',
  };
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function writeSiteListCsv(path: string, rows: number, list: 'a' | 'b'): Promise<void> {
  const out = createWriteStream(path);
  const write = async (line: string): Promise<void> => {
    if (!out.write(line)) {
      await once(out, 'drain');
    }
  };
  await write(`${SITE_HEADERS.join(',')}\r\n`);
  for (let i = 0; i < rows; i++) {
    const site = benchSite(i);
    const cells = list === 'a' ? [site.name, site.address, site.city, site.country] : respelledSite(i).cells;
    await write(`${cells.map(csvField).join(',')}\r\n`);
  }
  out.end();
  await once(out, 'close');
}

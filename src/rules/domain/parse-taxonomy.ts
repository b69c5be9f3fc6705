// taxonomy.yaml: every canonical sector with its title, synonyms and sub-sectors. A phrase (title, synonym or
// sub-sector name) may name only one sector or sub-sector, so text resolves to one place. Sub-sectors are sorted so
// the order they are written in does not change the hash.
import { SECTORS, type Sector } from '../../suppliers/domain/supplier-record.js';
import { isMapping, type RuleReader } from './rule-file-reader.js';
import type { SectorDefinition } from './rule-set-definition.js';
import { ID_PATTERN, byCodePoint, type ParsedYaml } from './parse-shared.js';
import { phraseKey } from './text-matching.js';

export function readTaxonomy(parsed: ParsedYaml | undefined): SectorDefinition[] | undefined {
  if (!parsed) {
    return undefined;
  }
  const { reader } = parsed;
  const root = reader.mapping(parsed.value, ['sectors'], ['sectors']);
  const sectorsReader = reader.at('sectors');
  const sectorsMap = root?.sectors === undefined ? undefined : sectorsReader.mapping(root.sectors, SECTORS);
  if (!sectorsMap) {
    return undefined;
  }
  const sectors: SectorDefinition[] = [];
  const owners = new Map<string, string>();
  const claim = (at: RuleReader, phrase: string, owner: string): void => {
    const key = phraseKey(phrase);
    const previous = owners.get(key);
    if (previous !== undefined && previous !== owner) {
      at.report(`"${phrase}" is listed under both ${previous} and ${owner}: a synonym must name one sector`);
    }
    owners.set(key, owner);
  };
  let valid = true;
  for (const sectorId of SECTORS) {
    const at = sectorsReader.at(sectorId);
    const value = sectorsMap[sectorId];
    if (value === undefined) {
      at.report(`sector "${sectorId}" is missing: the taxonomy must describe every canonical sector`);
      valid = false;
      continue;
    }
    const map = at.mapping(value, ['title', 'synonyms', 'subSectors'], ['title']);
    if (!map) {
      valid = false;
      continue;
    }
    const title = map.title === undefined ? undefined : at.at('title').text(map.title);
    const synonyms =
      map.synonyms === undefined
        ? []
        : at.at('synonyms').textList(map.synonyms, 'synonyms', { nonEmpty: false });
    claim(at.at('title'), sectorId, sectorId);
    synonyms?.forEach((synonym, index) => claim(at.at('synonyms', index), synonym, sectorId));
    const subSectors = readSubSectors(at.at('subSectors'), map.subSectors, sectorId, claim);
    if (!title || !synonyms || !subSectors) {
      valid = false;
      continue;
    }
    sectors.push({ id: sectorId, title, synonyms, subSectors });
  }
  return valid ? sectors : undefined;
}

function readSubSectors(
  reader: RuleReader,
  value: unknown,
  sectorId: Sector,
  claim: (at: RuleReader, phrase: string, owner: string) => void,
): SectorDefinition['subSectors'] | undefined {
  if (value === undefined) {
    return [];
  }
  if (!isMapping(value)) {
    reader.report('subSectors must map each sub-sector id to its list of synonyms');
    return undefined;
  }
  const subSectors: SectorDefinition['subSectors'] = [];
  for (const [id, synonymsValue] of Object.entries(value)) {
    const at = reader.at(id);
    if (!ID_PATTERN.test(id)) {
      at.report(`sub-sector id "${id}" must be lower-case words joined by "-"`);
    }
    const synonyms =
      synonymsValue === null ? [] : at.textList(synonymsValue, 'synonyms', { nonEmpty: false });
    if (!synonyms) {
      return undefined;
    }
    claim(at, id.replace(/-/g, ' '), `${sectorId}/${id}`);
    synonyms.forEach((synonym, index) => claim(at.at(index), synonym, `${sectorId}/${id}`));
    subSectors.push({ id, title: id.replace(/-/g, ' '), synonyms });
  }
  // Mapping keys have no order that means anything: sort so the hash does not depend on it.
  return subSectors.sort((a, b) => byCodePoint(a.id, b.id));
}

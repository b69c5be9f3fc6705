// The parties a list entry names. The UFLPA list gives one entity per row with its aliases joined by "; ". CBP
// writes an order's parties as free text: several companies ("A; B", "A and B"), other names ("X, a/k/a Y"),
// acronyms in brackets, subsidiaries, vessels. The rules below read the regular forms; the few rows written
// otherwise are spelled out in IRREGULAR_ENTITIES, each checked against the shipped file by the spec.

export interface ListedParty {
  /** The party's name as the list writes it (brackets of other names removed). */
  name: string;
  /** Other names the list gives for the same party: a/k/a names, acronyms, the bracketed variants. */
  aliases: string[];
  kind: 'company' | 'vessel';
  /** The entry covers the party's subsidiaries ("and its subsidiaries", "and its subordinates"). */
  includesSubsidiaries: boolean;
}

/** The UFLPA aliases cell: names joined by "; ", blanks dropped. */
export function splitAliases(cell: string): string[] {
  return cell
    .split(';')
    .map((alias) => alias.trim())
    .filter((alias) => alias !== '');
}

// CBP entity texts that no rule below reads correctly, with the parties they name. Matched on the exact text.
const IRREGULAR_ENTITIES: ReadonlyMap<string, { names: string[]; note: string }> = new Map([
  [
    // A comma-separated list whose legal forms also contain commas, and the town after the semicolon.
    'Kumar Carpet Pvt., Singhe Carpet Pvt., Ltd., Norsang Carpet Industries Pvt., Ltd., Annapurna Carpet, ' +
      'Everest Carpet, Valley Carpet, and K.K. Carpet Industries; Kathmandu.',
    {
      names: [
        'Kumar Carpet Pvt.',
        'Singhe Carpet Pvt., Ltd.',
        'Norsang Carpet Industries Pvt., Ltd.',
        'Annapurna Carpet',
        'Everest Carpet',
        'Valley Carpet',
        'K.K. Carpet Industries',
      ],
      note: 'seven carpet makers of Kathmandu',
    },
  ],
  [
    // The tea farm and the company are both named; whether one owns the other the text does not say.
    'Nanhu Tree Farm, Zhejiang Sanmei Tea Co., Ltd.; Imaizumi Tea Manufacturing & Trading Co., Ltd. (of Nagoya, Japan)',
    {
      names: [
        'Nanhu Tree Farm',
        'Zhejiang Sanmei Tea Co., Ltd.',
        'Imaizumi Tea Manufacturing & Trading Co., Ltd.',
      ],
      note: 'a tea farm, its company and the Nagoya importer',
    },
  ],
  [
    'Shanghai Select Safety Products Company, Limited and its two subsidiaries from China, Select (Nantong) Safety ' +
      'Products Co. Limited and Select Protective Technology (HK) Limited.',
    {
      names: [
        'Shanghai Select Safety Products Company, Limited',
        'Select (Nantong) Safety Products Co. Limited',
        'Select Protective Technology (HK) Limited',
      ],
      note: 'the parent and its two named subsidiaries',
    },
  ],
]);

const SUBSIDIARY_CLAUSES = [
  /,?\s+and\s+(?:its|their)\s+(?:subsidiaries|subordinates)\.?$/i,
  /,?\s+and\s+subsidiaries\.?$/i,
  /,\s*its\s+subsidiaries,?\s+and\s+joint\s+ventures\.?$/i,
];
const VESSEL = /^Fishing Vessel:\s*(.+)$/i;
const VESSELS_OWNED_BY = /^Fishing Vessels owned by\s+(.+)$/i;
const AKA = /,?\s+a\/k\/a\s+/i;
// A name that ends with a legal form is complete: "A Co., Ltd. and B Co., Ltd." names two companies, while
// "Baoding LYSZD Trade and Business Co., Ltd." names one.
const ENDS_WITH_LEGAL_FORM =
  /(?:\bCo\.?,?\s*Ltd\.?|\bLtd\.?|\bLimited|\bInc\.?|\bLLC|\bL\.L\.C\.|\bS\.A\. de C\.V\.|\bCorporation|\bCompany|\bCo\.|\bGmbH|\bPvt\.?|\bBerhad|\bS\.R\.L\.|\bD\.O\.O\.?)$/i;
const TRAILING_ACRONYM = /\s*\(([A-Z][A-Za-z]{1,7})\)$/;
const OR_VARIANT = /(\S+)\s+\(or\s+([^)]+)\)/g;
const HAS_OR_VARIANT = /\(or\s+[^)]+\)/;
const BRACKETS = /\s*\(([^)]*)\)/g;

/** The parties named by a CBP entity cell (never called for "all", which names an area, not a party). */
export function splitCbpEntity(entity: string): ListedParty[] {
  const irregular = IRREGULAR_ENTITIES.get(entity);
  if (irregular) {
    return irregular.names.map((name) => companyParty(name, false));
  }
  const vessel = VESSEL.exec(entity);
  if (vessel) {
    return [{ name: vessel[1].trim(), aliases: [], kind: 'vessel', includesSubsidiaries: false }];
  }
  let text = VESSELS_OWNED_BY.exec(entity)?.[1] ?? entity;
  let includesSubsidiaries = false;
  for (const clause of SUBSIDIARY_CLAUSES) {
    if (clause.test(text)) {
      text = text.replace(clause, '');
      includesSubsidiaries = true;
    }
  }
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .flatMap((part) => {
      const [first, ...otherNames] = part.split(AKA).map((name) => name.trim());
      const names = otherNames.length === 0 ? splitOnAnd(first) : [first];
      return names.map((name, index) => {
        const party = companyParty(name, includesSubsidiaries);
        // a/k/a names belong to the one party the part names.
        const other = otherNames.flatMap((otherName) => {
          const read = companyParty(otherName, false);
          return [read.name, ...read.aliases];
        });
        return index === 0 ? { ...party, aliases: unique([...party.aliases, ...other]) } : party;
      });
    });
}

/** "A Co., Ltd. and B S.A. de C.V.": split where both sides end with a legal form, else one name. */
export function splitOnAnd(text: string): string[] {
  const pieces = text.split(/\s+and\s+/i);
  for (let i = 1; i < pieces.length; i += 1) {
    const left = pieces.slice(0, i).join(' and ');
    const right = pieces.slice(i).join(' and ');
    if (ENDS_WITH_LEGAL_FORM.test(left) && ENDS_WITH_LEGAL_FORM.test(right)) {
      return [left, ...splitOnAnd(right)];
    }
  }
  return [text];
}

// "Limbe Leaf Tobacco Company Limited (LLTC)": the acronym is an alias. "Wulin (or Wuling) Machinery Works": the
// other spelling is an alias. Other brackets stay in the name ("Select (Nantong) Safety Products"), and the name
// without them is an alias ("Golden Horse Diesel Factory" for "Golden Horse (JinMa) Diesel Factory").
function companyParty(text: string, includesSubsidiaries: boolean): ListedParty {
  const aliases: string[] = [];
  let name = text;
  const acronym = TRAILING_ACRONYM.exec(name);
  if (acronym) {
    aliases.push(acronym[1]);
    name = name.slice(0, acronym.index);
  }
  if (HAS_OR_VARIANT.test(name)) {
    aliases.push(
      tidy(name.replace(OR_VARIANT, (_whole, _word: string, other: string) => other).replace(BRACKETS, '')),
    );
    name = name.replace(OR_VARIANT, '$1');
  }
  const bare = tidy(name.replace(BRACKETS, ''));
  if (bare !== tidy(name)) {
    aliases.push(bare);
  }
  return { name: tidy(name), aliases: unique(aliases), kind: 'company', includesSubsidiaries };
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

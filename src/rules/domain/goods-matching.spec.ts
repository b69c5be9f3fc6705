import { beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { TEST_RULE_FILES, withFile } from '../../scoring/domain/testing/test-rule-set.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { compileRuleSet, type CompiledRuleSet } from './compile-rule-set.js';
import { loadRuleSetFiles } from './load-rule-files.js';
import { parseRuleSet, type RuleFile } from './parse-rule-set.js';
import { formatIssue, RuleSetValidationError, type RuleSetIssue } from './rule-set-validation-error.js';

// Products as brand disclosure lists and ERP vendor masters write them, in English, Chinese, Vietnamese and
// Spanish, against the goods of the shipped US DOL table (rules/goods.yaml).

const RULES_DIR = fileURLToPath(new URL('../../../rules/', import.meta.url));

let rules: CompiledRuleSet;

beforeAll(async () => {
  const files = await loadRuleSetFiles(RULES_DIR);
  try {
    rules = compileRuleSet(parseRuleSet(files));
  } catch (error) {
    throw error instanceof RuleSetValidationError
      ? new Error(error.issues.map(formatIssue).join('\n'))
      : error;
  }
});

const goods = (product: string): string[] => rules.matchGoods([product]).map((match) => match.good);

describe('goods named in English trade terms', () => {
  it.each([
    ['Knitted garments', ['Garments']],
    ['WOVEN GARMENTS', ['Garments']],
    ['Ladies knitwear & hosiery', ['Garments']],
    ['Hoodies, sweatshirts', ['Garments']],
    ['RMG', ['Garments']],
    ['Denim', ['Textiles']],
    ['Denim fabric', ['Textiles']],
    // Denim is the input of the jeans, as cotton is of "cotton shirts".
    ['Denim jeans', ['Textiles', 'Garments']],
    ['100% cotton yarn, Ne 30/1', ['Thread/Yarn']],
    ['Polyester sewing thread', ['Thread/Yarn']],
    ['Raw cotton bales', ['Cotton']],
    ['Footwear', ['Footwear', 'Footwear (sandals)']],
    ['Sandals', ['Footwear', 'Footwear (sandals)']],
    ['Leather shoes', ['Leather', 'Footwear']],
    ['PCBA', ['Electronics']],
    ['Mobile phone parts', ['Electronics']],
    ['Solar wafers', ['Photovoltaic Wafers']],
    ['Solar panels', ['Solar Modules']],
    ['Silicon metal', ['Metallurgical Grade Silicon']],
    ['Nitrile gloves', ['Rubber Gloves']],
    ['Latex gloves', ['Rubber Gloves']],
    ['Work gloves', ['Gloves']],
    ['Lithium batteries', ['Lithium-Ion Batteries']],
    ['Aluminium extrusions', ['Aluminum']],
    ['PVC resin', ['Polyvinyl Chloride']],
    ['Tomato paste', ['Tomato Products']],
    ['Human hair wigs', ['Hair Products']],
    ['Palm kernel oil', ['Crude Palm Kernel Oil', 'Refined Palm Kernel Oil']],
  ])('%s -> %j', (product, expected) => {
    expect(goods(product)).toEqual(expected);
  });
});

describe('goods named in Chinese, written without spaces', () => {
  it.each([
    ['服装', ['Garments']],
    ['针织服装及面料', ['Garments', 'Textiles']],
    ['梭织服装', ['Garments']],
    ['纯棉T恤', ['Cotton', 'Garments']],
    ['棉纱', ['Thread/Yarn']],
    ['精梳棉纱 40S', ['Thread/Yarn']],
    ['纯棉纱线', ['Thread/Yarn']],
    ['棉花', ['Cotton']],
    ['新疆棉', ['Cotton']],
    ['纺织品', ['Textiles']],
    ['服装面料', ['Textiles']],
    ['鞋', ['Footwear']],
    ['鞋、包', ['Footwear']],
    ['运动鞋', ['Footwear']],
    ['帆布鞋', ['Footwear']],
    ['电子产品', ['Electronics']],
    ['电子元器件、线路板', ['Electronics']],
    ['PCBA加工', ['Electronics']],
    ['多晶硅', ['Polysilicon']],
    ['太阳能电池板', ['Solar Modules']],
    ['太阳能电池', ['Solar Cells']],
    ['光伏组件', ['Solar Modules']],
    ['手套', ['Gloves']],
    ['丁腈手套', ['Rubber Gloves']],
    ['锂电池', ['Lithium-Ion Batteries']],
    ['番茄酱', ['Tomato Products']],
    ['冷冻虾仁', ['Shrimp']],
    ['茶叶', ['Tea']],
  ])('%s -> %j', (product, expected) => {
    expect(goods(product)).toEqual(expected);
  });
});

describe('goods named in Vietnamese, with or without accents', () => {
  it.each([
    ['May mặc', ['Garments']],
    ['Hàng may mặc xuất khẩu', ['Garments']],
    ['Quần áo', ['Garments']],
    ['QUAN AO', ['Garments']],
    ['Áo sơ mi nam', ['Garments']],
    ['Giày dép', ['Footwear']],
    ['GIAY DEP', ['Footwear']],
    ['Giày thể thao', ['Footwear']],
    ['Sợi bông chải kỹ', ['Thread/Yarn']],
    ['Sợi cotton', ['Thread/Yarn']],
    ['Vải', ['Textiles']],
    ['Vải dệt kim', ['Textiles']],
    ['Dệt may', ['Garments', 'Textiles']],
    ['Linh kiện điện tử', ['Electronics']],
    ['linh kien dien tu', ['Electronics']],
    ['Cà phê nhân', ['Coffee']],
    ['ca phe robusta', ['Coffee']],
    ['Tôm đông lạnh', ['Shrimp']],
    ['Tôm hùm', ['Lobsters']],
    ['Hạt điều nhân', ['Cashews']],
    ['Cá tra phi lê đông lạnh', ['Fish']],
    ['Gạo', ['Rice']],
    ['Hạt tiêu đen', ['Peppers', 'Pepper']],
    ['Găng tay cao su', ['Rubber Gloves']],
  ])('%s -> %j', (product, expected) => {
    expect(goods(product)).toEqual(expected);
  });
});

describe('goods named in Spanish', () => {
  it.each([
    ['Ropa', ['Garments']],
    ['Prendas de vestir', ['Garments']],
    ['Confección de prendas', ['Garments']],
    ['CONFECCION', ['Garments']],
    ['Pantalones y camisas', ['Garments']],
    ['Calzado', ['Footwear']],
    ['Zapatos de cuero', ['Footwear', 'Leather']],
    ['Hilo', ['Thread/Yarn']],
    ['Hilo de algodón', ['Thread/Yarn']],
    ['Hilados de algodon', ['Thread/Yarn']],
    ['Tela', ['Textiles']],
    ['Tejidos de punto', ['Textiles']],
    ['Algodón en rama', ['Cotton']],
    ['Café', ['Coffee']],
    ['CAFE VERDE', ['Coffee']],
    // "oro" is gold, but café oro is green coffee.
    ['Café oro', ['Coffee']],
    ['Cacao en grano', ['Cocoa']],
    ['Manteca de cacao', ['Cocoa Butter']],
    ['Azúcar', ['Sugarcane']],
    ['AZUCAR', ['Sugarcane']],
    ['Caña de azúcar', ['Sugarcane']],
    ['Azúcar refinada', ['Refined Sugar']],
    ['Camarón', ['Shrimp']],
    ['Camarones congelados', ['Shrimp']],
    ['Banano', ['Bananas']],
    ['Ladrillos', ['Bricks', 'Bricks (clay)']],
  ])('%s -> %j', (product, expected) => {
    expect(goods(product)).toEqual(expected);
  });
});

describe('what must not match', () => {
  it.each([
    // Words too general to name a good.
    'EQUIPMENT',
    'MATERIALS',
    'parts',
    'Spare parts',
    'Auto parts',
    'Office supplies',
    'office chairs',
    'Seafood',
    '水产品',
    // Addresses and other noise in the products column.
    'Xinjiang Road',
    'No. 88 Xinjiang Road, Shanghai',
    '新疆路88号',
    'Đường Nguyễn Huệ',
    // Longer names that hold a good's name but are not that good (notGoods).
    'Coffee machines',
    'Footwear components',
    'Shoe uppers',
    'Garment accessories',
    'Synthetic rubber',
    '服装辅料',
    '咖啡机',
    '小龙虾',
    'Thương mại điện tử',
    'Hóa đơn điện tử',
    'Dịch vụ tin học',
    'Thông tin',
    'Thiết bị bảo hộ cá nhân',
    'Quả vải thiều',
    'Factura electrónica',
    'Hilo dental',
    // A one-character Chinese name does not match inside a longer word: 鞋柜 is a shoe cabinet, 棉签 a cotton bud,
    // 岩棉 rock wool, 纱窗 a window screen, 糖果 sweets.
    '鞋柜',
    '棉签',
    '岩棉保温板',
    '纱窗',
    '糖果',
    // Vietnamese words that differ from a good's name only by their accents, or are typed without them.
    'Giấy in',
    'giay',
    'Sỏi',
    'Tom',
    // English "cafe" is a coffee shop; Spanish café needs its accent on its own.
    'Cafe services',
  ])('%s -> nothing', (product) => {
    expect(goods(product)).toEqual([]);
  });

  it('reads cotton yarn as Thread/Yarn and cotton fabric as Textiles, not the raw crop Cotton', () => {
    expect(goods('cotton yarn')).toEqual(['Thread/Yarn']);
    expect(goods('cotton fabric')).toEqual(['Textiles']);
    expect(goods('棉纱')).toEqual(['Thread/Yarn']);
    expect(goods('棉布')).toEqual(['Textiles']);
    expect(goods('sợi bông')).toEqual(['Thread/Yarn']);
    expect(goods('tela de algodón')).toEqual(['Textiles']);
  });

  it('keeps the English whole-word matching it had', () => {
    expect(goods('Cocoa Beans')).toEqual(['Cocoa']);
    expect(goods('cotton shirts')).toEqual(['Cotton', 'Garments']);
    expect(goods('tin ore')).toEqual(['Tin ore (cassiterite)']);
    expect(goods('Tomato')).toEqual(['Tomatoes']);
    // Whole words: "rugs" is Carpets, but not inside "drugs"; "tea" not inside "steam".
    expect(goods('drugs')).toEqual([]);
    expect(goods('steam boilers')).toEqual([]);
  });
});

describe('unrecognised products', () => {
  it('lists the products that name no good of the table, each once', () => {
    expect(
      rules.unrecognisedProducts([
        'Knitted garments',
        'EQUIPMENT',
        '针织服装',
        'Coffee machines',
        'EQUIPMENT',
        '  ',
        'Giày dép',
        '包装材料',
      ]),
    ).toEqual(['EQUIPMENT', 'Coffee machines', '包装材料']);
    expect(rules.unrecognisedProducts([])).toEqual([]);
  });

  it('counts a product as recognised when its good is listed for any country', () => {
    // Cocoa is listed for Côte d'Ivoire, not for Germany: the product is still a known good.
    expect(rules.unrecognisedProducts(['cocoa beans'])).toEqual([]);
  });
});

describe('sector evidence of goods', () => {
  it.each([
    ['garments', undefined, ['Garments']],
    ['garments', 'cut-make-trim', ['Garments']],
    ['garments', 'footwear', ['Footwear']],
    ['garments', 'spinning', ['Thread/Yarn']],
    ['garments', 'weaving', ['Textiles']],
    ['electronics', undefined, ['Electronics']],
    ['electronics', 'components', ['Electronics']],
    ['electronics', 'minerals', []],
    ['electronics', 'solar', ['Solar Cells', 'Solar Modules']],
    ['agriculture', 'cocoa', ['Cocoa']],
    ['agriculture', 'coffee', ['Coffee']],
    ['agriculture', 'cotton', ['Cotton']],
    ['agriculture', 'seafood', ['Fish', 'Shrimp']],
    ['agriculture', undefined, []],
    ['agriculture', 'fruit-and-vegetables', []],
    ['fishing', undefined, ['Fish']],
    ['fishing', 'distant-water', ['Fish']],
    ['services', undefined, []],
    [undefined, 'cocoa', []],
  ] as const)('%s / %s -> %j', (sector, subSector, expected) => {
    expect(rules.goodsOfSector(sector, subSector)).toEqual(expected);
  });

  it('reads an uploaded sub-sector text through the taxonomy', () => {
    expect(rules.goodsOfSector('garments', 'Spinning mill')).toEqual(['Thread/Yarn']);
    expect(rules.goodsOfSector('garments', 'Shoes')).toEqual(['Footwear']);
    expect(rules.goodsOfSector('agriculture', 'Cocoa beans')).toEqual(['Cocoa']);
  });

  it('falls back to the sector when the sub-sector is unknown, blank or of another sector', () => {
    expect(rules.goodsOfSector('garments', 'haute couture')).toEqual(['Garments']);
    expect(rules.goodsOfSector('garments', '  ')).toEqual(['Garments']);
    expect(rules.goodsOfSector('garments', 'cocoa')).toEqual(['Garments']);
  });

  it('names only goods the table lists, as it spells them', () => {
    const listed = new Set(
      rules.content.referenceTables.find((table) => table.id === 'us-dol-goods')?.rows.map((row) => row[2]),
    );
    for (const entry of rules.content.goods?.sectors ?? []) {
      entry.goods.forEach((good) => expect(listed.has(good)).toBe(true));
    }
  });
});

function issuesOf(files: RuleFile[]): RuleSetIssue[] {
  try {
    parseRuleSet(files);
  } catch (error) {
    if (error instanceof RuleSetValidationError) {
      return error.issues;
    }
    throw error;
  }
  throw new Error('expected the rule set to be rejected');
}

const withGoods = (extra: string): RuleFile[] => withFile('goods.yaml', (content) => `${content}${extra}`);

describe('goods.yaml sectors and notGoods in the test rule set', () => {
  it('leaves sectors and notGoods out of a definition that gives none, so its hash does not change', () => {
    const definition = parseRuleSet([...TEST_RULE_FILES]);
    expect(Object.keys(definition.goods ?? {})).toEqual(['table', 'synonyms']);
    const compiled = compileRuleSet(definition);
    expect(compiled.hash).toBe(sha256Hex(canonicalJson(definition)));
    expect(compiled.goodsOfSector('garments', undefined)).toEqual([]);
    expect(compiled.unrecognisedProducts(['t-shirts', 'forklifts'])).toEqual(['forklifts']);
  });

  it('reads sectors in a canonical order and notGoods as given', () => {
    const definition = parseRuleSet(
      withGoods(`notGoods: [cocoa butter substitutes]
sectors:
  - { sector: garments, goods: [Garments] }
  - { sector: agriculture, subSector: cocoa, goods: [cocoa] }
  - { sector: electronics, subSector: components, goods: [] }
`),
    );
    expect(definition.goods?.notGoods).toEqual(['cocoa butter substitutes']);
    expect(definition.goods?.sectors).toEqual([
      { sector: 'agriculture', subSector: 'cocoa', goods: ['Cocoa'] },
      { sector: 'electronics', subSector: 'components', goods: [] },
      { sector: 'garments', goods: ['Garments'] },
    ]);
    const compiled = compileRuleSet(definition);
    expect(compiled.goodsOfSector('agriculture', 'cacao')).toEqual(['Cocoa']);
    expect(compiled.goodsOfSector('electronics', 'components')).toEqual([]);
    expect(compiled.goodsOfSector('electronics', undefined)).toEqual([]);
    expect(compiled.matchGoods(['cocoa butter substitutes'])).toEqual([]);
  });

  it('names an unknown sector, a sub-sector not in that sector and a good not in the table', () => {
    const files = withGoods(`sectors:
  - { sector: garment, goods: [Garments] }
  - { sector: garments, subSector: spining, goods: [Garments] }
  - { sector: garments, subSector: cocoa, goods: [Garments] }
  - { sector: electronics, goods: [Electronix] }
`);
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        file: 'goods.yaml',
        field: 'sectors[0].sector',
        message: '"garment" is not a sector (did you mean "garments"?)',
      }),
      expect.objectContaining({
        file: 'goods.yaml',
        field: 'sectors[1].subSector',
        message: '"spining" is not a sub-sector of garments in the taxonomy (did you mean "spinning"?)',
      }),
      expect.objectContaining({
        file: 'goods.yaml',
        field: 'sectors[2].subSector',
        message: '"cocoa" is a sub-sector of agriculture, not of garments',
      }),
      expect.objectContaining({
        file: 'goods.yaml',
        field: 'sectors[3].goods[0]',
        message: '"Electronix" is not a good in table goods (did you mean "Electronics"?)',
      }),
    ]);
  });

  it('names a sector given goods twice, a missing goods list and an unknown key', () => {
    const files = withGoods(`sectors:
  - { sector: garments, goods: [Garments] }
  - { sector: garments, goods: [Cotton] }
  - { sector: fishing }
  - { sector: agriculture, subsector: cocoa, goods: [Cocoa] }
`);
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        field: 'sectors[1]',
        message: 'garments is already given goods by sectors[0]: give each sector and sub-sector one entry',
      }),
      expect.objectContaining({ field: 'sectors[2].goods', message: '"goods" is required' }),
      expect.objectContaining({
        field: 'sectors[3].subsector',
        message: 'unknown key "subsector" (did you mean "subSector"?)',
      }),
    ]);
  });

  it('refuses a sectors section that is not a list, and a name in notGoods that names a good', () => {
    const files = withGoods(`notGoods: [apparel, cotton candy]
sectors: { garments: [Garments] }
`);
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        field: 'notGoods[0]',
        message: '"apparel" names the good "Garments": a name in notGoods must name no good',
      }),
      expect.objectContaining({
        field: 'sectors',
        message: 'expected a list of sector entries ({ sector, subSector, goods }), found a mapping',
      }),
    ]);
  });
});

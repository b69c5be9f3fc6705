// A small, fixed rule set for unit tests: round numbers so that expected scores can be worked out by hand.
// Not the shipped rules (those live in rules/); kept here so tests do not move when the default weights do.
import type { RuleFile } from '../../../rules/domain/parse-rule-set.js';
import type { SupplierRecord } from '../../../suppliers/domain/supplier-record.js';

const RULESET = `
name: Test rules
version: "t1"
thresholds: { medium: 20, high: 40, critical: 60 }
categories:
  - { id: country, title: Country, cap: 20, inherent: true }
  - { id: sector, title: Sector, cap: 10, inherent: true }
  - { id: goods, title: Goods, cap: 15, inherent: true }
  - { id: workforce, title: Workforce, cap: 15 }
  - { id: recruitment, title: Recruitment and housing, cap: 12 }
  - { id: ilo, title: ILO indicators, cap: 10 }
  - { id: mitigation, title: Mitigation, cap: 10, mitigation: true }
referenceTables:
  - { id: tip, file: reference/tip.csv, key: country, title: TIP tiers, publisher: US DoS, edition: TIP test }
  - { id: goods, file: reference/goods.csv, key: good-country, title: DOL goods, publisher: US DOL, edition: DOL test }
`;

const TIP_CSV = `alpha2,country,tier
BD,Bangladesh,Tier 2
CI,Côte d'Ivoire,Tier 2
CN,China,Tier 3
DE,Germany,Tier 1
MY,Malaysia,Tier 2 Watch List
TH,Thailand,Tier 2
`;

const GOODS_CSV = `alpha2,country,good,child_labour,forced_labour
BD,Bangladesh,Garments,yes,no
CI,Côte d'Ivoire,Cocoa,yes,yes
CN,China,Cotton,yes,yes
CN,China,Electronics,no,yes
MY,Malaysia,Electronics,no,yes
TH,Thailand,Shrimp,no,yes
`;

const TAXONOMY = `
sectors:
  agriculture:
    title: Agriculture
    synonyms: [farming]
    subSectors:
      cocoa: [cacao, cocoa beans]
      seafood: [shrimp, fish processing]
  electronics:
    title: Electronics
    synonyms: [ict]
    subSectors:
      components: [printed circuit boards, semiconductors]
      assembly: [smartphones, laptops]
  garments:
    title: Garments
    synonyms: [textiles, apparel]
    subSectors:
      cut-make-trim: [cmt, sewing, t-shirts]
      spinning: [yarn, cotton yarn]
  mining: { title: Mining }
  fishing: { title: Fishing }
  construction: { title: Construction }
  manufacturing: { title: Manufacturing, synonyms: [machine parts] }
  services: { title: Services, synonyms: [logistics] }
  other: { title: Other }
`;

const GOODS = `
table: goods
synonyms:
  Cocoa: [cocoa beans, cacao]
  Garments: [apparel, t-shirts]
  Electronics: [smartphones, printed circuit boards]
`;

const COUNTRY_INDICATORS = `
indicators:
  - id: country.tip
    title: US TIP tier
    category: country
    lookup: { table: tip, column: tier }
    bands:
      - { value: Tier 1, points: 0 }
      - { value: Tier 2, points: 5 }
      - { value: Tier 2 Watch List, points: 10 }
      - { value: Tier 3, points: 15 }
    evidence: "Country {country}: US TIP {value} ({edition})"
    actions: [Read the TIP country narrative.]
  - id: country.xinjiang
    title: Xinjiang (UFLPA)
    category: country
    when:
      all:
        - { field: country, equals: CN }
        - { field: region, containsAny: [xinjiang, xuar] }
    points: 5
    redFlag: { minimumTier: critical }
    evidence: "Region {region} is under the UFLPA import ban"
    followUp: Record the province of the site.
    actions: [Stop new orders and escalate to legal.]
`;

const SECTOR_INDICATORS = `
indicators:
  - id: sector.base
    title: Sector
    category: sector
    scale: { field: sector }
    bands:
      - { value: fishing, points: 8 }
      - { values: [agriculture, garments, mining], points: 6 }
      - { value: electronics, points: 5 }
      - { value: construction, points: 4 }
      - { values: [manufacturing, other], points: 3 }
      - { value: services, points: 1 }
    evidence: "Sector {value}"
  - id: sector.high-risk-sub-sector
    title: High-risk sub-sector
    category: sector
    when:
      all:
        - { field: sector, in: [agriculture, electronics, garments] }
        - { field: subSector, in: [cocoa, seafood, components, assembly, cut-make-trim, spinning] }
    points: 4
    evidence: "Sub-sector {subSector}"
    actions: [Map the sub-sector's production sites.]
`;

const GOODS_INDICATORS = `
indicators:
  - id: goods.forced-labour
    title: Good listed for forced labour
    category: goods
    lookup: { table: goods, column: forced_labour }
    bands:
      - { value: "yes", points: 10, redFlag: true }
      - { value: "no", points: 0 }
    redFlag: { minimumTier: high }
    evidence: "{product}: {good} from {row.country} is listed for forced labour ({edition})"
    actions: [Trace the good to its origin.]
  - id: goods.child-labour
    title: Good listed for child labour
    category: goods
    lookup: { table: goods, column: child_labour }
    bands:
      - { value: "yes", points: 5 }
      - { value: "no", points: 0 }
    evidence: "{product}: {good} from {row.country} is listed for child labour ({edition})"
    actions: [Ask for the child-labour policy.]
`;

const WORKFORCE_INDICATORS = `
indicators:
  - id: workforce.migrants
    title: Migrant workers
    category: workforce
    scale: { field: migrantWorkerPct }
    bands:
      - { to: 10, points: 0 }
      - { from: 10, to: 30, points: 4 }
      - { from: 30, to: 60, points: 8 }
      - { from: 60, points: 12 }
    evidence: "{value}% migrant workers"
    actions: [Check migrant workers hold their own documents.]
  - id: workforce.temporary
    title: Temporary workers
    category: workforce
    scale: { field: temporaryWorkerPct }
    bands:
      - { to: 25, points: 0 }
      - { from: 25, points: 3 }
    evidence: "{value}% temporary workers"
  - id: recruitment.agency
    title: Labour agency
    category: recruitment
    when: { field: usesLabourAgency, equals: true }
    points: 4
    evidence: "Recruits through labour agencies"
    actions: [List the agencies used.]
  - id: recruitment.fees
    title: Recruitment fees paid by workers
    category: recruitment
    when: { field: recruitmentFeesPaidByWorkers, equals: true }
    points: 6
    evidence: "Workers paid recruitment fees"
    actions: [Repay recruitment fees to workers.]
  - id: recruitment.housing
    title: Employer housing
    category: recruitment
    when: { field: employerProvidedHousing, equals: true }
    points: 3
    evidence: "Employer-provided housing"
  - id: recruitment.indebted-migrants
    title: Migrants who paid fees
    category: recruitment
    when:
      all:
        - { field: migrantWorkerPct, gte: 30 }
        - { field: recruitmentFeesPaidByWorkers, equals: true }
    points: 2
    evidence: "{migrantWorkerPct}% migrants and workers paid fees"
    actions: [Repay recruitment fees to workers.]
`;

const ILO_INDICATORS = `
indicators:
  - id: ilo.debt-bondage
    title: Debt bondage
    category: ilo
    when: { field: debtBondage, equals: true }
    points: 2
    redFlag: { minimumTier: critical }
    evidence: "Debt bondage reported"
    actions: [Escalate to the human-rights lead.]
  - id: ilo.documents
    title: Identity documents retained
    category: ilo
    when: { field: identityDocumentsRetained, equals: true }
    points: 2
    redFlag: { minimumTier: critical }
    evidence: "Identity documents retained"
    actions: [Escalate to the human-rights lead.]
  - id: ilo.overtime
    title: Excessive overtime
    category: ilo
    when: { field: excessiveOvertime, equals: true }
    points: 2
    redFlag: { minimumTier: high }
    evidence: "Excessive overtime reported"
    actions: [Ask for working-hours records.]
  - id: ilo.child-labour
    title: Child labour
    category: ilo
    when: { field: childLabourReported, equals: true }
    points: 2
    redFlag: { minimumTier: high }
    evidence: "Child labour reported"
    actions: [Start child-labour remediation.]
`;

const MITIGATION_INDICATORS = `
indicators:
  - id: mitigation.audit
    title: Recent social audit
    category: mitigation
    when:
      all:
        - { field: lastAuditDate, withinMonths: 12 }
        - { field: auditScheme, containsAny: [SMETA, SA8000, amfori BSCI, RBA] }
    reduction: 6
    evidence: "{auditScheme} audit on {lastAuditDate}"
    followUp: Obtain the latest social audit report.
  - id: mitigation.grievance
    title: Grievance mechanism
    category: mitigation
    when: { field: grievanceMechanism, equals: true }
    reduction: 3
    evidence: "Grievance mechanism in place"
  - id: mitigation.certification
    title: Certification
    category: mitigation
    when: { field: certifications, containsAny: [Fairtrade, SA8000] }
    reduction: 3
    evidence: "Certified: {certifications}"
`;

export const TEST_RULE_FILES: readonly RuleFile[] = [
  { path: 'ruleset.yaml', content: RULESET },
  { path: 'taxonomy.yaml', content: TAXONOMY },
  { path: 'goods.yaml', content: GOODS },
  { path: 'indicators/country.yaml', content: COUNTRY_INDICATORS },
  { path: 'indicators/sector.yaml', content: SECTOR_INDICATORS },
  { path: 'indicators/goods.yaml', content: GOODS_INDICATORS },
  { path: 'indicators/workforce.yaml', content: WORKFORCE_INDICATORS },
  { path: 'indicators/ilo.yaml', content: ILO_INDICATORS },
  { path: 'indicators/mitigation.yaml', content: MITIGATION_INDICATORS },
  { path: 'reference/tip.csv', content: TIP_CSV },
  { path: 'reference/goods.csv', content: GOODS_CSV },
];

/** The test files with one file's content changed (for validation tests). */
export function withFile(path: string, edit: (content: string) => string): RuleFile[] {
  if (!TEST_RULE_FILES.some((file) => file.path === path)) {
    return [...TEST_RULE_FILES, { path, content: edit('') }];
  }
  return TEST_RULE_FILES.map((file) => (file.path === path ? { path, content: edit(file.content) } : file));
}

/**
 * A fully answered, low-risk supplier: a German machine-parts maker with nothing to report.
 * With the test rules it scores 3 (manufacturing); the audit fields are absent, so no mitigation applies.
 */
export function makeSupplier(overrides: Partial<SupplierRecord> = {}): SupplierRecord {
  return {
    name: 'Test Supplier',
    country: 'DE',
    sector: 'manufacturing',
    products: ['machine parts'],
    supplyChainTier: 1,
    migrantWorkerPct: 0,
    temporaryWorkerPct: 0,
    usesLabourAgency: false,
    recruitmentFeesPaidByWorkers: false,
    employerProvidedHousing: false,
    undisclosedSubcontracting: false,
    identityDocumentsRetained: false,
    wagesWithheld: false,
    debtBondage: false,
    movementRestricted: false,
    isolation: false,
    physicalOrSexualViolence: false,
    intimidationAndThreats: false,
    abusiveLivingConditions: false,
    excessiveOvertime: false,
    deception: false,
    abuseOfVulnerability: false,
    childLabourReported: false,
    grievanceMechanism: false,
    ...overrides,
  };
}

import type { CompiledRuleSet, ReferenceEdition } from '../domain/compiled-rule-set.js';
import type {
  CategoryDefinition,
  IndicatorDefinition,
  SectorDefinition,
  TierThresholds,
} from '../domain/rule-set-definition.js';

/** The rule set as a compliance officer reads it: indicators, weights, thresholds and sources (no raw tables). */
export interface ActiveRuleSetView {
  hash: string;
  name: string;
  version: string;
  description: string | null;
  thresholds: TierThresholds;
  categories: CategoryDefinition[];
  indicators: IndicatorDefinition[];
  taxonomy: SectorDefinition[];
  sources: ReferenceEdition[];
}

export function toActiveRuleSetView(rules: CompiledRuleSet): ActiveRuleSetView {
  return {
    hash: rules.hash,
    name: rules.name,
    version: rules.version,
    description: rules.content.description ?? null,
    thresholds: rules.thresholds,
    categories: rules.content.categories,
    indicators: rules.content.indicators,
    taxonomy: rules.content.taxonomy,
    sources: [...rules.editions],
  };
}

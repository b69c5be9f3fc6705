import { describe, expect, it } from '@jest/globals';
import { parseRuleSet } from '../../rules/domain/parse-rule-set.js';
import type { RuleSetDefinition } from '../../rules/domain/rule-set-definition.js';
import { TEST_RULE_FILES } from '../../scoring/domain/testing/test-rule-set.js';
import { methodology } from './rule-set-info.js';

const KNOWN_FACTS_ONLY = 'The score counts known facts only';
const CHARGED = 'Unknown is not low risk: when a value the indicator needs is missing';

describe(methodology.name, () => {
  const current = parseRuleSet([...TEST_RULE_FILES]);

  it('explains that unknowns add no points but make the range, for a rule set made since ranges exist', () => {
    const text = methodology(current).join('\n');

    expect(text).toContain(KNOWN_FACTS_ONLY);
    expect(text).not.toContain(CHARGED);
  });

  it('keeps explaining charged unknowns for a stored rule set from before ranges', () => {
    // Stored versions keep the points they charged for an unknown (missingPoints), so their assessments read back.
    const charging = current.indicators.findIndex((indicator) => indicator.kind === 'condition');
    const before: RuleSetDefinition = {
      ...current,
      indicators: current.indicators.map((indicator, index) =>
        index === charging && indicator.kind === 'condition' ? { ...indicator, missingPoints: 4 } : indicator,
      ),
    };
    expect(charging).toBeGreaterThanOrEqual(0);

    const text = methodology(before).join('\n');

    expect(text).toContain(CHARGED);
    expect(text).not.toContain(KNOWN_FACTS_ONLY);
  });

  it('names the categories whose indicators can raise a red flag, from the rule set itself', () => {
    const text = methodology(current).join('\n');
    const flagging = current.categories.filter((category) =>
      current.indicators.some(
        (indicator) =>
          indicator.category === category.id &&
          (('redFlag' in indicator && indicator.redFlag !== undefined) ||
            ('bands' in indicator && indicator.bands.some((band) => band.redFlag === true))),
      ),
    );
    expect(flagging.length).toBeGreaterThan(0);
    for (const category of flagging) {
      expect(text).toContain(category.title);
    }
    const without: RuleSetDefinition = {
      ...current,
      indicators: current.indicators.filter(
        (indicator) => !flagging.some((c) => c.id === indicator.category),
      ),
    };
    expect(methodology(without).join('\n')).toContain('No indicator of this rule set raises a red flag.');
  });
});

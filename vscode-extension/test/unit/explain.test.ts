import { describe, expect, it } from 'vitest';

import { isRuleId, normalizeQuery, ruleHrefOf, ruleIdOf, ruleIdsAt, ruleUrl } from '../../src/explain';

const range = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});

describe('explain', () => {
  it('recognises rule ids', () => {
    expect(isRuleId('cap/ca-distributed-claim')).toBe(true);
    expect(isRuleId('MVCC')).toBe(false);
    expect(isRuleId('cap/')).toBe(false);
  });

  it('reads rule ids and links from diagnostic codes', () => {
    const href = { toString: () => 'https://x/rule.html' };
    expect(ruleIdOf('schema/float-for-money')).toBe('schema/float-for-money');
    expect(ruleIdOf({ value: 'schema/float-for-money', target: href })).toBe('schema/float-for-money');
    expect(ruleIdOf(12)).toBeUndefined();
    expect(ruleHrefOf({ value: 'schema/float-for-money', target: href })).toBe('https://x/rule.html');
    expect(ruleHrefOf('schema/float-for-money')).toBeUndefined();
  });

  it('picks the diagnostics under the cursor, else on its line', () => {
    const diagnostics = [
      { code: 'cap/ca-distributed-claim', source: 'blueprint', range: range(2, 0, 2, 10) },
      { code: 'schema/float-for-money', source: 'blueprint', range: range(2, 20, 2, 30) },
      { code: 'schema/float-for-money', source: 'blueprint', range: range(2, 25, 2, 28) },
      { code: 'MD013', source: 'markdownlint', range: range(2, 0, 2, 40) },
    ];
    expect(ruleIdsAt(diagnostics, { line: 2, character: 26 })).toEqual(['schema/float-for-money']);
    expect(ruleIdsAt(diagnostics, { line: 2, character: 15 })).toEqual([
      'cap/ca-distributed-claim',
      'schema/float-for-money',
    ]);
    expect(ruleIdsAt(diagnostics, { line: 3, character: 0 })).toEqual([]);
  });

  it('links to the rule page of the book', () => {
    expect(ruleUrl('cap/ca-distributed-claim')).toBe(
      'https://blueprint-docs.github.io/blueprint/16-reference/rules/cap-ca-distributed-claim.html',
    );
  });

  it('ignores an empty query', () => {
    expect(normalizeQuery('  ')).toBeUndefined();
    expect(normalizeQuery(' MVCC ')).toBe('MVCC');
  });
});

// Which rule "Explain Rule" is about. Plain logic: works on diagnostic-shaped data.

import { BOOK_URL } from './protocol';

/** `diagnostic.code` as VS Code gives it: a string, a number, or `{ value, target }`. */
export type DiagnosticCode = string | number | { value: string | number; target: unknown } | undefined;

export interface DiagnosticLike {
  code?: DiagnosticCode;
  source?: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isRuleId(value: string): boolean {
  return RULE_ID.test(value);
}

export function ruleIdOf(code: DiagnosticCode): string | undefined {
  if (code === undefined) return undefined;
  const value = typeof code === 'object' ? code.value : code;
  return typeof value === 'string' && isRuleId(value) ? value : undefined;
}

/** The rule page a diagnostic links to (its `codeDescription.href`), if any. */
export function ruleHrefOf(code: DiagnosticCode): string | undefined {
  if (code === undefined || typeof code !== 'object') return undefined;
  const target = code.target as { toString(): string } | undefined;
  return target ? target.toString() : undefined;
}

/** The book page of a rule, for when no diagnostic carries its link. */
export function ruleUrl(id: string): string {
  return `${BOOK_URL}/16-reference/rules/${id.replace('/', '-')}.html`;
}

function contains(
  range: DiagnosticLike['range'],
  pos: { line: number; character: number },
): boolean {
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(range.start, pos) && before(pos, range.end);
}

/**
 * The distinct blueprint rule ids of the diagnostics under the cursor, in order;
 * when none is under the cursor, those on the cursor's line.
 */
export function ruleIdsAt(
  diagnostics: readonly DiagnosticLike[],
  pos: { line: number; character: number },
): string[] {
  const ours = diagnostics.filter(
    (d) => (d.source === undefined || d.source === 'blueprint') && ruleIdOf(d.code) !== undefined,
  );
  const under = ours.filter((d) => contains(d.range, pos));
  const onLine = ours.filter((d) => d.range.start.line <= pos.line && pos.line <= d.range.end.line);
  const chosen = under.length > 0 ? under : onLine;
  const ids: string[] = [];
  for (const d of chosen) {
    const id = ruleIdOf(d.code)!;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Cleans what a person typed into the "Explain" box; undefined when empty. */
export function normalizeQuery(input: string | undefined): string | undefined {
  const q = input?.trim();
  return q ? q : undefined;
}

/**
 * The permissions a chart's Roles and ClusterRoles grant, read from their `rules:` across every
 * branch. Kubernetes lets the operator create such a role only if it already holds those permissions,
 * so they become part of its own role. Rules computed at render time are reported so the caller can
 * fall back to `escalate`/`bind`.
 */
import type { Warning } from '../../diagnostics.js';
import type { ChartModel } from './model.js';
import type { Resolver } from './resolve.js';
import { includedNames, yamlScalar } from './template/expr.js';
import { lineText, partsAfter, soleAction, type Part } from './template/lines.js';
import type { ActionToken } from '../gotemplate/lex.js';
import { warningAt as at, type DocLine, type DocumentWalker } from './walk.js';

/** One rule of a chart role, all branches merged. */
export interface ChartRoleRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly nonResourceURLs: readonly string[];
  readonly file: string;
  readonly line: number;
}

/** The rules of a role document, the places where rules are computed at render time, other findings. */
export interface RoleRules {
  readonly rules: readonly ChartRoleRule[];
  readonly computed: readonly Warning[];
  readonly notes: readonly Warning[];
}

const RULE_KEYS = new Set(['apiGroups', 'resources', 'verbs', 'nonResourceURLs', 'resourceNames']);
type RuleKey = 'apiGroups' | 'resources' | 'verbs' | 'nonResourceURLs';

interface Acc { sets: Record<RuleKey, Set<string>>; line: DocLine }

/** Reads the `rules:` of a Role/ClusterRole document. */
export function readRoleRules(lines: readonly DocLine[], model: ChartModel, walker: DocumentWalker, resolver: Resolver): RoleRules {
  const start = lines.findIndex((l) => l.indent === 0 && /^rules\s*:/.test(lineText(l)));
  if (start < 0) return { rules: [], computed: [], notes: [] };
  const rules: ChartRoleRule[] = [];
  const computed: Warning[] = [];
  const notes: Warning[] = [];
  let current: Acc | undefined;
  let key: string | undefined;
  const commit = (): void => {
    if (current) rules.push(toRule(current));
    current = undefined;
  };
  const addItems = (line: DocLine, value: string, actions: readonly ActionToken[]): void => {
    if (!current || !key || key === 'resourceNames') return;
    const set = current.sets[key as RuleKey];
    const inner = value.trim().replace(/^\[(.*)\]$/, '$1');
    for (const raw of inner.split(',').map((s) => s.trim())) {
      if (raw === '') continue;
      const item = yamlScalar(raw);
      const refs = [...item.matchAll(/\u0000(\d+)\u0000/g)].map((m) => actions[Number(m[1])]!);
      if (refs.length === 0) {
        set.add(item);
        continue;
      }
      const missing = refs.flatMap((a) => includedNames(a.expr)).filter((n) => !model.defines.has(n));
      if (missing.length > 0) {
        notes.push(at(line, `role rule ${key} calls the undefined template ${missing.join(', ')}; Helm fails to render this branch, so it grants nothing`));
        continue;
      }
      const values = refs.flatMap((a) => resolver.resolveParts([{ action: a }], line.scope, 'name').values);
      if (values.length > 0) for (const v of values) set.add(v);
      else computed.push(at(line, `role rule ${key} computed at render time (${refs.map((a) => a.expr).join(' ')})`));
    }
  };
  let keyIndent = -1;
  const visit = (line: DocLine, depth: number): void => {
    const sole = soleAction(line.parts);
    if (sole && key && line.indent > keyIndent) {
      // The value of the current key, printed on its own line (`resources:` then `{{ toYaml . | nindent 4 }}`).
      addItems(line, '\u00000\u0000', [sole]);
      return;
    }
    if (sole) {
      const defines = includedNames(sole.expr).flatMap((n) => model.defines.get(n) ?? []);
      if (defines.length > 0 && !/tplvalues\.render|toYaml|\btpl\b/.test(sole.expr) && depth < 8) {
        for (const d of defines) for (const l of walker.flatten(d)) if (l !== 'sep') visit(l, depth + 1);
      } else {
        computed.push(at(line, `role rules computed at render time (${sole.expr})`));
      }
      return;
    }
    const actions = line.parts.flatMap((p) => ('text' in p ? [] : [p.action]));
    let n = 0;
    const text = line.parts.map((p) => ('text' in p ? p.text : `\u0000${n++}\u0000`)).join('').replace(/\s+#.*$/, '');
    const m = /^\s*(-\s+)?([A-Za-z]+)\s*:\s*(.*)$/.exec(text);
    if (m) {
      if (m[1]) {
        commit();
        current = { sets: { apiGroups: new Set(), resources: new Set(), verbs: new Set(), nonResourceURLs: new Set() }, line };
      }
      key = RULE_KEYS.has(m[2]!) ? m[2] : undefined;
      keyIndent = line.indent + (m[1] ? m[1].length : 0);
      if (m[3]) addItems(line, m[3], actions);
    } else {
      const item = /^\s*-\s+(.*)$/.exec(text);
      if (item) addItems(line, item[1]!, actions);
    }
  };
  const first = lines[start]!;
  const inline = partsAfter(first, /^rules\s*:\s*/) ?? [];
  if (inline.some((p: Part) => !('text' in p))) visit({ ...first, parts: inline }, 0);
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.indent === 0 && !/^-/.test(lineText(line, '{{}}'))) break;
    visit(line, 0);
  }
  commit();
  return { rules, computed, notes };
}

function toRule(acc: Acc): ChartRoleRule {
  const sorted = (k: RuleKey): string[] => [...acc.sets[k]].sort();
  return {
    apiGroups: sorted('apiGroups'), resources: sorted('resources'), verbs: sorted('verbs'),
    nonResourceURLs: sorted('nonResourceURLs'), file: acc.line.scope.file, line: acc.line.line,
  };
}

/** Built-in roles charts bind to, with the permissions binding them requires. */
const SYSTEM_ROLES: Readonly<Record<string, readonly { group: string; resource: string; verbs: string[] }[]>> = {
  'system:auth-delegator': [
    { group: 'authentication.k8s.io', resource: 'tokenreviews', verbs: ['create'] },
    { group: 'authorization.k8s.io', resource: 'subjectaccessreviews', verbs: ['create'] },
  ],
  'extension-apiserver-authentication-reader': [{ group: '', resource: 'configmaps', verbs: ['get', 'list', 'watch'] }],
};

/** The role a binding document refers to, when its name is written literally. */
export function literalRoleRef(lines: readonly DocLine[]): { name: string; line: DocLine } | undefined {
  const start = lines.findIndex((l) => l.indent === 0 && /^roleRef\s*:\s*$/.test(lineText(l)));
  if (start < 0) return undefined;
  for (let i = start + 1; i < lines.length && lines[i]!.indent > 0; i++) {
    const line = lines[i]!;
    const m = /^\s*name\s*:\s*["']?([^"'\s{]+)["']?\s*$/.exec(lineText(line, '{{}}'));
    if (m) return { name: m[1]!, line };
  }
  return undefined;
}

/** The permissions binding a built-in role needs, if the role is one the table knows. */
export function systemRoleRules(name: string): readonly { group: string; resource: string; verbs: string[] }[] | undefined {
  return SYSTEM_ROLES[name];
}

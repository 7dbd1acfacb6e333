/**
 * The custom resource kinds a chart defines itself (crds/ files and CRD templates): group, kind,
 * plural and scope read from the CRD's spec, so objects of those kinds map to the right resource.
 * One pass over the document: CRDs can be hundreds of kilobytes.
 */
import type { KindInfo } from './kinds/table.js';
import type { ChartModel } from './model.js';
import { yamlScalar } from './template/expr.js';
import { lineText } from './template/lines.js';
import type { Scope } from './template/scopes.js';
import type { TextToken } from '../gotemplate/lex.js';
import type { Doc, DocLine } from './walk.js';

const SPEC_KEY = /^\s*(group|scope|names|version|versions)\s*:\s*(.*)$/;
const NAME_KEY = /^\s*(kind|plural)\s*:\s*(.*)$/;
const VERSION_NAME = /^\s*-?\s*name\s*:\s*["']?(v[0-9a-z]+)["']?\s*$/;

/** The kind a CustomResourceDefinition document defines, when its names are literal. */
export function crdKind(doc: Doc): KindInfo | undefined {
  const top = doc.lines.filter((l) => l.indent === 0);
  if (!top.some((l) => /^kind\s*:\s*["']?CustomResourceDefinition["']?\s*$/.test(lineText(l)))) return undefined;
  const specAt = doc.lines.findIndex((l) => l.indent === 0 && /^spec\s*:\s*$/.test(lineText(l)));
  if (specAt < 0) return undefined;
  const found: Record<string, string> = {};
  let childIndent = -1;
  let section = '';
  for (let i = specAt + 1; i < doc.lines.length; i++) {
    const line = doc.lines[i]!;
    if (line.indent === 0 && !isListItem(line)) break;
    if (childIndent < 0) childIndent = line.indent;
    if (line.indent === childIndent && !isListItem(line)) {
      const m = SPEC_KEY.exec(lineText(line));
      section = m?.[1] ?? '';
      if (m && (section === 'group' || section === 'scope' || section === 'version')) setLiteral(found, section, line, m[2]!);
      continue;
    }
    if (section === 'names' && found.kind === undefined || section === 'names' && found.plural === undefined) {
      const m = NAME_KEY.exec(lineText(line));
      if (m && found[m[1]!] === undefined) setLiteral(found, m[1]!, line, m[2]!);
    } else if (section === 'versions' && found.version === undefined) {
      const m = VERSION_NAME.exec(lineText(line));
      if (m) found.version = m[1]!;
    }
  }
  const { group, kind, plural, scope, version } = found;
  if (!group || !kind || !plural) return undefined;
  return { group, kind, resource: plural, namespaced: scope !== 'Cluster', version: version ?? 'v1' };
}

function isListItem(line: DocLine): boolean {
  const first = line.parts[0];
  return !!first && 'text' in first && /^\s*-\s/.test(first.text);
}

/** Records `key: value` when the value is literal (no template action on the line). */
function setLiteral(found: Record<string, string>, key: string, line: DocLine, value: string): void {
  if (line.parts.some((p) => !('text' in p))) return;
  const v = yamlScalar(value);
  if (v !== '') found[key] = v;
}

/**
 * crds/ files are installed as they are, never rendered, so they are plain text. Only their shallow
 * structure matters (separators, apiVersion/kind, spec.group/names/scope/versions); the deep schema
 * lines, which make up almost all of a CRD, are left out to keep the analysis fast.
 */
export function crdFileScopes(model: ChartModel): Scope[] {
  return model.units.flatMap((unit, index) => unit.chart.crds
    .filter((f) => /\.(ya?ml|json)$/.test(f.path))
    .map((f) => ({ file: unit.prefix + f.path, unit: index, line: 1, tokens: shallowLines(f.data) })));
}

const CRD_DEPTH = 6;

/**
 * The lines of a CRD file indented at most CRD_DEPTH spaces. Only those lines are decoded as UTF-8:
 * the file is scanned through a latin1 view of its bytes (a character per byte, so offsets are byte
 * offsets, and a newline byte never occurs inside a UTF-8 sequence).
 */
function shallowLines(data: Buffer): TextToken[] {
  const bytes = data.toString('latin1');
  const out: TextToken[] = [];
  let line = 1;
  for (let pos = 0; pos < bytes.length; line++) {
    const end = bytes.indexOf('\n', pos);
    const stop = end < 0 ? bytes.length : end;
    let indent = 0;
    while (indent <= CRD_DEPTH && bytes.charCodeAt(pos + indent) === 32) indent++;
    if (indent <= CRD_DEPTH) out.push({ type: 'text', text: `${data.toString('utf8', pos, stop)}\n`, line });
    pos = stop + 1;
  }
  return out;
}

/**
 * Descriptions of values from the comments in values.yaml, in the conventions charts use:
 * - helm-docs: `# -- text` directly above a key (following comment lines continue it), or
 *   `# some.path -- text` anywhere;
 * - bitnami readme-generator: `## @param some.path text` (and `@extra`) anywhere;
 * - otherwise the plain comment lines directly above a key, unless they are commented-out YAML.
 * An explicit path wins over a comment above the key; helm-docs wins over a plain comment.
 */
import { scanKeyLines } from './key-lines.js';

/** Descriptions keyed by the dotted value path. */
export type ValueDocs = ReadonlyMap<string, string>;

const BITNAMI = /^##?\s*@(param|extra)\s+(\S+)\s*(.*)$/;
const HELM_DOCS_PATH = /^#\s*([A-Za-z0-9_.\-[\]"/]+)\s+--\s?(.*)$/;
const HELM_DOCS = /^#\s*--\s?(.*)$/;
const HELM_DOCS_TAG = /^#\s*@(default|section|raw|notationType|ignored|schema)\b/;

/** Reads every description values.yaml gives, keyed by `a.b.c`. */
export function readValueDocs(text: string): ValueDocs {
  const lines = text.split(/\r?\n/);
  const explicit = new Map<string, string>();
  for (const raw of lines) {
    if (!raw.includes('#')) continue; // both conventions are comments
    const line = raw.trim();
    const bitnami = BITNAMI.exec(line);
    if (bitnami) {
      const description = stripModifiers(bitnami[3]!);
      if (description) explicit.set(bitnami[2]!, description);
      continue;
    }
    const helmDocs = HELM_DOCS_PATH.exec(line);
    if (helmDocs && helmDocs[1] !== '--') explicit.set(helmDocs[1]!, cleanHelmDocs(helmDocs[2]!));
  }
  const docs = new Map<string, string>();
  for (const key of scanKeyLines(lines)) {
    const id = key.path.join('.');
    const description = explicit.get(id) ?? describeFromAbove(lines, key.line);
    if (description) docs.set(id, description);
  }
  for (const [id, description] of explicit) if (!docs.has(id)) docs.set(id, description);
  return docs;
}

/** The comment block directly above line `at` (no blank line between), top to bottom. */
function commentBlock(lines: readonly string[], at: number): string[] {
  const block: string[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line.startsWith('#')) break;
    block.unshift(line);
  }
  return block;
}

function describeFromAbove(lines: readonly string[], at: number): string | undefined {
  const block = commentBlock(lines, at);
  let start = block.length - 1;
  while (start >= 0 && !HELM_DOCS.test(block[start]!)) start--;
  if (start >= 0) {
    const first = HELM_DOCS.exec(block[start]!)![1]!;
    const rest = block.slice(start + 1).filter((l) => !HELM_DOCS_TAG.test(l)).map(uncomment);
    return join([cleanHelmDocs(first), ...rest]);
  }
  return plainDescription(block);
}

/** Plain comment lines above a key, without the commented-out YAML examples among them. */
function plainDescription(block: readonly string[]): string | undefined {
  const kept: string[] = [];
  for (let i = block.length - 1; i >= 0; i--) {
    const line = block[i]!;
    if (/^#+\s*@/.test(line) || HELM_DOCS_PATH.test(line)) break;
    const text = uncomment(line);
    if (!looksLikeYaml(line, text)) kept.unshift(text);
  }
  return join(kept);
}

/** Commented-out values (`# key: value`, `#   nested:`, `# - item`) are not descriptions. */
function looksLikeYaml(line: string, raw: string): boolean {
  const text = raw.trim();
  if (/^#+\s{2,}\S/.test(line) && /^[\w."'/-]+:(\s|$)|^- /.test(text)) return true;
  if (/^- \S/.test(text)) return true;
  if (/^(ref|note|e\.g|example|see|docs?|default)s?:/i.test(text)) return false;
  return /^[\w."'/-]+:(\s+\S*)?$/.test(text) || /^[\w."'/-]+:\s*[[{|>]/.test(text);
}

function uncomment(line: string): string {
  return line.replace(/^#+\s?/, '').trimEnd();
}

/** Drops bitnami's `[array]`, `[object]`, `[nullable]`, `[default: x]` markers before the text. */
function stripModifiers(text: string): string {
  return text.replace(/^(\[[^\]]*\]\s*)+/, '').trim();
}

/** Drops helm-docs' `(type)` marker before the text. */
function cleanHelmDocs(text: string): string {
  return text.replace(/^\([\w.\-/]+\)\s*/, '').trim();
}

function join(parts: readonly string[]): string | undefined {
  const text = parts.map((p) => p.trim()).filter((p) => p !== '' && /[A-Za-z0-9]/.test(p)).join(' ').trim();
  return text === '' ? undefined : text;
}

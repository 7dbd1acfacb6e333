/**
 * The sample CR's spec is the chart's values.yaml itself, indented under `spec:`, so the user keeps
 * the chart's comments and key order (operator-sdk re-serialises it and loses both). The indented text
 * is parsed back and compared with the values; if YAML ever reads it differently, the values are
 * dumped instead and a warning says so.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Warning } from '../diagnostics.js';
import { HELM_YAML_SCHEMA, dumpYaml, isMap } from '../util/yaml.js';
import yaml from 'js-yaml';

/** Builds SampleInfo.specBlock from values.yaml text and its parsed values. */
export function sampleSpecBlock(valuesText: string, values: Readonly<Record<string, unknown>>, warnings: Warning[]): string {
  if (Object.keys(values).length === 0) return ' {}\n';
  const body = valuesText
    .replace(/\r\n?/g, '\n')
    .replace(/^\uFEFF/, '')
    .replace(/^(%[^\n]*\n)*---[^\n]*\n/, '')
    .replace(/\n\.\.\.\s*$/, '\n')
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : `  ${line.replace(/\s+$/, '')}`))
    .join('\n')
    .replace(/\n*$/, '\n');
  const block = `\n${body}`;
  try {
    const parsed = yaml.load(`spec:${block}`, { schema: HELM_YAML_SCHEMA, json: true });
    if (isMap(parsed) && isDeepStrictEqual(parsed['spec'], values)) return block;
  } catch {
    // fall through to the re-serialised form
  }
  warnings.push({ file: 'values.yaml', message: 'could not keep its comments in the sample CR; the values were re-serialised' });
  return `\n${dumpYaml(values).split('\n').map((l) => (l === '' ? l : `  ${l}`)).join('\n')}`;
}

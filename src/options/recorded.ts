/**
 * The answers an existing project was generated with, read back from its PROJECT file, so that
 * re-running the tool on it (to regenerate, or to move to a new chart version) keeps the same kind,
 * group, domain and the rest without retyping them. Flags still win. Also the chart it records, which
 * a re-run without --chart regenerates from (its vendored copy).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { isMap } from '../util/yaml.js';
import { SCHEMA_MODES, type Answers } from './types.js';

/** The key under PROJECT's `plugins` where this tool records the chart source and the answers. */
export const PROJECT_PLUGIN_KEY = 'helm-chart.create-helm-operator.dev/v1alpha1';

const STRING_ANSWERS = ['domain', 'group', 'version', 'kind', 'projectName', 'image', 'helmOperatorVersion'] as const;

/** Our entry under PROJECT's `plugins` in `<directory>/PROJECT`, when there is one. */
function readOurs(directory: string): Record<string, unknown> | undefined {
  let project: unknown;
  try {
    project = yaml.load(readFileSync(join(directory, 'PROJECT'), 'utf8'));
  } catch {
    return undefined;
  }
  const plugins = isMap(project) ? project['plugins'] : undefined;
  const ours = isMap(plugins) ? plugins[PROJECT_PLUGIN_KEY] : undefined;
  return isMap(ours) ? ours : undefined;
}

/** The chart a project records: its name (the folder under helm-charts/) and where it first came from. */
export interface RecordedChart {
  readonly name: string;
  readonly source: string;
  readonly sourceType: string;
}

// A chart name as a single folder name: PROJECT is the user's file, so `..` or a path is refused.
const CHART_FOLDER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The chart recorded in `<directory>/PROJECT`, or undefined when there is none (or it is not ours). */
export function readRecordedChart(directory: string): RecordedChart | undefined {
  const chart = readOurs(directory)?.['chart'];
  if (!isMap(chart)) return undefined;
  const { name, source, sourceType } = chart;
  if (typeof name !== 'string' || typeof source !== 'string' || typeof sourceType !== 'string') return undefined;
  if (!CHART_FOLDER.test(name) || name.includes('..')) return undefined;
  return { name, source, sourceType };
}

/** The recorded answers in `<directory>/PROJECT`, or {} when there is none (or it is not ours). */
export function readRecordedAnswers(directory: string): Partial<Omit<Answers, 'directory'>> {
  const answers = readOurs(directory)?.['answers'];
  if (!isMap(answers)) return {};
  const out: Record<string, unknown> = {};
  for (const key of STRING_ANSWERS) if (typeof answers[key] === 'string') out[key] = answers[key];
  if (SCHEMA_MODES.includes(answers['schema'] as never)) out['schema'] = answers['schema'];
  return out as Partial<Omit<Answers, 'directory'>>;
}

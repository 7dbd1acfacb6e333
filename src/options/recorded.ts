/**
 * The answers an existing project was generated with, read back from its PROJECT file, so that
 * re-running the tool on it (to regenerate, or to move to a new chart version) keeps the same kind,
 * group, domain and the rest without retyping them. Flags still win.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { isMap } from '../util/yaml.js';
import { SCHEMA_MODES, type Answers } from './types.js';

/** The key under PROJECT's `plugins` where this tool records the chart source and the answers. */
export const PROJECT_PLUGIN_KEY = 'helm-chart.create-helm-operator.dev/v1alpha1';

const STRING_ANSWERS = ['domain', 'group', 'version', 'kind', 'projectName', 'image', 'helmOperatorVersion'] as const;

/** The recorded answers in `<directory>/PROJECT`, or {} when there is none (or it is not ours). */
export function readRecordedAnswers(directory: string): Partial<Omit<Answers, 'directory'>> {
  let project: unknown;
  try {
    project = yaml.load(readFileSync(join(directory, 'PROJECT'), 'utf8'));
  } catch {
    return {};
  }
  const plugins = isMap(project) ? project['plugins'] : undefined;
  const ours = isMap(plugins) ? plugins[PROJECT_PLUGIN_KEY] : undefined;
  const answers = isMap(ours) ? ours['answers'] : undefined;
  if (!isMap(answers)) return {};
  const out: Record<string, unknown> = {};
  for (const key of STRING_ANSWERS) if (typeof answers[key] === 'string') out[key] = answers[key];
  if (SCHEMA_MODES.includes(answers['schema'] as never)) out['schema'] = answers['schema'];
  return out as Partial<Omit<Answers, 'directory'>>;
}

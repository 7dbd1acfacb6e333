/**
 * Turns the options into complete answers: flags win, then the answers an existing project recorded
 * in its PROJECT, then a prompt on a TTY (with the default shown), then the default. Without a TTY nothing is asked: a missing answer with no default is an
 * error naming the flag, so CI never hangs.
 */
import { basename, resolve } from 'node:path';
import { UserError } from '../diagnostics.js';
import { checkFlags } from './check-flags.js';
import { kindFromDirectory, kindFromName, projectNameFromDirectory } from './names.js';
import { readRecordedAnswers } from './recorded.js';
import {
  DEFAULT_API_VERSION, DEFAULT_DOMAIN, DEFAULT_HELM_OPERATOR_VERSION,
  type Answers, type GenerateOptions,
} from './types.js';

/** One question for the prompt adapter (an inquirer-style input question). */
export interface Question {
  readonly name: keyof GenerateOptions;
  readonly message: string;
  readonly default?: string;
  /** Returns an error message for a bad answer, or true. */
  readonly validate: (value: string) => true | string;
}

/** Asks the questions and returns the answers by name (Yeoman's prompt, in the generator). */
export type Ask = (question: Question) => Promise<string>;

/** Resolves every answer. `chartName` is the chart's name when --chart was given. */
export async function resolveAnswers(o: GenerateOptions, chartName: string | undefined, ask?: Ask): Promise<Answers> {
  const interactive = o.interactive === true && ask !== undefined;
  const cwd = o.cwd ?? process.cwd();
  const pick = async (name: keyof GenerateOptions, given: string | undefined, message: string, fallback: string | undefined, check: (v: string) => string | undefined): Promise<string> => {
    if (given !== undefined) return given;
    if (interactive) {
      const answer = (await ask({ name, message, ...(fallback ? { default: fallback } : {}), validate: (v) => (v.trim() === '' ? 'an answer is required' : check(v.trim()) ?? true) })).trim();
      return answer === '' && fallback !== undefined ? fallback : answer;
    }
    if (fallback !== undefined) return fallback;
    const flag = name === 'directory' ? 'a directory argument' : `--${name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;
    throw new UserError(`no ${message.toLowerCase()} given and no terminal to ask on: pass ${flag}`, { hint: 'e.g. create-helm-operator memcached-operator --kind Memcached' });
  };
  const recheck = (build: (v: string) => GenerateOptions) => (v: string): string | undefined => {
    try { checkFlags(build(v)); return undefined; } catch (e) { return (e as Error).message; }
  };

  const defaultDir = chartName ? `${chartName}-operator` : o.kind ? `${o.kind.toLowerCase()}-operator` : undefined;
  const directory = await pick('directory', o.directory, 'Project directory', defaultDir, recheck((v) => ({ directory: v })));
  const dirName = basename(resolve(cwd, directory));
  // An existing project's recorded answers count as given: re-running regenerates the same project
  // without asking again (on a terminal too); a flag changes that answer.
  const rec = readRecordedAnswers(resolve(cwd, directory));
  const kind = await pick('kind', o.kind ?? rec.kind, 'Kind', chartName ? kindFromName(chartName) : kindFromDirectory(dirName) || undefined, recheck((v) => ({ kind: v })));
  const group = await pick('group', o.group ?? rec.group, 'API group', chartName ? 'charts' : kind.toLowerCase(), recheck((v) => ({ group: v, domain: o.domain ?? DEFAULT_DOMAIN })));
  const domain = await pick('domain', o.domain ?? rec.domain, 'Domain', DEFAULT_DOMAIN, recheck((v) => ({ group, domain: v })));
  const version = await pick('apiVersion', o.apiVersion ?? rec.version, 'API version', DEFAULT_API_VERSION, recheck((v) => ({ apiVersion: v })));
  const projectName = await pick('projectName', o.projectName ?? rec.projectName, 'Project name', projectNameFromDirectory(dirName) || undefined, recheck((v) => ({ projectName: v })));
  const answers: Answers = {
    directory: resolve(cwd, directory),
    domain,
    group,
    version,
    kind,
    projectName,
    image: o.image ?? rec.image ?? `${domain}/${projectName}:0.0.1`,
    helmOperatorVersion: o.helmOperatorVersion ?? rec.helmOperatorVersion ?? DEFAULT_HELM_OPERATOR_VERSION,
    schema: o.schema ?? rec.schema ?? 'auto',
  };
  // Defaults derived from a directory or chart name can still break a rule: say which flag fixes it.
  checkFlags({ ...answers, apiVersion: answers.version });
  return Object.freeze(answers);
}

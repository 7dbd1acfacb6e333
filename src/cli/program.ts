/**
 * The command line. buildProgram() makes a fresh commander program (tests build their own); it only
 * parses: the action records the options and main() decides what to do with them.
 */
import { Command, Option } from 'commander';
import { SCHEMA_MODES, DEFAULT_DOMAIN, DEFAULT_API_VERSION, DEFAULT_HELM_OPERATOR_VERSION } from '../options/types.js';

/** Options exactly as commander parsed them. */
export interface ParsedCli {
  readonly directory: string | undefined;
  readonly chart?: string;
  readonly domain?: string;
  readonly group?: string;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly projectName?: string;
  readonly image?: string;
  readonly helmOperatorVersion?: string;
  readonly templates?: string;
  readonly schema?: string;
  readonly force?: boolean;
  readonly dryRun?: boolean;
  readonly yes?: boolean;
  readonly interactive: boolean;
}

/** Where the program writes: injectable so tests can capture output. */
export interface ProgramOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

/** Builds the commander program; `onParsed` receives the options when the command runs. */
export function buildProgram(version: string, output: ProgramOutput, onParsed: (cli: ParsedCli) => void): Command {
  const program = new Command('create-helm-operator');
  program
    .description('Turn a Helm chart into a complete Kubernetes operator project (helm-operator runtime).')
    .argument('[directory]', 'project directory (default: <chart-name>-operator)')
    .option('--chart <path>', 'chart directory or packaged .tgz (default: the built-in starter chart)')
    .option('--domain <domain>', `domain of the API group (default: ${DEFAULT_DOMAIN})`)
    .option('--group <group>', 'API group (default: charts with --chart, else the kind in lower case)')
    .option('--api-version <version>', `API version (default: ${DEFAULT_API_VERSION})`)
    .option('--kind <Kind>', 'kind of the custom resource (default: the chart name in UpperCamelCase)')
    .option('--project-name <name>', "project name (default: the directory's base name)")
    .option('--image <ref>', 'operator image the Makefile and kustomize use (default: <domain>/<project-name>:0.0.1)')
    .option('--helm-operator-version <tag>', `helm-operator base image tag (default: ${DEFAULT_HELM_OPERATOR_VERSION})`)
    .option('--templates <dir>', 'template overlay: files replace built-in templates at the same path or add files')
    .addOption(new Option('--schema <mode>', 'CRD spec schema: from values.schema.json or values.yaml (auto), values.yaml only (infer), or none').choices(SCHEMA_MODES as string[]))
    .option('--force', 'overwrite files that differ')
    .option('--dry-run', 'print the plan, write nothing')
    .option('-y, --yes', 'accept defaults, never prompt')
    .option('--no-interactive', 'never prompt (also when stdin is not a TTY, or CI is set)')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', [
      '',
      'Examples:',
      '  $ create-helm-operator demo-operator --yes',
      '  $ create-helm-operator --chart ./charts/memcached --domain example.com --group cache --kind Memcached',
      '  $ create-helm-operator --chart memcached-0.1.0.tgz --dry-run',
    ].join('\n'))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: output.writeOut, writeErr: output.writeErr })
    .action((directory: string | undefined, options: Omit<ParsedCli, 'directory'>) => {
      onParsed({ ...options, directory });
    });
  return program;
}

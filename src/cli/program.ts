/**
 * The command line. buildProgram() makes a fresh commander program (tests build their own); it only
 * parses: the action records the options and main() decides what to do with them.
 */
import { Command, Option } from 'commander';
import { SCHEMA_MODES, DEFAULT_DOMAIN, DEFAULT_API_VERSION, DEFAULT_HELM_OPERATOR_VERSION, type GenerateOptions } from '../options/types.js';

/** Options exactly as commander parsed them: GenerateOptions' flags, plus the raw forms main() converts. */
export type ParsedCli = Pick<GenerateOptions,
  | 'chart' | 'domain' | 'group' | 'apiVersion' | 'kind' | 'projectName' | 'image' | 'helmOperatorVersion'
  | 'templates' | 'force' | 'dryRun' | 'repo' | 'chartVersion' | 'username' | 'caFile'
  | 'insecureSkipTlsVerify' | 'plainHttp' | 'offline'> & {
  readonly directory: string | undefined;
  readonly schema?: string;
  readonly yes?: boolean;
  readonly interactive: boolean;
  readonly passwordStdin?: boolean;
  readonly maxChartBytes?: string;
  readonly maxChartFiles?: string;
  readonly timeout?: string;
  readonly check?: boolean;
  readonly exportTemplates?: string;
};

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
    .option('--chart <path>', 'chart directory, packaged .tgz, https:// URL of a .tgz, oci://registry/path/chart[:version], or <repo>/<chart> from `helm repo add` (default: the copy an existing project vendors in helm-charts/, else the built-in starter chart)')
    .option('--repo <url>', 'HTTP chart repository; --chart is then a chart name in it')
    .option('--chart-version <range>', 'chart version or Helm range (e.g. "^1.2", ">=1.0.0, <2.0.0") for --repo, <repo>/<chart> and oci:// (default: the highest)')
    .option('--username <name>', 'user name for the chart repository or registry')
    .option('--password-stdin', 'read the password (or token) for --username from stdin')
    .option('--ca-file <pem>', 'CA certificate that signs the repository or registry TLS certificate')
    .option('--insecure-skip-tls-verify', 'do not verify the TLS certificate of the repository or registry')
    .option('--plain-http', 'allow plain HTTP to the repository or registry (no TLS)')
    .option('--offline', 'refuse to fetch anything remote (missing dependencies become a warning)')
    .option('--max-chart-bytes <n>', 'largest size a chart may unpack to, in bytes (default: 104857600)')
    .option('--max-chart-files <n>', 'largest number of files a chart may hold (default: 10000)')
    .option('--timeout <seconds>', 'give up on a server that has not answered, or sends under 1 KiB/s, for this many seconds (default: 60)')
    .option('--domain <domain>', `domain of the API group (default: ${DEFAULT_DOMAIN})`)
    .option('--group <group>', 'API group (default: charts with --chart, else the kind in lower case)')
    .option('--api-version <version>', `API version (default: ${DEFAULT_API_VERSION})`)
    .option('--kind <Kind>', 'kind of the custom resource (default: the chart name in UpperCamelCase)')
    .option('--project-name <name>', "project name (default: the directory's base name)")
    .option('--image <ref>', 'operator image the Makefile and kustomize use (default: <domain>/<project-name>:0.0.1)')
    .option('--helm-operator-version <tag>', `helm-operator base image tag (default: ${DEFAULT_HELM_OPERATOR_VERSION})`)
    .option('--templates <dir>', 'template overlay: files replace built-in templates at the same path or add files')
    .option('--export-templates <dir>', 'copy the built-in templates into <dir> to start an overlay, and do nothing else')
    .addOption(new Option('--schema <mode>', 'CRD spec schema: from values.schema.json or values.yaml (auto), values.yaml only (infer), or none').choices(SCHEMA_MODES as string[]))
    .option('--force', 'overwrite files that differ')
    .option('--dry-run', 'print the plan, write nothing')
    .option('--check', 'write nothing; exit 1 if the project differs from what the chart generates (drift check for CI)')
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
      '  $ create-helm-operator --repo https://charts.example.com --chart memcached --chart-version "^7"',
      '  $ create-helm-operator --chart oci://registry.example.com/charts/memcached:7.4.0',
      '  $ create-helm-operator --export-templates my-templates   # then edit, and pass --templates my-templates',
      '',
      'Environment:',
      '  HTTPS_PROXY, HTTP_PROXY, NO_PROXY      proxy for downloads, as for Helm',
      '  HELM_REPOSITORY_CONFIG, HELM_REGISTRY_CONFIG, HELM_CONFIG_HOME, DOCKER_CONFIG',
      '                                         where `helm repo add` and registry logins are read',
      '  CREATE_HELM_OPERATOR_CACHE             folder for the code cache (default ~/.cache/create-helm-operator)',
      '  NODE_DISABLE_COMPILE_CACHE=1           no code cache',
      '  NO_COLOR, FORCE_COLOR                  colour off or on',
    ].join('\n'))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: output.writeOut, writeErr: output.writeErr })
    .action((directory: string | undefined, options: Omit<ParsedCli, 'directory'>) => {
      onParsed({ ...options, directory });
    });
  return program;
}

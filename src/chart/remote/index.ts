/**
 * Everything remote, behind one door: src/chart/source.ts imports this module only when a chart or
 * a dependency has to be fetched, so a local chart (and --help) never loads http, https, tls or semver.
 */
export { vendorDependencies } from './dependencies.js';
export { findHelmRepository } from './helm-config.js';
export { redactUrl } from './http.js';
export { fetchFromOci, parseOciReference } from './oci.js';
export { streamProgress } from './progress.js';
export { fetchChartUrl, fetchFromRepository, type FetchedArchive } from './repository.js';

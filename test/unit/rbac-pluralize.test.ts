/** Plurals as kubebuilder/operator-sdk derive them (flect's rules on the lower-cased kind). */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { pluralize } from '../../src/analysis/rbac/index.js';

const CASES: readonly [string, string][] = [
  ['Memcached', 'memcacheds'], ['Policy', 'policies'], ['Ingress', 'ingresses'], ['Endpoints', 'endpoints'],
  ['Redis', 'redis'], ['Nginx', 'nginxes'], ['Proxy', 'proxies'], ['Gateway', 'gateways'], ['Status', 'statuses'],
  ['Person', 'people'], ['Index', 'indices'], ['Database', 'databases'], ['Cache', 'caches'], ['Mongo', 'mongoes'],
  ['Radio', 'radios'], ['Wolf', 'wolves'], ['Knife', 'knives'], ['Box', 'boxes'], ['Quiz', 'quizzes'], ['Data', 'data'],
  ['Analysis', 'analyses'], ['Series', 'series'], ['DNS', 'dnses'], ['API', 'apis'], ['Postgres', 'postgres'],
  ['Application', 'applications'], ['Deployment', 'deployments'], ['NetworkPolicy', 'networkpolicies'], ['', ''],
];

it('pluralises kinds the way operator-sdk and kubebuilder do', () => {
  assert.deepEqual(CASES.map(([kind]) => [kind, pluralize(kind)]), CASES);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkApiVersion, checkGroupAndDomain, checkKind, checkProjectName, kindFromDirectory, kindFromName, projectNameFromDirectory } from '../../src/options/names.js';
import { splitImage } from '../../src/options/check-flags.js';

test('kind rules', () => {
  for (const ok of ['Memcached', 'A', 'KubePrometheusStack', 'App2']) assert.equal(checkKind(ok), undefined, ok);
  for (const bad of ['memcached', 'My_Kind', 'My-Kind', '2App', '', 'A'.repeat(64)]) assert.ok(checkKind(bad), bad);
});

test('group and domain rules', () => {
  assert.equal(checkGroupAndDomain('cache', 'example.com'), undefined);
  assert.match(checkGroupAndDomain('Cache', 'example.com')!, /^--group "Cache"/);
  assert.match(checkGroupAndDomain('cache', 'example_com')!, /^--domain "example_com"/);
  assert.match(checkGroupAndDomain('a'.repeat(63), `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`)!, /253/);
});

test('api version and project name rules', () => {
  for (const ok of ['v1', 'v1alpha1', 'v2beta3', 'v10']) assert.equal(checkApiVersion(ok), undefined, ok);
  for (const bad of ['1', 'v0', 'v1alpha', 'V1', 'v1.0', 'v1gamma1']) assert.ok(checkApiVersion(bad), bad);
  assert.equal(checkProjectName('memcached-operator'), undefined);
  for (const bad of ['Memcached', '-x', 'x-', 'a b', 'a'.repeat(64)]) assert.ok(checkProjectName(bad), bad);
});

test('derived names', () => {
  assert.equal(kindFromName('kube-prometheus-stack'), 'KubePrometheusStack');
  assert.equal(kindFromName('bitnami_redis'), 'BitnamiRedis');
  assert.equal(kindFromName('3scale'), 'Scale');
  assert.equal(kindFromDirectory('demo-operator'), 'Demo');
  assert.equal(kindFromDirectory('my-app'), 'MyApp');
  assert.equal(projectNameFromDirectory('My_Project.v2'), 'my-project-v2');
  assert.deepEqual(splitImage('quay.io/x/y:1.0'), { name: 'quay.io/x/y', tag: '1.0' });
  assert.deepEqual(splitImage('localhost:5000/y'), { name: 'localhost:5000/y', tag: 'latest' });
});

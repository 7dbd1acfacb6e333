/** The app generator driven by yeoman-test, as any Yeoman generator is: prompts answered by the test. */
import { test } from 'node:test';
import { join } from 'node:path';
import helpers from 'yeoman-test';
import AppGenerator from '../../generators/app/index.js';
import { repoRoot } from '../support/paths.js';

const settings = { namespace: 'helm-operator:app', resolved: join(repoRoot, 'generators', 'app', 'index.ts') };

test('yeoman-test runs the generator with answers to its prompts', async () => {
  const result = await helpers
    .run(AppGenerator, settings)
    .withOptions({ interactive: true } as never)
    .withAnswers({ directory: 'shop-operator', kind: 'Shop', group: 'retail', domain: 'example.com', apiVersion: 'v1beta1', projectName: 'shop' });
  result.assertFile([
    'shop-operator/watches.yaml',
    'shop-operator/config/crd/bases/retail.example.com_shops.yaml',
    'shop-operator/config/samples/retail_v1beta1_shop.yaml',
    'shop-operator/helm-charts/shop/Chart.yaml',
  ]);
  result.assertFileContent('shop-operator/watches.yaml', /group: retail\.example\.com\n\s+version: v1beta1\n\s+kind: Shop/);
  result.assertFileContent('shop-operator/PROJECT', /projectName: shop\n/);
});

test('yeoman-test runs it without prompts when every answer comes from options', async () => {
  const result = await helpers
    .run(AppGenerator, settings)
    .withArguments(['demo-operator'])
    .withOptions({ kind: 'Demo', domain: 'acme.io' } as never);
  result.assertFileContent('demo-operator/PROJECT', /domain: acme\.io/);
  result.assertFileContent('demo-operator/watches.yaml', /kind: Demo/);
  result.assertNoFile('demo-operator/.yo-rc.json');
});

// The module boundary is stated once (.dependency-cruiser.js) and verified here: every rule must
// fire on a fixture that breaks it, stay quiet on one that respects it, and pass on the real code.
// Fixtures live in a temporary directory with a copy of the real tsconfig.json, so the
// @contexts/* and @platform/* aliases resolve exactly as they do in the repository.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cruise, REPO_ROOT, writeFixture } from './depcruise';

const tsconfig = readFileSync(join(REPO_ROOT, 'tsconfig.json'), 'utf8');

// Stand-ins for the real packages: the rules match on their node_modules paths.
const fakePackages = {
  'node_modules/@nestjs/common/package.json': '{ "name": "@nestjs/common", "main": "index.js" }',
  'node_modules/@nestjs/common/index.js': 'exports.Injectable = () => () => undefined;\n',
  'node_modules/kafkajs/package.json': '{ "name": "kafkajs", "main": "index.js" }',
  'node_modules/kafkajs/index.js': 'exports.Kafka = class Kafka {};\n',
};

const fixtures: string[] = [];
const fixture = (files: Record<string, string>): string => {
  const root = writeFixture({ 'tsconfig.json': tsconfig, ...fakePackages, ...files });
  fixtures.push(root);
  return root;
};

afterAll(() => fixtures.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('module boundaries (.dependency-cruiser.js)', () => {
  it('reports each kind of boundary breach under its rule name', () => {
    const root = fixture({
      'apps/alpha/src/alpha.module.ts':
        "import { thing } from '../../beta/src/internal/thing';\nexport const a = thing;\n",
      'apps/alpha/src/domain/rule.ts': "import { Injectable } from '@nestjs/common';\nexport const r = Injectable;\n",
      'apps/beta/src/internal/thing.ts': 'export const thing = 1;\n',
      'apps/beta/src/internal/broker.ts': "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n",
      'apps/monolith/src/app.module.ts':
        "import { thing } from '../../beta/src/internal/thing';\nexport const m = thing;\n",
      'libs/x/src/a.ts': "import { a } from '../../../apps/alpha/src/alpha.module';\nexport const x = a;\n",
      'libs/x/src/b.ts': "import { thing } from 'apps/beta/src/internal/thing';\nexport const y = thing;\n",
      'libs/x/src/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
      'libs/x/src/cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a;\n",
    });

    const { violations } = cruise(root, ['apps', 'libs']);

    expect(violations).toEqual(
      expect.arrayContaining([
        { rule: 'no-cross-context', from: 'apps/alpha/src/alpha.module.ts', to: 'apps/beta/src/internal/thing.ts' },
        { rule: 'no-cross-context', from: 'apps/monolith/src/app.module.ts', to: 'apps/beta/src/internal/thing.ts' },
        { rule: 'libs-not-to-apps', from: 'libs/x/src/a.ts', to: 'apps/alpha/src/alpha.module.ts' },
        { rule: 'libs-not-to-apps', from: 'libs/x/src/b.ts', to: 'apps/beta/src/internal/thing.ts' },
        { rule: 'no-circular', from: 'libs/x/src/cycle-a.ts', to: 'libs/x/src/cycle-b.ts' },
        { rule: 'domain-is-pure', from: 'apps/alpha/src/domain/rule.ts', to: 'node_modules/@nestjs/common/index.js' },
        {
          rule: 'kafkajs-only-in-kafka-transport',
          from: 'apps/beta/src/internal/broker.ts',
          to: 'node_modules/kafkajs/index.js',
        },
      ]),
    );
  });

  it('lets the monolith compose context root modules and the Kafka transport use kafkajs', () => {
    const root = fixture({
      'apps/alpha/src/alpha.module.ts': "import { rule } from './domain/rule';\nexport const a = rule;\n",
      'apps/alpha/src/domain/rule.ts': "import { x } from '@platform/events';\nexport const rule = x;\n",
      'apps/beta/src/beta.module.ts': 'export const b = 1;\n',
      'apps/beta/src/index.ts': "export * from './beta.module';\n",
      'apps/monolith/src/app.module.ts': [
        "import { a } from '../../alpha/src/alpha.module';",
        "import { b } from '@contexts/beta';",
        'export const m = [a, b];\n',
      ].join('\n'),
      'libs/events/src/index.ts': 'export const x = 1;\n',
      'libs/messaging/src/kafka/kafka.client.ts': "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n",
    });

    const { violations, edges } = cruise(root, ['apps', 'libs']);

    expect(violations).toEqual([]);
    // Guard against a vacuous pass: the imports above must actually have been resolved.
    expect(edges).toEqual(
      expect.arrayContaining([
        'apps/monolith/src/app.module.ts -> apps/alpha/src/alpha.module.ts',
        'apps/monolith/src/app.module.ts -> apps/beta/src/index.ts',
        'apps/alpha/src/domain/rule.ts -> libs/events/src/index.ts',
        'libs/messaging/src/kafka/kafka.client.ts -> node_modules/kafkajs/index.js',
      ]),
    );
  });

  it('keeps HTTP controllers and event subscriptions away from persistence/, and lets command handlers in', () => {
    const root = fixture({
      'apps/alpha/src/persistence/thing.repository.ts': 'export class ThingRepository {}\n',
      'apps/alpha/src/queries/get-thing/get-thing.http.controller.ts':
        "import { ThingRepository } from '../../persistence/thing.repository';\nexport const c = ThingRepository;\n",
      'apps/alpha/src/commands/do-thing/do-thing-when-done.subscription.ts':
        "import type { ThingRepository } from '../../persistence/thing.repository';\nexport type H = ThingRepository;\n",
      'apps/alpha/src/queries/get-thing/get-thing.handler.ts':
        "import { ThingRepository } from '../../persistence/thing.repository';\nexport const q = ThingRepository;\n",
      'apps/alpha/src/commands/do-thing/do-thing.handler.ts':
        "import { ThingRepository } from '../../persistence/thing.repository';\nexport const h = ThingRepository;\n",
    });

    const { violations, edges } = cruise(root, ['apps']);

    expect(violations).toHaveLength(2);
    expect(violations).toEqual(
      expect.arrayContaining([
        {
          rule: 'adapters-go-through-the-bus',
          from: 'apps/alpha/src/queries/get-thing/get-thing.http.controller.ts',
          to: 'apps/alpha/src/persistence/thing.repository.ts',
        },
        {
          rule: 'adapters-go-through-the-bus',
          from: 'apps/alpha/src/commands/do-thing/do-thing-when-done.subscription.ts',
          to: 'apps/alpha/src/persistence/thing.repository.ts',
        },
      ]),
    );
    expect(edges).toEqual(
      expect.arrayContaining([
        'apps/alpha/src/queries/get-thing/get-thing.handler.ts -> apps/alpha/src/persistence/thing.repository.ts',
        'apps/alpha/src/commands/do-thing/do-thing.handler.ts -> apps/alpha/src/persistence/thing.repository.ts',
      ]),
    );
  });

  it('finds no violations in the repository', () => {
    const dirs = ['apps', 'libs'].filter((dir) => existsSync(join(REPO_ROOT, dir)));

    expect(cruise(REPO_ROOT, dirs).violations).toEqual([]);
  });
});

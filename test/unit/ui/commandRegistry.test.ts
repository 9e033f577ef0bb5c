// The one command table (src/ui/commandRegistry.ts) against package.json: every contributed command registered,
// every registered command contributed, titles and categories the same, palette when-clauses the same, and every
// menu entry naming a contributed command. The table's modules import `vscode`, which only exists inside VS Code:
// the test loads them with an inert stand-in module (loadWithoutVscode) and never runs a handler.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type * as Registry from '../../../src/ui/commandRegistry';
import { ContextKey } from '../../../src/ui/contextKeys';
import { loadWithoutVscode } from '../../support/inertVscode';

interface Contributed { command: string; title: string; category?: string }
interface MenuItem { command: string; when?: string }
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { commands: Contributed[]; menus: Record<string, MenuItem[]>; viewsWelcome: { view: string; when?: string; contents: string }[]; views: Record<string, { id: string }[]> };
};
const contributed = manifest.contributes.commands;

describe('the command registry and package.json', () => {
  const { commandRegistry } = loadWithoutVscode<typeof Registry>('../../src/ui/commandRegistry');
  const registered = commandRegistry.map((c) => c.id);

  it('registers each id once', () => {
    assert.deepEqual(registered.filter((id, i) => registered.indexOf(id) !== i), []);
  });

  it('every contributed command is registered', () => {
    assert.deepEqual(contributed.map((c) => c.command).filter((id) => !registered.includes(id)), []);
  });

  it('every registered command is contributed', () => {
    assert.deepEqual(registered.filter((id) => !contributed.some((c) => c.command === id)), []);
  });

  it('titles are the same, and every command has the category AKS Model Deploy', () => {
    for (const entry of commandRegistry) {
      const c = contributed.find((x) => x.command === entry.id);
      assert.equal(c?.title, entry.title, `title of ${entry.id}`);
      assert.equal(c?.category, 'AKS Model Deploy', `category of ${entry.id}`);
    }
  });

  it('the palette shows a command exactly where the table says it can run', () => {
    const palette = manifest.contributes.menus.commandPalette;
    const dup = palette.map((p) => p.command).filter((id, i, all) => all.indexOf(id) !== i);
    assert.deepEqual(dup, [], 'one commandPalette entry per command');
    for (const entry of commandRegistry) {
      assert.equal(palette.find((p) => p.command === entry.id)?.when, entry.palette, `commandPalette when-clause of ${entry.id}`);
    }
  });

  it('every menu entry and every welcome link refers to a contributed command', () => {
    const ids = new Set(contributed.map((c) => c.command));
    const unknown = Object.entries(manifest.contributes.menus).flatMap(([menu, items]) => items.filter((i) => !ids.has(i.command)).map((i) => `${menu}: ${i.command}`));
    const links = manifest.contributes.viewsWelcome.flatMap((w) => [...w.contents.matchAll(/\(command:(aksModel\.[\w.]+)/g)].map((m) => m[1]));
    assert.deepEqual([...unknown, ...links.filter((id) => !ids.has(id))], []);
  });

  it('menus name only the context keys the extension sets', () => {
    const ours = new Set<string>(Object.values(ContextKey));
    const used = Object.values(manifest.contributes.menus).flat().flatMap((i) => [...(i.when ?? '').matchAll(/\baksModel\.[\w.]+/g)].map((m) => m[0]));
    const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
    assert.deepEqual([...new Set(used)].filter((k) => !ours.has(k) && !views.has(k)), []);
  });
});

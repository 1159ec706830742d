// The rollout modules form no import cycle, type-only imports included: shared types live in leaf modules
// (event.ts, twins.ts), so each decoder and tracker can be read, and loaded, on its own.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROLLOUT = import.meta.dirname;

// `import … from`, `import type … from`, `export … from`, bare `import '…'` and `import('…')`.
const SPECIFIER = /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative imports of `source`, resolved from `file` to `.ts` paths (package imports are left out). */
function relativeImports(file: string, source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? '';
    if (spec.startsWith('.')) out.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return out;
}

/** Every cycle reachable from `roots`, each as the list of files from its first repeated file back to itself. */
function findCycles(roots: string[], importsOf: (file: string) => string[]): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string) => {
    const at = path.indexOf(file);
    if (at !== -1) {
      cycles.push([...path.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    path.push(file);
    for (const next of importsOf(file)) visit(next);
    path.pop();
    done.add(file);
  };
  for (const root of roots) visit(root);
  return cycles;
}

const readImports = (file: string): string[] => {
  try {
    return relativeImports(file, readFileSync(file, 'utf8'));
  } catch {
    return []; // not a .ts file we can read (a .json import, a package): it cannot import back
  }
};

describe('rollout imports', () => {
  it('have no cycle, type imports included', () => {
    const files = readdirSync(ROLLOUT)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(ROLLOUT, f));
    const cycles = findCycles(files, readImports).map((c) => c.map((f) => relative(ROLLOUT, f)).join(' → '));
    expect(cycles).toEqual([]);
  });

  it('the check sees every import form and finds a cycle through type imports', () => {
    const sources: Record<string, string> = {
      '/r/a.ts': "import type { B } from './b.js';\nexport { c } from './c.js';",
      '/r/b.ts': "import {\n  type A,\n  a,\n} from './a.js';\nimport 'node:fs';",
      '/r/c.ts': "const d = await import('./d.js');",
      '/r/d.ts': '',
    };
    expect(relativeImports('/r/a.ts', sources['/r/a.ts'] ?? '')).toEqual(['/r/b.ts', '/r/c.ts']);
    expect(relativeImports('/r/c.ts', sources['/r/c.ts'] ?? '')).toEqual(['/r/d.ts']);
    const importsOf = (f: string) => relativeImports(f, sources[f] ?? '');
    expect(findCycles(Object.keys(sources), importsOf)).toEqual([['/r/a.ts', '/r/b.ts', '/r/a.ts']]);
  });
});

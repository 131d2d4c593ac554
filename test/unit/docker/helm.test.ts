import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  helmTemplateArgs,
  helmVersion,
  helmVersionArgs,
  RELEASE_NAME,
  renderChart,
} from '../../../src/docker/helm';

// core.info writes the command lines to stdout; keep the test output clean.
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return () => vi.restoreAllMocks();
});

describe('helm argv', () => {
  it('renders with the default values, the chart directory as one word', () => {
    expect(helmVersionArgs()).toEqual(['helm', 'version', '--short']);
    expect(helmTemplateArgs('deploy/chart')).toEqual([
      'helm',
      'template',
      RELEASE_NAME,
      'deploy/chart',
    ]);
    expect(helmTemplateArgs('my chart; rm -rf /')).toEqual([
      'helm',
      'template',
      'multiarch-check',
      'my chart; rm -rf /',
    ]);
  });

  it('never lets a chart directory read as a flag', () => {
    expect(helmTemplateArgs('--post-renderer=/tmp/x').slice(-1)).toEqual([
      './--post-renderer=/tmp/x',
    ]);
  });
});

describe('helm on PATH, or not', () => {
  let bin: string;
  let log: string;
  beforeAll(async () => {
    bin = await mkdtemp(path.join(tmpdir(), 'fake-helm-'));
    log = path.join(bin, 'argv.log');
    // A stand-in helm: records its argv, says a version, renders or fails.
    await writeFile(
      path.join(bin, 'helm'),
      [
        '#!/bin/sh',
        `printf '%s\\n' "$*" >> '${log}'`,
        'case "$1" in',
        '  version) echo "v3.15.2+gabc" ;;',
        '  template)',
        '    case "$3" in',
        '      */broken) echo "Error: found in Chart.yaml, but missing in charts/ directory: redis" >&2; exit 1 ;;',
        '    esac',
        '    printf -- "---\\n# Source: demo/templates/deployment.yaml\\nkind: Deployment\\n" ;;',
        'esac',
        '',
      ].join('\n'),
    );
    await chmod(path.join(bin, 'helm'), 0o755);
  });
  afterAll(() => rm(bin, { recursive: true, force: true }));

  const withHelm = (): NodeJS.ProcessEnv => ({ ...process.env, PATH: `${bin}:/usr/bin:/bin` });
  const withoutHelm = (): NodeJS.ProcessEnv => ({ ...process.env, PATH: path.join(bin, 'none') });

  it('finds no helm when none is on PATH', async () => {
    expect(await helmVersion(withoutHelm())).toBeUndefined();
  });

  it('reads the version of the helm on PATH', async () => {
    expect(await helmVersion(withHelm())).toBe('v3.15.2+gabc');
  });

  it('renders a chart with helm template and returns its output', async () => {
    const out = await renderChart('deploy/demo', withHelm());
    expect(out).toBe('---\n# Source: demo/templates/deployment.yaml\nkind: Deployment\n');
    expect((await readFile(log, 'utf8')).split('\n')).toContain(
      'template multiarch-check deploy/demo',
    );
  });

  it("fails with helm's own message, the command and the fix", async () => {
    await expect(renderChart('deploy/broken', withHelm())).rejects.toThrow(
      'helm template multiarch-check deploy/broken failed: Error: found in Chart.yaml, but missing in charts/ directory: redis. Fix: make the chart render on its own with its default values (helm dependency build deploy/broken for missing dependencies), or point kubernetes-manifests at rendered manifests.',
    );
  });
});

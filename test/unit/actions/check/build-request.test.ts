import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../../../src/actions/check/build-request';
import { parseCheckInputs } from '../../../../src/actions/check/inputs';
import { DEFAULT_QEMU_IMAGE } from '../../../../src/actions/shared/smoke-inputs';
import { formatPlatform } from '../../../../src/oci/platform';

const get = (values: Record<string, string>) => (name: string) => values[name] ?? '';

const checkInputs = (values: Record<string, string>) =>
  parseCheckInputs(get({ dockerfile: 'app/Dockerfile', build: 'true', ...values }));

describe('buildRequest (check)', () => {
  it('never pushes and names no registry tags', () => {
    const req = buildRequest(checkInputs({}), 'app/Dockerfile');
    expect(req.push).toBe(false);
    expect(req.pushByDigest).toBe(false);
    expect(req.tags).toEqual([]);
    expect(req.digestsDir).toBeUndefined();
  });

  it('builds locally: no nodes, no caches, no labels, no credentials', () => {
    const req = buildRequest(checkInputs({}), 'app/Dockerfile');
    expect(req).toMatchObject({
      nodes: [],
      nodeStrategy: 'auto',
      cacheFrom: [],
      cacheTo: [],
      labels: [],
      noCache: false,
      pull: false,
      ssh: { acceptNewHostKeys: false },
      tls: {},
    });
    expect(req.ssh.privateKey).toBeUndefined();
    expect(req.builder).toBeUndefined();
    expect(req.buildkitImage).toBeUndefined();
  });

  it('carries context, file, platforms and build args through unchanged', () => {
    const inputs = checkInputs({
      context: 'services/api',
      platforms: 'linux/amd64, linux/arm/v6\nlinux/riscv64',
      'build-args': 'VERSION=1.2.3\nGREETING=hello world',
    });
    const req = buildRequest(inputs, 'services/api/Dockerfile.prod');
    expect(req.context).toBe('services/api');
    expect(req.file).toBe('services/api/Dockerfile.prod');
    expect(req.platforms).toEqual(inputs.platforms);
    expect(req.platforms.map(formatPlatform)).toEqual([
      'linux/amd64',
      'linux/arm/v6',
      'linux/riscv64',
    ]);
    expect(req.buildArgs).toEqual(['VERSION=1.2.3', 'GREETING=hello world']);
  });

  it('uses the file it is given, not the dockerfile input', () => {
    const req = buildRequest(checkInputs({ dockerfile: 'a/Dockerfile' }), 'b/Other.Dockerfile');
    expect(req.file).toBe('b/Other.Dockerfile');
    expect(req.context).toBe('a');
  });

  it('defaults the context to the Dockerfile directory and the platforms to amd64 and arm64', () => {
    const req = buildRequest(
      checkInputs({ dockerfile: 'deep/dir/Dockerfile' }),
      'deep/dir/Dockerfile',
    );
    expect(req.context).toBe('deep/dir');
    expect(req.platforms.map(formatPlatform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(req.buildArgs).toEqual([]);
  });

  it('carries the smoke settings', () => {
    const inputs = checkInputs({
      smoke: 'false',
      'smoke-command': '/app --version',
      'smoke-expect': 'v\\d+',
      'smoke-timeout': '90',
      'verify-arch': 'false',
      'qemu-image': 'ghcr.io/acme/binfmt:9',
    });
    const req = buildRequest(inputs, 'app/Dockerfile');
    expect(req.smoke).toBe(false);
    expect(req.smokeCommand).toEqual(['/app', '--version']);
    expect(req.smokeExpect).toEqual(/v\d+/m);
    expect(req.smokeTimeoutSeconds).toBe(90);
    expect(req.verifyArch).toBe(false);
    expect(req.qemuImage).toBe('ghcr.io/acme/binfmt:9');
  });

  it('carries the default smoke settings', () => {
    const req = buildRequest(checkInputs({}), 'app/Dockerfile');
    expect(req).toMatchObject({
      smoke: true,
      smokeCommand: [],
      smokeTimeoutSeconds: 60,
      verifyArch: true,
      qemuImage: DEFAULT_QEMU_IMAGE,
    });
    expect(req.smokeExpect).toBeUndefined();
  });

  it('makes its own empty lists afresh for every request', () => {
    const inputs = checkInputs({});
    const first = buildRequest(inputs, 'app/Dockerfile');
    first.tags.push('leak');
    first.labels.push('leak=1');
    first.cacheFrom.push('type=gha');
    first.cacheTo.push('type=gha');
    first.driverOpts.push('leak=1');
    (first.nodes as unknown[]).push('leak');
    first.logins.push({ registry: 'leak.example', username: 'u', password: 'p' });
    const second = buildRequest(inputs, 'app/Dockerfile');
    expect(second).toMatchObject({
      tags: [],
      labels: [],
      cacheFrom: [],
      cacheTo: [],
      driverOpts: [],
      nodes: [],
      logins: [],
    });
  });

  // The check builds one request per Dockerfile from the same inputs, and reads the inputs again
  // afterwards: a request and the inputs it came from must not share a list either way.
  it.each(['platforms', 'buildArgs', 'smokeCommand', 'smokeEnv'] as const)(
    'does not share %s with the inputs it was built from',
    (key) => {
      const given = {
        platforms: 'linux/amd64,linux/arm64',
        'build-args': 'A=1\nB=2',
        'smoke-command': '/app --version',
        'smoke-env': 'MODE=test',
      };
      const extra = key === 'platforms' ? { os: 'linux', architecture: 's390x' } : 'EXTRA=1';

      const inputs = checkInputs(given);
      const before = structuredClone(inputs[key]);
      expect(before.length).toBeGreaterThan(0);
      const req = buildRequest(inputs, 'app/Dockerfile');
      expect(req[key]).toEqual(before);
      (req[key] as unknown[]).push(extra);
      expect(inputs[key], `pushing to the request's ${key} changed the inputs'`).toEqual(before);

      const inputs2 = checkInputs(given);
      const req2 = buildRequest(inputs2, 'app/Dockerfile');
      (inputs2[key] as unknown[]).push(extra);
      expect(req2[key], `pushing to the inputs' ${key} changed the request's`).toEqual(before);
    },
  );
});

it('builds the target stage the check resolved, and only when one is given', () => {
  expect(buildRequest(checkInputs({ target: 'runtime' }), 'app/Dockerfile').target).toBe('runtime');
  expect('target' in buildRequest(checkInputs({}), 'app/Dockerfile')).toBe(false);
});

/**
 * What the registry client tests share: a fake registry per test, an image
 * in it to attach to, and a docker config dir of the test's own.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { FakeRegistry, type FakeOptions } from './fake-registry';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const REPO = 'team/app';

const running: FakeRegistry[] = [];
const previousConfig = process.env.DOCKER_CONFIG;

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
  if (previousConfig === undefined) delete process.env.DOCKER_CONFIG;
  else process.env.DOCKER_CONFIG = previousConfig;
});

export async function fakeRegistry(opts: FakeOptions = {}): Promise<FakeRegistry> {
  const registry = await new FakeRegistry(opts).start();
  running.push(registry);
  return registry;
}

/** A two-platform image under `team/app:v1`: its index digest, and its platform manifests' digests. */
export function seedImage(registry: FakeRegistry): { index: string; platforms: string[] } {
  const platforms = ['amd64', 'arm64'].map((arch) =>
    registry.seed(REPO, OCI_MANIFEST, {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: `sha256:${'0'.repeat(64)}`,
        size: 1,
      },
      layers: [],
      annotations: { arch },
    }),
  );
  const index = registry.seed(
    REPO,
    OCI_INDEX,
    {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: platforms.map((digest, i) => ({
        mediaType: OCI_MANIFEST,
        digest,
        size: 100 + i,
        platform: { os: 'linux', architecture: i === 0 ? 'amd64' : 'arm64' },
      })),
    },
    'v1',
  );
  return { index, platforms };
}

/** Points DOCKER_CONFIG at a dir of the test's own, with this config.json. */
export function dockerConfig(config: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docker-config-'));
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  process.env.DOCKER_CONFIG = dir;
  return dir;
}

export const basicAuth = (user: string, password: string): { auth: string } => ({
  auth: Buffer.from(`${user}:${password}`).toString('base64'),
});

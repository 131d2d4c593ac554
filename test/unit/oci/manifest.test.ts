import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digestsFor, parseManifest, parseMetadata } from '../../../src/oci/manifest';
import { formatPlatform, parsePlatform } from '../../../src/oci/platform';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/manifests/${name}`, import.meta.url), 'utf8');

describe('parseManifest on real registry answers', () => {
  it('skips unknown/unknown attestation entries of a buildx index', () => {
    const parsed = parseManifest(fixture('index-attest.json'));
    if (parsed.kind !== 'index') throw new Error('expected an index');
    expect(parsed.attestations).toBe(2);
    expect(parsed.manifests.map((m) => [formatPlatform(m.platform), m.digest])).toEqual([
      ['linux/amd64', 'sha256:b581ac297f74329fbe46f3d9f12b4a02704225a5b4302474b21737d7b924e4a8'],
      ['linux/arm64', 'sha256:60aaa908fd51b72f920a654ad5b9acdc5ad1d27ab3b44ee01e457cded047e64a'],
    ]);
  });

  it('reads a Docker manifest list with variants', () => {
    const parsed = parseManifest(fixture('index-noattest.json'));
    if (parsed.kind !== 'index') throw new Error('expected an index');
    expect(parsed.attestations).toBe(0);
    expect(parsed.manifests.map((m) => formatPlatform(m.platform))).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/arm',
    ]);
  });

  it('knows a single image manifest is not an index', () => {
    expect(parseManifest(fixture('index-single.json'))).toEqual({ kind: 'image' });
  });

  it('rejects what is not JSON', () => {
    expect(() => parseManifest('<html>')).toThrow(/not JSON/);
  });
});

describe('digestsFor', () => {
  const parsed = parseManifest(fixture('index-noattest.json'));
  const manifests = parsed.kind === 'index' ? parsed.manifests : [];
  it('matches arm64/v8 to arm64 and arm/v7 to arm', () => {
    const got = digestsFor(manifests, ['linux/arm64/v8', 'linux/arm/v7'].map(parsePlatform));
    expect([...got.keys()]).toEqual(['linux/arm64', 'linux/arm']);
  });
  it('names a missing platform and what the index has', () => {
    expect(() => digestsFor(manifests, ['linux/arm/v6', 'linux/s390x'].map(parsePlatform))).toThrow(
      'the pushed index has no image for linux/arm/v6, linux/s390x; it lists linux/amd64, linux/arm64, linux/arm',
    );
  });
});

describe('parseMetadata', () => {
  it('reads the index digest and image name buildx writes', () => {
    const meta = parseMetadata(
      JSON.stringify({
        'buildx.build.ref': 'default/default/790azq95k3rmsoln8eh5rfc6t',
        'containerimage.digest':
          'sha256:c3f277e18c69f9026785088210383f2aa03278819a3fcac20f598b52406141f2',
        'image.name': '127.0.0.1:50929/t/hello:1',
      }),
    );
    expect(meta.digest).toBe(
      'sha256:c3f277e18c69f9026785088210383f2aa03278819a3fcac20f598b52406141f2',
    );
    expect(meta.imageName).toBe('127.0.0.1:50929/t/hello:1');
  });
  it.each(['not json', '[]', '{"containerimage.digest":"sha256:xyz"}'])('handles %j', (text) => {
    if (text.startsWith('{')) expect(parseMetadata(text).digest).toBeUndefined();
    else expect(() => parseMetadata(text)).toThrow(/metadata file/);
  });
});

import { describe, expect, it } from 'vitest';
import { blobDigestOf, isIndexType, layoutImages, referencedBy } from '../../../src/oci/layout';

const hex = (c: string): string => c.repeat(64);
const desc = (mediaType: string, c: string, size = 10) => ({
  mediaType,
  digest: `sha256:${hex(c)}`,
  size,
});
const INDEX = 'application/vnd.oci.image.index.v1+json';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

describe('OCI layout', () => {
  it('names the digest of a blob path, and nothing for other paths', () => {
    expect(blobDigestOf(`blobs/sha256/${hex('a')}`)).toBe(`sha256:${hex('a')}`);
    expect(blobDigestOf(`./blobs/sha256/${hex('b')}`)).toBe(`sha256:${hex('b')}`);
    expect(blobDigestOf('index.json')).toBeUndefined();
    expect(blobDigestOf(`blobs/sha256/${hex('a')}x`)).toBeUndefined();
    expect(blobDigestOf(`blobs/sha256/${'A'.repeat(64)}`)).toBeUndefined();
    expect(blobDigestOf(`blobs/md5/${hex('a')}`)).toBeUndefined();
  });

  it('lists the images index.json names, and refuses what is not a descriptor', () => {
    const image = {
      ...desc(INDEX, 'c', 1607),
      annotations: { 'org.opencontainers.image.ref.name': 'cand' },
    };
    expect(layoutImages({ schemaVersion: 2, manifests: [image] })).toEqual([image]);
    expect(layoutImages({ schemaVersion: 2 })).toEqual([]);
    expect(() => layoutImages({ manifests: [{ digest: 'sha256:abc', size: 1 }] })).toThrow(
      'index.json manifests[0] is not a descriptor (mediaType, digest, size)',
    );
    expect(() => layoutImages({ manifests: 'x' })).toThrow('index.json manifests is not a list');
    expect(() => layoutImages({ manifests: [{ ...desc(INDEX, 'c'), size: -1 }] })).toThrow(
      'not a descriptor',
    );
  });

  it('says what an index and a manifest need in the registry first; a subject is not needed', () => {
    const child = desc(MANIFEST, 'd');
    expect(referencedBy(INDEX, { manifests: [child] })).toEqual({ manifests: [child], blobs: [] });
    expect(
      referencedBy('application/vnd.docker.distribution.manifest.list.v2+json', {
        manifests: [child],
      }),
    ).toEqual({ manifests: [child], blobs: [] });
    const config = desc('application/vnd.oci.image.config.v1+json', 'e');
    const layer = desc('application/vnd.oci.image.layer.v1.tar+gzip', 'f');
    expect(
      referencedBy(MANIFEST, { config, layers: [layer], subject: desc(MANIFEST, '1') }),
    ).toEqual({ manifests: [], blobs: [config, layer] });
    expect(() => referencedBy(MANIFEST, { config: { digest: 'x' } })).toThrow(
      'config is not a descriptor',
    );
    expect(isIndexType(INDEX)).toBe(true);
    expect(isIndexType(MANIFEST)).toBe(false);
  });
});

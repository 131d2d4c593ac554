import { describe as group, expect, it } from 'vitest';
import {
  artifactManifest,
  canonicalJson,
  describe,
  EMPTY_CONFIG,
  EMPTY_JSON,
  filterReferrers,
  IN_TOTO_ARTIFACT,
  OCI_INDEX,
  OCI_MANIFEST,
  parseReferrersIndex,
  referrerDescriptor,
  referrersTag,
  sha256Digest,
  withReferrer,
  type Descriptor,
  type ReferrersIndex,
} from '../../../src/oci/referrers';

const HEX = 'a'.repeat(64);
const subject: Descriptor = {
  mediaType: OCI_INDEX,
  digest: `sha256:${HEX}`,
  size: 1234,
  platform: { os: 'linux', architecture: 'amd64' },
  annotations: { 'org.example': 'x' },
};
const layer: Descriptor = {
  mediaType: IN_TOTO_ARTIFACT,
  digest: `sha256:${'b'.repeat(64)}`,
  size: 99,
};
const signature: Descriptor = {
  mediaType: OCI_MANIFEST,
  digest: `sha256:${'c'.repeat(64)}`,
  size: 500,
  artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
};

group('EMPTY_CONFIG', () => {
  it('is the digest and size of the empty JSON object', () => {
    expect(sha256Digest(EMPTY_JSON)).toBe(EMPTY_CONFIG.digest);
    expect(Buffer.byteLength(EMPTY_JSON)).toBe(EMPTY_CONFIG.size);
  });
});

group('canonicalJson', () => {
  it('writes keys sorted, at every depth, without spaces or undefined fields', () => {
    const bytes = canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } });
    expect(new TextDecoder().decode(bytes)).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('gives one digest whatever order the object was built in', () => {
    expect(sha256Digest(canonicalJson({ x: 1, y: 2 }))).toBe(
      sha256Digest(canonicalJson({ y: 2, x: 1 })),
    );
  });
});

group('describe', () => {
  it('names bytes by their sha256 and size', () => {
    expect(describe('text/plain', new TextEncoder().encode('hello'))).toEqual({
      mediaType: 'text/plain',
      digest: 'sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
      size: 5,
    });
  });
});

group('artifactManifest', () => {
  it('is an OCI manifest with the empty config, one layer, and only what identifies the subject', () => {
    expect(
      artifactManifest({
        artifactType: IN_TOTO_ARTIFACT,
        layer,
        subject,
        annotations: { 'org.opencontainers.image.created': '2024-01-01T00:00:00Z' },
      }),
    ).toEqual({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: IN_TOTO_ARTIFACT,
      config: {
        mediaType: 'application/vnd.oci.empty.v1+json',
        digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
        size: 2,
      },
      layers: [layer],
      subject: { mediaType: OCI_INDEX, digest: `sha256:${HEX}`, size: 1234 },
      annotations: { 'org.opencontainers.image.created': '2024-01-01T00:00:00Z' },
    });
  });

  it('leaves out annotations when there are none', () => {
    const m = artifactManifest({ artifactType: IN_TOTO_ARTIFACT, layer, subject, annotations: {} });
    expect('annotations' in m).toBe(false);
  });
});

group('referrerDescriptor', () => {
  it('lists the artifact by its digest, type and annotations', () => {
    const m = artifactManifest({
      artifactType: IN_TOTO_ARTIFACT,
      layer,
      subject,
      annotations: { k: 'v' },
    });
    const bytes = canonicalJson(m);
    expect(referrerDescriptor(m, bytes)).toEqual({
      mediaType: OCI_MANIFEST,
      digest: sha256Digest(bytes),
      size: bytes.byteLength,
      artifactType: IN_TOTO_ARTIFACT,
      annotations: { k: 'v' },
    });
  });
});

group('referrersTag', () => {
  it.each([
    [`sha256:${HEX}`, `sha256-${HEX}`],
    // 7 + 128 characters: cut to what a tag may hold.
    [`sha512:${'f'.repeat(128)}`, `sha512-${'f'.repeat(121)}`],
    ['blake3+x:AbC', 'blake3-x-AbC'],
  ])('%s → %s', (digest, tag) => {
    expect(referrersTag(digest)).toBe(tag);
    expect(tag.length).toBeLessThanOrEqual(128);
  });

  it.each(['latest', ':abc', 'sha256:'])('refuses %j, which is not a digest', (value) => {
    expect(() => referrersTag(value)).toThrow(/is not a digest/);
  });
});

group('parseReferrersIndex', () => {
  it('keeps the descriptors and drops entries no client can follow', () => {
    const index = parseReferrersIndex(
      { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [signature, { digest: 'x' }, 'junk'] },
      'the tag',
    );
    expect(index).toEqual({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [signature] });
  });

  it('refuses what has no manifests list, naming where it came from', () => {
    expect(() => parseReferrersIndex({ layers: [] }, 'tag sha256-x')).toThrow(
      'tag sha256-x is not an image index: it has no manifests list',
    );
  });

  it('refuses a Docker manifest list', () => {
    expect(() =>
      parseReferrersIndex(
        { mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json', manifests: [] },
        'the tag',
      ),
    ).toThrow(/not an OCI image index/);
  });
});

group('withReferrer', () => {
  const ours: Descriptor = {
    mediaType: OCI_MANIFEST,
    digest: `sha256:${'d'.repeat(64)}`,
    size: 321,
    artifactType: IN_TOTO_ARTIFACT,
  };

  it('starts an index when there is none', () => {
    expect(withReferrer(undefined, ours)).toEqual({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [ours],
    });
  });

  it("keeps someone else's entries and appends ours", () => {
    const before: ReferrersIndex = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [signature],
    };
    expect(withReferrer(before, ours).manifests).toEqual([signature, ours]);
    expect(before.manifests).toEqual([signature]);
  });

  it('replaces an entry with the same digest where it stands instead of listing it twice', () => {
    const older = { ...ours, annotations: { old: 'yes' } };
    const before: ReferrersIndex = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [older, signature],
    };
    expect(withReferrer(before, ours).manifests).toEqual([ours, signature]);
  });

  it('keeps the annotations of the index', () => {
    const before: ReferrersIndex = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [],
      annotations: { a: 'b' },
    };
    expect(withReferrer(before, ours).annotations).toEqual({ a: 'b' });
  });
});

group('filterReferrers', () => {
  const statement = {
    ...signature,
    digest: `sha256:${'e'.repeat(64)}`,
    artifactType: IN_TOTO_ARTIFACT,
  };
  it('keeps one artifact type', () => {
    expect(filterReferrers([signature, statement], IN_TOTO_ARTIFACT)).toEqual([statement]);
  });
  it('keeps all without one', () => {
    expect(filterReferrers([signature, statement])).toEqual([signature, statement]);
  });
});

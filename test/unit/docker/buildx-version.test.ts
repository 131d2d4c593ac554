import { describe, expect, it } from 'vitest';
import {
  assetName,
  buildxNeed,
  checksumFor,
  compareVersions,
  DEFAULT_BUILDX_VERSION,
  parseBuildxVersion,
} from '../../../src/docker/buildx-version';

describe('buildx versions', () => {
  it.each([
    ['github.com/docker/buildx 0.13.1+ds1-3 0.13.1+ds1-3', '0.13.1'],
    ['github.com/docker/buildx v0.17.1 257815a6fb95ae1f4ec6f4f1df9d3c56f2ea3d8c', '0.17.1'],
    ['docker: unknown command: docker buildx', undefined],
  ])('reads %j', (out, version) => {
    expect(parseBuildxVersion(out)).toBe(version);
  });
  it('compares by number, not by text', () => {
    expect(compareVersions('0.9.1', '0.10.0')).toBeLessThan(0);
    expect(compareVersions('v0.13.1', '0.13.1')).toBe(0);
    expect(compareVersions('1.0.0', '0.99.9')).toBeGreaterThan(0);
  });
  it('names the release asset for this machine', () => {
    expect(assetName('0.13.1', 'x64')).toBe('buildx-v0.13.1.linux-amd64');
    expect(assetName('v0.13.1', 'arm64')).toBe('buildx-v0.13.1.linux-arm64');
    expect(() => assetName('v0.13.1', 'mips')).toThrow(
      /no buildx release for this machine's architecture \(mips\)/,
    );
  });
  it('finds the asset’s sha256 in checksums.txt, in either sha256sum format', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    const text = `${a}  buildx-v0.13.1.darwin-arm64\n${b} *buildx-v0.13.1.linux-amd64\n`;
    expect(checksumFor(text, 'buildx-v0.13.1.linux-amd64')).toBe(b);
    expect(checksumFor(text, 'buildx-v0.13.1.linux-arm64')).toBeUndefined();
  });
});

describe('buildxNeed', () => {
  it('uses what is installed when it is recent enough and nothing is asked for', () => {
    expect(buildxNeed(undefined, '0.13.1')).toEqual({ install: false, reason: 'buildx 0.13.1' });
  });
  it('fetches the pinned default when buildx is missing or too old', () => {
    expect(buildxNeed(undefined, undefined)).toMatchObject({
      install: true,
      version: DEFAULT_BUILDX_VERSION,
    });
    expect(buildxNeed(undefined, '0.9.1')).toMatchObject({
      install: true,
      reason: 'buildx 0.9.1 is older than 0.10.0, the oldest this action works with',
    });
  });
  it('fetches the requested version unless it is the installed one', () => {
    expect(buildxNeed('0.13.1', '0.13.1').install).toBe(false);
    expect(buildxNeed('0.17.1', '0.13.1')).toMatchObject({ install: true, version: 'v0.17.1' });
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatPlatform,
  isUnknownPlatform,
  parsePlatform,
  platformSlug,
  samePlatform,
  unknownPlatform,
} from '../../../src/oci/platform';

describe('parsePlatform', () => {
  it.each([
    ['linux/amd64', 'linux/amd64'],
    ['linux/arm64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/x86_64', 'linux/amd64'],
    ['linux/arm', 'linux/arm'],
    ['linux/arm/v7', 'linux/arm'],
    ['linux/arm/v6', 'linux/arm/v6'],
    ['linux/riscv64', 'linux/riscv64'],
    ['  linux/s390x ', 'linux/s390x'],
  ])('%s → %s', (input, expected) => {
    expect(formatPlatform(parsePlatform(input))).toBe(expected);
  });

  it.each([
    'linux',
    'linux/arm64;touch /tmp/x',
    'Linux/AMD64',
    'linux//arm64',
    'linux/arm/v7/x',
    '$(id)/amd64',
    '',
  ])('rejects %j', (input) => {
    expect(() => parsePlatform(input)).toThrow(/is not a platform/);
  });

  it('trims surrounding blanks; only inner junk is an error', () => {
    expect(formatPlatform(parsePlatform('linux/arm64 '))).toBe('linux/arm64');
    expect(formatPlatform(parsePlatform(' linux/arm/v6\t'))).toBe('linux/arm/v6');
  });
});

describe('samePlatform', () => {
  it.each([
    ['linux/arm64', 'linux/arm64/v8', true],
    ['linux/arm/v7', 'linux/arm', true],
    ['linux/arm/v7', 'linux/arm/v6', false],
    ['linux/amd64', 'linux/arm64', false],
    ['linux/amd64', 'windows/amd64', false],
  ])('%s vs %s → %s', (a, b, same) => {
    expect(samePlatform(parsePlatform(a), parsePlatform(b))).toBe(same);
  });
});

it('recognises attestation entries and makes safe slugs', () => {
  expect(isUnknownPlatform({ os: 'unknown', architecture: 'unknown' })).toBe(true);
  expect(isUnknownPlatform({ os: 'linux', architecture: 'arm64' })).toBe(false);
  expect(platformSlug(parsePlatform('linux/arm/v6'))).toBe('linux-arm-v6');
});

describe('unknownPlatform', () => {
  it.each([
    ['linux/amd65', '"amd65" is not an architecture (did you mean amd64?)'],
    ['linux/arm46', '"arm46" is not an architecture (did you mean arm64?)'],
    ['linxu/arm64', '"linxu" is not an operating system (did you mean linux?)'],
    ['linux/arm/v9', '"v9" is not a variant of arm'],
    ['linux/sparc', '"sparc" is not an architecture'],
  ])('%s: %s', (raw, why) => {
    expect(unknownPlatform(parsePlatform(raw))).toBe(why);
  });
  it.each([
    'linux/amd64',
    'linux/amd64/v3',
    'linux/arm64',
    'linux/arm64/v8',
    'linux/arm/v6',
    'linux/386',
    'linux/ppc64le',
    'linux/s390x',
    'linux/riscv64',
    'linux/loong64',
    'windows/amd64',
    'linux/x86_64',
  ])('%s is a real platform', (raw) => {
    expect(unknownPlatform(parsePlatform(raw))).toBeUndefined();
  });
});

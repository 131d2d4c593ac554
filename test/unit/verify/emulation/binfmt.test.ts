import { installerArchitectures } from '../../../../src/docker/containers';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatPlatform, parsePlatform } from '../../../../src/oci/platform';
import { architectureFromMagic, checkEmulation } from '../../../../src/verify/emulation/binfmt';
import { engineIsLocal, readBinfmt } from '../../../../src/verify/emulation/ensure';

// Copied from a real /proc/sys/fs/binfmt_misc (see test/fixtures/binfmt/README.md).
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/binfmt/${name}`, import.meta.url));
const amd64 = parsePlatform('linux/amd64');
const wanted = [
  'linux/amd64',
  'linux/386',
  'linux/arm64',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
].map(parsePlatform);

describe('readBinfmt on real entries', () => {
  it('parses every qemu entry and maps it to an architecture by its ELF magic', async () => {
    const state = await readBinfmt(fixture('registered'));
    expect(state.mounted).toBe(true);
    expect(state.enabled).toBe(true);
    const byName = new Map(state.entries.map((e) => [e.name, e]));
    expect(byName.get('qemu-aarch64')).toEqual({
      name: 'qemu-aarch64',
      enabled: true,
      interpreter: '/usr/libexec/qemu-binfmt/aarch64-binfmt-P',
      flags: 'PF',
      architecture: 'arm64',
    });
    expect(
      Object.fromEntries(
        [
          'qemu-arm',
          'qemu-ppc64le',
          'qemu-ppc64',
          'qemu-s390x',
          'qemu-riscv64',
          'qemu-mips64el',
          'qemu-loongarch64',
        ].map((n) => [n, byName.get(n)?.architecture]),
      ),
    ).toEqual({
      'qemu-arm': 'arm',
      'qemu-ppc64le': 'ppc64le',
      'qemu-ppc64': 'ppc64',
      'qemu-s390x': 's390x',
      'qemu-riscv64': 'riscv64',
      'qemu-mips64el': 'mips64le',
      'qemu-loongarch64': 'loong64',
    });
    // A non-ELF handler (python bytecode) is read but runs no platform.
    expect(byName.get('python3.11')?.architecture).toBeUndefined();
    expect(state.entries).toHaveLength(readdirSync(fixture('registered')).length - 1);
  });

  it('finds every wanted platform runnable on an amd64 host with QEMU registered', async () => {
    const check = checkEmulation(await readBinfmt(fixture('registered')), amd64, wanted);
    expect(check.missing).toEqual([]);
    expect(check.runnable.map(formatPlatform)).toEqual(wanted.map(formatPlatform));
  });

  it('reports a disabled entry by name', async () => {
    const check = checkEmulation(await readBinfmt(fixture('disabled-arm64')), amd64, wanted);
    expect(check.missing.map((m) => [formatPlatform(m.platform), m.reason])).toEqual([
      ['linux/arm64', 'binfmt entry qemu-aarch64 is disabled'],
    ]);
  });

  it('has only native platforms when nothing is registered', async () => {
    const check = checkEmulation(await readBinfmt(fixture('empty')), amd64, wanted);
    expect(check.runnable.map(formatPlatform)).toEqual(['linux/amd64', 'linux/386']);
    expect(check.missing.find((m) => m.platform.architecture === 'arm64')?.reason).toBe(
      'no emulator is registered for arm64',
    );
  });

  it('says when binfmt_misc is not mounted', async () => {
    const state = await readBinfmt(fixture('does-not-exist'));
    expect(state.mounted).toBe(false);
    const check = checkEmulation(state, amd64, [parsePlatform('linux/arm64')]);
    expect(check.missing[0]?.reason).toBe('binfmt_misc is not mounted at /proc/sys/fs/binfmt_misc');
  });

  it('does not count an interpreter registered without the F flag', async () => {
    const state = await readBinfmt(fixture('registered'));
    const noF = {
      ...state,
      entries: state.entries.map((e) => (e.name === 'qemu-aarch64' ? { ...e, flags: 'P' } : e)),
    };
    expect(checkEmulation(noF, amd64, [parsePlatform('linux/arm64')]).missing[0]?.reason).toMatch(
      /qemu-aarch64 is registered without the F flag \(flags: P\)/,
    );
  });

  it('treats amd64 as emulated on an arm64 host', async () => {
    const check = checkEmulation(await readBinfmt(fixture('empty')), parsePlatform('linux/arm64'), [
      amd64,
    ]);
    expect(check.missing[0]?.reason).toBe('no emulator is registered for amd64');
  });
});

it('decodes magic of big-endian and 32-bit entries and ignores non-ELF', () => {
  expect(architectureFromMagic('7f454c46020201000000000000000000000200160000')).toBe('s390x');
  expect(architectureFromMagic('7f454c460101010000000000000000000200280000')).toBe('arm');
  expect(architectureFromMagic('cafebabe00000000000000000000000000000000')).toBeUndefined();
  expect(architectureFromMagic('7f454c46')).toBeUndefined();
});

it('never takes a big-endian ARM entry (qemu-armeb) for arm, unless its mask leaves the byte order open', () => {
  const armeb = '7f454c4601020100000000000000000000020028';
  expect(
    architectureFromMagic(armeb, 0, 'ffffffffffffff00fffffffffffffffffffeffff'),
  ).toBeUndefined();
  expect(architectureFromMagic(armeb)).toBeUndefined();
  expect(architectureFromMagic(armeb, 0, 'ffffffffff00ff00fffffffffffffffffffeffff')).toBe('arm');
});

it('finds no arm emulator when qemu-arm is disabled, even with qemu-armeb enabled', async () => {
  const state = await readBinfmt(fixture('registered'));
  expect(state.entries.find((e) => e.name === 'qemu-armeb')?.architecture).toBeUndefined();
  const armOff = {
    ...state,
    entries: state.entries.map((e) => (e.name === 'qemu-arm' ? { ...e, enabled: false } : e)),
  };
  expect(
    checkEmulation(armOff, parsePlatform('linux/amd64'), [parsePlatform('linux/arm/v7')]).missing,
  ).toEqual([
    { platform: parsePlatform('linux/arm/v7'), reason: 'binfmt entry qemu-arm is disabled' },
  ]);
});

it('names installer architectures once each', () => {
  expect(
    installerArchitectures(
      ['linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/riscv64'].map(parsePlatform),
    ),
  ).toEqual(['arm64', 'arm', 'riscv64']);
});

it.each([
  [{}, 'linux', true],
  [{ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, 'linux', true],
  [{ DOCKER_HOST: 'ssh://u@builder' }, 'linux', false],
  [{ DOCKER_HOST: 'tcp://10.0.0.5:2376' }, 'linux', false],
  [{}, 'darwin', false],
])('engine with %j on %s is local: %s', (env, os, local) => {
  expect(engineIsLocal(env, os)).toBe(local);
});

import { describe, expect, it } from 'vitest';
import { readModel, mountFrom } from '../../../../src/readiness/dockerfile/model';
import { automaticArgs } from '../../../../src/readiness/dockerfile/platform-args';
import {
  resolveDockerfile,
  type ResolveOptions,
} from '../../../../src/readiness/dockerfile/resolution';
import { parsePlatform } from '../../../../src/oci/platform';
import { fixture, lines } from './text';

// ---------------------------------------------------------------------------
// resolveDockerfile: what BuildKit pulls, per target platform

const P = (...names: string[]) => names.map((n) => parsePlatform(n));
const TWO: Pick<ResolveOptions, 'targets' | 'buildPlatform'> = {
  targets: P('linux/amd64', 'linux/arm64'),
  buildPlatform: parsePlatform('linux/amd64'),
};

/**
 * The (image, platform) pairs a build resolves, as BuildKit's progress names
 * them ("[linux/arm64 internal] load metadata for …"): reachable image lines
 * only, per target, with the line that pulls them.
 */
function pulls(text: string, opts: Partial<ResolveOptions> = {}): string[] {
  const r = resolveDockerfile(text, { ...TWO, ...opts });
  return r.targets.flatMap((t) =>
    t.uses
      .filter((u) => u.reachable && u.kind === 'image')
      .map(
        (u) =>
          `${u.source.line} ${u.ref} ${u.platform ? `${u.platform.os}/${u.platform.architecture}${u.platform.variant ? `/${u.platform.variant}` : ''}` : '?'}`,
      ),
  );
}

/** Per target: each line, what it resolved to, and whether the build reaches it. */
function graph(text: string, opts: Partial<ResolveOptions> = {}) {
  return resolveDockerfile(text, { ...TWO, ...opts }).targets.map((t) =>
    t.uses.map((u) => [u.source.line, u.kind, u.ref, u.reachable]),
  );
}

describe('resolveDockerfile: stage names built from ARGs', () => {
  it('resolves FROM binaries-$TARGETOS to the stage, as in buildx and BuildKit', () => {
    const text = lines(
      'ARG TARGETOS', // 1: redeclaring it changes nothing in newer BuildKit
      'FROM some/base AS binaries-linux', // 2
      'FROM binaries-$TARGETOS', // 3
    );
    const r = resolveDockerfile(text, TWO);
    for (const t of r.targets) {
      expect(t.errors).toEqual([]);
      expect(t.uses.map((u) => [u.source.line, u.kind, u.ref, u.stageRef, u.reachable])).toEqual([
        [2, 'image', 'some/base', undefined, true],
        [3, 'stage', 'binaries-linux', 0, true],
      ]);
    }
    expect(pulls(text)).toEqual(['2 some/base linux/amd64', '2 some/base linux/arm64']);
  });

  it('follows the buildx-style Dockerfile: output stage by $TARGETOS, builders on $BUILDPLATFORM', () => {
    const text = fixture('buildx-style.Dockerfile');
    expect(pulls(text)).toEqual([
      '8 tonistiigi/xx:1.4.0 linux/amd64',
      '10 golang:1.22-alpine linux/amd64',
      '23 gcr.io/distroless/static-debian12 linux/amd64',
      '8 tonistiigi/xx:1.4.0 linux/amd64',
      '10 golang:1.22-alpine linux/amd64',
      '23 gcr.io/distroless/static-debian12 linux/arm64',
    ]);
    // release-tools (alpine) is no part of the default target's build.
    const [amd64] = graph(text);
    expect(amd64?.filter(([, kind, , reachable]) => kind === 'image' && !reachable)).toEqual([
      [32, 'image', 'alpine:3.20', false],
    ]);
    expect(amd64?.find(([line]) => line === 35)).toEqual([35, 'stage', 'binaries-linux', true]);
  });

  it('pulls a Windows target the stage it names, not an image', () => {
    const text = fixture('buildx-style.Dockerfile');
    expect(pulls(text, { targets: P('windows/amd64') })).toEqual([
      '8 tonistiigi/xx:1.4.0 linux/amd64',
      '10 golang:1.22-alpine linux/amd64',
    ]);
  });

  it('takes a name that matches no earlier stage for an image, per target', () => {
    const text = lines(
      'FROM --platform=$BUILDPLATFORM alpine AS amd64-base',
      'FROM ${TARGETARCH}-base',
    );
    expect(graph(text)).toEqual([
      [
        [1, 'image', 'alpine', true],
        [2, 'stage', 'amd64-base', true],
      ],
      [
        [1, 'image', 'alpine', false],
        [2, 'image', 'arm64-base', true],
      ],
    ]);
  });

  it('matches stage names in FROM case-sensitively (BuildKit: "BUILD" is an invalid reference)', () => {
    const text = lines('FROM alpine AS build', 'FROM BUILD');
    expect(graph(text)[0]).toEqual([
      [1, 'image', 'alpine', false],
      [2, 'image', 'BUILD', true],
    ]);
  });

  it('only knows stages defined before the FROM: a later one is an image', () => {
    const text = lines(
      'FROM base AS early',
      'FROM alpine AS base',
      'FROM base',
      'COPY --from=early / /',
    );
    expect(graph(text)[0]).toEqual([
      [1, 'image', 'base', true],
      [2, 'image', 'alpine', true],
      [3, 'stage', 'base', true],
      [4, 'stage', 'early', true],
    ]);
  });
});

describe('resolveDockerfile: each FROM line is its own row, with the platform it pulls', () => {
  it('pulls the image twice when a --platform=$BUILDPLATFORM stage and a plain FROM share it', () => {
    const text = fixture('same-image-twice.Dockerfile');
    expect(pulls(text)).toEqual([
      '6 node:20-bookworm-slim linux/amd64',
      '11 node:20-bookworm-slim linux/amd64',
      '6 node:20-bookworm-slim linux/amd64',
      '11 node:20-bookworm-slim linux/arm64',
    ]);
    const r = resolveDockerfile(text, TWO);
    expect(r.targets[1]?.uses.find((u) => u.source.line === 6)).toMatchObject({
      platformFlag: 'linux/amd64',
      platform: { os: 'linux', architecture: 'amd64' },
    });
  });

  it('uses the build platform of the builder, whatever the targets', () => {
    const text = fixture('same-image-twice.Dockerfile');
    expect(pulls(text, { buildPlatform: parsePlatform('linux/arm64') })).toEqual([
      '6 node:20-bookworm-slim linux/arm64',
      '11 node:20-bookworm-slim linux/amd64',
      '6 node:20-bookworm-slim linux/arm64',
      '11 node:20-bookworm-slim linux/arm64',
    ]);
  });

  it('pulls a pinned --platform for every target', () => {
    const text = lines('FROM --platform=linux/arm64 r/a:1 AS a', 'FROM r/b:1', 'COPY --from=a / /');
    expect(pulls(text)).toEqual([
      '1 r/a:1 linux/arm64',
      '2 r/b:1 linux/amd64',
      '1 r/a:1 linux/arm64',
      '2 r/b:1 linux/arm64',
    ]);
  });

  it('evaluates --platform=$TARGETOS/$TARGETARCH and ${TARGETPLATFORM} per target', () => {
    const text = lines(
      'FROM --platform=$TARGETOS/$TARGETARCH r/a:1 AS a',
      'FROM --platform=${TARGETPLATFORM} r/b:1',
      'COPY --from=a / /',
    );
    expect(pulls(text, { targets: P('linux/arm/v7', 'linux/arm64') })).toEqual([
      // linux/arm/v7, normalised: v7 is 32-bit arm's default variant.
      '1 r/a:1 linux/arm',
      '2 r/b:1 linux/arm',
      '1 r/a:1 linux/arm64',
      '2 r/b:1 linux/arm64',
    ]);
  });

  it('pulls COPY --from and RUN --mount from= images for the target, stages by any case', () => {
    const text = lines(
      'FROM r/base:1 AS build', // 1
      'FROM r/run:1', // 2
      'COPY --link --from=r/tools:1 /bin/x /x', // 3
      'COPY --from=BUILD /a /b', // 4
      'RUN --mount=type=bind,from=r/assets:2,target=/m \\', // 5
      '    --mount=type=cache,target=/c true', // 6
      'COPY --from=0 /c /d', // 7
    );
    expect(pulls(text)).toEqual([
      '1 r/base:1 linux/amd64',
      '2 r/run:1 linux/amd64',
      '3 r/tools:1 linux/amd64',
      '5 r/assets:2 linux/amd64',
      '1 r/base:1 linux/arm64',
      '2 r/run:1 linux/arm64',
      '3 r/tools:1 linux/arm64',
      '5 r/assets:2 linux/arm64',
    ]);
    expect(readModel(text).stages[1]?.reads.map((r) => [r.line, r.via, r.word])).toEqual([
      [3, 'COPY --from', 'r/tools:1'],
      [4, 'COPY --from', 'BUILD'],
      [5, 'RUN --mount', 'r/assets:2'],
      [7, 'COPY --from', '0'],
    ]);
  });

  it('reads from= out of a --mount value, quotes and all', () => {
    expect(mountFrom('type=bind,from=r/a:1,target=/m')).toBe('r/a:1');
    expect(mountFrom('"from=r/b:2",type=cache,target=/c')).toBe('r/b:2');
    expect(mountFrom('type=cache,target=/c')).toBeUndefined();
    expect(mountFrom('type=secret,id=from')).toBeUndefined();
  });
});

describe('resolveDockerfile: defaults and build-args', () => {
  it('takes global ARG defaults, and build-args over them', () => {
    const text = fixture('go-cross.Dockerfile');
    expect(pulls(text, { targets: P('linux/arm64') })).toEqual([
      '6 golang:1.22-alpine linux/amd64',
      '21 alpine:3.20 linux/arm64',
    ]);
    expect(
      pulls(text, {
        targets: P('linux/arm64'),
        buildArgs: { GO_VERSION: '1.23', ALPINE_VERSION: '3.21' },
      }),
    ).toEqual(['6 golang:1.23-alpine linux/amd64', '21 alpine:3.21 linux/arm64']);
  });

  it('lets a build-arg override a platform ARG, as --build-arg TARGETARCH=… does', () => {
    const text = 'FROM r/tools:${TARGETARCH}';
    expect(pulls(text, { buildArgs: { TARGETARCH: 'zz' } })).toEqual([
      '1 r/tools:zz linux/amd64',
      '1 r/tools:zz linux/arm64',
    ]);
  });

  it('lets a global ARG default replace a platform ARG for FROM (docker/buildx#510)', () => {
    const text = lines('ARG TARGETARCH=amd64', 'FROM r/tools:${TARGETARCH}');
    expect(pulls(text)).toEqual(['2 r/tools:amd64 linux/amd64', '2 r/tools:amd64 linux/arm64']);
  });

  it('feeds platform ARGs into later global defaults', () => {
    const text = lines(
      'ARG BASE=r/base:${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}',
      'FROM $BASE',
    );
    expect(pulls(text, { targets: P('linux/arm/v7', 'linux/arm64', 'linux/amd64') })).toEqual([
      '2 r/base:arm-v7 linux/arm',
      '2 r/base:arm64 linux/arm64',
      '2 r/base:amd64 linux/amd64',
    ]);
  });

  it('sets the platform ARGs as BuildKit spells them', () => {
    expect(
      Object.fromEntries(
        automaticArgs(parsePlatform('linux/arm/v7'), parsePlatform('linux/arm64/v8'), 'app'),
      ),
    ).toEqual({
      BUILDPLATFORM: 'linux/arm64',
      BUILDOS: 'linux',
      BUILDOSVERSION: '',
      BUILDARCH: 'arm64',
      BUILDVARIANT: '',
      TARGETPLATFORM: 'linux/arm/v7',
      TARGETOS: 'linux',
      TARGETOSVERSION: '',
      TARGETARCH: 'arm',
      TARGETVARIANT: 'v7',
      TARGETSTAGE: 'app',
    });
  });

  it('reports a variable with no value instead of guessing', () => {
    const r = resolveDockerfile(lines('ARG REGISTRY', 'FROM ${REGISTRY}/app:1'), TWO);
    expect(r.targets[0]?.uses[0]).toMatchObject({
      ref: '${REGISTRY}/app:1',
      kind: 'image',
      unresolved: ['REGISTRY'],
      reachable: true,
    });
  });
});

describe('resolveDockerfile: ${VAR:-…} and ${VAR:+…}', () => {
  it.each<[string, Record<string, string>, string]>([
    ['unset: the default', {}, 'r/app:3.20'],
    ['set by build-arg: the value', { TAG: 'edge' }, 'r/app:edge'],
    ['set empty: the default', { TAG: '' }, 'r/app:3.20'],
  ])('${TAG:-3.20}, %s', (_name, buildArgs, image) => {
    expect(
      pulls(lines('ARG TAG', 'FROM r/app:${TAG:-3.20}'), { targets: P('linux/arm64'), buildArgs }),
    ).toEqual([`2 ${image} linux/arm64`]);
  });

  it.each<[string, Record<string, string>, string]>([
    ['unset: nothing', {}, 'r/app:1'],
    ['set: the alternative', { DEBUG: '1' }, 'r/app:1-debug'],
  ])('${DEBUG:+-debug}, %s', (_name, buildArgs, image) => {
    expect(
      pulls(lines('ARG DEBUG', 'FROM r/app:1${DEBUG:+-debug}'), {
        targets: P('linux/arm64'),
        buildArgs,
      }),
    ).toEqual([`2 ${image} linux/arm64`]);
  });

  it('nests a platform ARG in a default', () => {
    expect(pulls('FROM r/app:${FLAVOUR:-${TARGETARCH}}')).toEqual([
      '1 r/app:amd64 linux/amd64',
      '1 r/app:arm64 linux/arm64',
    ]);
  });
});

describe('resolveDockerfile: only stages the build reaches', () => {
  const text = lines(
    'FROM --platform=$BUILDPLATFORM r/golang:1 AS build', // 1
    'FROM r/alpine:3 AS debug', // 2
    'COPY --from=build /out /out', // 3
    'FROM r/lint:1 AS lint', // 4
    'RUN --mount=type=bind,from=r/assets:1,target=/a true', // 5
    'FROM r/distroless:1 AS release', // 6
    'COPY --from=build /out /out', // 7
  );

  it('builds the last stage by default: debug and lint are not reached', () => {
    expect(graph(text)[1]).toEqual([
      [1, 'image', 'r/golang:1', true],
      [2, 'image', 'r/alpine:3', false],
      [3, 'stage', 'build', false],
      [4, 'image', 'r/lint:1', false],
      [5, 'image', 'r/assets:1', false],
      [6, 'image', 'r/distroless:1', true],
      [7, 'stage', 'build', true],
    ]);
  });

  it('builds the target stage and what it reads, case-insensitively', () => {
    expect(pulls(text, { target: 'LINT', targets: P('linux/arm64') })).toEqual([
      '4 r/lint:1 linux/arm64',
      '5 r/assets:1 linux/arm64',
    ]);
    expect(pulls(text, { target: 'debug', targets: P('linux/arm64') })).toEqual([
      '1 r/golang:1 linux/amd64',
      '2 r/alpine:3 linux/arm64',
    ]);
  });

  it('names the stages when the target is not one, as BuildKit refuses the build', () => {
    const r = resolveDockerfile(text, { ...TWO, target: 'prod' });
    expect(r.targets[0]?.errors).toEqual([
      {
        line: 6,
        message:
          'target "prod" names no stage of the Dockerfile, so BuildKit stops with "target stage could not be found". Use one of its AS names: build, debug, lint, release.',
      },
    ]);
    // Every FROM, COPY --from and --mount from= of the text is listed, and none is reached.
    expect(r.targets).toHaveLength(2);
    for (const t of r.targets) {
      expect(t.uses.map((u) => u.source.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(t.uses.filter((u) => u.reachable)).toEqual([]);
    }
  });
});

describe('resolveDockerfile: what BuildKit refuses, and what depends on its version', () => {
  it('names a blank base, an unparsable --platform and a --from with a variable', () => {
    const text = lines(
      'ARG BASE=',
      'ARG P=linux',
      'FROM --platform=$P r/a:1 AS a',
      'FROM ${BASE}',
      'COPY --from=$STAGE / /',
      'COPY --from=7 / /',
    );
    const [amd64] = resolveDockerfile(text, TWO).targets;
    expect(amd64?.errors.map((e) => [e.line, e.message.split(':')[0]])).toEqual([
      [
        3,
        'FROM --platform=$P is "linux" for linux/amd64, which BuildKit cannot parse ("linux" is not a platform',
      ],
      [4, 'FROM ${BASE} is blank for linux/amd64'],
      [5, 'COPY --from=$STAGE'],
      [6, 'COPY --from=7'],
    ]);
    expect(amd64?.errors[2]?.message).toContain('Define a stage with FROM $STAGE AS <name>');
    expect(amd64?.errors[3]?.message).toContain('there is no stage 7 (the Dockerfile has 2');
  });

  it('warns that a global ARG TARGETOS without a value empties it on older BuildKit', () => {
    const text = lines(
      'ARG TARGETOS',
      'ARG TARGETARCH',
      'FROM r/a:1 AS binaries-linux',
      'FROM binaries-$TARGETOS',
    );
    const r = resolveDockerfile(text, TWO);
    expect(r.warnings).toEqual([
      {
        line: 1,
        message: expect.stringMatching(
          /^ARG TARGETOS before the first FROM, without a value, changes what line 4 \(FROM binaries-\$TARGETOS\) pulls with the BuildKit version: .*Delete this line/,
        ) as string,
      },
    ]);
    // With a value, or passed as a build-arg, it is the same on every version.
    expect(
      resolveDockerfile(lines('ARG TARGETOS=linux', 'FROM r/$TARGETOS'), TWO).warnings,
    ).toEqual([]);
    expect(resolveDockerfile(text, { ...TWO, buildArgs: { TARGETOS: 'linux' } }).warnings).toEqual(
      [],
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  automaticArgs,
  baseImages,
  mountFrom,
  parseDockerfile,
  readModel,
  resolveDockerfile,
  splitInstructions,
  type DockerfileWarning,
  type ResolveOptions,
} from '../../../../src/actions/check/dockerfile';
import { parsePlatform } from '../../../../src/oci/platform';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/dockerfiles/${name}`, import.meta.url), 'utf8');

const lines = (...l: string[]): string => l.join('\n');

/** The fields of each FROM that substitution decides. */
const resolved = (text: string, buildArgs?: Record<string, string>) =>
  parseDockerfile(text, buildArgs).froms.map(({ image, platform, stage, kind, unresolved }) => ({
    image,
    platform,
    stage,
    kind,
    unresolved,
  }));

const D = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('parseDockerfile: FROM and ARG substitution', () => {
  it.each<[string, string, Record<string, string> | undefined, string, string[]]>([
    ['plain image', 'FROM alpine:3.20', undefined, 'alpine:3.20', []],
    [
      'ARG default',
      lines('ARG GO=1.22', 'FROM golang:${GO}-bookworm'),
      undefined,
      'golang:1.22-bookworm',
      [],
    ],
    [
      'build-arg overrides the default',
      lines('ARG GO=1.22', 'FROM golang:${GO}-bookworm'),
      { GO: '1.23' },
      'golang:1.23-bookworm',
      [],
    ],
    [
      '$VAR form',
      lines('ARG REG=ghcr.io/acme', 'FROM $REG/base:1'),
      undefined,
      'ghcr.io/acme/base:1',
      [],
    ],
    [
      'double-quoted default',
      lines('ARG BASE="debian:bookworm-slim"', 'FROM ${BASE}'),
      undefined,
      'debian:bookworm-slim',
      [],
    ],
    [
      'single-quoted default',
      lines("ARG BASE='ubuntu:24.04'", 'FROM $BASE'),
      undefined,
      'ubuntu:24.04',
      [],
    ],
    [
      'several ARGs on one line',
      lines('ARG NAME=redis TAG=7', 'FROM $NAME:$TAG'),
      undefined,
      'redis:7',
      [],
    ],
    [
      'a default built from an earlier ARG',
      lines('ARG GO=1.22', 'ARG IMG=golang:${GO}', 'FROM $IMG'),
      undefined,
      'golang:1.22',
      [],
    ],
    [
      'a build-arg feeds a later default',
      lines('ARG GO=1.22', 'ARG IMG=golang:${GO}', 'FROM $IMG'),
      { GO: '1.23' },
      'golang:1.23',
      [],
    ],
    [
      '${VAR:-x} when unset',
      lines('ARG TAG', 'FROM alpine:${TAG:-3.20}'),
      undefined,
      'alpine:3.20',
      [],
    ],
    [
      '${VAR:-x} when empty',
      lines('ARG TAG=', 'FROM alpine:${TAG:-3.20}'),
      undefined,
      'alpine:3.20',
      [],
    ],
    [
      '${VAR:-x} when set',
      lines('ARG TAG', 'FROM alpine:${TAG:-3.20}'),
      { TAG: 'edge' },
      'alpine:edge',
      [],
    ],
    [
      '${VAR-x} keeps an empty value',
      lines('ARG SUFFIX=', 'FROM app${SUFFIX-x}:1'),
      undefined,
      'app:1',
      [],
    ],
    [
      '${VAR:+x} when unset',
      lines('ARG DEBUG', 'FROM app${DEBUG:+-debug}:1'),
      undefined,
      'app:1',
      [],
    ],
    [
      '${VAR:+x} when set',
      lines('ARG DEBUG', 'FROM app${DEBUG:+-debug}:1'),
      { DEBUG: '1' },
      'app-debug:1',
      [],
    ],
    [
      'unknown variable stays as written',
      lines('ARG GO=1.22', 'FROM ${REGISTRY}/golang:${GO}'),
      undefined,
      '${REGISTRY}/golang:1.22',
      ['REGISTRY'],
    ],
    ['declared without a value', lines('ARG BASE', 'FROM $BASE'), undefined, '$BASE', ['BASE']],
    [
      'a build-arg without an ARG is not used',
      'FROM alpine:${TAG}',
      { TAG: '3.20' },
      'alpine:${TAG}',
      ['TAG'],
    ],
    [
      'ARGs after the first FROM are not global',
      lines('FROM alpine', 'ARG V=1.36', 'FROM busybox:$V'),
      undefined,
      'busybox:$V',
      ['V'],
    ],
    [
      '${VAR:?msg} without a value',
      lines('ARG TAG', 'FROM alpine:${TAG:?required}'),
      undefined,
      'alpine:${TAG:?required}',
      ['TAG'],
    ],
    [
      'pattern modifiers are left alone',
      lines('ARG V=v1.2', 'FROM app:${V#v}'),
      undefined,
      'app:${V#v}',
      ['V'],
    ],
    ['escaped dollar', 'FROM app:\\$V', undefined, 'app:$V', []],
    ['digest kept as written', `FROM alpine:3.20@${D}`, undefined, `alpine:3.20@${D}`, []],
    ['digest without tag', `FROM ghcr.io/acme/base@${D}`, undefined, `ghcr.io/acme/base@${D}`, []],
    [
      'lowercase instructions',
      lines('arg V=1.36', 'from busybox:$V'),
      undefined,
      'busybox:1.36',
      [],
    ],
  ])('%s', (_name, text, buildArgs, image, unresolved) => {
    const froms = resolved(text, buildArgs);
    expect(froms.at(-1)).toMatchObject({ image, unresolved });
  });

  it('passes BuildKit platform ARGs through without reporting them', () => {
    const text = lines(
      'ARG TARGETARCH=amd64',
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'FROM --platform=${TARGETPLATFORM} alpine:3.20',
      'FROM --platform=$TARGETOS/$TARGETARCH busybox:${TARGETARCH:-x}',
    );
    expect(resolved(text)).toEqual([
      {
        image: 'golang:1.22',
        platform: '$BUILDPLATFORM',
        stage: 'build',
        kind: 'image',
        unresolved: [],
      },
      {
        image: 'alpine:3.20',
        platform: '${TARGETPLATFORM}',
        stage: undefined,
        kind: 'image',
        unresolved: [],
      },
      {
        image: 'busybox:${TARGETARCH:-x}',
        platform: '$TARGETOS/$TARGETARCH',
        stage: undefined,
        kind: 'image',
        unresolved: [],
      },
    ]);
    expect(parseDockerfile(text).warnings).toEqual([]);
  });

  it('substitutes ARGs into --platform and reports unknown ones', () => {
    const text = lines('ARG OS=linux', 'FROM --platform=$OS/$ARCH alpine');
    expect(resolved(text)).toEqual([
      {
        image: 'alpine',
        platform: 'linux/$ARCH',
        stage: undefined,
        kind: 'image',
        unresolved: ['ARCH'],
      },
    ]);
  });

  it('tells stages, scratch and images apart, case-insensitively', () => {
    const text = lines(
      'FROM golang:1.22 AS Build',
      'RUN go build -o /app .',
      'FROM build AS test',
      'RUN go test ./...',
      'FROM BUILD as lint',
      'FROM scratch',
      'COPY --from=build /app /app',
    );
    expect(resolved(text)).toEqual([
      { image: 'golang:1.22', platform: undefined, stage: 'build', kind: 'image', unresolved: [] },
      { image: 'build', platform: undefined, stage: 'test', kind: 'stage', unresolved: [] },
      { image: 'BUILD', platform: undefined, stage: 'lint', kind: 'stage', unresolved: [] },
      { image: 'scratch', platform: undefined, stage: undefined, kind: 'scratch', unresolved: [] },
    ]);
  });

  it('only counts stages defined earlier, and resolves a stage name given by an ARG', () => {
    const text = lines(
      'ARG FROM_STAGE=base',
      'FROM base AS early',
      'FROM alpine AS base',
      'FROM ${FROM_STAGE}',
    );
    expect(resolved(text).map((f) => [f.image, f.kind])).toEqual([
      ['base', 'image'],
      ['alpine', 'image'],
      ['base', 'stage'],
    ]);
  });

  it('ignores flags other than --platform and FROM lines without an image', () => {
    const text = lines('FROM', 'FROM --foo=bar --platform=$BUILDPLATFORM alpine AS a');
    expect(resolved(text)).toEqual([
      { image: 'alpine', platform: '$BUILDPLATFORM', stage: 'a', kind: 'image', unresolved: [] },
    ]);
  });
});

describe('parseDockerfile: lines', () => {
  it('joins continuation lines and reports where the FROM starts', () => {
    const text = lines('FROM --platform=$BUILDPLATFORM \\', '    golang:1.22 \\', '    AS build');
    const [from] = parseDockerfile(text).froms;
    expect(from).toMatchObject({
      line: 1,
      raw: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      image: 'golang:1.22',
      stage: 'build',
    });
  });

  it('counts lines through a multi-line RUN with comments and blank lines inside', () => {
    const text = lines(
      'FROM alpine:3.20 AS a', // 1
      'RUN apk add --no-cache \\', // 2
      '    curl \\', // 3
      '    # git is needed by go get', // 4
      '', // 5
      '    git', // 6
      '', // 7
      '# next stage', // 8
      'FROM a AS b', // 9
    );
    expect(parseDockerfile(text).froms.map((f) => [f.line, f.image])).toEqual([
      [1, 'alpine:3.20'],
      [9, 'a'],
    ]);
  });

  it('drops comment and blank lines inside a continuation', () => {
    const text = lines(
      'FROM --platform=$BUILDPLATFORM \\',
      '    # the builder runs natively',
      '',
      '    golang:1.22 AS build',
      'RUN apk add --no-cache \\',
      '  # for go get',
      '  git',
    );
    expect(splitInstructions(text).map((i) => [i.line, i.raw])).toEqual([
      [1, 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build'],
      [5, 'RUN apk add --no-cache git'],
    ]);
    expect(parseDockerfile(text).froms[0]).toMatchObject({ image: 'golang:1.22', stage: 'build' });
  });

  it('handles CRLF line endings and a byte-order mark', () => {
    const text = '\uFEFFFROM alpine AS a\r\nRUN true\r\nFROM a\r\n';
    expect(parseDockerfile(text).froms.map((f) => [f.line, f.raw, f.kind])).toEqual([
      [1, 'FROM alpine AS a', 'image'],
      [3, 'FROM a', 'stage'],
    ]);
  });

  it('honours # escape=` so a trailing backslash is not a continuation', () => {
    const text = lines(
      '# syntax=docker/dockerfile:1',
      '# escape=`',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base',
      'RUN mkdir C:\\tools\\',
      'FROM base `',
      '  AS final',
    );
    expect(parseDockerfile(text).froms.map((f) => [f.line, f.raw])).toEqual([
      [3, 'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base'],
      [5, 'FROM base AS final'],
    ]);
  });

  it('ignores # escape= once an instruction has been seen', () => {
    const text = lines('FROM alpine', '# escape=`', 'RUN echo a `', 'FROM busybox');
    expect(parseDockerfile(text).froms.map((f) => f.image)).toEqual(['alpine', 'busybox']);
  });

  it('skips heredoc bodies, including ones that contain FROM', () => {
    const text = lines(
      'FROM alpine AS a', // 1
      'RUN <<EOF', // 2
      'FROM not-an-image', // 3
      'echo hi', // 4
      'EOF', // 5
      'COPY <<-"EOT" /etc/motd', // 6
      '\tFROM also-not-an-image', // 7
      '\tEOT', // 8
      'RUN cat <<<"FROM here-string"', // 9
      'FROM a', // 10
    );
    expect(parseDockerfile(text).froms.map((f) => [f.line, f.image])).toEqual([
      [1, 'alpine'],
      [10, 'a'],
    ]);
    expect(splitInstructions(text).map((i) => [i.line, i.keyword, i.heredoc])).toEqual([
      [1, 'FROM', []],
      [2, 'RUN', ['FROM not-an-image', 'echo hi']],
      [6, 'COPY', ['\tFROM also-not-an-image']],
      [9, 'RUN', []],
      [10, 'FROM', []],
    ]);
  });

  it('reads two heredocs on one RUN one after the other', () => {
    const text = lines('FROM alpine', 'RUN <<A cat - <<B', 'a', 'A', 'b', 'B', 'FROM busybox');
    expect(parseDockerfile(text).froms.map((f) => [f.line, f.image])).toEqual([
      [1, 'alpine'],
      [7, 'busybox'],
    ]);
  });
});

describe('parseDockerfile: fixed-platform', () => {
  it('warns on a literal platform, on the FROM line', () => {
    const text = lines('ARG GO=1.22', '', 'FROM --platform=linux/amd64 golang:${GO} AS build');
    const { froms, warnings } = parseDockerfile(text);
    expect(froms[0]?.platform).toBe('linux/amd64');
    expect(warnings).toEqual([
      {
        line: 3,
        rule: 'fixed-platform',
        message: expect.stringContaining('--platform=linux/amd64 pins this stage to amd64'),
      },
    ]);
    expect(warnings[0]?.message).toContain('--platform=$BUILDPLATFORM');
  });

  it('warns on a platform that becomes literal after substitution', () => {
    const text = lines('ARG P=linux/aarch64', 'FROM --platform=$P alpine');
    const { froms, warnings } = parseDockerfile(text);
    expect(froms[0]?.platform).toBe('linux/aarch64');
    expect(warnings.map((w) => [w.line, w.rule])).toEqual([[2, 'fixed-platform']]);
    expect(warnings[0]?.message).toContain('pins this stage to arm64');
  });

  it.each([
    'FROM --platform=$BUILDPLATFORM golang',
    'FROM --platform=${BUILDPLATFORM} golang',
    'FROM --platform=$TARGETPLATFORM alpine',
    'FROM --platform=$UNKNOWN alpine',
    'FROM alpine',
  ])('does not warn on %s', (text) => {
    expect(parseDockerfile(text).warnings).toEqual([]);
  });
});

/** The download warnings of `FROM debian` followed by `body`, as [line, token in message]. */
const downloads = (...body: string[]): Array<[number, string]> =>
  parseDockerfile(lines('FROM debian:bookworm-slim', ...body))
    .warnings.filter((w) => w.rule === 'hardcoded-arch-download')
    .map((w) => [w.line, /"([^"]+)" hard-coded/.exec(w.message)?.[1] ?? w.message]);

describe('parseDockerfile: hardcoded-arch-download', () => {
  it.each<[string, string[], Array<[number, string]>]>([
    [
      'kubectl with amd64 in the path',
      [
        'RUN curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.30.2/bin/linux/amd64/kubectl \\',
        ' && chmod +x /usr/local/bin/kubectl',
      ],
      [[2, 'amd64']],
    ],
    [
      'helm tarball piped into tar',
      [
        'RUN apt-get update && apt-get install -y curl',
        'RUN curl -fsSL https://get.helm.sh/helm-v3.15.2-linux-amd64.tar.gz | tar -xz -C /tmp \\',
        ' && mv /tmp/linux-amd64/helm /usr/local/bin/helm',
      ],
      [[3, 'amd64']],
    ],
    [
      'terraform zip',
      [
        'RUN wget -q https://releases.hashicorp.com/terraform/1.9.0/terraform_1.9.0_linux_amd64.zip \\',
        ' && unzip terraform_1.9.0_linux_amd64.zip -d /usr/local/bin',
      ],
      [[2, 'amd64']],
    ],
    [
      'x86_64 tarball via wget, several lines',
      [
        'WORKDIR /opt',
        'RUN set -eux; \\',
        '    wget -O /tmp/nvim.tar.gz \\',
        '      https://github.com/neovim/neovim/releases/download/v0.10.0/nvim-linux-x86_64.tar.gz; \\',
        '    tar -xzf /tmp/nvim.tar.gz',
      ],
      [[3, 'x86_64']],
    ],
    [
      'ADD of a URL',
      ['ADD https://example.com/releases/v2.1.0/tool-linux-amd64.tar.gz /tmp/'],
      [[2, 'amd64']],
    ],
    [
      'ADD with flags before the URL',
      ['ADD --checksum=sha256:abc --chmod=755 https://example.com/tini-x86_64 /tini'],
      [[2, 'x86_64']],
    ],
    [
      'architecture in a shell variable',
      [
        'RUN ARCH=amd64 VERSION=1.4.0 && curl -fsSLO "https://example.com/tool-${VERSION}-${ARCH}.tgz"',
      ],
      [[2, 'amd64']],
    ],
    [
      '64bit',
      [
        'RUN wget -O /tmp/hugo.tgz https://github.com/gohugoio/hugo/releases/download/v0.128.0/hugo_0.128.0_Linux-64bit.tar.gz',
      ],
      [[2, '64bit']],
    ],
    [
      'x64',
      ['RUN curl -fsSLO https://nodejs.org/dist/v20.15.0/node-v20.15.0-linux-x64.tar.xz'],
      [[2, 'x64']],
    ],
    [
      'linux64',
      ['RUN aria2c https://example.com/geckodriver-v0.34.0-linux64.tar.gz'],
      [[2, 'linux64']],
    ],
    [
      'the mirror mistake: arm64',
      ['RUN curl -fsSLO https://example.com/releases/tool-linux-arm64'],
      [[2, 'arm64']],
    ],
    [
      'the mirror mistake: aarch64',
      ['RUN wget https://example.com/releases/aarch64/tool.tar.gz'],
      [[2, 'aarch64']],
    ],
    [
      'inside a heredoc, reported on the RUN line',
      [
        'RUN <<EOF',
        'set -e',
        'curl -fsSLo /usr/local/bin/jq https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64',
        'chmod +x /usr/local/bin/jq',
        'EOF',
        'RUN true',
      ],
      [[2, 'amd64']],
    ],
    [
      'an apt repository for amd64 only',
      [
        'RUN curl -fsSL https://download.docker.com/linux/debian/gpg -o /etc/apt/keyrings/docker.asc \\',
        ' && echo "deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/debian bookworm stable" > /etc/apt/sources.list.d/docker.list',
      ],
      [[2, 'amd64']],
    ],
    [
      'one warning per RUN, for the first token',
      ['RUN curl -LO https://example.com/a-x86_64.tgz && curl -LO https://example.com/b-amd64.tgz'],
      [[2, 'x86_64']],
    ],
  ])('flags %s', (_name, body, expected) => {
    expect(downloads(...body)).toEqual(expected);
  });

  it.each<[string, string[]]>([
    [
      '${TARGETARCH} in the URL',
      [
        'ARG TARGETARCH',
        'RUN curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.30.2/bin/linux/${TARGETARCH}/kubectl',
      ],
    ],
    [
      'a case on $TARGETARCH',
      [
        'ARG TARGETARCH',
        'RUN case "$TARGETARCH" in amd64) A=x86_64 ;; arm64) A=aarch64 ;; esac \\',
        ' && wget -q "https://example.com/tool-linux-${A}.tar.gz"',
      ],
    ],
    [
      'dpkg --print-architecture',
      [
        'RUN case "$(dpkg --print-architecture)" in amd64) A=x86_64 ;; arm64) A=aarch64 ;; esac \\',
        ' && curl -fsSLO "https://example.com/tool-$A.tgz"',
      ],
    ],
    [
      '$(uname -m)',
      ['RUN curl -fsSLO "https://example.com/tool-$(uname -m).tgz" # x86_64 or aarch64'],
    ],
    [
      '`uname -m`',
      ['RUN if [ "`uname -m`" = x86_64 ]; then curl -fsSLO https://example.com/tool-amd64; fi'],
    ],
    [
      'apk --print-arch',
      ['RUN A="$(apk --print-arch)"; [ "$A" = x86_64 ] && wget https://example.com/x86_64/tool'],
    ],
    [
      'a cross-compiler package without a download',
      ['RUN apt-get install -y gcc-x86-64-linux-gnu'],
    ],
    [
      'a cross-compiler package next to an unrelated download',
      [
        'RUN apt-get update && apt-get install -y curl gcc-aarch64-linux-gnu libc6-dev-arm64-cross \\',
        ' && curl -fsSL https://deb.nodesource.com/setup_20.x | bash -',
      ],
    ],
    [
      'rustup targets next to the rustup installer',
      [
        "RUN curl --proto '=https' -sSf https://sh.rustup.rs | sh -s -- -y \\",
        ' && rustup target add aarch64-unknown-linux-gnu x86_64-unknown-linux-gnu',
      ],
    ],
    [
      'Dockerfile comments, also inside a continuation',
      [
        '# download the amd64 build',
        'RUN curl -fsSLO https://example.com/tool.tgz \\',
        '    # amd64 only for now',
        ' && tar -xzf tool.tgz',
      ],
    ],
    [
      'a shell comment after the command',
      ['RUN curl -fsSLO https://example.com/tool.tgz # TODO: amd64?'],
    ],
    ['a download without an architecture', ['RUN curl -fsSL https://example.com/install.sh | sh']],
    ['an architecture inside a longer word', ['RUN wget https://example.com/complex64-v2.tar.gz']],
    ['an architecture but no download', ['RUN mv /opt/tool-linux-amd64 /usr/local/bin/tool']],
    [
      'ADD with ${TARGETARCH}',
      [
        'ARG TARGETARCH',
        'ADD https://example.com/releases/tool-linux-${TARGETARCH} /usr/local/bin/tool',
      ],
    ],
    ['ADD of a local file', ['ADD vendor/tool-linux-amd64.tar.gz /opt/']],
    ['a package name with curl only installed', ['RUN apt-get install -y curl libc6-amd64-cross']],
  ])('does not flag %s', (_name, body) => {
    expect(downloads(...body)).toEqual([]);
  });

  it('tells a TARGETARCH fix for target stages', () => {
    const [w] = parseDockerfile(
      lines('FROM node:20', 'RUN curl -fsSLO https://example.com/tool-linux-amd64'),
    ).warnings;
    expect(w).toEqual<DockerfileWarning>({
      line: 2,
      rule: 'hardcoded-arch-download',
      message: expect.stringContaining('the linux/arm64 image gets an amd64 binary') as string,
    });
    expect(w?.message).toContain('ARG TARGETARCH');
    expect(w?.message).toContain('${TARGETARCH}');
    expect(w?.message).toContain('amd64) A=x86_64');
  });

  it('names the other platform for the mirror mistake', () => {
    const [w] = parseDockerfile(
      lines('FROM node:20', 'RUN curl -fsSLO https://example.com/tool-linux-aarch64'),
    ).warnings;
    expect(w?.message).toContain(
      '"aarch64" hard-coded, so the linux/amd64 image gets an arm64 binary',
    );
  });

  it('tells a BUILDARCH fix in stages that run on $BUILDPLATFORM, and in stages built on them', () => {
    const text = lines(
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build', // 1
      'RUN curl -fsSLO https://github.com/protocolbuffers/protobuf/releases/download/v27.1/protoc-27.1-linux-x86_64.zip', // 2
      'FROM build AS gen', // 3
      'RUN wget https://example.com/buf-Linux-x86_64', // 4
      'FROM alpine', // 5
      'RUN wget https://example.com/tool-x86_64', // 6
    );
    const warnings = parseDockerfile(text).warnings;
    expect(warnings.map((w) => [w.line, w.message.includes('ARG BUILDARCH')])).toEqual([
      [2, true],
      [4, true],
      [6, false],
    ]);
  });

  it('does not flag a RUN that maps $BUILDARCH', () => {
    expect(
      downloads(
        'ARG BUILDARCH',
        'RUN case "$BUILDARCH" in amd64) A=x86_64 ;; arm64) A=aarch_64 ;; esac \\',
        ' && curl -fsSLO https://example.com/protoc-linux-$A.zip',
      ),
    ).toEqual([]);
  });
});

describe('realistic Dockerfiles', () => {
  it('Go service with a cross-compiling build stage', () => {
    const parsed = parseDockerfile(fixture('go-cross.Dockerfile'));
    expect(parsed.froms.map((f) => [f.line, f.image, f.platform, f.stage, f.kind])).toEqual([
      [6, 'golang:1.22-alpine', '$BUILDPLATFORM', 'build', 'image'],
      [18, 'build', undefined, 'test', 'stage'],
      [21, 'alpine:3.20', undefined, 'certs', 'image'],
      [24, 'scratch', undefined, undefined, 'scratch'],
    ]);
    expect(parsed.warnings).toEqual([]);
    expect(baseImages(parsed).map((f) => f.image)).toEqual(['golang:1.22-alpine', 'alpine:3.20']);
  });

  it('the same with build-args', () => {
    const parsed = parseDockerfile(fixture('go-cross.Dockerfile'), {
      GO_VERSION: '1.23',
      ALPINE_VERSION: '3.21',
      UNUSED: 'x',
    });
    expect(baseImages(parsed).map((f) => f.image)).toEqual(['golang:1.23-alpine', 'alpine:3.21']);
  });

  it('Node app whose RUN and ADD download amd64 binaries', () => {
    const parsed = parseDockerfile(fixture('node-amd64-download.Dockerfile'));
    expect(parsed.froms.map((f) => [f.line, f.image, f.stage, f.kind])).toEqual([
      [1, 'node:20-bookworm-slim', 'deps', 'image'],
      [6, 'node:20-bookworm-slim', undefined, 'image'],
    ]);
    expect(parsed.warnings.map((w) => [w.line, w.rule, w.message.slice(0, 40)])).toEqual([
      [12, 'hardcoded-arch-download', 'RUN downloads a file with "amd64" hard-c'],
      [15, 'hardcoded-arch-download', 'ADD downloads a file with "amd64" hard-c'],
    ]);
    expect(baseImages(parsed).map((f) => f.line)).toEqual([1]);
  });

  it('Python app pinned to linux/amd64', () => {
    const parsed = parseDockerfile(fixture('pinned-amd64.Dockerfile'));
    expect(parsed.froms).toEqual([
      {
        line: 2,
        raw: expect.stringMatching(
          /^FROM --platform=linux\/amd64 python:3\.12-slim-bookworm@sha256:4f1d/,
        ),
        image:
          'python:3.12-slim-bookworm@sha256:4f1d8e7a0c6b3f2e9d5a8c7b6e1f0a3d2c5b4e7f6a9d8c1b0e3f2a5d4c7b6e9f',
        platform: 'linux/amd64',
        stage: 'base',
        kind: 'image',
        unresolved: [],
      },
    ]);
    expect(parsed.warnings.map((w) => [w.line, w.rule])).toEqual([
      [2, 'fixed-platform'],
      [9, 'hardcoded-arch-download'],
    ]);
    expect(parsed.warnings[1]?.message).toContain('"x86_64"');
  });
});

describe('baseImages', () => {
  it('keeps external images once each, in order', () => {
    const parsed = parseDockerfile(
      lines(
        'FROM golang:1.22 AS build',
        'FROM build AS test',
        'FROM alpine:3.20 AS a',
        'FROM golang:1.22 AS tools',
        'FROM scratch',
        'FROM ${UNKNOWN}',
      ),
    );
    expect(baseImages(parsed).map((f) => [f.line, f.image])).toEqual([
      [1, 'golang:1.22'],
      [3, 'alpine:3.20'],
      [6, '${UNKNOWN}'],
    ]);
  });
});

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

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  baseImages,
  parseDockerfile,
  splitInstructions,
  type DockerfileWarning,
} from '../../../../src/actions/check/dockerfile';

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

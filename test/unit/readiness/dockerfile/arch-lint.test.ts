import { describe, expect, it } from 'vitest';
import type { DockerfileWarning } from '../../../../src/readiness/dockerfile/arch-lint';
import { parseDockerfile } from '../../../../src/readiness/dockerfile/lint';
import { lines } from './text';

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

import { describe, expect, it } from 'vitest';
import { splitInstructions } from '../../../../src/readiness/dockerfile/instructions';
import { parseDockerfile } from '../../../../src/readiness/dockerfile/lint';
import { lines } from './text';

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

import { describe, expect, it } from 'vitest';
import { baseImages, parseDockerfile } from '../../../../src/readiness/dockerfile/lint';
import { fixture, lines } from './text';

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

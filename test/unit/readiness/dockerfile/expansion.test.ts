import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../../src/readiness/dockerfile/lint';
import { lines } from './text';

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

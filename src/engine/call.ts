/**
 * build-push-action's `call` with a method other than build (check, outline,
 * targets): buildx evaluates the build and prints its answer, and makes no
 * image, so there is nothing to push, load or smoke-test. One command, on the
 * runner's builder, streamed to the log.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { log } from '../runner/log';
import { buildArgs, buildFailureHint } from '../docker/buildx';
import { exec, tail } from '../docker/exec';
import type { RunReport } from '../verify/result';
import type { BuildRequest } from './request';

export function callArgs(inputs: BuildRequest, tempDir: string): string[] {
  return buildArgs(inputs, {
    docker: ['docker'],
    platforms: inputs.platforms,
    tags: [],
    output: 'none',
    metadataFile: path.join(tempDir, 'metadata-call.json'),
  });
}

export async function runCall(
  inputs: BuildRequest,
  tempDir: string,
  report: RunReport,
): Promise<void> {
  report.mode = `call ${inputs.call}`;
  log.info(
    `call: ${inputs.call}: buildx evaluates the build and makes no image, so nothing is pushed, loaded or smoke-tested.`,
  );
  const argv = callArgs(inputs, tempDir);
  const res = await log.group(`buildx --call ${inputs.call}`, () =>
    exec(argv, { stream: true, allowFailure: true }),
  );
  const metadata = await readFile(path.join(tempDir, 'metadata-call.json'), 'utf8').catch(
    () => undefined,
  );
  if (metadata) {
    try {
      report.metadata = JSON.parse(metadata) as Record<string, unknown>;
    } catch {
      // buildx wrote something else: the log above has its answer.
    }
  }
  if (res.exitCode !== 0) {
    const hint = buildFailureHint(res.output);
    throw new Error(
      `buildx --call ${inputs.call} failed (exit ${res.exitCode}):\n${tail(res.output, 5)}${hint ? `\n${hint}` : ''}`,
    );
  }
}

/**
 * The post step: remove what main left behind. It runs even when main failed
 * or was cancelled, and it only ever warns.
 */
import { rm } from 'node:fs/promises';
import * as core from '@actions/core';
import { exec } from './exec';
import { loadState } from './runner/state';

export async function cleanup(): Promise<void> {
  const state = loadState();
  if (!state) {
    core.info('Nothing to clean up.');
    return;
  }
  const docker = state.docker.length > 0 ? state.docker : ['docker'];
  if (state.containerPrefix) {
    try {
      // Main removes its containers itself; these are left only by a cancelled run.
      const listed = await exec(
        [...docker, 'ps', '--all', '--quiet', '--filter', `name=^${state.containerPrefix}-`],
        {
          timeoutMs: 30_000,
          quiet: true,
        },
      );
      const ids = listed.stdout.split('\n').filter(Boolean);
      if (ids.length > 0) {
        await exec([...docker, 'rm', '--force', ...ids], { timeoutMs: 60_000 });
        core.info(`Removed ${ids.length} leftover container(s).`);
      }
    } catch (err) {
      core.warning(
        `Could not remove leftover containers: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  if (state.tempDir) {
    try {
      await rm(state.tempDir, { recursive: true, force: true });
      core.info(`Removed ${state.tempDir}.`);
    } catch (err) {
      core.warning(`Could not remove ${state.tempDir}: ${String(err)}`);
    }
  }
}

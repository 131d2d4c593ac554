/**
 * Fetches a buildx release for this run only, the way setup-buildx-action
 * does: download through the runner's tool cache (runner/tool-cache.ts),
 * check the release's sha256, keep it there. The run's private DOCKER_CONFIG
 * (config-dir.ts) points its cli-plugins at it; the user's ~/.docker is
 * never changed.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheFile, downloadTool, findTool } from '../runner/tool-cache';
import { assetName, checksumFor, releaseTag } from './buildx-version';

const TOOL = 'docker-buildx';

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The buildx binary for `version`: from the tool cache, or downloaded, verified and cached. */
export async function fetchBuildx(
  version: string,
  baseUrl: string,
): Promise<{ binary: string; cached: boolean }> {
  const tag = releaseTag(version);
  const semver = tag.slice(1);
  const found = findTool(TOOL, semver);
  if (found) return { binary: join(found, TOOL), cached: true };
  const asset = assetName(tag, process.arch);
  const base = baseUrl.replace(/\/+$/, '');
  const checksums = await readFile(await downloadTool(`${base}/${tag}/checksums.txt`), 'utf8');
  const expected = checksumFor(checksums, asset);
  if (!expected)
    throw new Error(
      `${base}/${tag}/checksums.txt lists no sha256 for ${asset}, so it cannot be verified`,
    );
  const file = await downloadTool(`${base}/${tag}/${asset}`);
  const actual = await sha256(file);
  if (actual !== expected) {
    throw new Error(
      `${base}/${tag}/${asset} has sha256 ${actual}, but checksums.txt says ${expected}: not used. Check buildx-download-url.`,
    );
  }
  await chmod(file, 0o755);
  const dir = await cacheFile(file, TOOL, TOOL, semver);
  return { binary: join(dir, TOOL), cached: false };
}

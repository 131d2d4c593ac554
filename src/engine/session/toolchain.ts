/**
 * The toolchain a build needs: the engine answers, and a buildx of the
 * version asked for, the installed one or one fetched for this run.
 */
import { log } from '../../runner/log';
import { fetchBuildx } from '../../docker/buildx-install';
import {
  buildxNeed,
  DEFAULT_BUILDX_DOWNLOAD_URL,
  parseBuildxVersion,
} from '../../docker/buildx-version';
import { useBuildx } from '../../docker/config-dir';
import { builderDriver, NO_BUILDX_FIX, probeEngine } from '../../docker/engine';
import { exec, tail } from '../../docker/exec';
import { formatPlatform } from '../../oci/platform';
import { errorMessage } from '../../runner/errors';
import { makeTempDir } from '../../runner/temp';
import type { BuildxSource } from '../request';
import { runConfig } from './docker-config';
import { remember, type Session } from './session';

/**
 * Makes a session ready for the build engine: the engine and buildx answer,
 * and there is a temp dir. The check action opens its session without them
 * and asks for them only when it builds.
 */
export async function readyToBuild(
  session: Session,
  buildx: BuildxSource = { downloadUrl: DEFAULT_BUILDX_DOWNLOAD_URL },
): Promise<Session> {
  if (!session.tempDir) remember(session, { tempDir: (session.tempDir = await makeTempDir()) });
  const tempDir = session.tempDir;
  // Started with the probe rather than after it: one round trip less before the build.
  const driver = builderDriver();
  driver.catch(() => undefined); // awaited, or dropped, later
  session.engine = await log.group('Docker engine', async () => {
    const e = await probeEngine(['docker']);
    log.info(
      `Engine: ${formatPlatform(e.native)} ${e.version}, containerd image store: ${e.containerdStore ? 'yes' : 'no'}`,
    );
    const installed = e.buildx ? parseBuildxVersion(e.buildx) : undefined;
    const need = buildxNeed(buildx.version, installed);
    if (!need.install) {
      if (!e.buildx)
        throw new Error(`docker buildx is not available (${e.buildxError}). ${NO_BUILDX_FIX}`);
      log.info(`Using ${need.reason}.`);
      session.buildxVersion = installed;
      session.currentBuilderDriver = driver;
      return e;
    }
    log.info(`Fetching buildx ${need.version} for this run: ${need.reason}.`);
    const fetched = await fetchBuildx(need.version, buildx.downloadUrl).catch((err: unknown) => {
      throw new Error(
        `Could not fetch buildx ${need.version} from ${buildx.downloadUrl}: ${errorMessage(err)}. ${NO_BUILDX_FIX}`,
      );
    });
    log.info(
      `buildx ${need.version} ${fetched.cached ? 'found in the tool cache' : 'downloaded, checksum verified, and cached'}: ${fetched.binary}`,
    );
    // Only the docker commands of this run see it; post reaches the same config.
    await useBuildx(await runConfig(session, tempDir), fetched.binary);
    const check = await exec(['docker', 'buildx', 'version'], {
      timeoutMs: 45_000,
      allowFailure: true,
      quiet: true,
    });
    if (check.exitCode !== 0)
      throw new Error(
        `The fetched buildx does not run: ${tail(check.output, 3)}. ${NO_BUILDX_FIX}`,
      );
    log.info(check.stdout.trim());
    session.buildxVersion = parseBuildxVersion(check.stdout) ?? need.version;
    return e;
  });
  return session;
}

/** Opens the run's session: state is saved before anything exists that post must remove. */
import { randomBytes } from 'node:crypto';
import { inspectWithPlugins, type Inspection } from '../../docker/engine';
import { onCancel } from '../../runner/cancel';
import { errorMessage } from '../../runner/errors';
import { saveState, type PostState } from '../../runner/state';
import { makeTempDir } from '../../runner/temp';
import type { BuildxSource, RegistryLogin } from '../request';
import { removeRunning } from './cleanup';
import { logIn } from './login';
import type { Session } from './session';
import { readyToBuild } from './toolchain';

export interface SessionOptions {
  /** A temp dir for files (the check action writes none). */
  tempDir: boolean;
  /** `buildx`: the engine and buildx must answer; `engine`: the engine must; `optional`: neither. */
  needs: 'buildx' | 'engine' | 'optional';
  /** A prefix to reuse (tests pin it to find their containers). */
  prefix?: string;
  /** Which buildx to use: the buildx-version input, and where releases are fetched from. */
  buildx?: BuildxSource;
  /** Registries to log in to, into the run's private DOCKER_CONFIG, before any docker call. */
  logins?: RegistryLogin[];
}

const ENGINE_FIX = 'Fix: start dockerd, or point DOCKER_HOST at a running engine.';

/** Opens the session: state is saved before anything exists that post must remove. */
export async function openSession(opts: SessionOptions): Promise<Session> {
  const prefix = opts.prefix ?? `multiarch-${randomBytes(4).toString('hex')}`;
  const logins = opts.logins ?? [];
  const tempDir = opts.tempDir || logins.length > 0 ? await makeTempDir() : undefined;
  const state: PostState = { tempDir, containerPrefix: prefix, docker: ['docker'] };
  saveState(state);
  const session: Session = { tempDir, prefix, state };
  // Cancelled, main stops its containers and builder itself: a smoke test's
  // `docker run` only returns once its container is gone. Post does the rest.
  onCancel('stop', () => removeRunning(state));
  if (logins.length > 0) await logIn(session, logins);
  if (opts.needs === 'buildx') return readyToBuild(session, opts.buildx);
  // No docker CLI at all reads as no engine: the check action can still read registries.
  const probed = await inspectWithPlugins(['docker']).catch(
    (err: unknown): { inspection: Inspection; buildx?: string } => ({
      inspection: { ok: false, output: errorMessage(err), timedOut: false },
    }),
  );
  const inspected = probed.inspection;
  session.listedBuildx = probed.buildx;
  if (inspected.ok) session.engine = inspected.info;
  else if (opts.needs === 'engine')
    throw new Error(`Cannot reach the Docker engine: ${inspected.output}. ${ENGINE_FIX}`);
  return session;
}

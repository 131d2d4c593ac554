/** The run's private DOCKER_CONFIG, shared by the registry logins and a buildx fetched for the run. */
import { join } from 'node:path';
import { createRunConfig } from '../../docker/config-dir';
import { remember, type Session } from './session';

/**
 * The run's private DOCKER_CONFIG, made once: every docker and buildx call of
 * this process uses it (process.env, never exported to later steps), and
 * post finds it in the state.
 */
export async function runConfig(
  session: Session,
  tempDir: string,
  logins: string[] = [],
): Promise<string> {
  if (session.state.dockerConfig) return session.state.dockerConfig;
  const config = await createRunConfig(join(tempDir, 'docker-config'), logins);
  process.env.DOCKER_CONFIG = config;
  remember(session, { dockerConfig: config });
  return config;
}

/** The session's registry logins, into the run's private DOCKER_CONFIG only. */
import { log } from '../../runner/log';
import { loginArgs } from '../../docker/config-dir';
import { exec, tail } from '../../docker/exec';
import type { RegistryLogin } from '../request';
import { runConfig } from './docker-config';
import type { Session } from './session';

const LOGIN_TIMEOUT_MS = 60_000;

/** `docker login` to each registry, the password on stdin, into the run's config only. */
export async function logIn(session: Session, logins: RegistryLogin[]): Promise<void> {
  await log.group('Registry login', async () => {
    await runConfig(
      session,
      session.tempDir as string,
      logins.map((l) => l.registry),
    );
    for (const { registry, username, password } of logins) {
      const res = await exec(loginArgs(registry, username), {
        input: password,
        timeoutMs: LOGIN_TIMEOUT_MS,
        allowFailure: true,
      });
      if (res.exitCode !== 0 || res.timedOut) {
        const why = res.timedOut
          ? `no answer within ${LOGIN_TIMEOUT_MS / 1000} s`
          : tail(res.output, 3) || `exit code ${res.exitCode}`;
        throw new Error(
          `Could not log in to ${registry} as ${username}: ${why}. Fix: check the registry, username and password inputs (a token needs read and write access to the repository), and that the engine reaches ${registry}.`,
        );
      }
      log.info(`Logged in to ${registry} as ${username} (this step only).`);
    }
  });
}

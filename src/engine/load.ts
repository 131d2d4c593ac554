/**
 * load: true with push: true. build-push-action then both pushes and loads
 * (`--push --load`); here the tags are written only after the tests, so the
 * image comes into the runner's engine under them once they are: the docker
 * driver's build already put it there; any other builder's image is pulled
 * by the digest the tags point at. Says which in the log.
 */
import { log } from '../runner/log';
import { exec } from '../docker/exec';
import { pullArgs, tagArgs } from '../docker/images';
import type { RunReport } from '../verify/result';
import type { Plan } from './plan/index';

const PULL_TIMEOUT_MS = 10 * 60_000;

/** Whether the build itself left the image in the runner's engine under the tags. */
export function loadedByBuild(plan: Plan, builderDriver: string | undefined): boolean {
  return plan.mode === 'load-then-push' || (plan.mode === 'push' && builderDriver === 'docker');
}

export async function loadPushed(
  plan: Plan,
  builderDriver: string | undefined,
  tags: string[],
  report: RunReport,
): Promise<void> {
  if (!report.published) {
    log.info(
      'load: true: not loaded, because the tags were not written (the same image stays pullable by digest).',
    );
    return;
  }
  if (loadedByBuild(plan, builderDriver)) {
    log.info(`load: true: ${tags.join(', ')} are in the runner's engine already (docker driver).`);
    return;
  }
  const image = report.image;
  if (!image?.includes('@')) return;
  await log.group(`Load ${tags.join(', ')} into the runner's engine (load: true)`, async () => {
    log.info(
      `load: true: the tags are written, so ${image} is pulled (the runner's own platform) and tagged ${tags.join(', ')}.`,
    );
    await exec(pullArgs(image), { timeoutMs: PULL_TIMEOUT_MS });
    for (const t of tags) await exec(tagArgs(image, t), { timeoutMs: 60_000 });
  });
}

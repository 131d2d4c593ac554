/**
 * The plan with nodes: `append` (one builder spanning every engine, one push)
 * or `fanout` (each engine builds its own platforms, pushed or loaded). Pure.
 */
import { formatPlatform } from '../../oci/platform';
import { loadSteps, type PlanContext } from './context';
import {
  checkMultiPlatform,
  partTag,
  splitAnnotations,
  type Plan,
  type SmokeTarget,
} from './shapes';

function describeWorkers(ctx: PlanContext): string {
  return ctx.workers
    .map((w) => `${w.name}: ${w.platforms.map(formatPlatform).join(', ')}`)
    .join('; ');
}

export function planNodes(ctx: PlanContext): Plan {
  const { inputs, opts, notes, push } = ctx;
  const all = inputs.platforms;
  if (opts.strategy === 'append') {
    if (!opts.builder) throw new Error('append needs a builder name');
    if (!push) throw new Error('append only pushes');
    notes.push(`One builder (${opts.builder}) spans ${describeWorkers(ctx)}.`);
    // The builder reaches every node itself; the build runs from the runner's CLI.
    const runner = { name: opts.builder, docker: ['docker'] };
    // Its docker-container driver pushes by digest: the tags wait for the tests.
    const gated = inputs.publish === 'on-success';
    return {
      mode: 'push',
      repository: push.repository,
      emulated: ctx.emulated,
      builds: [
        gated
          ? ctx.step(runner, all, [], 'push-by-digest', opts.builder)
          : ctx.step(runner, all, inputs.tags, 'push', opts.builder),
      ],
      gate: gated ? { kind: 'registry', tags: inputs.tags } : undefined,
      targets: all.map((p) => ctx.target(p)),
      notes,
    };
  }

  notes.push(`Each engine builds its own platforms: ${describeWorkers(ctx)}.`);
  if (push) {
    const annotations = splitAnnotations(inputs.annotations ?? []);
    const merged = annotations.merged.length > 0 ? { annotations: annotations.merged } : {};
    if (annotations.dropped.length > 0)
      notes.push(
        `annotations: ${annotations.dropped.join(', ')} left out: an index descriptor exists only in an OCI layout, not in the merged index.`,
      );
    // Nodes build with their own default (docker-driver) builders.
    for (const w of ctx.workers) checkMultiPlatform(w, w.remote ? 'docker' : opts.builderDriver);
    return {
      mode: 'fanout-push',
      repository: push.repository,
      emulated: ctx.emulated,
      // buildx's docker driver cannot push by digest, so each engine pushes
      // under its platforms' tag (the same every run: nothing piles up), and
      // the merge then names every part by digest.
      builds: ctx.workers.map((w) =>
        ctx.step(w, w.platforms, [partTag(push.tag, w.platforms)], 'push'),
      ),
      targets: all.map((p) => ctx.target(p)),
      notes,
      // The parts are tested first; the index under the tags is made from them after.
      gate:
        inputs.publish === 'on-success'
          ? { kind: 'fanout', tags: inputs.tags, ...merged }
          : undefined,
      mergeAnnotations: merged.annotations,
    };
  }
  const loads = ctx.workers.map((w) => loadSteps(ctx, w));
  const byPlatform = new Map<string, SmokeTarget>(
    loads.flatMap((l) => l.targets).map((t) => [formatPlatform(t.platform), t]),
  );
  return {
    mode: 'fanout-load',
    emulated: ctx.emulated,
    builds: loads.flatMap((l) => l.builds),
    targets: all.map((p) => {
      const t = byPlatform.get(formatPlatform(p));
      if (!t) throw new Error(`no engine loads ${formatPlatform(p)}`);
      return t;
    }),
    notes,
  };
}

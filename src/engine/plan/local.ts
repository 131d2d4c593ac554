/** The plan when the runner's own engine builds every platform: push, push by digest, or load. Pure. */
import { formatPlatform } from '../../oci/platform';
import { loadSteps, type PlanContext, type PushTarget } from './context';
import { checkMultiPlatform, partTag, type Plan, type Worker } from './shapes';

export function planLocal(ctx: PlanContext, w: Worker): Plan {
  if (ctx.push) return planLocalPush(ctx, w, ctx.push);
  const all = ctx.inputs.platforms;
  const load = loadSteps(ctx, w);
  ctx.notes.push(
    load.perPlatform
      ? 'The engine keeps one platform per tag (no containerd image store): loading each platform under its own tag.'
      : all.length === 1
        ? `Loading ${ctx.localTags[0]} locally.`
        : `The engine uses the containerd image store: loading one multi-platform image ${ctx.localTags[0]}.`,
  );
  return {
    mode: load.perPlatform ? 'load-per-platform' : 'load',
    emulated: ctx.emulated,
    builds: load.builds,
    targets: load.targets,
    notes: ctx.notes,
  };
}

function planLocalPush(ctx: PlanContext, w: Worker, push: PushTarget): Plan {
  const { inputs, opts, notes } = ctx;
  const all = inputs.platforms;
  const names = all.map(formatPlatform).join(', ');
  checkMultiPlatform(w, opts.builderDriver);
  const base = {
    repository: push.repository,
    emulated: ctx.emulated,
    targets: all.map((p) => ctx.target(p)),
    notes,
  };
  // buildx's docker driver refuses push-by-digest; every other driver takes it.
  const byDigest = opts.builderDriver !== undefined && opts.builderDriver !== 'docker';
  if (inputs.pushByDigest) {
    // There the platform tag stands in, and the digest is what the step
    // reports either way.
    notes.push(
      byDigest
        ? `Pushing ${names} to ${push.repository} by digest, without a tag.`
        : `The ${opts.builderDriver ?? 'current'} builder cannot push by digest: pushing ${names} as ${partTag(push.tag, all)} and reporting its digest.`,
    );
    const build = byDigest
      ? ctx.step(w, all, [], 'push-by-digest')
      : ctx.step(w, all, [partTag(push.tag, all)], 'push');
    return { mode: 'push', builds: [build], ...base };
  }
  if (inputs.publish === 'always') {
    notes.push(`Pushing ${names} as ${inputs.tags.join(', ')} before testing (publish: always).`);
    return { mode: 'push', builds: [ctx.step(w, all, inputs.tags, 'push')], ...base };
  }
  if (byDigest) {
    notes.push(
      `Pushing ${names} to ${push.repository} by digest; ${inputs.tags.join(', ')} will be written only once every platform passed.`,
    );
    return {
      mode: 'push',
      builds: [ctx.step(w, all, [], 'push-by-digest')],
      gate: { kind: 'registry', tags: inputs.tags },
      ...base,
    };
  }
  const candidate = candidateTag(push, opts.runId);
  notes.push(
    `The ${opts.builderDriver ?? 'current'} builder (buildx's docker driver) cannot push by digest: loading ${names} as ${candidate}, then pushing ${inputs.tags.join(', ')} only once every platform passed.`,
  );
  return {
    mode: 'load-then-push',
    repository: push.repository,
    emulated: ctx.emulated,
    builds: [ctx.step(w, all, [candidate], 'load')],
    targets: all.map((p) => ctx.target(p, candidate)),
    notes,
    gate: { kind: 'engine', candidate, tags: inputs.tags, classic: !w.containerdStore },
  };
}

/** The local name a gated docker-driver build is loaded under: in the user's repository, unique to the run. */
export function candidateTag(push: PushTarget, runId = 'run'): string {
  return `${push.repository}:${runId}-candidate`;
}

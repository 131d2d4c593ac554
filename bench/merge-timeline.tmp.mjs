import { runAction, dockerShim, startRegistry, pushRetrying, groups, cleanupWork, docker } from './lib.mjs';
const registry = await startRegistry();
const sources = [];
for (const p of ['linux/amd64', 'linux/arm64']) {
  const tag = `${registry.host}/bench/hello-${p.replace('/', '-')}:x`;
  await pushRetrying('buildx', 'build', '-q', '--platform', p, '--provenance=false', '--push', '-t', tag, 'examples/hello');
  sources.push(tag);
}
const shim = await dockerShim();
for (let i = 0; i < 3; i++) {
  shim.reset();
  const res = await runAction({ sources: sources.join(','), tags: `${registry.host}/bench/merged:m${i}`, 'verify-arch': process.env.VA ?? 'true' }, { actionYml: 'merge/action.yml', env: shim.env });
  if (i < 2) continue;
  const epoch = res.main.epoch;
  console.log('total', Math.round(res.ms), 'main', Math.round(res.main.ms));
  for (const g of groups(res.main.lines)) console.log(Math.round(g.start), Math.round(g.start + g.ms), 'step:', g.name);
  for (const c of shim.calls()) console.log(Math.round(c.start - epoch), Math.round(c.end - epoch), c.args.slice(0, 110));
  for (const l of res.main.lines) if (/read|pushed|→|took/.test(l.text)) console.log(Math.round(l.at), l.text.slice(0, 160));
  console.log('last line', Math.round(res.main.lines.at(-1).at));
}
registry.stop();
cleanupWork();

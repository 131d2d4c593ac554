// `npm run bench`: what a user waits for, against the real engine and a
// registry on 127.0.0.1 this script starts. Every pair runs in this one
// process, interleaved (the order rotates each round), and medians are
// compared, because the machine is shared and noisy. See BENCHMARKS.md.
//
//   ROUNDS=5          rounds of every interleaved comparison
//   ONLY=whole,scan   run only these sections (whole, timeline, scan, smoke, gate, attest, merge)
import { cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import console from 'node:console';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import process from 'node:process';
import { Readable } from 'node:stream';
import {
  cleanupWork,
  docker,
  dockerShim,
  groups,
  median,
  pushRetrying,
  ROOT,
  run,
  runAction,
  secs,
  startRegistry,
  TAG,
  WORK,
} from './lib.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const ONLY = process.env.ONLY?.split(',');
const wanted = (s) => !ONLY || ONLY.includes(s);
const TWO = 'linux/amd64,linux/arm64';
const HELLO = path.join(ROOT, 'examples/hello');
const out = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
let seq = 0;

/** Runs each variant once per round, the order rotated; returns every variant's samples. */
async function interleave(variants) {
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const n of order) samples[n].push(await variants[n]());
    process.stderr.write(`  round ${r + 1}/${ROUNDS} done\n`);
  }
  return samples;
}

function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${os.release()}, node ${process.version}`;
}

async function versions() {
  const d = await docker('version', '--format', '{{.Server.Version}}');
  const b = await docker('buildx', 'version');
  return `docker ${d.stdout.trim()}, ${b.stdout.trim().split(' ').slice(0, 2).join(' ')}`;
}

const load = () => os.loadavg()[0].toFixed(2);

// 1. The whole run: the action against the recipe a user would write.
async function whole(registry) {
  const ref = () => `${registry.host}/bench/hello:${TAG}-${++seq}`;
  const once = async () => {
    const t0 = performance.now();
    const image = ref();
    await docker(
      'buildx',
      'build',
      '-q',
      '--no-cache',
      '--platform',
      TWO,
      '--push',
      '-t',
      image,
      HELLO,
    );
    for (const p of TWO.split(','))
      await docker('run', '--rm', '--pull', 'always', '--platform', p, image);
    return performance.now() - t0;
  };
  // Debian's registry 2.8 now and then answers a HEAD with a 500: that sample
  // is timed again from the start, as a user would run the recipe again.
  const recipe = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once();
      } catch (err) {
        if (attempt === 3 || !/500 Internal Server Error/.test(String(err))) throw err;
      }
    }
  };
  const action =
    (verifyArch, attestTests = 'true') =>
    async () =>
      (
        await runAction({
          context: HELLO,
          platforms: TWO,
          tags: ref(),
          push: 'true',
          'no-cache': 'true',
          'verify-arch': verifyArch,
          'attest-tests': attestTests,
        })
      ).ms;
  // The fourth does only what the recipe does: no architecture check, no attestation.
  const s = await interleave({
    recipe,
    off: action('false'),
    on: action('true'),
    bare: action('false', 'false'),
  });
  const [r, off, on, bare] = [median(s.recipe), median(s.off), median(s.on), median(s.bare)];
  say(`## 1. Whole run: hello, ${TWO}, push, no cache (median of ${ROUNDS}, interleaved)`);
  say();
  say('| | median | ratio to the recipe | target |');
  say('|---|---|---|---|');
  say(
    `| recipe: buildx build --push, then docker run --pull always per platform | ${secs(r)} | 1.00× | |`,
  );
  say(`| action, verify-arch: false | ${secs(off)} | ${ratio(off, r)} | ≤ 1.0× |`);
  say(`| action, verify-arch: true | ${secs(on)} | ${ratio(on, r)} | ≤ 1.1× |`);
  say(`| action, verify-arch: false, attest-tests: false | ${secs(bare)} | ${ratio(bare, r)} | |`);
  say();
  say(
    `Samples (s): recipe ${fmt(s.recipe)}; off ${fmt(s.off)}; on ${fmt(s.on)}; off without attestation ${fmt(s.bare)}`,
  );
  say();
}
const fmt = (xs) => xs.map((x) => (x / 1000).toFixed(2)).join(' ');

// 5 (and 4). Where the time of one action run goes: every docker call and log group.
async function timeline(registry) {
  const shim = await dockerShim();
  const runs = [];
  for (let i = 0; i < Math.max(3, Math.ceil(ROUNDS / 2)); i++) {
    shim.reset();
    const res = await runAction(
      {
        context: HELLO,
        platforms: TWO,
        tags: `${registry.host}/bench/hello:${TAG}-${++seq}`,
        push: 'true',
        'no-cache': 'true',
      },
      { env: shim.env },
    );
    runs.push({ res, calls: shim.calls() });
  }
  const size = statSync(path.join(ROOT, 'dist/index.js')).size;
  const first = median(runs.map((r) => r.calls[0].start - r.res.main.epoch));
  const build = median(
    runs.map(
      (r) => r.calls.find((c) => c.args.startsWith('buildx build')).start - r.res.main.epoch,
    ),
  );
  say('## 5. Start-up');
  say();
  say(
    `dist/index.js: ${(size / 2 ** 20).toFixed(2)} MiB. From \`node dist/index.js\` to its first docker call: median ${Math.round(first)} ms; to the build's start (engine probed, emulators checked): median ${Math.round(build)} ms (of ${runs.length} runs, through a logging docker shim).`,
  );
  say();
  const qemu = runs.map((r) => groups(r.res.main.lines).find((g) => g.name.startsWith('QEMU')));
  say('## 4. Emulator set-up when already registered');
  say();
  if (qemu.every(Boolean)) {
    const started = runs.flatMap((r, i) => {
      const from = r.res.main.epoch + qemu[i].start;
      const to = from + qemu[i].ms;
      return r.calls.filter((c) => c.start >= from && c.start <= to).map((c) => c.args);
    });
    say(
      `The "QEMU emulation" step: median ${Math.round(median(qemu.map((g) => g.ms)))} ms (target < 100 ms); docker calls during it: ${started.length === 0 ? 'none (no container started)' : started.join('; ')}.`,
    );
  } else say('The action logged no "QEMU emulation" step.');
  say();
  const one = runs[Math.floor(runs.length / 2)];
  say('### The timeline of one run (verify-arch: true), ms from the start of main');
  say();
  say('| from | to | what |');
  say('|---|---|---|');
  const rows = [
    ...groups(one.res.main.lines).map((g) => ({
      from: g.start,
      to: g.start + g.ms,
      what: `step: ${g.name}`,
    })),
    ...one.calls.map((c) => ({
      from: c.start - one.res.main.epoch,
      to: c.end - one.res.main.epoch,
      what: `${c.start >= one.res.post.epoch ? '(post) ' : ''}docker ${c.args.replace(/\|/g, '\\|').slice(0, 110)}`,
    })),
  ].sort((a, b) => a.from - b.from);
  for (const r of rows) say(`| ${Math.round(r.from)} | ${Math.round(r.to)} | ${r.what} |`);
  say(`| ${Math.round(one.res.main.ms)} | | main ends |`);
  say(`| | +${Math.round(one.res.post.ms)} | post |`);
  say();
}

// 2. Scan throughput: the check action's architecture scan against docker export | cat.
async function scan(registry) {
  const image = `${registry.host}/bench/usr:${TAG}`;
  // With the merged-/usr links, so that loaders resolve as on the host.
  const dirs = [
    'lib',
    'lib64',
    'usr/bin',
    'usr/sbin',
    'usr/libexec',
    'usr/lib/x86_64-linux-gnu',
    'usr/lib64',
  ];
  const tar = await import('node:child_process').then(({ spawn }) =>
    spawn('tar', ['-C', '/', '-cf', '-', ...dirs], { stdio: ['ignore', 'pipe', 'ignore'] }),
  );
  await run(['docker', 'import', '--platform', 'linux/amd64', '-', image], {
    input: Readable.from(tar.stdout),
  });
  await run(['docker', 'push', '-q', image]);
  const name = `multiarch-bench-${TAG}-usr`;
  await docker('create', '--name', name, image, '/');
  try {
    const bytes = Number((await run(['sh', '-c', `docker export ${name} | wc -c`])).stdout.trim());
    const rss = path.join(WORK, 'rss');
    const raw = async () => (await run(['sh', '-c', `docker export ${name} | cat > /dev/null`])).ms;
    const rsses = [];
    const scanMs = [];
    const check = async () => {
      const res = await runAction(
        {
          images: image,
          platforms: 'linux/amd64',
          smoke: 'false',
          'verify-arch': 'true',
          // Findings in a host's /usr are not the point: the scan is what is timed.
          'fail-on': 'never',
        },
        { actionYml: 'check/action.yml', rssFile: rss },
      );
      // The scan's own time, as the action logs it (layers read from the registry as they stream).
      const said = res.main.lines
        .map((l) => /the architecture check read .* in ([\d.]+) s$/.exec(l.text))
        .find(Boolean);
      if (!said) throw new Error('the check did not read the layers from the registry');
      scanMs.push(Number(said[1]) * 1000);
      rsses.push(Number(readFileSync(rss, 'utf8').trim().split('\n').pop()));
      return res.ms;
    };
    const s = await interleave({ raw, check });
    const rate = (ms) => `${(bytes / 2 ** 20 / (ms / 1000)).toFixed(0)} MiB/s`;
    const [r, a, c] = [median(s.raw), median(scanMs), median(s.check)];
    say(`## 2. Scan throughput: ${dirs.join(' ')} of this host as one amd64 image`);
    say();
    say(`Exported: ${(bytes / 2 ** 30).toFixed(2)} GiB. Median of ${ROUNDS}, interleaved.`);
    say();
    say('| | median | rate | share of the raw rate |');
    say('|---|---|---|---|');
    say(`| docker export \\| cat > /dev/null | ${secs(r)} | ${rate(r)} | 100 % |`);
    say(
      `| the action's scan (its layer read from the registry, inflated and read as it streams) | ${secs(a)} | ${rate(a)} | ${((r / a) * 100).toFixed(0)} % |`,
    );
    say(
      `| the whole check action (main + post) | ${secs(c)} | ${rate(c)} | ${((r / c) * 100).toFixed(0)} % (target ≥ 80 %) |`,
    );
    say();
    say(
      `Peak RSS of the check action's node process: median ${(median(rsses) / 1024).toFixed(0)} MiB (max ${(Math.max(...rsses) / 1024).toFixed(0)} MiB).`,
    );
    say();
  } finally {
    await docker('rm', '-f', name).catch(() => undefined);
    await docker('rmi', image).catch(() => undefined);
  }
}

// 3. Parallel smoke tests: the check action's runs for 1, 2, 4 platforms, against one after the other.
async function smoke(registry) {
  const all = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/ppc64le'];
  const binfmt = {
    'linux/arm64': 'qemu-aarch64',
    'linux/arm/v7': 'qemu-arm',
    'linux/ppc64le': 'qemu-ppc64le',
  };
  const enabled = (p) => {
    if (!binfmt[p]) return true;
    try {
      return readFileSync(`/proc/sys/fs/binfmt_misc/${binfmt[p]}`, 'utf8').startsWith('enabled');
    } catch {
      return false;
    }
  };
  const platforms = all.filter(enabled);
  const cache = path.join(ROOT, '.bench-cache/busybox');
  await run([
    'bash',
    path.join(ROOT, 'scripts/fetch-busybox.sh'),
    cache,
    'amd64',
    'arm64',
    'arm',
    'ppc64le',
  ]);
  const ctx = path.join(WORK, 'four');
  mkdirSync(ctx, { recursive: true });
  cpSync(cache, path.join(ctx, 'rootfs'), { recursive: true });
  writeFileSync(
    path.join(ctx, 'Dockerfile'),
    'FROM scratch\nARG TARGETARCH\nCOPY rootfs/${TARGETARCH}/ /\nENTRYPOINT ["/bin/busybox"]\n',
  );
  const image = `${registry.host}/bench/four:${TAG}`;
  await pushRetrying(
    'buildx',
    'build',
    '-q',
    '--platform',
    platforms.join(','),
    '--push',
    '-t',
    image,
    ctx,
  );
  const shim = await dockerShim();
  const command = ['sh', '-c', 'sleep 2'];
  say(
    `## 3. Parallel smoke tests (command: ${command.join(' ')}; emulators enabled for ${platforms.join(', ')})`,
  );
  say();
  say(
    '| platforms | one after the other (docker run each) | the action, side by side | parallel ÷ sequential | ideal 1/N |',
  );
  say('|---|---|---|---|---|');
  for (const n of [1, 2, 4].filter((k) => k <= platforms.length)) {
    const ps = platforms.slice(0, n);
    const sequential = async () => {
      const t0 = performance.now();
      for (const p of ps) await docker('run', '--rm', '--platform', p, image, ...command);
      return performance.now() - t0;
    };
    // The span from the first smoke `docker run` to the end of the last one.
    const parallel = async () => {
      shim.reset();
      await runAction(
        {
          images: image,
          platforms: ps.join(','),
          'smoke-command': JSON.stringify(command),
          'verify-arch': 'false',
        },
        { actionYml: 'check/action.yml', env: shim.env },
      );
      const runs = shim.calls().filter((c) => c.args.startsWith('run '));
      if (runs.length !== n) throw new Error(`expected ${n} docker runs, saw ${runs.length}`);
      return Math.max(...runs.map((c) => c.end)) - Math.min(...runs.map((c) => c.start));
    };
    const s = await interleave({ sequential, parallel });
    const [a, b] = [median(s.sequential), median(s.parallel)];
    say(`| ${n} | ${secs(a)} | ${secs(b)} | ${(b / a).toFixed(2)} | ${(1 / n).toFixed(2)} |`);
  }
  say();
  await docker('rmi', image).catch(() => undefined);
}

// 6. What the publish gate and the smoke probe add to a whole run.
async function gate(registry) {
  const variant = (inputs) => async () =>
    (
      await runAction({
        context: HELLO,
        platforms: TWO,
        tags: `${registry.host}/bench/hello:${TAG}-${++seq}`,
        push: 'true',
        'no-cache': 'true',
        ...inputs,
      })
    ).ms;
  const s = await interleave({
    always: variant({ publish: 'always' }),
    gated: variant({ publish: 'on-success' }),
    probe: variant({ publish: 'on-success', 'smoke-probe': 'log:hello from' }),
  });
  const [a, g, p] = [median(s.always), median(s.gated), median(s.probe)];
  say(
    `## 6. The publish gate and the smoke probe (hello, ${TWO}, verify-arch: true, median of ${ROUNDS})`,
  );
  say();
  say('| | median | adds |');
  say('|---|---|---|');
  say(`| publish: always (tags written by the build) | ${secs(a)} | |`);
  say(
    `| publish: on-success (the default: test, then write the tags) | ${secs(g)} | ${Math.round(g - a)} ms over always |`,
  );
  say(
    `| on-success + smoke-probe: log:hello from (run detached, wait for the log) | ${secs(p)} | ${Math.round(p - g)} ms over a plain smoke run |`,
  );
  say();
}

// 8. The merge sub-action as a step, against the recipe: imagetools create, then run each platform.
async function merge(registry) {
  const sources = [];
  for (const p of TWO.split(',')) {
    const tag = `${registry.host}/bench/hello-${p.replace('/', '-')}:${TAG}`;
    await pushRetrying(
      'buildx',
      'build',
      '-q',
      '--platform',
      p,
      '--provenance=false',
      '--push',
      '-t',
      tag,
      HELLO,
    );
    sources.push(tag);
  }
  const target = () => `${registry.host}/bench/merged:${TAG}-${++seq}`;
  const recipe = async () => {
    const t0 = performance.now();
    const tag = target();
    await docker('buildx', 'imagetools', 'create', '-t', tag, ...sources);
    for (const p of TWO.split(','))
      await docker('run', '--rm', '--pull', 'always', '--platform', p, tag);
    return performance.now() - t0;
  };
  const action = (verifyArch) => async () =>
    (
      await runAction(
        { sources: sources.join(','), tags: target(), 'verify-arch': verifyArch },
        { actionYml: 'merge/action.yml' },
      )
    ).ms;
  const s = await interleave({ recipe, off: action('false'), on: action('true') });
  const [r, off, on] = [median(s.recipe), median(s.off), median(s.on)];
  say(
    `## 8. The merge sub-action as a step: two single-platform sources (median of ${ROUNDS}, interleaved)`,
  );
  say();
  say('| | median | ratio to the recipe |');
  say('|---|---|---|');
  say(
    `| recipe: imagetools create, then docker run --pull always per platform | ${secs(r)} | 1.00× |`,
  );
  say(`| merge action (main + post), verify-arch: false | ${secs(off)} | ${ratio(off, r)} |`);
  say(`| merge action (main + post), verify-arch: true | ${secs(on)} | ${ratio(on, r)} |`);
  say();
  say(`Samples (s): recipe ${fmt(s.recipe)}; off ${fmt(s.off)}; on ${fmt(s.on)}`);
  say();
}

// 7. What attaching the test result costs a two-platform run.
async function attest(registry) {
  const phases = [];
  const variant = (mode) => async () => {
    const res = await runAction({
      context: HELLO,
      platforms: TWO,
      tags: `${registry.host}/bench/hello:${TAG}-${++seq}`,
      push: 'true',
      'attest-tests': mode,
    });
    const all = groups(res.main.lines);
    const group = all.find((g) => g.name === 'Attest the test result');
    const publish = all.find((g) => g.name === 'Publish the tested image');
    if (mode === 'true') {
      if (!group || !publish || !res.outputs['test-attestation-digest'])
        throw new Error('attest-tests: true attached nothing');
      // It starts with the tag writes and its log is shown after theirs: its
      // time is from their start to the end of its own group.
      phases.push(group.start + group.ms - publish.start);
    }
    return res.ms;
  };
  const s = await interleave({ off: variant('false'), on: variant('true') });
  const [off, on] = [median(s.off), median(s.on)];
  say(`## 7. The test-result attestation (hello, ${TWO}, push, median of ${ROUNDS})`);
  say();
  say('| | median | |');
  say('|---|---|---|');
  say(`| attest-tests: false (the statement file only) | ${secs(off)} | |`);
  say(
    `| attest-tests: true (attached to the index and both platforms) | ${secs(on)} | ${Math.round(on - off)} ms over false |`,
  );
  say(
    `| attaching, beside the tag writes (from their start to its end) | ${Math.round(median(phases))} ms | target ≤ 150 ms |`,
  );
  say();
  say(
    `Samples (s): off ${fmt(s.off)}; on ${fmt(s.on)}; the step (ms): ${phases.map(Math.round).join(' ')}. The whole-run difference is within the noise of a 2-core machine; attaching runs beside the tag writes, so what it adds to the step is at most its own time.`,
  );
  say();
}

/**
 * Removes every image this run made: they all name its registry, whose port is
 * its own. By name, never by ID, which another engineer's image may share.
 */
async function removeImages(host) {
  const listed = await docker(
    'image',
    'ls',
    '--digests',
    '--format',
    '{{.Repository}} {{.Tag}} {{.Digest}}',
  );
  const refs = listed.stdout
    .split('\n')
    .map((l) => l.split(' '))
    .filter(([repo]) => repo.startsWith(`${host}/`))
    .map(([repo, tag, digest]) => (tag === '<none>' ? `${repo}@${digest}` : `${repo}:${tag}`));
  if (refs.length > 0) await docker('image', 'rm', ...refs).catch(() => undefined);
}

async function main() {
  await run([
    'bash',
    path.join(ROOT, 'scripts/fetch-busybox.sh'),
    path.join(HELLO, 'rootfs'),
    'amd64',
    'arm64',
  ]);
  const registry = await startRegistry();
  const began = Date.now();
  say(`# npm run bench, ${new Date().toISOString().slice(0, 16)}Z`);
  say();
  say(`Machine: ${machine()}; ${await versions()}. Load average (1 min) at the start: ${load()}.`);
  say();
  try {
    if (wanted('whole')) await whole(registry);
    if (wanted('timeline')) await timeline(registry);
    if (wanted('scan')) await scan(registry);
    if (wanted('smoke')) await smoke(registry);
    if (wanted('gate')) await gate(registry);
    if (wanted('attest')) await attest(registry);
    if (wanted('merge')) await merge(registry);
    say(
      `Load average (1 min) at the end: ${load()}; the benchmark took ${secs(Date.now() - began)}.`,
    );
    mkdirSync(path.join(ROOT, '.bench-cache'), { recursive: true });
    writeFileSync(path.join(ROOT, '.bench-cache/last.md'), out.join('\n') + '\n');
  } finally {
    registry.stop();
    await removeImages(registry.host);
    cleanupWork();
  }
}

await main();

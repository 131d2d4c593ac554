/**
 * Turns the `nodes` input into reachable engines: private ssh and TLS files,
 * one docker context per node, and a check that every node answers and says
 * what it is, before anything is built.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { log } from '../../runner/log';
import { inspectEngine } from '../../docker/engine';
import { exec, tail } from '../../docker/exec';
import type { BuildRequest } from '../request';
import type { Worker } from '../plan/index';
import { formatPlatform } from '../../oci/platform';
import type { PostState } from '../../runner/state';
import {
  classifyFailure,
  contextCreateArgs,
  dockerFor,
  type TlsFiles,
} from '../../docker/contexts';
import { formatEndpoint } from '../../docker/endpoint';
import { findSsh, writeSshFiles, type SshFiles } from '../../docker/ssh';
import { dialError } from './dial';
import { diagnoseSshNode, type ProbeSsh } from './diagnose';
import type { SshDiagnosis } from '../../docker/ssh-diagnosis';

const CONTEXT_TIMEOUT_MS = 30_000;
/**
 * A healthy node answers the engine probe within a few seconds. One that has
 * not by then gets its ssh diagnosed alongside, so a failure is explained
 * without adding the diagnosis's own wait to the probe's.
 */
const DIAGNOSE_AFTER_MS = 8_000;

export interface Connected {
  workers: Worker[];
  ssh?: SshFiles;
}

export interface ConnectHooks {
  /** Called as soon as something exists that the post step must remove. */
  created(what: {
    context?: string;
    /** A context whose engine never answered. */
    unreachable?: string;
    ssh?: NonNullable<PostState['ssh']>;
  }): void;
}

async function writeTls(dir: string, tls: BuildRequest['tls']): Promise<TlsFiles | undefined> {
  if (!tls.ca && !tls.cert) return undefined;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files: TlsFiles = {};
  for (const [name, value] of [
    ['ca', tls.ca],
    ['cert', tls.cert],
    ['key', tls.key],
  ] as const) {
    if (!value) continue;
    files[name] = join(dir, `${name}.pem`);
    await writeFile(files[name] as string, `${value.trim()}\n`, { mode: 0o600 });
  }
  return files;
}

export async function connectNodes(
  inputs: BuildRequest,
  tempDir: string,
  prefix: string,
  hooks: ConnectHooks,
): Promise<Connected> {
  const schemes = new Set(inputs.nodes.map((n) => n.endpoint.scheme));
  let ssh: SshFiles | undefined;
  let probeSsh: ProbeSsh | undefined;
  if (schemes.has('ssh')) {
    const realSsh = findSsh(process.env.PATH ?? '', existsSync);
    if (realSsh) probeSsh = { realSsh };
    if (inputs.ssh.privateKey) {
      if (!realSsh)
        throw new Error(
          'ssh nodes need the ssh client on the runner, and none is on PATH. Install openssh-client.',
        );
      ssh = await writeSshFiles(join(tempDir, 'ssh'), { ...inputs.ssh, realSsh });
      probeSsh = { realSsh, config: ssh.config };
      const targets = inputs.nodes.flatMap((n) =>
        n.endpoint.scheme === 'ssh'
          ? [{ user: n.endpoint.user, host: n.endpoint.host, port: n.endpoint.port }]
          : [],
      );
      hooks.created({
        ssh: {
          config: ssh.config,
          realSsh,
          binDir: ssh.binDir,
          controlDir: ssh.controlDir,
          targets,
        },
      });
      // Only the docker commands this action starts see the wrapper.
      process.env.PATH = `${ssh.binDir}${delimiter}${process.env.PATH ?? ''}`;
      if (inputs.ssh.acceptNewHostKeys) {
        log.warning(
          'ssh-accept-new-host-keys is true: node host keys are trusted on first use, so an impostor on this first connection would not be noticed. Pin them with ssh-known-hosts.',
        );
      }
    } else {
      log.info(
        "No ssh-private-key given: ssh uses this machine's own ssh configuration for the nodes.",
      );
    }
  }
  const tls = schemes.has('tcp') ? await writeTls(join(tempDir, 'tls'), inputs.tls) : undefined;
  if (schemes.has('tcp') && !tls) {
    log.warning(
      'A tcp:// node is used without TLS: anyone on the network between runner and node can control its Docker engine. Set tls-ca, tls-cert and tls-key.',
    );
  }

  const contexts: string[] = [];
  for (const [i, node] of inputs.nodes.entries()) {
    const name = `${prefix}-node${i + 1}`;
    await exec(contextCreateArgs(name, node.endpoint, tls), { timeoutMs: CONTEXT_TIMEOUT_MS });
    contexts.push(name);
    hooks.created({ context: name });
  }

  const inspections = await Promise.all(
    contexts.map(async (c, i) => {
      const endpoint = (inputs.nodes[i] as BuildRequest['nodes'][number]).endpoint;
      if (endpoint.scheme === 'ssh' && probeSsh) {
        const inspecting = inspectEngine(dockerFor(c));
        const diagnosis = diagnoseWhenSlow(inspecting, endpoint, probeSsh);
        const inspection = await inspecting;
        return inspection.ok ? inspection : { ...inspection, diagnosis: await diagnosis() };
      }
      const inspection = await inspectEngine(dockerFor(c));
      if (inspection.ok || endpoint.scheme !== 'tcp') return inspection;
      // The CLI says only "Cannot connect"; the socket says why.
      const dialed = await dialError(endpoint.host, endpoint.port);
      return dialed ? { ...inspection, output: `${dialed}\n${inspection.output}` } : inspection;
    }),
  );
  const problems: string[] = [];
  const workers: Worker[] = [];
  inspections.forEach((inspection, i) => {
    const node = inputs.nodes[i] as BuildRequest['nodes'][number];
    const endpoint = formatEndpoint(node.endpoint);
    const platforms = node.platforms.map(formatPlatform).join(', ');
    if (!inspection.ok) {
      // Nothing ran there, and nothing can be removed there: post only drops the context.
      hooks.created({ unreachable: contexts[i] });
      // A timed-out probe's only words are our own kill's exit code: say what happened instead.
      const said =
        inspection.timedOut && /^exit \d+$/.test(inspection.output.trim())
          ? 'docker: no answer from the node in time (stopped)'
          : `docker: ${tail(inspection.output, 4)}${inspection.timedOut ? ' (no answer in time)' : ''}`;
      const diagnosis = 'diagnosis' in inspection ? inspection.diagnosis : undefined;
      if (diagnosis) {
        problems.push(
          `Node ${endpoint} (${platforms}) cannot be reached: ${sshProblem(diagnosis, said)}`,
        );
        return;
      }
      const { cause, fix } = classifyFailure(
        inspection.output,
        node.endpoint.scheme,
        inspection.timedOut,
      );
      problems.push(
        `Node ${endpoint} (${platforms}) cannot be reached: ${cause}: ${fix}\n  ${said.replace(/\n/g, '\n  ')}`,
      );
      return;
    }
    log.info(
      `Node ${endpoint}: ${formatPlatform(inspection.info.native)} engine ${inspection.info.version}, builds ${platforms}`,
    );
    workers.push({
      ...inspection.info,
      name: endpoint,
      docker: dockerFor(contexts[i] as string),
      context: contexts[i] as string,
      platforms: node.platforms,
      remote: true,
    });
  });
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\nNothing was built or pushed.`);
  return { workers, ssh };
}

/**
 * Starts the ssh diagnosis once the engine probe has been slow for
 * DIAGNOSE_AFTER_MS, or when it fails sooner; never for a node that answers.
 */
function diagnoseWhenSlow(
  inspecting: Promise<{ ok: boolean }>,
  endpoint: Extract<BuildRequest['nodes'][number]['endpoint'], { scheme: 'ssh' }>,
  ssh: ProbeSsh,
): () => Promise<SshDiagnosis> {
  let started: Promise<SshDiagnosis> | undefined;
  const answered = new AbortController();
  const start = () => (started ??= diagnoseSshNode(endpoint, ssh, answered.signal));
  const early = setTimeout(start, DIAGNOSE_AFTER_MS);
  void inspecting.then((i) => {
    clearTimeout(early);
    // A node that answered needs no diagnosis: stop one that was started early.
    if (i.ok) answered.abort();
  });
  return start;
}

/** The phase label the message starts with: the TCP cause (refused, dns, timeout) or the phase. */
function sshProblem(d: SshDiagnosis, said: string): string {
  const label = d.cause ?? d.phase;
  const lines = [`${label}: ${d.what}. ${d.fix}`];
  for (const e of d.evidence) lines.push(`  ssh: ${e}`);
  lines.push(`  ${said.replace(/\n/g, '\n  ')}`);
  return lines.join('\n');
}

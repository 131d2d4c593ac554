import { describe, expect, it } from 'vitest';
import {
  ENGINE_MARK,
  NO_DOCKER_MARK,
  PROBE_COMMAND,
  readSshProbe,
  SHELL_MARK,
  sshProbeArgs,
  type ProbeRun,
} from '../../../src/docker/ssh-diagnosis';

const target = { user: 'build', host: 'arm1.example', port: 2222 };
const run = (p: Partial<ProbeRun>): ProbeRun => ({
  exitCode: 0,
  stdout: '',
  stderr: '',
  timedOut: false,
  waitedSeconds: 15,
  ...p,
});
const AUTHENTICATED = 'Authenticated to arm1.example ([192.0.2.7]:2222) using "publickey".';

describe('sshProbeArgs', () => {
  // Verbose, batch, and a connection of its own: a shared master would skip the phases looked at.
  const own = (timeout: number) => [
    '-v',
    '-T',
    '-o',
    'BatchMode=yes',
    '-o',
    'ControlMaster=no',
    '-o',
    'ControlPath=none',
    '-o',
    `ConnectTimeout=${timeout}`,
  ];
  it('runs ssh with the action config when there is one, and the target as the endpoint names it', () => {
    expect(sshProbeArgs({ realSsh: '/usr/bin/ssh', config: '/t/ssh_config' }, target, 10)).toEqual([
      '/usr/bin/ssh',
      '-F',
      '/t/ssh_config',
      ...own(10),
      '-p',
      '2222',
      '-l',
      'build',
      'arm1.example',
      PROBE_COMMAND,
    ]);
    expect(sshProbeArgs({ realSsh: 'ssh' }, { host: 'h' }, 5)).toEqual([
      'ssh',
      ...own(5),
      'h',
      PROBE_COMMAND,
    ]);
  });

  it('never carries a mark in the command text itself, which ssh -v echoes', () => {
    for (const mark of [SHELL_MARK, NO_DOCKER_MARK, ENGINE_MARK])
      expect(PROBE_COMMAND).not.toContain(mark);
  });
});

describe('readSshProbe', () => {
  it.each([
    [
      'host key',
      run({
        exitCode: 255,
        stderr: 'debug1: Connecting to arm1.example\nHost key verification failed.\n',
      }),
      /host key is not the one in ssh-known-hosts/,
    ],
    [
      'tcp',
      run({
        exitCode: 255,
        stderr: 'ssh: connect to host arm1.example port 2222: Connection refused\n',
      }),
      /TCP connection/,
    ],
    [
      'tcp',
      run({
        exitCode: 255,
        stderr: 'ssh: Could not resolve hostname arm1.example: Name or service not known\n',
      }),
      /TCP connection/,
    ],
    [
      'auth',
      run({
        exitCode: 255,
        stderr: 'debug1: Offering public key\nbuild@arm1.example: Permission denied (publickey).\n',
      }),
      /refused the key/,
    ],
    [
      'silent shell',
      run({
        exitCode: 143,
        timedOut: true,
        waitedSeconds: 24,
        stderr: `${AUTHENTICATED}\nKilled by signal 15.\n`,
      }),
      /ssh authenticated, but the remote command stayed silent for 24 s/,
    ],
    [
      'silent shell',
      run({ exitCode: 143, timedOut: true, stderr: `debug1: ${AUTHENTICATED}\n` }),
      /stayed silent/,
    ],
    [
      'tcp',
      run({
        exitCode: 143,
        timedOut: true,
        waitedSeconds: 25,
        stderr: 'debug1: Connection established.\n',
      }),
      /never completed the ssh handshake/,
    ],
    [
      'no docker',
      run({ exitCode: 127, stdout: `${SHELL_MARK}\n${NO_DOCKER_MARK}\n`, stderr: AUTHENTICATED }),
      /docker is not on the PATH of ssh sessions/,
    ],
    [
      'silent docker',
      run({ exitCode: 143, timedOut: true, stdout: `${SHELL_MARK}\n`, stderr: AUTHENTICATED }),
      /docker CLI did not answer within 15 s/,
    ],
    [
      'engine',
      run({
        exitCode: 0,
        stdout: `${SHELL_MARK}\n${ENGINE_MARK} \nCannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n`,
        stderr: AUTHENTICATED,
      }),
      /Docker engine does not answer/,
    ],
    [
      'ok',
      run({ stdout: `${SHELL_MARK}\n${ENGINE_MARK} linux/arm64\n`, stderr: AUTHENTICATED }),
      /answers over ssh now \(its engine is linux\/arm64\)/,
    ],
  ])('%s: %s', (phase, probe, what) => {
    const d = readSshProbe(target, probe);
    expect(d.phase).toBe(phase);
    expect(d.what).toMatch(what);
    expect(d.fix).not.toMatch(/see the error above/i);
    expect(d.fix.length).toBeGreaterThan(20);
  });

  it('names the usual causes of a silent shell, and how to check by hand', () => {
    const d = readSshProbe(target, run({ timedOut: true, exitCode: 143, stderr: AUTHENTICATED }));
    expect(d.fix).toMatch(/~\/\.bashrc/);
    expect(d.fix).toContain('time ssh build@arm1.example -p 2222 true');
    expect(d.evidence).toEqual([AUTHENTICATED]);
  });

  it('keeps ssh’s own words as evidence, without its debug lines or our stop', () => {
    const d = readSshProbe(
      target,
      run({
        exitCode: 255,
        stderr:
          'OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026\ndebug1: Reading configuration data /t/ssh_config\nbuild@arm1.example: Permission denied (publickey).\nKilled by signal 15.\n',
      }),
    );
    expect(d.evidence).toEqual(['build@arm1.example: Permission denied (publickey).']);
  });

  it('quotes what the engine said when it does not answer', () => {
    const d = readSshProbe(
      target,
      run({
        stdout: `${SHELL_MARK}\n${ENGINE_MARK} \npermission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock\n`,
      }),
    );
    expect(d.phase).toBe('engine');
    expect(d.evidence).toEqual([
      'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock',
    ]);
    expect(d.fix).toMatch(/docker group/);
  });
});

import { describe, expect, it } from 'vitest';
import { reachByNode } from '../../../../src/engine/nodes/reach';
import { parseNodes } from '../../../../src/docker/endpoint';
import { sshForwardArgs } from '../../../../src/docker/ssh';
import { parsePlatform } from '../../../../src/oci/platform';
import { reachLocal } from '../../../../src/verify/probe-run';

const nodes = parseNodes(
  [
    'linux/arm64=ssh://b@arm1:2222',
    'linux/ppc64le=tcp://p9:2376',
    'linux/s390x=unix:///run/z.sock',
  ],
  ['linux/arm64', 'linux/ppc64le', 'linux/s390x'].map(parsePlatform),
);

describe('reaching a port a node published on its own loopback', () => {
  it('the runner’s engine and a unix:// node are this machine', () => {
    const reach = reachByNode(nodes, undefined);
    expect(reach('local')).toBeUndefined();
    expect(reach('unix:///run/z.sock')).toBe(reachLocal);
  });

  it('a tcp:// node is out of reach, said with the fix', async () => {
    const reach = reachByNode(nodes, undefined)('tcp://p9:2376');
    await expect(reach?.(8080)).rejects.toThrow(
      /tcp:\/\/ node tcp:\/\/p9:2376 is on that machine's loopback.*Use an ssh:\/\/ node/,
    );
  });

  it('an ssh node without the action’s own connection says what to give', async () => {
    const reach = reachByNode(nodes, undefined)('ssh://b@arm1:2222');
    await expect(reach?.(8080)).rejects.toThrow(
      /needs the action's own ssh connection: give ssh-private-key/,
    );
  });

  it('forwards over the shared connection, loopback to loopback', () => {
    expect(
      sshForwardArgs(
        { realSsh: '/usr/bin/ssh', config: '/t/ssh_config' },
        { user: 'b', host: 'arm1', port: 2222 },
        'forward',
        41000,
        32768,
      ),
    ).toEqual([
      '/usr/bin/ssh',
      '-F',
      '/t/ssh_config',
      '-O',
      'forward',
      '-L',
      '127.0.0.1:41000:127.0.0.1:32768',
      '-p',
      '2222',
      '-l',
      'b',
      'arm1',
    ]);
  });
});

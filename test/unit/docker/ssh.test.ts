import { describe, expect, it } from 'vitest';
import { findSsh, sshConfigText, sshPaths, wrapperScript } from '../../../src/docker/ssh';

describe('private ssh setup', () => {
  const files = sshPaths('/tmp/r/multiarch-x/ssh', '/tmp/mcm-abc123');
  it('checks host keys strictly unless told to accept new ones', () => {
    const strict = sshConfigText(files, false);
    expect(strict).toContain('StrictHostKeyChecking yes\n');
    expect(strict).toContain('UserKnownHostsFile /tmp/r/multiarch-x/ssh/known_hosts\n');
    expect(strict).toContain('IdentityFile /tmp/r/multiarch-x/ssh/id_node\n');
    expect(strict).toContain('GlobalKnownHostsFile /dev/null\n');
    expect(sshConfigText(files, true)).toContain('StrictHostKeyChecking accept-new\n');
  });
  it('wraps the real ssh with the private config', () => {
    expect(wrapperScript('/usr/bin/ssh', files.config)).toBe(
      '#!/bin/sh\nexec /usr/bin/ssh -F /tmp/r/multiarch-x/ssh/ssh_config -o ConnectTimeout=15 "$@"\n',
    );
  });
  it('shares connections unless the control socket path would be too long for ssh', () => {
    expect(sshConfigText(files, false)).toContain('ControlPath /tmp/mcm-abc123/%C\n');
    const deep = sshPaths('/tmp/r/ssh', `/${'d'.repeat(50)}`);
    expect(sshConfigText(deep, false)).not.toContain('ControlMaster');
  });
  it('finds the real ssh past its own wrapper', () => {
    const present = new Set(['/tmp/w/ssh', '/usr/bin/ssh']);
    expect(findSsh('/tmp/w:/usr/local/bin:/usr/bin', (p) => present.has(p), '/tmp/w')).toBe(
      '/usr/bin/ssh',
    );
    expect(findSsh('/opt', (p) => present.has(p))).toBeUndefined();
  });
});

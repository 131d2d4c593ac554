import { expect, it } from 'vitest';
import { escapeData, workflowLog } from '../../../src/runner/workflow-log';

it('escapes a message as @actions/core does, so a command stays one line', () => {
  expect(escapeData('100% of\r\nit')).toBe('100%25 of%0D%0Ait');
});

it('writes info as a plain line and a warning as the ::warning:: command', () => {
  const lines: string[] = [];
  const log = workflowLog({ write: (text: string) => lines.push(text) });
  log.info('Removed /rt/m-1.');
  log.warning('Could not remove /rt/m-1:\nEACCES');
  expect(lines).toEqual(['Removed /rt/m-1.\n', '::warning::Could not remove /rt/m-1:%0AEACCES\n']);
});

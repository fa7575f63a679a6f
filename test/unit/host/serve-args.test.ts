import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../src-main/host/serve-args';

describe('parseServeArgs', () => {
  it('defaults to a free port', () => {
    expect(parseServeArgs([])).toEqual({ port: 0 });
  });

  it('reads --port N, --port=N and --static-dir', () => {
    expect(parseServeArgs(['--port', '8080'])).toEqual({ port: 8080 });
    expect(parseServeArgs(['--port=65535', '--static-dir', '/tmp/r'])).toEqual({ port: 65535, staticDir: '/tmp/r' });
  });

  it.each([['--port', 'fast'], ['--port', '65536'], ['--port', '-1'], ['--port'], ['--port', '--static-dir'], ['--verbose']])('refuses %j', (...argv) => {
    expect(() => parseServeArgs(argv)).toThrow(expect.objectContaining({ code: 'input.invalid' }));
  });
});

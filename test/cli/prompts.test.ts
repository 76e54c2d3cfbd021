import { describe, expect, it } from 'vitest';
import { createContext, type GlobalOptions } from '../../src/cli/context.js';
import { fakeBase } from '../helpers/streams.js';

const globals = (over: Partial<GlobalOptions> = {}): GlobalOptions => ({
  sim: false,
  json: false,
  input: true,
  yes: false,
  color: false,
  quiet: false,
  debug: false,
  ...over,
});
const noClient = async () => {
  throw new Error('no client in this test');
};

/** Waits until the prompt text shows on stderr, then types. */
async function typeWhenAsked(stderr: { text: string }, stdin: NodeJS.WritableStream, waitFor: string, keys: string) {
  for (let i = 0; i < 200 && !stderr.text.includes(waitFor); i++) await new Promise((r) => setTimeout(r, 5));
  stdin.write(keys);
}

describe('prompts and confirmations', () => {
  it('may prompt only when stdin and stdout are terminals, without CI, --no-input or --json', () => {
    expect(createContext(fakeBase({ tty: true }).base, globals(), { smsFactory: noClient }).canPrompt).toBe(true);
    expect(createContext(fakeBase({ tty: false }).base, globals(), { smsFactory: noClient }).canPrompt).toBe(false);
    expect(createContext(fakeBase({ tty: true, env: { CI: 'true' } }).base, globals(), { smsFactory: noClient }).canPrompt).toBe(false);
    expect(createContext(fakeBase({ tty: true }).base, globals({ input: false }), { smsFactory: noClient }).canPrompt).toBe(false);
    expect(createContext(fakeBase({ tty: true }).base, globals({ json: true }), { smsFactory: noClient }).canPrompt).toBe(false);
  });

  it('a confirmation that cannot be asked is a usage error naming --yes (never a silent yes)', async () => {
    const ctx = createContext(fakeBase({ tty: false }).base, globals(), { smsFactory: noClient });
    await expect(ctx.confirm('delete everything?')).rejects.toMatchObject({ exitCode: 2, hint: expect.stringContaining('--yes') });
  });

  it('--yes answers confirmations without asking', async () => {
    const ctx = createContext(fakeBase({ tty: false }).base, globals({ yes: true }), { smsFactory: noClient });
    await expect(ctx.confirm('delete everything?')).resolves.toBe(true);
  });

  it('a missing value that cannot be prompted for names its flag', async () => {
    const ctx = createContext(fakeBase({ tty: false }).base, globals(), { smsFactory: noClient });
    await expect(ctx.prompter.input({ message: 'Company name:', flag: '--name' })).rejects.toMatchObject({
      exitCode: 2,
      hint: expect.stringContaining('--name'),
    });
  });

  it('asks through the real prompt on stderr and reads the answer from stdin', async () => {
    const { base, stdin, stderr, stdout } = fakeBase({ tty: true });
    const ctx = createContext(base, globals(), { smsFactory: noClient });
    const answer = ctx.confirm('Submit the registration?');
    await typeWhenAsked(stderr, stdin, 'Submit the registration?', 'y\n');
    await expect(answer).resolves.toBe(true);
    expect(stdout.text).toBe('');
  });

  it('reads typed text', async () => {
    const { base, stdin, stderr } = fakeBase({ tty: true });
    const ctx = createContext(base, globals(), { smsFactory: noClient });
    const answer = ctx.prompter.input({ message: 'Brand name' });
    await typeWhenAsked(stderr, stdin, 'Brand name', 'Example Corp\n');
    await expect(answer).resolves.toBe('Example Corp');
  });
});

/**
 * The flags the protect commands share, each declared once with its type and check
 * (`parseOptions`); the checks themselves are `src/core/protect/parse.ts`'s.
 */
import path from 'node:path';
import { flag, parseOptions, type FlagSchema, type ParsedOptions, shown } from '../../cli/options.js';
import { InputError, type InputProblem } from '../../errors.js';
import { parseChannel, parseConfigRef, parseConfigSetName, parseExpiry } from '../../core/protect/parse.js';
import { CHANNELS, type Channel } from '../../core/protect/types.js';
import { parseCountryList, type CountryCatalog } from '../../core/protect/countries.js';

/**
 * A flag from a check that adds problems to a list (the shape of `src/core/protect/parse.ts`):
 * each problem's message is the flag's; `parseOptions` names the field.
 */
function fromCheck<T>(check: (raw: unknown, problems: InputProblem[]) => T): FlagSchema<T> {
  return flag((raw, problem) => {
    const problems: InputProblem[] = [];
    const value = check(raw, problems);
    for (const p of problems) problem(p.message);
    return value;
  });
}

/** An optional flag: undefined when absent, else as `check` has it. */
function optional<T>(check: (raw: unknown, problems: InputProblem[]) => T): FlagSchema<T | undefined> {
  return fromCheck((raw, problems) => (raw === undefined ? undefined : check(raw, problems)));
}

/** `--name`: a Name tag, 1 to 256 characters. */
export const nameFlag = flag((raw, problem) => {
  if (raw === undefined) return undefined;
  const name = String(raw);
  if (name.length < 1 || name.length > 256) problem('must be 1 to 256 characters');
  return name;
});

/** `--action`: allow or block, any case. */
export const actionFlag = flag((raw, problem) => {
  const action = String(raw ?? '').toUpperCase();
  if (action !== 'ALLOW' && action !== 'BLOCK') problem(`must be allow or block, got "${shown(raw ?? '')}"`);
  return action as 'ALLOW' | 'BLOCK';
});

/** A switch: true when given. */
export const switchFlag = flag((raw) => raw === true);

/** A switch with a `--no-` form: true, false, or undefined when neither was given. */
export const onOffFlag = flag((raw) => (raw === undefined ? undefined : raw === true));

/** `--config-set NAME` (required by the command): a configuration set name or ARN. */
export const configSetFlag = fromCheck((raw, problems) => parseConfigSetName(raw, problems));

/** `--config-set NAME`, optional. */
export const optionalConfigSetFlag = optional((raw, problems) => parseConfigSetName(raw, problems));

/** `--protect-config ID`, optional: a configuration id, ARN or Name tag. */
export const protectConfigFlag = optional((raw, problems) => parseConfigRef(raw, problems));

/** `--channel`: one of sms, mms, voice, rcs (sms when absent). */
export const channelFlag = fromCheck((raw, problems): Channel => parseChannel(raw, problems));

/** `--channel` where absent means every channel. */
export const channelsFlag = fromCheck((raw, problems): Channel[] => (raw === undefined ? [...CHANNELS] : [parseChannel(raw, problems)]));

/** `--expires DATE|DURATION`, checked against the clock: undefined when absent. */
export const expiresFlag = (nowMs: number) => fromCheck((raw, problems) => parseExpiry(raw, nowMs, problems));

/** `-o, --output FILE`: resolved against the working directory; undefined when absent. */
export const outputFlag = (cwd: string) => flag((raw) => (raw ? path.resolve(cwd, String(raw)) : undefined));

/** `-f, --file FILE`: the document, `-` for stdin; undefined when absent or empty (the command says how to give one). */
export const documentFlag = flag((raw) => (raw === undefined || raw === '' ? undefined : String(raw)));

/** A repeatable list of country codes (`--block RU,NG --block IN`), checked against the catalogue; undefined when absent. */
export const countryListFlag = (catalog: CountryCatalog) => optional((raw, problems) => parseCountryList(raw as string[], '', catalog, problems));

/**
 * The `<id>` argument (a configuration id, ARN or Name tag) and the flags of `shape`, parsed
 * together; `also` adds the checks that look at several flags, `hint` goes with the error.
 * Every problem at once, exit 2.
 */
export function parseRefAndFlags<S extends Record<string, FlagSchema<unknown>>>(
  args: unknown[],
  opts: Record<string, unknown>,
  shape: S,
  more: { also?: (o: ParsedOptions<S>, problems: InputProblem[]) => void; hint?: string } = {},
): { ref: string } & ParsedOptions<S> {
  const problems: InputProblem[] = [];
  const ref = parseConfigRef(args[0], problems);
  const o = parseOptions(shape, opts, problems);
  more.also?.(o, problems);
  if (problems.length) throw new InputError(problems, more.hint);
  return { ref, ...o };
}

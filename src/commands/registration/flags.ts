/**
 * The arguments and flags the registration commands share, each declared once with its type and
 * check (`parseOptions`). Light: no heavy imports at top level.
 */
import { flag, flagSchemas, parseOptions, shown, type FlagSchema, type ParsedOptions } from '../../cli/options.js';
import { InputError, type InputProblem } from '../../errors.js';

/** What a registration id or ARN may hold. */
const REGISTRATION_ID = /^[A-Za-z0-9_:/-]{1,256}$/;
/** What a registration type may hold (US_TOLL_FREE_REGISTRATION). */
const REGISTRATION_TYPE = /^[A-Za-z0-9_]{1,64}$/;
/** What a resource id or ARN (a number, a sender ID, another registration) may hold. */
const RESOURCE = /^[A-Za-z0-9_:/-]{1,256}$/;

/** A problem with the `<id>` argument, else undefined. */
function idProblem(id: string): InputProblem | undefined {
  return REGISTRATION_ID.test(id) ? undefined : { field: '<id>', message: `"${shown(id)}" is not a registration id (registration-...) or ARN` };
}

/** A problem with the `<type>` argument, else undefined. */
function typeProblem(type: string): InputProblem | undefined {
  return REGISTRATION_TYPE.test(type)
    ? undefined
    : { field: '<type>', message: `"${shown(type)}" is not a registration type (e.g. US_TOLL_FREE_REGISTRATION); list them: eum registration types` };
}

type Shape = Record<string, FlagSchema<unknown>>;

/**
 * The `<id>` argument and the flags of `shape`, parsed together; `also` adds the checks that look
 * at several flags. Every problem at once, exit 2.
 */
export function parseIdAndFlags<S extends Shape>(
  args: unknown[],
  opts: Record<string, unknown>,
  shape: S,
  also?: (o: ParsedOptions<S>, problems: InputProblem[]) => void,
): { id: string } & ParsedOptions<S> {
  const id = String(args[0] ?? '');
  return { id, ...parseWith(idProblem(id), opts, shape, also) };
}

/** The `<type>` argument and the flags of `shape`, as `parseIdAndFlags`. */
export function parseTypeAndFlags<S extends Shape>(
  args: unknown[],
  opts: Record<string, unknown>,
  shape: S,
  also?: (o: ParsedOptions<S>, problems: InputProblem[]) => void,
): { type: string } & ParsedOptions<S> {
  const type = String(args[0] ?? '');
  return { type, ...parseWith(typeProblem(type), opts, shape, also) };
}

function parseWith<S extends Shape>(
  argProblem: InputProblem | undefined,
  opts: Record<string, unknown>,
  shape: S,
  also?: (o: ParsedOptions<S>, problems: InputProblem[]) => void,
): ParsedOptions<S> {
  const problems: InputProblem[] = argProblem ? [argProblem] : [];
  const o = parseOptions(shape, opts, problems);
  also?.(o, problems);
  if (problems.length) throw new InputError(problems);
  return o;
}

/** A file name flag (`--answers`, `--template`, `--output`): undefined when absent; a blank one is a problem. */
export const fileFlag = flag((raw, problem) => {
  if (raw === undefined) return undefined;
  const file = String(raw);
  if (file.trim() === '') problem('needs a file name');
  return file;
});

/** A switch: true when given. */
export const switchFlag = flagSchemas.switch();

/** `--rate N`: registration writes per second; undefined (the API's default quota, 1) when absent. */
export const rateFlag = flagSchemas.rate();

/** `--brand NAME`: the brand name the compliance rules look for, 1 to 100 characters of text (trimmed). */
export const brandFlag = flag((raw, problem) => {
  if (raw === undefined) return undefined;
  const brand = String(raw).trim();
  const control = [...brand].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (brand.length < 1 || brand.length > 100 || control) problem('must be the brand name, 1 to 100 characters');
  return brand;
});

/** `--name NAME`: a Name tag, 1 to 256 characters. */
export const nameFlag = flag((raw, problem) => {
  if (raw === undefined) return undefined;
  const name = String(raw);
  if (name.length < 1 || name.length > 256) problem('must be 1 to 256 characters');
  return name;
});

/** `--resource ID` (required by the command): a resource id or ARN. */
export const resourceFlag = flag((raw, problem) => {
  const resource = String(raw ?? '');
  if (!RESOURCE.test(resource)) problem(`"${shown(resource)}" is not a resource id or ARN`);
  return resource;
});

/** `--associate ID` (repeatable): resource ids or ARNs; [] when absent. */
export const associateFlag = flag((raw, problem) => {
  const list = (raw as string[] | undefined) ?? [];
  for (const a of list) if (!RESOURCE.test(a)) problem(`"${shown(a)}" is not a resource id or ARN`);
  return list;
});

/** `--attach FIELD=PATH` (repeatable); [] when absent. */
export const attachFlag = flag((raw, problem) => {
  const list = (raw as string[] | undefined) ?? [];
  for (const a of list) if (!/^[A-Za-z0-9_.]+=.+$/.test(a)) problem(`expects FIELD=PATH (e.g. messagingUseCase.optInImage=optin.png), got "${shown(a)}"`);
  return list;
});

/** `--type TYPE`: a registration type; undefined when absent. */
export const typeFlag = flag((raw, problem) => {
  if (raw === undefined) return undefined;
  const type = String(raw);
  if (!REGISTRATION_TYPE.test(type)) problem(`"${shown(type)}" is not a registration type`);
  return type;
});

/** Commander's collector for a repeatable flag. */
export const collect = (v: string, prev: string[] = []) => [...prev, v];

/** The flags of the commands that write answers (`create`, `edit`, `update`). */
export const writeFlags = { answers: fileFlag, submit: switchFlag, strict: switchFlag, rate: rateFlag, brand: brandFlag };

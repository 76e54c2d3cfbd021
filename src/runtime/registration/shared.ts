/**
 * What the registration commands share: reading a form from the API (and caching it for offline
 * lint), reading answers files, and storing answers as field values. Loaded dynamically by the
 * commands' run functions, so `eum --help` loads none of it. Every API call goes through
 * `src/aws/registrations.ts`.
 */
import { readBounded } from '../read-bounded.js';
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Context } from '../../cli/context.js';
import { InputError, InterruptedError, OperationError, UsageError, type InputProblem } from '../../errors.js';
import { translateAwsError } from '../../aws/errors.js';
import * as api from '../../aws/registrations.js';
import type { AnswerValue, Answers, FieldDefinition, RegistrationForm } from '../../core/registration/definitions.js';
import { hasValue } from '../../core/registration/definitions.js';
import { answersFromDocument } from '../../core/registration/answers.js';
import { attachmentProblem, MAX_ATTACHMENT_BYTES } from '../../core/registration/attachments.js';
import { checkAnswers, type Finding } from '../../core/registration/validate.js';
import { brandNamesIn, checkCompliance, classify, rulesNotRun, type RuleNotRun } from '../../core/registration/compliance.js';
import { loadCachedForm, saveCachedForm } from '../../store/registration-cache.js';
import { createTokenBucket, type TokenBucket } from '../../core/rate.js';
import type { PinpointSMSVoiceV2Client as Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';

/** The cache key of the API eum talks to: the simulator, an endpoint, or a region. */
export function cacheTarget(ctx: Context): string {
  if (ctx.globals.sim) return 'sim';
  if (ctx.globals.endpointUrl) return `endpoint-${new URL(ctx.globals.endpointUrl).host}`;
  return ctx.region() ?? 'default-region';
}

/** Reads a registration type's whole form from the API, and caches it. */
export async function fetchForm(ctx: Context, type: string): Promise<RegistrationForm> {
  const form = await api.readRegistrationForm(await ctx.sms(), type);
  try {
    await saveCachedForm(ctx.stateDir, cacheTarget(ctx), form, ctx.clock.now());
  } catch (err) {
    ctx.log.debug(`could not cache the definitions: ${(err as Error).message}`);
  }
  return form;
}

/**
 * The form for lint: from the API, or from the cache with `offline` (or when the API cannot be
 * reached: no network, no credentials).
 */
export async function formForLint(ctx: Context, type: string, offline: boolean): Promise<{ form: RegistrationForm; cachedAt?: string }> {
  const cached = async (why: string) => {
    const c = await loadCachedForm(ctx.stateDir, cacheTarget(ctx), type);
    if (!c) throw new UsageError(`no cached definitions of ${type} (${why})`, `read them once while online: eum registration fields ${type}`);
    return { form: c.form, cachedAt: c.fetchedAt };
  };
  if (offline) return cached('--offline');
  try {
    return { form: await fetchForm(ctx, type) };
  } catch (err) {
    const e = translateAwsError(err);
    if (e.code === 'NETWORK' || e.code === 'NO_CREDENTIALS' || e.code === 'NO_REGION') {
      const c = await cached(e.message);
      ctx.log.warn(`${e.message}: using the definitions cached at ${c.cachedAt}`);
      return c;
    }
    throw e;
  }
}

/** Reads and parses an answers file; attachment paths become relative to the file. */
export async function readAnswersFile(ctx: Context, file: string, form: RegistrationForm): Promise<{ answers: Answers; problems: Finding[] }> {
  const full = path.resolve(ctx.cwd, file);
  let text: string;
  try {
    const r = await readBounded(full, MAX_ANSWERS_BYTES);
    if (typeof r === 'string') throw new InputError([{ field: '--answers', message: `${file} ${r}` }]);
    text = r.toString('utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError([
      { field: '--answers', message: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}` },
    ]);
  }
  const YAML = await import('yaml');
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    throw new InputError([{ field: '--answers', message: `${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}` }]);
  }
  const { answers, problems } = answersFromDocument(doc, form);
  const dir = path.dirname(full);
  for (const [fieldPath, v] of answers) {
    if (!v.file) continue;
    const written = v.file;
    v.file = path.resolve(dir, v.file);
    // A relative path names a file beside the answers file; one that climbs out of its folder
    // (../../) is not uploaded unasked. An absolute path says where it is.
    const rel = path.relative(dir, v.file);
    if (!path.isAbsolute(written) && (rel.startsWith('..') || path.isAbsolute(rel))) {
      problems.push({
        fieldPath,
        rule: 'attachment.outside',
        message: `${path.relative(ctx.cwd, v.file) || v.file} is outside the folder of ${file}`,
        fix: `move it beside the answers file, or name it on the command line: --attach ${fieldPath}=PATH`,
      });
    }
  }
  return { answers, problems };
}

/** The largest answers file eum reads (a form's every field at its longest is far less). */
export const MAX_ANSWERS_BYTES = 1024 * 1024;

export { readBounded } from '../read-bounded.js';

/** Whether a file is the one uploaded (same content, per the local draft record) as this attachment. */
export function fileMatchesUpload(upload: { sha256: string; attachmentId: string } | undefined, file: string, attachmentId: string): boolean {
  if (!upload || upload.attachmentId !== attachmentId) return false;
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_ATTACHMENT_BYTES) return false;
    return createHash('sha256').update(readFileSync(file)).digest('hex') === upload.sha256;
  } catch {
    return false;
  }
}

/** An attachment file's bytes (bounded), or why it cannot be attached. */
export async function readAttachment(file: string): Promise<{ bytes: Buffer } | { problem: string }> {
  let r: Buffer | string;
  try {
    r = await readBounded(file, MAX_ATTACHMENT_BYTES);
  } catch (err) {
    return {
      problem:
        (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'does not exist'
          : `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    };
  }
  if (typeof r === 'string') return { problem: r };
  const p = attachmentProblem(r);
  return p ? { problem: p } : { bytes: r };
}

/** Checks attachment files on disk: they exist, are PDF/JPEG/PNG by content, at most 500 KB. */
export async function checkAttachmentFiles(ctx: Context, answers: Answers): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const [fieldPath, v] of answers) {
    if (!v.file) continue;
    const shown = path.relative(ctx.cwd, v.file) || v.file;
    const r = await readAttachment(v.file);
    if ('problem' in r) out.push({ fieldPath, rule: 'attachment.file', message: `${shown} ${r.problem}` });
  }
  return out;
}

/**
 * Every check of a set of answers: the form's rules, attachment files, and the compliance rules
 * (with brand names from outside the form, e.g. a campaign's brand registration). `notRun` lists
 * the rules that could not run.
 */
export async function checkAll(
  ctx: Context,
  form: RegistrationForm,
  answers: Answers,
  opts: { complete: boolean; strict: boolean; parseProblems?: Finding[]; brands?: string[] },
): Promise<{ errors: Finding[]; warnings: Finding[]; notRun: RuleNotRun[] }> {
  const definition = [
    ...(opts.parseProblems ?? []),
    ...checkAnswers(form, answers, { complete: opts.complete }),
    ...(await checkAttachmentFiles(ctx, answers)),
  ];
  const { loadCountryCatalog } = await import('../country-catalog.js');
  const { phoneNumberProblem } = await import('../../core/protect/phone.js');
  const options = { brands: opts.brands, isoCountryCodes: (await loadCountryCatalog()).iso, phoneProblem: phoneNumberProblem };
  return { ...classify(definition, checkCompliance(form, answers, options), opts.strict), notRun: rulesNotRun(form, answers, options) };
}

/**
 * The brand names of the brand registrations among `refs` (a 10DLC campaign's `--associate`), read
 * from their field values. Ids that are not registrations are skipped.
 */
export async function brandsOfRegistrations(ctx: Context, refs: string[]): Promise<string[]> {
  const { resourceKindOf } = await import('../../core/registration/associations.js');
  const out: string[] = [];
  for (const ref of refs) {
    if (resourceKindOf(ref) !== 'registration') continue;
    const id = ref.startsWith('arn:') ? ref.split('/').pop()! : ref;
    const { answers } = await fetchValues(ctx, id);
    out.push(...brandNamesIn(answers));
  }
  return out;
}

/**
 * The brand names the compliance rules look for: `--brand`, else those of the brand registrations
 * associated with `registrationId`.
 */
export async function brandsFor(ctx: Context, brand: string | undefined, registrationId: string): Promise<string[]> {
  if (brand) return [brand];
  const associations = await api.listRegistrationAssociations(await ctx.sms(), registrationId);
  return brandsOfRegistrations(
    ctx,
    associations.map((a) => a.resourceId),
  );
}

/** The required fields `answers` leaves empty. */
export function missingRequired(form: RegistrationForm, answers: Answers): string[] {
  return checkAnswers(form, answers, { complete: true })
    .filter((f) => f.rule === 'definition.required')
    .map((f) => f.fieldPath);
}

/** Notes saying which rules could not run, and why. */
export function notRunNotes(notRun: RuleNotRun[]): string[] {
  if (!notRun.length) return [];
  return [`not checked: ${notRun.map((r) => r.rule).join(', ')}: ${notRun[0].reason}`];
}

export function findingsToProblems(findings: Finding[]): InputProblem[] {
  return findings.map((f) => ({ field: f.fieldPath, message: `${f.message}${f.fix ? ` (fix: ${f.fix})` : ''} [${f.rule}]` }));
}

/** Field values of a registration version, as answers (with the reviewer's flags on the side). */
export async function fetchValues(ctx: Context, registrationId: string, versionNumber?: number) {
  const { versionNumber: version, values } = await api.listRegistrationFieldValues(await ctx.sms(), registrationId, versionNumber);
  const answers: Answers = new Map();
  const flags = new Map<string, { deniedReason?: string; feedback?: string }>();
  for (const v of values) {
    const a: AnswerValue = {};
    if (v.text !== undefined) a.text = v.text;
    if (v.choices?.length) a.choices = v.choices;
    if (v.attachmentId) a.attachmentId = v.attachmentId;
    if (hasValue(a)) answers.set(v.fieldPath, a);
    if (v.deniedReason || v.feedback) flags.set(v.fieldPath, { deniedReason: v.deniedReason, feedback: v.feedback });
  }
  return { versionNumber: version, answers, flags };
}

/**
 * Writes to a registration (field values, attachments) go through the bulk engine's policy
 * (`callWithRetry`): paced by the run's `WritePacing` (`--rate`, else the quota); throttling (and,
 * for the idempotent puts and deletes, server errors and lost answers) retried with the shared
 * backoff and jitter, so a long answers file gets through the API's default quota of one request
 * per second. An attachment upload is not idempotent: a lost answer is not uploaded again.
 */
const WRITE_ATTEMPTS = 8;

/** The API's default quota for registration writes (requests per second). */
export const DEFAULT_WRITE_RATE = 1;

/** The pacing of one run's registration writes: one token bucket, passed to each write of the run. */
export interface WritePacing {
  readonly bucket: TokenBucket;
}

/** Pacing at `rate` writes per second; undefined: the quota (throttles cost more time than pacing does). */
export function writePacing(rate: number | undefined): WritePacing {
  return { bucket: createTokenBucket(rate ?? DEFAULT_WRITE_RATE) };
}

async function write<T>(ctx: Context, pacing: WritePacing, send: (client: Client) => Promise<T>, options: { idempotent: boolean }): Promise<T> {
  const { callWithRetry } = await import('../bulk.js');
  const outcome = await callWithRetry(ctx, (call) => send(call.client), {
    idempotent: options.idempotent,
    bucket: pacing.bucket,
    maxAttempts: ctx.globals.maxAttempts ?? WRITE_ATTEMPTS,
    backoff: { baseMs: 1000, capMs: 16_000 },
  });
  if (outcome.kind === 'ok') return outcome.value;
  if (ctx.signal.aborted) throw new InterruptedError();
  throw outcome.error;
}

/** Stores one answer as the field's value (uploading a file first). Returns the stored answer. */
export async function storeAnswer(ctx: Context, pacing: WritePacing, registrationId: string, field: FieldDefinition, value: AnswerValue): Promise<AnswerValue> {
  let stored = value;
  if (value.file) {
    const r = await readAttachment(value.file);
    if ('problem' in r) throw new InputError([{ field: field.FieldPath, message: `${value.file} ${r.problem}` }]);
    const attachmentId = await write(ctx, pacing, (client) => api.createRegistrationAttachment(client, r.bytes), { idempotent: false });
    stored = { attachmentId, sha256: createHash('sha256').update(r.bytes).digest('hex') };
  }
  await write(ctx, pacing, (client) => api.putRegistrationFieldValue(client, registrationId, field.FieldPath, stored), { idempotent: true });
  return stored;
}

export async function deleteValue(ctx: Context, pacing: WritePacing, registrationId: string, fieldPath: string): Promise<void> {
  await write(ctx, pacing, (client) => api.deleteRegistrationFieldValue(client, registrationId, fieldPath), { idempotent: true });
}

export type { RegistrationSummary } from '../../aws/registrations.js';

/** The registration with this id; a not-found error (naming the list command) when there is none. */
export async function describeRegistration(ctx: Context, id: string): Promise<api.RegistrationSummary> {
  const reg = await api.describeRegistration(await ctx.sms(), id);
  if (!reg) throw new OperationError(`registration ${id} not found`, { code: 'NOT_FOUND', hint: 'list them: eum registration list' });
  return reg;
}

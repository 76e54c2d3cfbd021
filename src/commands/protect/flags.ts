/** The flags the protect commands share, each declared once with its type and check (`parseOptions`). */
import { z } from 'zod';
import { shown } from '../../cli/options.js';

/** `--name`: a Name tag, 1 to 256 characters. */
export const nameFlag = z.unknown().transform((raw, c) => {
  if (raw === undefined) return undefined;
  const name = String(raw);
  if (name.length < 1 || name.length > 256) c.addIssue({ code: 'custom', message: 'must be 1 to 256 characters' });
  return name;
});

/** `--action`: allow or block, any case. */
export const actionFlag = z.unknown().transform((raw, c) => {
  const action = String(raw ?? '').toUpperCase();
  if (action !== 'ALLOW' && action !== 'BLOCK') c.addIssue({ code: 'custom', message: `must be allow or block, got "${shown(raw ?? '')}"` });
  return action as 'ALLOW' | 'BLOCK';
});

/** A switch: true when given. */
export const switchFlag = z.unknown().transform((raw) => raw === true);

/** A switch with a `--no-` form: true, false, or undefined when neither was given. */
export const onOffFlag = z.unknown().transform((raw) => (raw === undefined ? undefined : raw === true));

/** The flags the protect commands share, each declared once with its type and check (`parseOptions`). */
import { flag, shown } from '../../cli/options.js';

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

/** The flags the keyword commands share, each declared once with its type and check (`parseOptions`). */
import { KEYWORD_ACTIONS, type KeywordAction } from '../../aws/keywords.js';
import { checkKeywordMessage } from '../../core/keywords.js';
import { flag, flagSchemas, shown } from '../../cli/options.js';

/** `--action`: AUTOMATIC_RESPONSE, OPT_OUT or OPT_IN (any case, - for _). */
export const actionFlag = flag((raw, problem): KeywordAction | undefined => {
  if (raw === undefined) return undefined;
  const a = String(raw).trim().toUpperCase().replace(/-/g, '_');
  if ((KEYWORD_ACTIONS as readonly string[]).includes(a)) return a as KeywordAction;
  problem(`"${shown(raw)}" is not an action: use ${KEYWORD_ACTIONS.join(', ')}`);
  return undefined;
});

/** `--message`: the answer recipients get (required by `keyword set`). */
export const messageFlag = flag((raw, problem): string | undefined => {
  if (raw === undefined) {
    problem('required: the answer recipients get, e.g. --message "Acme: for help call +1 206 555 0199. Reply STOP to opt out."');
    return undefined;
  }
  const p = checkKeywordMessage(String(raw));
  if (p) problem(p);
  return String(raw);
});

/** `--brand`: the brand HELP and STOP answers must name. */
export const brandFlag = flag((raw, problem): string | undefined => {
  if (raw === undefined) return undefined;
  const brand = String(raw).trim();
  if (brand === '') problem('is empty: give the brand the answers must name, e.g. --brand Acme');
  return brand;
});

/** `--no-content-check`: true unless turned off. */
export const contentCheckFlag = flag((raw) => raw !== false);

/** `--dry-run`. */
export const dryRunFlag = flagSchemas.switch();

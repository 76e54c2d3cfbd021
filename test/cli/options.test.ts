/** The flag parser (`src/cli/options.ts`): typed values, problems naming the flag, all at once. */
import { describe, expect, it } from 'vitest';
import type { InputProblem } from '../../src/errors.js';
import { flagName, flagSchemas, parseOptions, regionProblem } from '../../src/cli/options.js';

describe('parseOptions', () => {
  const shape = {
    maxItems: flagSchemas.int(1, 100),
    format: flagSchemas.choice(['table', 'json'] as const, 'format'),
    name: flagSchemas.text('a name', 10),
    force: flagSchemas.switch(),
  };

  it('turns raw flags into typed values', () => {
    const problems: InputProblem[] = [];
    const o = parseOptions(shape, { maxItems: '7', format: 'JSON', name: 'otp', force: true }, problems);
    expect(problems).toEqual([]);
    expect(o).toEqual({ maxItems: 7, format: 'json', name: 'otp', force: true });
  });

  it('leaves absent flags undefined (switches false)', () => {
    const problems: InputProblem[] = [];
    expect(parseOptions(shape, {}, problems)).toEqual({ maxItems: undefined, format: undefined, name: undefined, force: false });
    expect(problems).toEqual([]);
  });

  it('reports every bad flag at once, named as on the command line, control characters escaped', () => {
    const problems: InputProblem[] = [];
    parseOptions(shape, { maxItems: '1e9', format: 'xml', name: 'a\u001b[31mb' }, problems);
    expect(problems).toEqual([
      { field: '--max-items', message: '"1e9" is not a whole number from 1 to 100' },
      { field: '--format', message: '"xml" is not a format: use table, json' },
      { field: '--name', message: '"a\\e[31mb" is not a name: it holds control characters' },
    ]);
  });

  it('names a positional argument as told', () => {
    const problems: InputProblem[] = [];
    parseOptions({ status: flagSchemas.choice(['RECEIVED', 'FAILED'] as const, 'status') }, { status: 'maybe' }, problems, { status: '<status>' });
    expect(problems).toEqual([{ field: '<status>', message: '"maybe" is not a status: use RECEIVED, FAILED' }]);
  });

  it('oneOf: a fallback when absent, upper-cased when asked, the values listed when wrong', () => {
    const problems: InputProblem[] = [];
    const o = parseOptions(
      {
        by: flagSchemas.oneOf(['country', 'day'] as const, { fallback: 'country' }),
        status: flagSchemas.oneOf(['CREATED', 'COMPLETE'] as const, { upper: true }),
      },
      { status: 'complete' },
      problems,
    );
    expect(o).toEqual({ by: 'country', status: 'COMPLETE' });
    parseOptions({ by: flagSchemas.oneOf(['country', 'day'] as const) }, { by: 'week' }, problems);
    expect(problems).toEqual([{ field: '--by', message: 'must be one of country, day, got "week"' }]);
  });

  it('flagName', () => {
    expect(flagName('deliveryFailureRate')).toBe('--delivery-failure-rate');
    expect(flagName('rate')).toBe('--rate');
  });
});

describe('regionProblem', () => {
  it('accepts Region names, refuses paths and control characters', () => {
    expect(regionProblem('us-east-1')).toBeUndefined();
    expect(regionProblem('eu-central-2')).toBeUndefined();
    expect(regionProblem('../x')).toEqual({ field: '--region', message: '"../x" is not an AWS Region name (letters, digits and hyphens, e.g. us-east-1)' });
    expect(regionProblem('us\u0007', 'AWS_REGION')?.field).toBe('AWS_REGION');
    expect(regionProblem('us\u0007')?.message).not.toContain('\u0007');
  });
});

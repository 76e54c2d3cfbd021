/**
 * What the Protect and program documents share: YAML read with line numbers, aliases bounded,
 * the top level checked to be a map, and zod's issues turned into problems that name the line
 * (`file:line`) and the path. Imports yaml: load it only from the document modules.
 */
import { LineCounter, parseDocument, isCollection, isScalar, type Node } from 'yaml';
import type { z } from 'zod';
import type { InputProblem } from './protect/problems.js';

/** A YAML document read: its plain value and where each path of it is. */
export interface YamlDocument {
  /** The top-level map, as plain values. */
  raw: Record<string, unknown>;
  /** `file:line` of a path in the document (the nearest node that exists). */
  where(path: PropertyKey[]): string;
  /** The line of a path in the document (the nearest node that exists). */
  lineOf(path: PropertyKey[]): number;
}

/**
 * Reads `text` as YAML. Returns the problems instead when it is not valid YAML, when aliases
 * expand beyond any real document (a "billion laughs"), or when the top level is not a map
 * (`notAMap` says what it should be).
 */
export function readYamlDocument(text: string, options: { file: string; notAMap: string }): YamlDocument | { problems: InputProblem[] } {
  const at = (line: number) => `${options.file}:${line}`;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOfOffset = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  if (doc.errors.length)
    return { problems: doc.errors.map((e) => ({ field: at(lineOfOffset(e.pos[0])), message: `not valid YAML: ${e.message.split('\n')[0]}` })) };
  const lineOf = (path: PropertyKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : (doc.getIn(path.slice(0, n) as unknown[], true) as Node | undefined);
      if (node && (isScalar(node) || isCollection(node)) && node.range) return lineOfOffset(node.range[0]);
    }
    return 1;
  };
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (err) {
    return { problems: [{ field: at(1), message: `not a usable document: ${(err as Error).message.split('\n')[0]}; remove the YAML aliases (*name)` }] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { problems: [{ field: at(1), message: options.notAMap }] };
  return { raw: raw as Record<string, unknown>, lineOf, where: (path) => at(lineOf(path)) };
}

/**
 * Zod's issues as problems: each names the line and the path ("a.rules.sms.block must be ..."),
 * a missing value "is required", an unknown key is named at its own line with `exportCommand` to
 * see the shape.
 */
export function schemaProblems(issues: z.core.$ZodIssue[], doc: YamlDocument, exportCommand: string): InputProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    let message = issue.message;
    let field = doc.where(path);
    if (issue.code === 'unrecognized_keys') {
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}: check the spelling (see ${exportCommand} for the shape)`;
      // The line of the first unknown key, not of the map that holds it.
      field = doc.where([...path, issue.keys[0]]);
    }
    if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) message = 'is required';
    return { field, message: `${path.length ? path.join('.') : 'document'} ${message}` };
  });
}

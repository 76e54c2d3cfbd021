/**
 * The docs stay complete: every command in the program tree has an example in its `--help`, every
 * top-level noun has a README section, every command has an example in the README, and every link of
 * the README's Contents list points at one of its headings.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBase, runEum } from '../helpers/streams.js';

const README = readFileSync('README.md', 'utf8');

/** The README without its fenced code blocks (a `#` line inside one is no heading). */
function prose(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (m) {
      if (!fence) fence = m[1];
      else if (m[1].startsWith(fence)) fence = undefined;
      continue;
    }
    if (!fence) lines.push(line);
  }
  return lines;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(markdown)) {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const base = h[1]
      .replace(/<[^>]+>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** The Contents list: the lines between `## Contents` and the next heading. */
function contents(markdown: string): string {
  const lines = prose(markdown);
  const start = lines.findIndex((l) => /^## Contents\s*$/.test(l));
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && /^#{1,6}\s/.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

function headings(markdown: string): string[] {
  return prose(markdown)
    .filter((l) => /^#{1,6}\s/.test(l))
    .map((l) => l.replace(/^#+\s+/, ''));
}

/** The Examples section of a help page: from `Examples:` to the next unindented line. */
function examples(help: string): string {
  const lines = help.split('\n');
  const start = lines.indexOf('Examples:');
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && /^\S/.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

interface Entry {
  path: string[];
  help: string;
  /** The words that run it: the parent's when it is the parent's default command (`eum opt-out lists`). */
  runAs: string[][];
  /** Its long flags (`--no-x` too). */
  flags: Set<string>;
}

let tree: Entry[] = [];
/** The global options' long flags. */
let globalFlags = new Set<string>();

function longFlags(cmd: Command): Set<string> {
  return new Set(cmd.options.flatMap((o) => [o.long, o.negate ? undefined : `--no-${o.long?.slice(2)}`].filter((f): f is string => !!f)));
}

beforeAll(async () => {
  const { buildProgram } = await import('../../src/cli/program.js');
  const { base } = fakeBase();
  const program = await buildProgram(
    base,
    {},
    async () => {
      throw new Error('no client in this test');
    },
    [],
    { loadAll: true },
  );
  const walk = (cmd: Command, path: string[]) => {
    for (const sub of cmd.commands) {
      let help = '';
      sub.configureOutput({ writeOut: (s) => (help += s) });
      sub.outputHelp();
      const p = [...path, sub.name()];
      const isDefault = (cmd as unknown as { _defaultCommandName?: string })._defaultCommandName === sub.name();
      tree.push({ path: p, help, runAs: isDefault ? [p, path] : [p], flags: longFlags(sub) });
      walk(sub, p);
    }
  };
  tree = [];
  globalFlags = longFlags(program);
  walk(program, []);
});

describe('--help', () => {
  it('walks the whole program tree', () => {
    expect(tree.length).toBeGreaterThan(50);
    expect(tree.map((e) => e.path.join(' '))).toContain('feedback put');
  });

  it('every command and command group has an example in its --help', () => {
    const missing = tree.filter((e) => !/^\s+(\$ )?(\S+=\S+ )*eum /m.test(examples(e.help))).map((e) => `eum ${e.path.join(' ')}`);
    expect(missing).toEqual([]);
  });

  it("each command's examples use its own name", () => {
    const wrong = tree
      .filter((e) => e.path.length > 1)
      .filter((e) => {
        return !e.runAs.some((p) => new RegExp(`\\beum\\b.* ${p.join(' ').replace(/-/g, '\\-')}(\\s|$)`, 'm').test(examples(e.help)));
      })
      .map((e) => `eum ${e.path.join(' ')}`);
    expect(wrong).toEqual([]);
  });

  it('the examples in --help use only flags their command has', () => {
    const lines = tree.flatMap((e) =>
      examples(e.help)
        .split('\n')
        .map((line) => ({ where: `eum ${e.path.join(' ')}`, line })),
    );
    const { checked, wrong } = unknownFlags(lines);
    expect(checked).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });
});

/**
 * Command lines (`$ eum ...`) whose flags their command does not have. The command is the longest
 * run of words that names one; the words after a pipe, `;`, `&&`, a redirection or a comment are
 * another command's.
 */
function unknownFlags(lines: { where: string; line: string }[]): { checked: number; wrong: string[] } {
  const byPath = new Map(tree.map((e) => [e.path.join(' '), e]));
  const wrong: string[] = [];
  let checked = 0;
  for (const { where, line } of lines) {
    const m = /(?:^\s*\$ |\$\(|^\s*)(?:\S+=\S+ )*eum (.*)$/.exec(line);
    if (!m) continue;
    const words = m[1].split(/\s+(?:\||;|&&|>|2>|#|\)).*$/)[0].split(/\s+/);
    let target: Entry | undefined;
    const named: string[] = [];
    for (const w of words) {
      if (w.startsWith('-') || !/^[a-z][a-z-]*$/.test(w)) continue;
      const next = byPath.get([...named, w].join(' '));
      if (!next) break;
      named.push(w);
      target = next;
    }
    if (!target) continue;
    checked++;
    const flags = words.filter((w) => /^--[a-z]/.test(w)).map((w) => w.replace(/(=.*|[)"']+)$/, ''));
    for (const f of flags) if (!target.flags.has(f) && !globalFlags.has(f)) wrong.push(`${where}: ${line.trim()} (${f})`);
  }
  return { checked, wrong };
}

describe('README.md', () => {
  it('every top-level noun has a section: a heading or a Contents entry naming `eum <noun>`', () => {
    const toc = contents(README);
    const heads = headings(README).join('\n');
    const nouns = [...new Set(tree.map((e) => e.path[0]))];
    const missing = nouns.filter((noun) => {
      const named = new RegExp(`\`eum ${noun}[\` ]`);
      return !named.test(toc) && !named.test(heads);
    });
    expect(missing).toEqual([]);
  });

  it('every command has an example in the README: a command line in a code block', () => {
    // The command lines of the code blocks (continuation lines joined), from each `eum ` on.
    const lines: string[] = [];
    let fence = false;
    for (const line of README.replace(/\\\n\s*/g, ' ').split('\n')) {
      if (/^\s*```/.test(line)) fence = !fence;
      else if (fence && /^\s*(\$ |[A-Z_]+=\S* |\w+=\$\()*eum /.test(line.replace(/^\s*\$ /, '$ '))) lines.push(line.slice(line.search(/\beum /)));
    }
    const missing = tree
      .filter((e) => e.path.length > 1 || !tree.some((o) => o.path.length > 1 && o.path[0] === e.path[0]))
      .filter((e) =>
        e.runAs.every((p) => {
          const named = new RegExp(`^eum (\\S+ )*?${p.join(' ').replace(/-/g, '\\-')}(?![\\w-])`);
          return !lines.some((l) => named.test(l));
        }),
      )
      .map((e) => `eum ${e.path.join(' ')}`);
    expect(missing).toEqual([]);
  });

  it('the command lines of its code blocks use only flags their command has', () => {
    const lines: { where: string; line: string }[] = [];
    let fence = false;
    README.replace(/\\\n\s*/g, ' ')
      .split('\n')
      .forEach((line) => {
        if (/^\s*```/.test(line)) fence = !fence;
        else if (fence) lines.push({ where: 'README.md', line });
      });
    const { checked, wrong } = unknownFlags(lines);
    expect(checked).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it('every Contents link resolves to a heading', () => {
    const toc = contents(README);
    expect(toc).not.toBe('');
    const known = anchors(README);
    const links = [...toc.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((a) => !known.has(a))).toEqual([]);
  });

  it('every in-page link resolves to a heading', () => {
    const known = anchors(README);
    const links = [
      ...prose(README)
        .join('\n')
        .matchAll(/\]\(#([^)]+)\)/g),
    ].map((m) => m[1]);
    expect([...new Set(links.filter((a) => !known.has(a)))]).toEqual([]);
  });

  it('every level-2 section is in the Contents list', () => {
    const toc = contents(README);
    const known = new Set([...toc.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]));
    const sections = prose(README)
      .filter((l) => /^## /.test(l) && !/^## Contents\s*$/.test(l))
      .map((l) => [...anchors(l)][0]);
    expect(sections.filter((a) => !known.has(a))).toEqual([]);
  });

  it('the Environment variables table lists exactly what eum help environment lists', async () => {
    const r = await runEum(['help', 'environment']);
    expect(r.code).toBe(0);
    const fromHelp = r.stdout
      .split('\n')
      .filter((l) => /^ {2}[A-Z]/.test(l))
      .flatMap((l) => (l.trim().split(/\s{2,}/)[0] ?? '').split(/,\s*/));
    const lines = prose(README);
    const start = lines.indexOf('## Environment variables');
    expect(start).toBeGreaterThan(0);
    const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    const fromReadme = lines
      .slice(start, end)
      .filter((l) => /^\| `[A-Z]/.test(l))
      .flatMap((l) => [...(l.split('|')[1] ?? '').matchAll(/`([A-Z_0-9]+)`/g)].map((m) => m[1]));
    expect(fromHelp.length).toBeGreaterThan(10);
    expect(fromReadme.sort()).toEqual(fromHelp.sort());
  });

  it('every EUM_ variable the code reads is in the Environment variables table', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const used = new Set(files.flatMap((f) => [...readFileSync(path.join('src', f), 'utf8').matchAll(/\bEUM_[A-Z][A-Z_]*[A-Z]\b/g)].map((m) => m[0])));
    const lines = prose(README);
    const start = lines.indexOf('## Environment variables');
    const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    const table = lines.slice(start, end).join('\n');
    expect(used.size).toBeGreaterThan(3);
    expect([...used].filter((v) => !table.includes(`\`${v}\``))).toEqual([]);
  });

  it('has one section each for exit codes, errors and environment variables', () => {
    const heads = headings(README);
    for (const h of ['Exit codes', 'Errors and exit codes', 'Environment variables'])
      expect(
        heads.filter((x) => x === h),
        h,
      ).toHaveLength(1);
  });

  it('computes GitHub anchors', () => {
    expect([...anchors('## The simulator: `eum sim start|status|reset`')]).toEqual(['the-simulator-eum-sim-startstatusreset']);
    expect([...anchors('## Filtering JSON: `--query`')]).toEqual(['filtering-json---query']);
    expect([...anchors('## A\n## A\n```\n# not a heading\n```')]).toEqual(['a', 'a-1']);
  });
});

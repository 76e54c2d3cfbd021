/**
 * The registration types the simulator knows: the fixtures generated from the real definitions
 * (fixtures/registration/types.json), plus the types loaded with `--registration-types DIR`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fixtures from '../../../fixtures/registration/types.json' with { type: 'json' };
import senderIdTemplate from '../../../data/registration-data/_COMMON_SENDER_ID_TEMPLATE.fields.json' with { type: 'json' };
import { allCountries } from '../../core/countries.js';
import type { FieldDefinition, SectionDefinition, TypeDefinition } from '../../core/registration/definitions.js';
import { humanize, typeTitle } from '../../core/registration/definitions.js';

export interface CatalogType {
  definition: TypeDefinition;
  sections: SectionDefinition[];
  fields: FieldDefinition[];
  /** Where the type came from: "fixtures" or the file it was loaded from. */
  source: string;
  /** Things the loader filled in or decided (e.g. a CONDITIONAL field without rules). */
  notes: string[];
}

export type Catalog = Map<string, CatalogType>;

/** Removes our bookkeeping keys (`_synthesized`, `_provenance`) before a definition goes on the wire. */
export function wire<T>(value: T): T {
  if (Array.isArray(value)) return value.map(wire) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!k.startsWith('_')) out[k] = wire(v);
    return out as T;
  }
  return value;
}

interface TypeDocument {
  RegistrationType?: unknown;
  RegistrationFieldDefinitions?: unknown;
  RegistrationTypeDefinition?: unknown;
  RegistrationSectionDefinitions?: unknown;
}

/**
 * Completes a type document: sections derived from the field paths when missing, a title from the
 * type name, field display hints from the path. Throws with every problem found.
 */
export function catalogTypeFromDocument(doc: TypeDocument, source: string): CatalogType {
  const problems: string[] = [];
  const type = doc.RegistrationType;
  if (typeof type !== 'string' || !/^[A-Za-z0-9_]{1,64}$/.test(type)) problems.push('RegistrationType must be 1 to 64 letters, digits or underscores');
  if (!Array.isArray(doc.RegistrationFieldDefinitions)) problems.push('RegistrationFieldDefinitions must be a list');
  const notes: string[] = [];
  const fields: FieldDefinition[] = [];
  for (const [i, raw] of ((doc.RegistrationFieldDefinitions as unknown[]) ?? []).entries()) {
    const f = raw as FieldDefinition;
    const at = `RegistrationFieldDefinitions[${i}]`;
    if (!f || typeof f !== 'object') {
      problems.push(`${at} must be an object`);
      continue;
    }
    if (typeof f.FieldPath !== 'string' || !/^[A-Za-z0-9_.]{1,100}$/.test(f.FieldPath)) problems.push(`${at}.FieldPath must be letters, digits, _ and .`);
    if (!['TEXT', 'SELECT', 'ATTACHMENT'].includes(f.FieldType)) problems.push(`${at}.FieldType must be TEXT, SELECT or ATTACHMENT`);
    if (!['REQUIRED', 'OPTIONAL', 'CONDITIONAL'].includes(f.FieldRequirement))
      problems.push(`${at}.FieldRequirement must be REQUIRED, OPTIONAL or CONDITIONAL`);
    const field: FieldDefinition = { ...f, SectionPath: f.SectionPath ?? String(f.FieldPath ?? '').split('.')[0] };
    if (!field.DisplayHints?.Title) field.DisplayHints = { ...field.DisplayHints, Title: humanize(String(f.FieldPath ?? '')) };
    if (!field.DisplayHints.ShortDescription) field.DisplayHints = { ...field.DisplayHints, ShortDescription: field.DisplayHints.Title };
    if (field.FieldRequirement === 'CONDITIONAL' && !field.ConditionalBehavior)
      notes.push(`${field.FieldPath} is CONDITIONAL without ConditionalBehavior: treated as optional`);
    fields.push(field);
  }
  if (problems.length) throw new Error(`${source}: ${problems.join('; ')}`);
  const definition: TypeDefinition = { ...((doc.RegistrationTypeDefinition as TypeDefinition) ?? {}), RegistrationType: type as string };
  if (!definition.DisplayHints?.Title) definition.DisplayHints = { ...definition.DisplayHints, Title: typeTitle({ registrationType: type as string }) };
  let sections = Array.isArray(doc.RegistrationSectionDefinitions) ? (doc.RegistrationSectionDefinitions as SectionDefinition[]) : undefined;
  if (!sections) {
    const paths = [...new Set(fields.map((f) => f.SectionPath))];
    sections = paths.map((p) => ({ SectionPath: p, DisplayHints: { Title: humanize(p), ShortDescription: humanize(p) } }));
  }
  return { definition, sections, fields, source, notes };
}

/** The real sender-ID form the common template's validations are taken from. */
const TEMPLATE_SOURCE_TYPE = 'ID_SENDER_ID_REGISTRATION';

/**
 * `<CC>_SENDER_ID_REGISTRATION` for every country whose sender IDs require registration and that
 * has no real form in the fixtures: the field paths of the common sender-ID template
 * (data/registration-data/_COMMON_SENDER_ID_TEMPLATE), each field's requirement and validation
 * from the real Indonesian form where it has the same path (else a required 1-2048 text), marked
 * `_synthesized`. Approval creates the sender ID (ASSOCIATE_ON_APPROVAL).
 */
function synthesizedSenderIdTypes(catalog: Catalog): CatalogType[] {
  const source = catalog.get(TEMPLATE_SOURCE_TYPE);
  const byPath = new Map((source?.fields ?? []).map((f) => [f.FieldPath, f]));
  const out: CatalogType[] = [];
  for (const c of allCountries()) {
    if (c.senderId !== 'registration') continue;
    const type = `${c.iso}_SENDER_ID_REGISTRATION`;
    if (catalog.has(type)) continue;
    const fields = (
      senderIdTemplate as { RegistrationFieldDefinitions: Array<{ SectionPath: string; FieldPath: string; FieldType: string }> }
    ).RegistrationFieldDefinitions.map((t) => {
      const real = byPath.get(t.FieldPath);
      const f: FieldDefinition = real
        ? { ...real }
        : ({
            SectionPath: t.SectionPath,
            FieldPath: t.FieldPath,
            FieldType: t.FieldType,
            FieldRequirement: 'REQUIRED',
            TextValidation: { MinLength: 1, MaxLength: 2048, Pattern: '^(?=\\s*\\S)[\\s\\S]+$' },
          } as unknown as FieldDefinition);
      return { ...f, _synthesized: `common sender-ID template; validation from ${real ? TEMPLATE_SOURCE_TYPE : 'a default text field'}` } as FieldDefinition;
    });
    const sectionPaths = [...new Set(fields.map((f) => f.SectionPath))];
    const sections = sectionPaths.map(
      (p) => source?.sections.find((s) => s.SectionPath === p) ?? { SectionPath: p, DisplayHints: { Title: humanize(p), ShortDescription: humanize(p) } },
    );
    const definition = {
      RegistrationType: type,
      DisplayHints: { Title: `${c.name} sender ID registration` },
      SupportedAssociations: [
        {
          ResourceType: 'SENDER_ID',
          IsoCountryCode: c.iso,
          AssociationBehavior: 'ASSOCIATE_ON_APPROVAL',
          DisassociationBehavior: 'DISASSOCIATE_ALL_ALLOWS_DELETE_REGISTRATION',
        },
      ],
      _synthesized: { all: 'built by the simulator from the common sender-ID template: AWS has a form for this country whose API field paths are not known' },
    } as unknown as TypeDefinition;
    out.push({
      definition,
      sections,
      fields,
      source: 'synthesized from _COMMON_SENDER_ID_TEMPLATE',
      notes: ['synthesized from the common sender-ID template'],
    });
  }
  return out;
}

/** The fixture types, and a synthesized sender-ID type for each other country that requires registration. */
export function fixtureCatalog(): Catalog {
  const catalog: Catalog = new Map();
  for (const t of (
    fixtures as {
      types: Array<{
        RegistrationTypeDefinition: TypeDefinition;
        RegistrationSectionDefinitions: SectionDefinition[];
        RegistrationFieldDefinitions: FieldDefinition[];
      }>;
    }
  ).types) {
    catalog.set(t.RegistrationTypeDefinition.RegistrationType, {
      definition: t.RegistrationTypeDefinition,
      sections: t.RegistrationSectionDefinitions,
      fields: t.RegistrationFieldDefinitions,
      source: 'fixtures',
      notes: [],
    });
  }
  for (const t of synthesizedSenderIdTypes(catalog)) catalog.set(t.definition.RegistrationType, t);
  return catalog;
}

/** The largest registration type file read (the largest AWS form is about 100 KB). */
const MAX_TYPE_FILE_BYTES = 4 * 1024 * 1024;

/** Loads `DIR/<TYPE>.json` files over the fixtures (a file may replace a fixture type). */
export function loadCatalog(dir?: string): Catalog {
  const catalog = fixtureCatalog();
  if (!dir) return catalog;
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (err) {
    throw new Error(`--registration-types: cannot read ${dir}: ${(err as Error).message}`);
  }
  for (const f of files) {
    const file = path.join(dir, f);
    let doc: TypeDocument;
    // Checked before reading: a FIFO or a device named *.json would block or never end.
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) throw new Error(`--registration-types: ${file} is not a regular file (a device, FIFO or directory)`);
    if (st.size > MAX_TYPE_FILE_BYTES)
      throw new Error(
        `--registration-types: ${file} is ${Math.ceil(st.size / 1024)} KB; a registration type file is at most ${MAX_TYPE_FILE_BYTES / 1024 / 1024} MB`,
      );
    try {
      doc = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`--registration-types: ${file} is not valid JSON: ${(err as Error).message}`);
    }
    const t = catalogTypeFromDocument(doc, file);
    if (`${t.definition.RegistrationType}.json` !== f)
      throw new Error(`--registration-types: ${file} holds ${t.definition.RegistrationType}; name the file ${t.definition.RegistrationType}.json`);
    catalog.set(t.definition.RegistrationType, t);
  }
  return catalog;
}

import { ACCOUNT_FIELDS, type AccountField } from '@kindred/contract';
import { isPresetName, PRESET_NAMES, PRESETS, type ColumnMap, type PresetName } from './presets.js';

/** A column map that cannot apply to the source: unknown field, unknown column, unknown preset. */
export class ColumnMapError extends Error {
  constructor(
    message: string,
    /** The account field or source column at fault. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ColumnMapError';
  }
}

/** How source columns become account fields. */
export interface ColumnMapping {
  /** Account field → the source columns it is read from (several are joined with ", "). */
  fields: Partial<Record<AccountField, readonly string[]>>;
  /** Source columns kept as further attributes under their own names. */
  extras: readonly string[];
  /** Source columns left out: their name is an account field that is read from another column. */
  ignored: readonly string[];
}

export interface ColumnMapOptions {
  /** A CRM export preset. */
  preset?: string;
  /** Explicit field → column choices; a string in the `name="Account Name",website=Website` form,
   * or an object. Explicit choices win over the preset and over matching by name. */
  map?: string | ColumnMap;
}

const fieldKey = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const FIELD_BY_KEY = new Map<string, AccountField>(ACCOUNT_FIELDS.map((f) => [fieldKey(f), f]));

/** The account field a name designates, accepting `parentId`, `parent_id`, `Parent ID`. */
export function accountFieldOf(name: string): AccountField | undefined {
  return FIELD_BY_KEY.get(fieldKey(name));
}

/**
 * Parses `name="Account Name",website=Website`. Commas inside double quotes belong to the column
 * name; quotes around a column name are optional (the shell often removes them).
 */
export function parseColumnMap(spec: string): ColumnMap {
  const map: ColumnMap = {};
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of spec) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (quoted) throw new ColumnMapError(`unbalanced double quote in column map "${spec}"`);
  parts.push(current);
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new ColumnMapError(`"${part}" in column map is not of the form field=Column`);
    const name = part.slice(0, eq).trim();
    let column = part.slice(eq + 1).trim();
    if (column.length >= 2 && column.startsWith('"') && column.endsWith('"')) column = column.slice(1, -1);
    const field = accountFieldOf(name);
    if (!field) {
      throw new ColumnMapError(
        `unknown account field "${name}" in column map (known fields: ${ACCOUNT_FIELDS.join(', ')})`,
        name,
      );
    }
    if (column === '') throw new ColumnMapError(`no column given for field "${name}" in column map`, field);
    if (map[field] !== undefined) throw new ColumnMapError(`field "${name}" mapped twice in column map`, field);
    map[field] = column;
  }
  return map;
}

/** Finds `wanted` among the columns: exactly, else by case alone if that is unambiguous. */
function findColumn(columns: readonly string[], wanted: string): string | undefined {
  if (columns.includes(wanted)) return wanted;
  const lower = wanted.toLowerCase();
  const matches = columns.filter((c) => c.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}

const asList = (source: string | readonly string[]): readonly string[] =>
  typeof source === 'string' ? [source] : source;

/**
 * Decides which source column feeds which account field. Order of precedence: explicit map,
 * then the preset (its columns that exist in the source), then a column named like the field
 * (`parent_id`, `ParentId` and `Parent ID` all mean `parentId`). Other columns are kept as they are.
 */
export function resolveColumnMapping(columns: readonly string[], options: ColumnMapOptions = {}): ColumnMapping {
  const header = columns.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c));
  const seen = new Set<string>();
  for (const c of header) {
    if (c.trim() === '') continue; // unnamed columns (a trailing delimiter) are left out
    if (seen.has(c)) throw new ColumnMapError(`column "${c}" appears twice in the header`, c);
    seen.add(c);
  }

  let preset: ColumnMap = {};
  if (options.preset !== undefined) {
    if (!isPresetName(options.preset)) {
      throw new ColumnMapError(`unknown preset "${options.preset}" (known: ${PRESET_NAMES.join(', ')})`);
    }
    preset = PRESETS[options.preset as PresetName];
  }
  const explicit = typeof options.map === 'string' ? parseColumnMap(options.map) : (options.map ?? {});

  const fields: Partial<Record<AccountField, readonly string[]>> = {};
  for (const [field, source] of Object.entries(explicit) as [AccountField, ColumnMap[AccountField]][]) {
    if (source === undefined) continue;
    if (!ACCOUNT_FIELDS.includes(field)) throw new ColumnMapError(`unknown account field "${field}" in column map`, field);
    fields[field] = asList(source).map((wanted) => {
      const found = findColumn(header, wanted);
      if (found === undefined) {
        throw new ColumnMapError(
          `column "${wanted}" (for field ${field}) is not in the header; columns are: ${header.map((c) => `"${c}"`).join(', ')}`,
          wanted,
        );
      }
      return found;
    });
  }
  for (const [field, source] of Object.entries(preset) as [AccountField, ColumnMap[AccountField]][]) {
    if (source === undefined || fields[field]) continue;
    const found = asList(source)
      .map((wanted) => findColumn(header, wanted))
      .filter((c): c is string => c !== undefined);
    if (found.length > 0) fields[field] = found;
  }
  const used = new Set(Object.values(fields).flat());
  for (const column of header) {
    if (used.has(column)) continue;
    const field = accountFieldOf(column);
    if (field && !fields[field]) {
      fields[field] = [column];
      used.add(column);
    }
  }
  if (!fields.id) {
    const hint = options.preset ? ` (preset ${options.preset} expects "${asList(preset.id ?? 'id').join('", "')}")` : '';
    throw new ColumnMapError(
      `no id column${hint}; columns are: ${header.map((c) => `"${c}"`).join(', ')}; name one with id=Column`,
      'id',
    );
  }

  const extras: string[] = [];
  const ignored: string[] = [];
  for (const column of header) {
    if (used.has(column)) continue;
    // A leftover column named like an account field would collide with the mapped field.
    if (accountFieldOf(column) || column === '__proto__' || column.trim() === '') ignored.push(column);
    else extras.push(column);
  }
  return { fields, extras, ignored };
}

/**
 * A seed file in `seeds/`: the entity it fills, the properties that identify a row (checked before
 * inserting, so a second run inserts nothing), and the rows. A value may be
 * `{ "$ref": { "entity": "User", "where": { "email": "…" } } }` to use another row's id.
 */
export interface SeedFile {
  entity: string;
  key: string[];
  rows: Record<string, unknown>[];
}

export interface SeedRef {
  $ref: { entity: string; where: Record<string, unknown> };
}

export function isSeedRef(value: unknown): value is SeedRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    '$ref' in value &&
    typeof (value as SeedRef).$ref?.entity === 'string' &&
    typeof (value as SeedRef).$ref?.where === 'object'
  );
}

export function parseSeedFile(name: string, text: string): SeedFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`Seed file ${name} is not valid JSON: ${(error as Error).message}`);
  }
  const file = data as Partial<SeedFile>;
  if (
    typeof file !== 'object' ||
    file === null ||
    typeof file.entity !== 'string' ||
    !Array.isArray(file.key) ||
    file.key.length === 0 ||
    !Array.isArray(file.rows)
  ) {
    throw new Error(
      `Seed file ${name} must be { "entity": string, "key": string[], "rows": object[] }`,
    );
  }
  for (const [i, row] of file.rows.entries()) {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new Error(`Seed file ${name}: row ${i} must be an object`);
    }
    for (const k of file.key) {
      if (!(k in row)) throw new Error(`Seed file ${name}: row ${i} lacks key property "${k}"`);
    }
  }
  return file as SeedFile;
}

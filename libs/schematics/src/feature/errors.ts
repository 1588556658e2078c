/** A problem with the options the generator was given: reported as its message alone, nothing written. */
export class SchematicInputError extends Error {
  override readonly name = 'SchematicInputError';
}

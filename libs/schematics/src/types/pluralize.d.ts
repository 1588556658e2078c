/** pluralize 8 (a dependency of @nestjs/schematics, which uses it the same way) ships no types. */
declare module 'pluralize' {
  interface Pluralize {
    (word: string, count?: number, inclusive?: boolean): string;
    singular(word: string): string;
    plural(word: string): string;
    isPlural(word: string): boolean;
    isSingular(word: string): boolean;
  }
  const pluralize: Pluralize;
  export = pluralize;
}

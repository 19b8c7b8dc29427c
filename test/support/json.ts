// JSON values as the tests read them (cards, activities): the types, the object guard and a depth-first walk.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every object in the value, depth first. */
export function* walk(node: Json | undefined): Generator<JsonObject> {
  if (Array.isArray(node)) for (const item of node) yield* walk(item);
  else if (isObject(node)) {
    yield node;
    for (const value of Object.values(node)) yield* walk(value);
  }
}

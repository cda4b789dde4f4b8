/**
 * A short reference people can read out and search for: ids are `ord_` + a UUIDv7, whose
 * leading digits are a timestamp (alike for orders placed together) and whose trailing
 * digits are random, so the reference is the last six, upper-cased: `ord_…3f9a2c` → `#3F9A2C`.
 */
export function shortRef(id: string): string {
  const tail = id.replace(/^[a-z]+_/, '').replace(/[^0-9a-zA-Z]/g, '');
  return `#${tail.slice(-6).toUpperCase()}`;
}

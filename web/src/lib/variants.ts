/**
 * Product variants (a pizza's size, a phone's storage and colour): the option picker's rules
 * and how a line names what was bought. `Product.options` lists each option with its values
 * (in the product's order); `Product.variants` each combination that exists.
 */

export interface OptionLike {
  name: string;
  values: readonly string[];
}

export interface VariantLike {
  id: string;
  options: ReadonlyArray<{ name: string; value: string }>;
}

/** Option name → chosen value. */
export type Selection = Readonly<Record<string, string>>;

/** A variant's own values, by option name. */
export function selectionOf(variant: VariantLike): Selection {
  return Object.fromEntries(variant.options.map((o) => [o.name, o.value]));
}

function matches(variant: VariantLike, selection: Selection, names: readonly string[]): boolean {
  return names.every((name) => variant.options.some((o) => o.name === name && o.value === selection[name]));
}

/** The variant with exactly these values (every option chosen), if it exists. */
export function findVariant<V extends VariantLike>(variants: readonly V[], options: readonly OptionLike[], selection: Selection): V | undefined {
  const names = options.map((o) => o.name);
  return variants.find((v) => matches(v, selection, names));
}

/**
 * The variant `?variant=<id>` names, else the first one (the product's default); undefined
 * for a product without variants.
 */
export function initialVariant<V extends VariantLike>(variants: readonly V[], id: string | null | undefined): V | undefined {
  return variants.find((v) => v.id === id) ?? variants[0];
}

/**
 * Whether `value` of the option at `index` can be chosen, given the current selection. The
 * options cascade: a value is available when some variant has it together with the values
 * chosen for the options before it (the first option's values are always available, if any
 * variant has them). Later options do not restrict earlier ones: choosing "512 GB" while
 * "Blue" is chosen switches the colour to one that exists with 512 GB (see `choose`), so no
 * variant is ever out of reach, and a combination that does not exist (512 GB · Blue) is
 * never selected: with "512 GB" chosen, "Blue" is unavailable.
 */
export function isAvailable(variants: readonly VariantLike[], options: readonly OptionLike[], selection: Selection, index: number, value: string): boolean {
  const name = options[index]?.name;
  if (name === undefined) return false;
  const before = options.slice(0, index).map((o) => o.name);
  return variants.some((v) => matches(v, selection, before) && v.options.some((o) => o.name === name && o.value === value));
}

/**
 * The variant a click on `value` of the option at `index` selects: the one with that value
 * and the values chosen before it that keeps as many of the later choices as it can (the
 * earlier an option, the more it counts), else the first such in the product's order.
 * Undefined when the value is not available (see `isAvailable`).
 */
export function choose<V extends VariantLike>(variants: readonly V[], options: readonly OptionLike[], selection: Selection, index: number, value: string): V | undefined {
  if (!isAvailable(variants, options, selection, index, value)) return undefined;
  const wanted: Record<string, string> = { ...selection, [options[index].name]: value };
  const fixed = options.slice(0, index + 1).map((o) => o.name);
  const later = options.slice(index + 1).map((o) => o.name);
  let best: V | undefined;
  let bestScore = -1;
  for (const v of variants) {
    if (!matches(v, wanted, fixed)) continue;
    // Keeping an earlier later-option outweighs keeping all the ones after it.
    const score = later.reduce((sum, name, i) => sum + (matches(v, wanted, [name]) ? 2 ** (later.length - i) : 0), 0);
    if (score > bestScore) {
      best = v;
      bestScore = score;
    }
  }
  return best;
}

/** "Pizza Margherita · 35 cm": a product's name with its variant's, when it has one. */
export function withVariant(productName: string, variant: { name: string } | null | undefined): string {
  return variant?.name ? `${productName} · ${variant.name}` : productName;
}

const PLURALS: Record<string, string> = { size: 'sizes', colour: 'colours', color: 'colors', flavour: 'flavours', flavor: 'flavors' };

/**
 * A product card's hint of how it comes: "3 sizes" for one option with a known plural,
 * otherwise "4 options" (every variant counted); null for a product sold as one thing.
 */
export function variantsHint(options: ReadonlyArray<{ name: string }>, variantCount: number): string | null {
  if (variantCount === 0) return null;
  const plural = options.length === 1 ? PLURALS[options[0].name.trim().toLowerCase()] : undefined;
  if (variantCount === 1) return options.length === 1 && plural ? `1 ${options[0].name.trim().toLowerCase()}` : '1 option';
  return `${variantCount} ${plural ?? 'options'}`;
}

/** A product page's address, with the variant chosen when there is one. */
export function productPath(productId: string, variant?: { id: string } | null): string {
  return `/products/${encodeURIComponent(productId)}${variant ? `?variant=${encodeURIComponent(variant.id)}` : ''}`;
}

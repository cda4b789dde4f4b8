import { describe, expect, it } from 'vitest';
import { choose, findVariant, initialVariant, isAvailable, productPath, selectionOf, variantsHint, withVariant } from './variants';

const v = (id: string, ...pairs: Array<[string, string]>) => ({ id, options: pairs.map(([name, value]) => ({ name, value })) });

// The demo's iPhone: 256 GB and 512 GB only in Black.
const PHONE_OPTIONS = [
  { name: 'Storage', values: ['128 GB', '256 GB', '512 GB'] },
  { name: 'Colour', values: ['Black', 'Blue'] },
];
const PHONE = [
  v('128-black', ['Storage', '128 GB'], ['Colour', 'Black']),
  v('128-blue', ['Storage', '128 GB'], ['Colour', 'Blue']),
  v('256-black', ['Storage', '256 GB'], ['Colour', 'Black']),
  v('512-black', ['Storage', '512 GB'], ['Colour', 'Black']),
];

// The demo's pizzas: the default size first, as the API lists values in order of first use.
const PIZZA_OPTIONS = [{ name: 'Size', values: ['30 cm', '25 cm', '35 cm'] }];
const PIZZA = [v('30', ['Size', '30 cm']), v('25', ['Size', '25 cm']), v('35', ['Size', '35 cm'])];

const available = (selected: (typeof PHONE)[number], index: number) =>
  PHONE_OPTIONS[index].values.filter((value) => isAvailable(PHONE, PHONE_OPTIONS, selectionOf(selected), index, value));

describe('option picker rules', () => {
  it('finds the variant of a full selection, and none for a combination that does not exist', () => {
    expect(findVariant(PHONE, PHONE_OPTIONS, { Storage: '256 GB', Colour: 'Black' })?.id).toBe('256-black');
    expect(findVariant(PHONE, PHONE_OPTIONS, { Storage: '512 GB', Colour: 'Blue' })).toBeUndefined();
    expect(findVariant(PHONE, PHONE_OPTIONS, { Storage: '128 GB' })).toBeUndefined();
    expect(findVariant(PIZZA, PIZZA_OPTIONS, { Size: '35 cm' })?.id).toBe('35');
  });

  it('starts from the variant in the address, else the first', () => {
    expect(initialVariant(PHONE, '256-black')?.id).toBe('256-black');
    expect(initialVariant(PHONE, null)?.id).toBe('128-black');
    expect(initialVariant(PHONE, 'var_gone')?.id).toBe('128-black');
    expect(initialVariant([], 'anything')).toBeUndefined();
  });

  it('disables a colour that does not exist with the storage chosen', () => {
    const [black128, blue128, black256, black512] = PHONE;
    // Every storage exists in some colour: the first option's values stay available.
    for (const selected of PHONE) expect(available(selected, 0)).toEqual(['128 GB', '256 GB', '512 GB']);
    expect(available(black128, 1)).toEqual(['Black', 'Blue']);
    expect(available(blue128, 1)).toEqual(['Black', 'Blue']);
    expect(available(black256, 1)).toEqual(['Black']);
    expect(available(black512, 1)).toEqual(['Black']);
    // Nothing is available of an option the product does not have.
    expect(isAvailable(PHONE, PHONE_OPTIONS, selectionOf(black128), 2, 'Black')).toBe(false);
  });

  it('gives the variant a choice makes, keeping the other choices when that variant exists', () => {
    const [black128, blue128, black256, black512] = PHONE;
    expect(choose(PHONE, PHONE_OPTIONS, selectionOf(black128), 0, '256 GB')).toBe(black256);
    expect(choose(PHONE, PHONE_OPTIONS, selectionOf(black128), 1, 'Blue')).toBe(blue128);
    expect(choose(PHONE, PHONE_OPTIONS, selectionOf(black256), 0, '128 GB')).toBe(black128);
    // The same value again: the same variant.
    expect(choose(PHONE, PHONE_OPTIONS, selectionOf(black512), 0, '512 GB')).toBe(black512);
  });

  it('never selects 512 GB in Blue: from Blue, 512 GB comes in Black; from 512 GB, Blue is refused', () => {
    const [, blue128, , black512] = PHONE;
    expect(choose(PHONE, PHONE_OPTIONS, selectionOf(blue128), 0, '512 GB')).toBe(black512);
    expect(choose(PHONE, PHONE_OPTIONS, selectionOf(black512), 1, 'Blue')).toBeUndefined();
  });

  it('reaches every variant, choosing option by option', () => {
    for (const target of PHONE) {
      let selected = PHONE[1];
      PHONE_OPTIONS.forEach((option, index) => {
        const value = selectionOf(target)[option.name];
        expect(isAvailable(PHONE, PHONE_OPTIONS, selectionOf(selected), index, value)).toBe(true);
        selected = choose(PHONE, PHONE_OPTIONS, selectionOf(selected), index, value)!;
      });
      expect(selected).toBe(target);
    }
  });

  it('keeps the earlier of the later choices when not all can be kept', () => {
    const options = [
      { name: 'Size', values: ['S', 'L'] },
      { name: 'Colour', values: ['Red', 'Blue'] },
      { name: 'Fabric', values: ['Cotton', 'Wool'] },
    ];
    const variants = [
      v('s-red-cotton', ['Size', 'S'], ['Colour', 'Red'], ['Fabric', 'Cotton']),
      v('l-blue-cotton', ['Size', 'L'], ['Colour', 'Blue'], ['Fabric', 'Cotton']),
      v('l-red-wool', ['Size', 'L'], ['Colour', 'Red'], ['Fabric', 'Wool']),
    ];
    // From S · Red · Cotton to L: Red (the colour) matters more than Cotton.
    expect(choose(variants, options, selectionOf(variants[0]), 0, 'L')?.id).toBe('l-red-wool');
  });

  it('lets a pizza be any of its sizes', () => {
    for (const selected of PIZZA) {
      expect(PIZZA_OPTIONS[0].values.every((value) => isAvailable(PIZZA, PIZZA_OPTIONS, selectionOf(selected), 0, value))).toBe(true);
    }
    expect(choose(PIZZA, PIZZA_OPTIONS, selectionOf(PIZZA[0]), 0, '35 cm')?.id).toBe('35');
  });
});

describe('variant labels', () => {
  it('names a line by its product and variant', () => {
    expect(withVariant('Pizza Margherita', { name: '35 cm' })).toBe('Pizza Margherita · 35 cm');
    expect(withVariant('Apple iPhone 15', { name: '256 GB · Black' })).toBe('Apple iPhone 15 · 256 GB · Black');
    expect(withVariant('Green tea', null)).toBe('Green tea');
    expect(withVariant('Green tea', undefined)).toBe('Green tea');
  });

  it('hints on a card how a product comes', () => {
    expect(variantsHint([{ name: 'Size' }], 3)).toBe('3 sizes');
    expect(variantsHint([{ name: 'Colour' }], 2)).toBe('2 colours');
    expect(variantsHint([{ name: 'Storage' }], 2)).toBe('2 options');
    expect(variantsHint([{ name: 'Storage' }, { name: 'Colour' }], 4)).toBe('4 options');
    expect(variantsHint([{ name: 'Size' }], 1)).toBe('1 size');
    expect(variantsHint([], 0)).toBeNull();
  });

  it('links a product page to the variant', () => {
    expect(productPath('prd_1', { id: 'var_35' })).toBe('/products/prd_1?variant=var_35');
    expect(productPath('prd_1', null)).toBe('/products/prd_1');
  });
});

/** Test data for the seller console's component tests (not used by the app). */
import { sessionStore } from '../../api/session';
import type {
  CategoriesQuery,
  SellerOfferFieldsFragment,
  SellerProductFieldsFragment,
  SellerShopOffersQuery,
  StockChangedSubscription,
} from '../../gql/graphql';

export const SELLER_ID = 'cus-seller';

export const kzt = (amount: number) => ({ __typename: 'Money' as const, amount, currency: 'KZT' as const });

export function signInAs(roles: string[] = ['SELLER', 'CUSTOMER'], id = SELLER_ID) {
  sessionStore.set({
    accessToken: 'token',
    refreshToken: 'refresh',
    expiresAt: Date.now() + 3_600_000,
    customer: { id, email: 'seller@vitrine.kz', name: 'Demo seller', roles },
  });
}

export function offer(overrides: Partial<SellerOfferFieldsFragment> & { name?: string; productId?: string } = {}): SellerOfferFieldsFragment {
  const { name = 'Green tea', productId = 'prd-tea', ...rest } = overrides;
  return {
    __typename: 'Offer',
    id: 'ofr-tea',
    active: true,
    stock: 12,
    inStock: true,
    price: kzt(150_000),
    product: { __typename: 'Product', id: productId, name, slug: 'green-tea', archived: false },
    variant: null,
    ...rest,
  };
}

export function shopOffers(offers: SellerOfferFieldsFragment[], ownerId = SELLER_ID): SellerShopOffersQuery {
  return {
    __typename: 'Query',
    shop: {
      __typename: 'Shop',
      id: 'shp-1',
      name: 'Tea House',
      address: 'Abay Ave 1, Almaty',
      openingHours: 'Mo-Su 10:00-22:00',
      ownerId,
      offers,
    },
  };
}

export function stockEvent(productId: string, offers: Array<{ id: string; stock: number }>): { data: StockChangedSubscription } {
  const total = offers.reduce((n, o) => n + o.stock, 0);
  return {
    data: {
      stockChanged: {
        __typename: 'Product',
        id: productId,
        stock: total,
        inStock: total > 0,
        offers: offers.map((o) => ({ __typename: 'Offer', id: o.id, stock: o.stock, inStock: o.stock > 0 })),
      },
    },
  };
}

export function product(overrides: Partial<SellerProductFieldsFragment> = {}): SellerProductFieldsFragment {
  return {
    __typename: 'Product',
    id: 'prd-lamp',
    name: 'Desk lamp',
    slug: 'desk-lamp',
    description: 'A warm lamp.',
    tags: ['lamp', 'home'],
    imageUrl: null,
    images: [],
    archived: false,
    requiresPreparation: false,
    createdAt: '2026-03-01T09:00:00Z',
    price: kzt(1_299_050),
    category: { __typename: 'Category', id: 'cat-acc', name: 'Accessories' },
    options: [],
    variants: [],
    ...overrides,
  };
}

export const categories: CategoriesQuery = {
  __typename: 'Query',
  categories: [
    { __typename: 'Category', id: 'cat-el', name: 'Electronics', slug: 'electronics', tags: [], parent: null },
    { __typename: 'Category', id: 'cat-acc', name: 'Accessories', slug: 'accessories', tags: [], parent: { __typename: 'Category', id: 'cat-el' } },
    { __typename: 'Category', id: 'cat-au', name: 'Audio', slug: 'audio', tags: [], parent: { __typename: 'Category', id: 'cat-el' } },
  ],
};

import { graphql } from '../../gql';

// The seller console's operations (issue #18). Shared ones it also uses live in
// src/api/operations.ts: CategoriesQuery, StockChangedSubscription.

// ---- shops --------------------------------------------------------------------------------

export const SellerShopsQuery = graphql(`
  query SellerShops {
    myShops {
      id
      name
      slug
      address
      openingHours
      offers { id active }
    }
  }
`);

export const SellerCreateShopMutation = graphql(`
  mutation SellerCreateShop($input: CreateShopInput!) {
    createShop(input: $input) { id name slug address openingHours }
  }
`);

// ---- offers -------------------------------------------------------------------------------

export const SellerOfferFields = graphql(`
  fragment SellerOfferFields on Offer {
    id
    active
    stock
    inStock
    price { amount currency }
    product { id name slug archived }
    variant { id name }
  }
`);

export const SellerShopOffersQuery = graphql(`
  query SellerShopOffers($shopId: ID!) {
    shop(id: $shopId) {
      id
      name
      address
      openingHours
      ownerId
      offers { ...SellerOfferFields }
    }
  }
`);

export const SellerAddOfferMutation = graphql(`
  mutation SellerAddOffer($shopId: ID!, $productId: ID!, $variantId: ID, $price: Int!, $count: Int!) {
    addOfferToShop(shopId: $shopId, productId: $productId, variantId: $variantId, price: $price, count: $count) {
      ...SellerOfferFields
    }
  }
`);

export const SellerUpdateOfferMutation = graphql(`
  mutation SellerUpdateOffer($offerId: ID!, $price: Int, $count: Int, $active: Boolean) {
    updateOffer(offerId: $offerId, price: $price, count: $count, active: $active) {
      ...SellerOfferFields
    }
  }
`);

export const SellerRemoveOfferMutation = graphql(`
  mutation SellerRemoveOffer($offerId: ID!) {
    removeOffer(offerId: $offerId)
  }
`);

export const SellerOfferQuery = graphql(`
  query SellerOffer($id: ID!) {
    offer(id: $id) {
      ...SellerOfferFields
      shop { id name ownerId }
    }
  }
`);

// ---- stock --------------------------------------------------------------------------------

export const SellerStockMovementsQuery = graphql(`
  query SellerStockMovements($offerId: ID!, $first: Int!) {
    stockMovements(offerId: $offerId, first: $first) { actor createdAt delta reason }
  }
`);

export const SellerAdjustStockMutation = graphql(`
  mutation SellerAdjustStock($offerId: ID!, $delta: Int!, $reason: String!) {
    adjustStock(offerId: $offerId, delta: $delta, reason: $reason) { id stock inStock }
  }
`);

export const SellerLowStockQuery = graphql(`
  query SellerLowStock($threshold: Int!, $first: Int!) {
    lowStockOffers(threshold: $threshold, first: $first) {
      id
      active
      stock
      price { amount currency }
      product { id name }
      variant { id name }
      shop { id name ownerId }
    }
  }
`);

// ---- products -----------------------------------------------------------------------------

export const SellerProductFields = graphql(`
  fragment SellerProductFields on Product {
    id
    name
    slug
    description
    tags
    imageUrl
    images { thumb: url(size: THUMB) alt }
    archived
    requiresPreparation
    createdAt
    price { amount currency }
    category { id name }
    options { name values }
    variants { id name options { name value } price { amount currency } }
  }
`);

export const SellerProductsQuery = graphql(`
  query SellerProducts($first: Int!, $offset: Int!, $includeArchived: Boolean!) {
    myProducts(first: $first, offset: $offset, includeArchived: $includeArchived) {
      ...SellerProductFields
    }
  }
`);

export const SellerProductQuery = graphql(`
  query SellerProduct($id: ID!) {
    product(id: $id) { ...SellerProductFields }
  }
`);

export const SellerCreateProductMutation = graphql(`
  mutation SellerCreateProduct($input: ProductInput!) {
    createProduct(input: $input) { ...SellerProductFields }
  }
`);

export const SellerUpdateProductMutation = graphql(`
  mutation SellerUpdateProduct($id: ID!, $input: ProductInput!) {
    updateProduct(id: $id, input: $input) { ...SellerProductFields }
  }
`);

/**
 * Adds a picture to a product the seller created. Not sent through urql: the file goes with
 * the GraphQL multipart request spec, by fetch (src/api/upload.ts), with this text.
 */
export const SellerAddProductImageMutation = graphql(`
  mutation SellerAddProductImage($productId: ID!, $file: Upload!, $alt: String!) {
    addProductImage(productId: $productId, file: $file, alt: $alt) {
      id
      images { thumb: url(size: THUMB) alt }
    }
  }
`);

/**
 * Adds a variant to a product the seller created: its value of each option (every variant
 * names the same options, in the same order) and its list price in tiyn (the product's when
 * null). The answer carries the product's options and variants as they now are.
 */
export const SellerAddProductVariantMutation = graphql(`
  mutation SellerAddProductVariant($productId: ID!, $options: [SelectedOptionInput!]!, $price: Int) {
    addProductVariant(productId: $productId, options: $options, price: $price) {
      id
      name
      product {
        id
        options { name values }
        variants { id name options { name value } price { amount currency } }
      }
    }
  }
`);

export const SellerArchiveProductMutation = graphql(`
  mutation SellerArchiveProduct($id: ID!) {
    archiveProduct(id: $id) { id archived }
  }
`);

/** The catalog search of the add-offer form's product picker. */
export const SellerFindProductsQuery = graphql(`
  query SellerFindProducts($query: String!, $first: Int!) {
    searchProducts(query: $query, first: $first) {
      edges {
        node {
          id
          name
          price { amount currency }
          category { id name }
          variants { id name price { amount currency } }
        }
      }
    }
  }
`);

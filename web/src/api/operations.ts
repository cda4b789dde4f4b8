import { graphql } from '../gql';

// ---- auth -------------------------------------------------------------------------------

export const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      refreshToken
      expiresIn
      customer { id email name roles }
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      refreshToken
      expiresIn
      customer { id email name roles }
    }
  }
`);

// Sent by the Authenticator with plain fetch (auth.ts), not through urql.
export const RefreshSessionMutation = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      accessToken refreshToken expiresIn customer { id email name roles }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

// ---- catalog ------------------------------------------------------------------------------

export const CategoriesQuery = graphql(`
  query Categories {
    categories {
      id
      name
      slug
      tags
      parent { id }
    }
  }
`);

// `withFacets`: what each filter would find (per category, per tag, in stock). Only the
// catalog page's first page asks; the server computes them only when they are selected.
export const SearchProductsQuery = graphql(`
  query SearchProducts(
    $first: Int
    $after: String
    $query: String
    $categoryId: ID
    $tags: [String!]
    $minPrice: Int
    $maxPrice: Int
    $inStockOnly: Boolean
    $sort: ProductSort
    $withFacets: Boolean! = false
  ) {
    searchProducts(
      first: $first
      after: $after
      query: $query
      categoryId: $categoryId
      tags: $tags
      minPrice: $minPrice
      maxPrice: $maxPrice
      inStockOnly: $inStockOnly
      sort: $sort
    ) {
      totalCount
      facets @include(if: $withFacets) {
        categories { category { id slug name } count }
        tags { tag count }
        inStock
      }
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id
          name
          slug
          imageUrl
          images { card: url(size: CARD) alt }
          tags
          inStock
          stock
          requiresPreparation
          price { amount currency }
          cheapestOffer { id price { amount currency } shop { id name } }
          category { id name }
          options { name }
          variants { id }
        }
      }
    }
  }
`);

/** The header search's suggestions: a few matches, each with a thumbnail. */
export const SearchSuggestionsQuery = graphql(`
  query SearchSuggestions($query: String!, $first: Int!) {
    searchProducts(query: $query, first: $first) {
      edges {
        node {
          id
          name
          imageUrl
          images { thumb: url(size: THUMB) alt }
          price { amount currency }
          cheapestOffer { id price { amount currency } }
          options { name }
        }
      }
    }
  }
`);

export const ProductQuery = graphql(`
  query Product($id: ID!) {
    product(id: $id) {
      id
      name
      slug
      description
      imageUrl
      images { full: url(size: FULL) thumb: url(size: THUMB) alt }
      tags
      archived
      requiresPreparation
      inStock
      stock
      price { amount currency }
      category { id name parent { id name } }
      options { name values }
      variants {
        id
        name
        options { name value }
        price { amount currency }
      }
      offers {
        id
        active
        inStock
        stock
        price { amount currency }
        shop { id name address openingHours }
        variant { id }
      }
    }
  }
`);

export const StockChangedSubscription = graphql(`
  subscription StockChanged($productId: ID!) {
    stockChanged(productId: $productId) {
      id
      stock
      inStock
      offers { id stock inStock }
    }
  }
`);

// ---- cart ---------------------------------------------------------------------------------

export const CartFields = graphql(`
  fragment CartFields on Cart {
    id
    status
    itemCount
    promoCode
    subtotal { amount currency }
    discount { amount currency }
    total { amount currency }
    warnings {
      kind
      message
      offerId
      currentPrice { amount currency }
      previousPrice { amount currency }
    }
    lines {
      quantity
      available
      shopId
      unitPrice { amount currency }
      lineTotal { amount currency }
      offer { id shop { id name } }
      product { id name imageUrl images { thumb: url(size: THUMB) alt } requiresPreparation }
      variant { id name }
    }
  }
`);

export const MyCartQuery = graphql(`
  query MyCart($guestToken: String) {
    myCart(guestToken: $guestToken) {
      ...CartFields
    }
  }
`);

export const CartCountQuery = graphql(`
  query CartCount($guestToken: String) {
    myCart(guestToken: $guestToken) { id itemCount }
  }
`);

export const StartGuestCartMutation = graphql(`
  mutation StartGuestCart {
    startGuestCart { token cart { id itemCount } }
  }
`);

export const MergeGuestCartMutation = graphql(`
  mutation MergeGuestCart($guestToken: String!) {
    mergeGuestCart(guestToken: $guestToken) { ...CartFields }
  }
`);

export const AddToCartMutation = graphql(`
  mutation AddToCart($offerId: ID!, $quantity: Int!, $guestToken: String) {
    addToCart(offerId: $offerId, quantity: $quantity, guestToken: $guestToken) { ...CartFields }
  }
`);

export const SetCartLineQuantityMutation = graphql(`
  mutation SetCartLineQuantity($offerId: ID!, $quantity: Int!, $guestToken: String) {
    setCartLineQuantity(offerId: $offerId, quantity: $quantity, guestToken: $guestToken) {
      ...CartFields
    }
  }
`);

export const RemoveFromCartMutation = graphql(`
  mutation RemoveFromCart($offerId: ID!, $guestToken: String) {
    removeFromCart(offerId: $offerId, guestToken: $guestToken) { ...CartFields }
  }
`);

export const ApplyPromoCodeMutation = graphql(`
  mutation ApplyPromoCode($code: String!, $guestToken: String) {
    applyPromoCode(code: $code, guestToken: $guestToken) { ...CartFields }
  }
`);

export const RemovePromoCodeMutation = graphql(`
  mutation RemovePromoCode($guestToken: String) {
    removePromoCode(guestToken: $guestToken) { ...CartFields }
  }
`);

export const AcceptCartChangesMutation = graphql(`
  mutation AcceptCartChanges($guestToken: String) {
    acceptCartChanges(guestToken: $guestToken) { ...CartFields }
  }
`);

// ---- account: profile and address book -------------------------------------------------------

export const AddressFields = graphql(`
  fragment AddressFields on Address {
    id label line1 line2 city postalCode latitude longitude isDefault
  }
`);

export const AccountQuery = graphql(`
  query Account {
    me {
      id
      email
      name
      phone
      addresses { ...AddressFields }
    }
  }
`);

export const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) { id name phone }
  }
`);

export const UpdateAddressMutation = graphql(`
  mutation UpdateAddress($id: ID!, $input: AddressInput!) {
    updateAddress(id: $id, input: $input) { ...AddressFields }
  }
`);

export const RemoveAddressMutation = graphql(`
  mutation RemoveAddress($id: ID!) {
    removeAddress(id: $id)
  }
`);

// ---- checkout -----------------------------------------------------------------------------

export const CheckoutDataQuery = graphql(`
  query CheckoutData {
    me {
      id
      addresses { ...AddressFields }
      wallet {
        balance { amount currency }
        available { amount currency }
      }
    }
    mySavedCards { id brand last4 expMonth expYear }
    myCart { ...CartFields }
  }
`);

export const AddAddressMutation = graphql(`
  mutation AddAddress($input: AddressInput!) {
    addAddress(input: $input) { ...AddressFields }
  }
`);

export const AddCardMutation = graphql(`
  mutation AddCard($input: CardInput!) {
    addCard(input: $input) { id brand last4 expMonth expYear }
  }
`);

/**
 * What checkout would charge for delivery of the cart to one of the customer's addresses, and
 * when it would arrive. `BAD_USER_INPUT` when the address is outside the delivery area (or the
 * cart is empty), `NOT_FOUND` for an address not in the book.
 */
export const DeliveryQuoteQuery = graphql(`
  query DeliveryQuote($addressId: ID!) {
    deliveryQuote(addressId: $addressId) {
      itemsTotal { amount currency }
      deliveryFee { amount currency }
      total { amount currency }
      distanceMeters
      promisedAt
    }
  }
`);

export const CheckoutMutation = graphql(`
  mutation Checkout($input: CheckoutInput!) {
    checkout(input: $input) { id status total { amount currency } }
  }
`);

// ---- orders -------------------------------------------------------------------------------

export const DeliveryFields = graphql(`
  fragment DeliveryFields on Delivery {
    id
    status
    attempts
    eta
    etaSeconds
    routeDistanceMeters
    assignedAt
    pickedUpAt
    finishedAt
    reason
    destination { latitude longitude }
    courier {
      id
      name
      vehicle
      location { latitude longitude }
    }
    routeToDoor { latitude longitude }
  }
`);

export const OrderFields = graphql(`
  fragment OrderFields on Order {
    id
    number
    status
    createdAt
    updatedAt
    paymentMethod
    promoCode
    note
    subtotal { amount currency }
    discount { amount currency }
    deliveryFee { amount currency }
    total { amount currency }
    promisedAt
    deliveredAt
    promiseKept
    failure { code message }
    deliveryAddress { label line1 line2 city postalCode latitude longitude }
    lines {
      quantity
      shopId
      unitPrice { amount currency }
      lineTotal { amount currency }
      product { id name imageUrl requiresPreparation }
      variant { id name }
    }
    statusHistory { from to at reason actor }
    kitchenTicket {
      id
      status
      readyBy
      readyAt
      startedAt
      reason
      items { productId variantId variant { id name } quantity station status prepSeconds startedAt dueAt }
    }
    payment { id status method card { brand last4 } declineReason }
  }
`);

export const OrderQuery = graphql(`
  query Order($id: ID!) {
    order(id: $id) {
      ...OrderFields
      delivery { ...DeliveryFields }
    }
  }
`);

/**
 * The order's payment alone: payments settles it (capture, void) after the order's last
 * status event, so the order page asks for it again until it has caught up.
 */
export const OrderPaymentQuery = graphql(`
  query OrderPayment($id: ID!) {
    order(id: $id) {
      id
      payment { id status method card { brand last4 } declineReason }
    }
  }
`);

export const OrderStatusChangedSubscription = graphql(`
  subscription OrderStatusChanged($orderId: ID!) {
    orderStatusChanged(orderId: $orderId) {
      ...OrderFields
    }
  }
`);

export const DeliveryUpdatedSubscription = graphql(`
  subscription DeliveryUpdated($orderId: ID!) {
    deliveryUpdated(orderId: $orderId) { ...DeliveryFields }
  }
`);

export const MyOrdersQuery = graphql(`
  query MyOrders($first: Int!, $after: String) {
    myOrders(first: $first, after: $after) {
      nextCursor
      orders {
        id
        number
        cursor
        createdAt
        status
        paymentMethod
        total { amount currency }
        lines { quantity product { id name } variant { id name } }
      }
    }
  }
`);

export const CancelOrderMutation = graphql(`
  mutation CancelOrder($orderId: ID!, $reason: String) {
    cancelOrder(orderId: $orderId, reason: $reason) { ...OrderFields }
  }
`);

// ---- wallet -------------------------------------------------------------------------------

export const WalletQuery = graphql(`
  query Wallet($first: Int!, $after: String) {
    me {
      id
      wallet {
        balance { amount currency }
        available { amount currency }
        held { amount currency }
        entries(first: $first, after: $after) {
          id
          kind
          reference
          createdAt
          cursor
          amount { amount currency }
          order { id number }
        }
      }
    }
  }
`);

export const TopUpWalletMutation = graphql(`
  mutation TopUpWallet($amount: Int!, $idempotencyKey: String!) {
    topUpWallet(amount: $amount, idempotencyKey: $idempotencyKey) {
      entry { id kind amount { amount currency } }
      wallet {
        balance { amount currency }
        available { amount currency }
        held { amount currency }
      }
    }
  }
`);

// ---- notifications ------------------------------------------------------------------------

export const UnreadCountQuery = graphql(`
  query UnreadCount {
    unreadNotificationCount
  }
`);

export const NotificationsQuery = graphql(`
  query Notifications($first: Int!) {
    myNotifications(first: $first) {
      unreadCount
      nextCursor
      notifications { id title body kind orderId read createdAt }
    }
  }
`);

export const NotificationReceivedSubscription = graphql(`
  subscription NotificationReceived {
    notificationReceived { id title body kind orderId read createdAt }
  }
`);

export const MarkAllNotificationsReadMutation = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);

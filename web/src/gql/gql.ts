/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      customer { id email name roles }\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresIn\n      customer { id email name roles }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken refreshToken expiresIn customer { id email name roles }\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.LogoutDocument,
    "\n  query Categories {\n    categories {\n      id\n      name\n      slug\n      tags\n      parent { id }\n    }\n  }\n": typeof types.CategoriesDocument,
    "\n  query SearchProducts(\n    $first: Int\n    $after: String\n    $query: String\n    $categoryId: ID\n    $tags: [String!]\n    $minPrice: Int\n    $maxPrice: Int\n    $inStockOnly: Boolean\n    $sort: ProductSort\n  ) {\n    searchProducts(\n      first: $first\n      after: $after\n      query: $query\n      categoryId: $categoryId\n      tags: $tags\n      minPrice: $minPrice\n      maxPrice: $maxPrice\n      inStockOnly: $inStockOnly\n      sort: $sort\n    ) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          name\n          slug\n          imageUrl\n          tags\n          inStock\n          stock\n          requiresPreparation\n          price { amount currency }\n          cheapestOffer { id price { amount currency } shop { id name } }\n          category { id name }\n        }\n      }\n    }\n  }\n": typeof types.SearchProductsDocument,
    "\n  query Product($id: ID!) {\n    product(id: $id) {\n      id\n      name\n      slug\n      description\n      imageUrl\n      tags\n      archived\n      requiresPreparation\n      inStock\n      stock\n      price { amount currency }\n      category { id name parent { id name } }\n      offers {\n        id\n        active\n        inStock\n        stock\n        price { amount currency }\n        shop { id name address openingHours }\n      }\n    }\n  }\n": typeof types.ProductDocument,
    "\n  subscription StockChanged($productId: ID!) {\n    stockChanged(productId: $productId) {\n      id\n      stock\n      inStock\n      offers { id stock inStock }\n    }\n  }\n": typeof types.StockChangedDocument,
    "\n  fragment CartFields on Cart {\n    id\n    status\n    itemCount\n    promoCode\n    subtotal { amount currency }\n    discount { amount currency }\n    total { amount currency }\n    warnings {\n      kind\n      message\n      offerId\n      currentPrice { amount currency }\n      previousPrice { amount currency }\n    }\n    lines {\n      quantity\n      available\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      offer { id shop { id name } }\n      product { id name imageUrl requiresPreparation }\n    }\n  }\n": typeof types.CartFieldsFragmentDoc,
    "\n  query MyCart($guestToken: String) {\n    myCart(guestToken: $guestToken) {\n      ...CartFields\n    }\n  }\n": typeof types.MyCartDocument,
    "\n  query CartCount($guestToken: String) {\n    myCart(guestToken: $guestToken) { id itemCount }\n  }\n": typeof types.CartCountDocument,
    "\n  mutation StartGuestCart {\n    startGuestCart { token cart { id itemCount } }\n  }\n": typeof types.StartGuestCartDocument,
    "\n  mutation MergeGuestCart($guestToken: String!) {\n    mergeGuestCart(guestToken: $guestToken) { ...CartFields }\n  }\n": typeof types.MergeGuestCartDocument,
    "\n  mutation AddToCart($offerId: ID!, $quantity: Int!, $guestToken: String) {\n    addToCart(offerId: $offerId, quantity: $quantity, guestToken: $guestToken) { ...CartFields }\n  }\n": typeof types.AddToCartDocument,
    "\n  mutation SetCartLineQuantity($offerId: ID!, $quantity: Int!, $guestToken: String) {\n    setCartLineQuantity(offerId: $offerId, quantity: $quantity, guestToken: $guestToken) {\n      ...CartFields\n    }\n  }\n": typeof types.SetCartLineQuantityDocument,
    "\n  mutation RemoveFromCart($offerId: ID!, $guestToken: String) {\n    removeFromCart(offerId: $offerId, guestToken: $guestToken) { ...CartFields }\n  }\n": typeof types.RemoveFromCartDocument,
    "\n  mutation ApplyPromoCode($code: String!, $guestToken: String) {\n    applyPromoCode(code: $code, guestToken: $guestToken) { ...CartFields }\n  }\n": typeof types.ApplyPromoCodeDocument,
    "\n  mutation RemovePromoCode($guestToken: String) {\n    removePromoCode(guestToken: $guestToken) { ...CartFields }\n  }\n": typeof types.RemovePromoCodeDocument,
    "\n  mutation AcceptCartChanges($guestToken: String) {\n    acceptCartChanges(guestToken: $guestToken) { ...CartFields }\n  }\n": typeof types.AcceptCartChangesDocument,
    "\n  query CheckoutData {\n    me {\n      id\n      addresses {\n        id label line1 line2 city postalCode latitude longitude isDefault\n      }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n      }\n    }\n    mySavedCards { id brand last4 expMonth expYear }\n    myCart { ...CartFields }\n  }\n": typeof types.CheckoutDataDocument,
    "\n  mutation AddAddress($input: AddressInput!) {\n    addAddress(input: $input) {\n      id label line1 line2 city postalCode latitude longitude isDefault\n    }\n  }\n": typeof types.AddAddressDocument,
    "\n  mutation AddCard($input: CardInput!) {\n    addCard(input: $input) { id brand last4 expMonth expYear }\n  }\n": typeof types.AddCardDocument,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) { id status total { amount currency } }\n  }\n": typeof types.CheckoutDocument,
    "\n  fragment DeliveryFields on Delivery {\n    id\n    status\n    attempts\n    eta\n    etaSeconds\n    routeDistanceMeters\n    assignedAt\n    pickedUpAt\n    finishedAt\n    reason\n    destination { latitude longitude }\n    courier {\n      id\n      name\n      vehicle\n      location { latitude longitude }\n    }\n    routeToDoor { latitude longitude }\n  }\n": typeof types.DeliveryFieldsFragmentDoc,
    "\n  fragment OrderFields on Order {\n    id\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    promoCode\n    note\n    subtotal { amount currency }\n    discount { amount currency }\n    total { amount currency }\n    failure { code message }\n    deliveryAddress { label line1 line2 city postalCode latitude longitude }\n    lines {\n      quantity\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      product { id name imageUrl requiresPreparation }\n    }\n    statusHistory { from to at reason actor }\n    kitchenTicket {\n      id\n      status\n      readyBy\n      readyAt\n      startedAt\n      reason\n      items { productId quantity station status prepSeconds startedAt dueAt }\n    }\n    payment { id status method card { brand last4 } declineReason }\n  }\n": typeof types.OrderFieldsFragmentDoc,
    "\n  query Order($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n      delivery { ...DeliveryFields }\n    }\n  }\n": typeof types.OrderDocument,
    "\n  subscription OrderStatusChanged($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) {\n      ...OrderFields\n    }\n  }\n": typeof types.OrderStatusChangedDocument,
    "\n  subscription DeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...DeliveryFields }\n  }\n": typeof types.DeliveryUpdatedDocument,
    "\n  query MyOrders($first: Int!, $after: String) {\n    myOrders(first: $first, after: $after) {\n      nextCursor\n      orders {\n        id\n        cursor\n        createdAt\n        status\n        paymentMethod\n        total { amount currency }\n        lines { quantity product { id name } }\n      }\n    }\n  }\n": typeof types.MyOrdersDocument,
    "\n  mutation CancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) { ...OrderFields }\n  }\n": typeof types.CancelOrderDocument,
    "\n  query Wallet($first: Int!, $after: String) {\n    me {\n      id\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n        entries(first: $first, after: $after) {\n          id\n          kind\n          reference\n          createdAt\n          cursor\n          amount { amount currency }\n        }\n      }\n    }\n  }\n": typeof types.WalletDocument,
    "\n  mutation TopUpWallet($amount: Int!, $idempotencyKey: String!) {\n    topUpWallet(amount: $amount, idempotencyKey: $idempotencyKey) {\n      entry { id kind amount { amount currency } }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n      }\n    }\n  }\n": typeof types.TopUpWalletDocument,
    "\n  query UnreadCount {\n    unreadNotificationCount\n  }\n": typeof types.UnreadCountDocument,
    "\n  query Notifications($first: Int!) {\n    myNotifications(first: $first) {\n      unreadCount\n      nextCursor\n      notifications { id title body kind orderId read createdAt }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  subscription NotificationReceived {\n    notificationReceived { id title body kind orderId read createdAt }\n  }\n": typeof types.NotificationReceivedDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": typeof types.MarkAllNotificationsReadDocument,
};
const documents: Documents = {
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      customer { id email name roles }\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresIn\n      customer { id email name roles }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken refreshToken expiresIn customer { id email name roles }\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.LogoutDocument,
    "\n  query Categories {\n    categories {\n      id\n      name\n      slug\n      tags\n      parent { id }\n    }\n  }\n": types.CategoriesDocument,
    "\n  query SearchProducts(\n    $first: Int\n    $after: String\n    $query: String\n    $categoryId: ID\n    $tags: [String!]\n    $minPrice: Int\n    $maxPrice: Int\n    $inStockOnly: Boolean\n    $sort: ProductSort\n  ) {\n    searchProducts(\n      first: $first\n      after: $after\n      query: $query\n      categoryId: $categoryId\n      tags: $tags\n      minPrice: $minPrice\n      maxPrice: $maxPrice\n      inStockOnly: $inStockOnly\n      sort: $sort\n    ) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          name\n          slug\n          imageUrl\n          tags\n          inStock\n          stock\n          requiresPreparation\n          price { amount currency }\n          cheapestOffer { id price { amount currency } shop { id name } }\n          category { id name }\n        }\n      }\n    }\n  }\n": types.SearchProductsDocument,
    "\n  query Product($id: ID!) {\n    product(id: $id) {\n      id\n      name\n      slug\n      description\n      imageUrl\n      tags\n      archived\n      requiresPreparation\n      inStock\n      stock\n      price { amount currency }\n      category { id name parent { id name } }\n      offers {\n        id\n        active\n        inStock\n        stock\n        price { amount currency }\n        shop { id name address openingHours }\n      }\n    }\n  }\n": types.ProductDocument,
    "\n  subscription StockChanged($productId: ID!) {\n    stockChanged(productId: $productId) {\n      id\n      stock\n      inStock\n      offers { id stock inStock }\n    }\n  }\n": types.StockChangedDocument,
    "\n  fragment CartFields on Cart {\n    id\n    status\n    itemCount\n    promoCode\n    subtotal { amount currency }\n    discount { amount currency }\n    total { amount currency }\n    warnings {\n      kind\n      message\n      offerId\n      currentPrice { amount currency }\n      previousPrice { amount currency }\n    }\n    lines {\n      quantity\n      available\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      offer { id shop { id name } }\n      product { id name imageUrl requiresPreparation }\n    }\n  }\n": types.CartFieldsFragmentDoc,
    "\n  query MyCart($guestToken: String) {\n    myCart(guestToken: $guestToken) {\n      ...CartFields\n    }\n  }\n": types.MyCartDocument,
    "\n  query CartCount($guestToken: String) {\n    myCart(guestToken: $guestToken) { id itemCount }\n  }\n": types.CartCountDocument,
    "\n  mutation StartGuestCart {\n    startGuestCart { token cart { id itemCount } }\n  }\n": types.StartGuestCartDocument,
    "\n  mutation MergeGuestCart($guestToken: String!) {\n    mergeGuestCart(guestToken: $guestToken) { ...CartFields }\n  }\n": types.MergeGuestCartDocument,
    "\n  mutation AddToCart($offerId: ID!, $quantity: Int!, $guestToken: String) {\n    addToCart(offerId: $offerId, quantity: $quantity, guestToken: $guestToken) { ...CartFields }\n  }\n": types.AddToCartDocument,
    "\n  mutation SetCartLineQuantity($offerId: ID!, $quantity: Int!, $guestToken: String) {\n    setCartLineQuantity(offerId: $offerId, quantity: $quantity, guestToken: $guestToken) {\n      ...CartFields\n    }\n  }\n": types.SetCartLineQuantityDocument,
    "\n  mutation RemoveFromCart($offerId: ID!, $guestToken: String) {\n    removeFromCart(offerId: $offerId, guestToken: $guestToken) { ...CartFields }\n  }\n": types.RemoveFromCartDocument,
    "\n  mutation ApplyPromoCode($code: String!, $guestToken: String) {\n    applyPromoCode(code: $code, guestToken: $guestToken) { ...CartFields }\n  }\n": types.ApplyPromoCodeDocument,
    "\n  mutation RemovePromoCode($guestToken: String) {\n    removePromoCode(guestToken: $guestToken) { ...CartFields }\n  }\n": types.RemovePromoCodeDocument,
    "\n  mutation AcceptCartChanges($guestToken: String) {\n    acceptCartChanges(guestToken: $guestToken) { ...CartFields }\n  }\n": types.AcceptCartChangesDocument,
    "\n  query CheckoutData {\n    me {\n      id\n      addresses {\n        id label line1 line2 city postalCode latitude longitude isDefault\n      }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n      }\n    }\n    mySavedCards { id brand last4 expMonth expYear }\n    myCart { ...CartFields }\n  }\n": types.CheckoutDataDocument,
    "\n  mutation AddAddress($input: AddressInput!) {\n    addAddress(input: $input) {\n      id label line1 line2 city postalCode latitude longitude isDefault\n    }\n  }\n": types.AddAddressDocument,
    "\n  mutation AddCard($input: CardInput!) {\n    addCard(input: $input) { id brand last4 expMonth expYear }\n  }\n": types.AddCardDocument,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) { id status total { amount currency } }\n  }\n": types.CheckoutDocument,
    "\n  fragment DeliveryFields on Delivery {\n    id\n    status\n    attempts\n    eta\n    etaSeconds\n    routeDistanceMeters\n    assignedAt\n    pickedUpAt\n    finishedAt\n    reason\n    destination { latitude longitude }\n    courier {\n      id\n      name\n      vehicle\n      location { latitude longitude }\n    }\n    routeToDoor { latitude longitude }\n  }\n": types.DeliveryFieldsFragmentDoc,
    "\n  fragment OrderFields on Order {\n    id\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    promoCode\n    note\n    subtotal { amount currency }\n    discount { amount currency }\n    total { amount currency }\n    failure { code message }\n    deliveryAddress { label line1 line2 city postalCode latitude longitude }\n    lines {\n      quantity\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      product { id name imageUrl requiresPreparation }\n    }\n    statusHistory { from to at reason actor }\n    kitchenTicket {\n      id\n      status\n      readyBy\n      readyAt\n      startedAt\n      reason\n      items { productId quantity station status prepSeconds startedAt dueAt }\n    }\n    payment { id status method card { brand last4 } declineReason }\n  }\n": types.OrderFieldsFragmentDoc,
    "\n  query Order($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n      delivery { ...DeliveryFields }\n    }\n  }\n": types.OrderDocument,
    "\n  subscription OrderStatusChanged($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) {\n      ...OrderFields\n    }\n  }\n": types.OrderStatusChangedDocument,
    "\n  subscription DeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...DeliveryFields }\n  }\n": types.DeliveryUpdatedDocument,
    "\n  query MyOrders($first: Int!, $after: String) {\n    myOrders(first: $first, after: $after) {\n      nextCursor\n      orders {\n        id\n        cursor\n        createdAt\n        status\n        paymentMethod\n        total { amount currency }\n        lines { quantity product { id name } }\n      }\n    }\n  }\n": types.MyOrdersDocument,
    "\n  mutation CancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) { ...OrderFields }\n  }\n": types.CancelOrderDocument,
    "\n  query Wallet($first: Int!, $after: String) {\n    me {\n      id\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n        entries(first: $first, after: $after) {\n          id\n          kind\n          reference\n          createdAt\n          cursor\n          amount { amount currency }\n        }\n      }\n    }\n  }\n": types.WalletDocument,
    "\n  mutation TopUpWallet($amount: Int!, $idempotencyKey: String!) {\n    topUpWallet(amount: $amount, idempotencyKey: $idempotencyKey) {\n      entry { id kind amount { amount currency } }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n      }\n    }\n  }\n": types.TopUpWalletDocument,
    "\n  query UnreadCount {\n    unreadNotificationCount\n  }\n": types.UnreadCountDocument,
    "\n  query Notifications($first: Int!) {\n    myNotifications(first: $first) {\n      unreadCount\n      nextCursor\n      notifications { id title body kind orderId read createdAt }\n    }\n  }\n": types.NotificationsDocument,
    "\n  subscription NotificationReceived {\n    notificationReceived { id title body kind orderId read createdAt }\n  }\n": types.NotificationReceivedDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": types.MarkAllNotificationsReadDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      customer { id email name roles }\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      customer { id email name roles }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresIn\n      customer { id email name roles }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresIn\n      customer { id email name roles }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken refreshToken expiresIn customer { id email name roles }\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken refreshToken expiresIn customer { id email name roles }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Categories {\n    categories {\n      id\n      name\n      slug\n      tags\n      parent { id }\n    }\n  }\n"): (typeof documents)["\n  query Categories {\n    categories {\n      id\n      name\n      slug\n      tags\n      parent { id }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchProducts(\n    $first: Int\n    $after: String\n    $query: String\n    $categoryId: ID\n    $tags: [String!]\n    $minPrice: Int\n    $maxPrice: Int\n    $inStockOnly: Boolean\n    $sort: ProductSort\n  ) {\n    searchProducts(\n      first: $first\n      after: $after\n      query: $query\n      categoryId: $categoryId\n      tags: $tags\n      minPrice: $minPrice\n      maxPrice: $maxPrice\n      inStockOnly: $inStockOnly\n      sort: $sort\n    ) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          name\n          slug\n          imageUrl\n          tags\n          inStock\n          stock\n          requiresPreparation\n          price { amount currency }\n          cheapestOffer { id price { amount currency } shop { id name } }\n          category { id name }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchProducts(\n    $first: Int\n    $after: String\n    $query: String\n    $categoryId: ID\n    $tags: [String!]\n    $minPrice: Int\n    $maxPrice: Int\n    $inStockOnly: Boolean\n    $sort: ProductSort\n  ) {\n    searchProducts(\n      first: $first\n      after: $after\n      query: $query\n      categoryId: $categoryId\n      tags: $tags\n      minPrice: $minPrice\n      maxPrice: $maxPrice\n      inStockOnly: $inStockOnly\n      sort: $sort\n    ) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          name\n          slug\n          imageUrl\n          tags\n          inStock\n          stock\n          requiresPreparation\n          price { amount currency }\n          cheapestOffer { id price { amount currency } shop { id name } }\n          category { id name }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Product($id: ID!) {\n    product(id: $id) {\n      id\n      name\n      slug\n      description\n      imageUrl\n      tags\n      archived\n      requiresPreparation\n      inStock\n      stock\n      price { amount currency }\n      category { id name parent { id name } }\n      offers {\n        id\n        active\n        inStock\n        stock\n        price { amount currency }\n        shop { id name address openingHours }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Product($id: ID!) {\n    product(id: $id) {\n      id\n      name\n      slug\n      description\n      imageUrl\n      tags\n      archived\n      requiresPreparation\n      inStock\n      stock\n      price { amount currency }\n      category { id name parent { id name } }\n      offers {\n        id\n        active\n        inStock\n        stock\n        price { amount currency }\n        shop { id name address openingHours }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StockChanged($productId: ID!) {\n    stockChanged(productId: $productId) {\n      id\n      stock\n      inStock\n      offers { id stock inStock }\n    }\n  }\n"): (typeof documents)["\n  subscription StockChanged($productId: ID!) {\n    stockChanged(productId: $productId) {\n      id\n      stock\n      inStock\n      offers { id stock inStock }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CartFields on Cart {\n    id\n    status\n    itemCount\n    promoCode\n    subtotal { amount currency }\n    discount { amount currency }\n    total { amount currency }\n    warnings {\n      kind\n      message\n      offerId\n      currentPrice { amount currency }\n      previousPrice { amount currency }\n    }\n    lines {\n      quantity\n      available\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      offer { id shop { id name } }\n      product { id name imageUrl requiresPreparation }\n    }\n  }\n"): (typeof documents)["\n  fragment CartFields on Cart {\n    id\n    status\n    itemCount\n    promoCode\n    subtotal { amount currency }\n    discount { amount currency }\n    total { amount currency }\n    warnings {\n      kind\n      message\n      offerId\n      currentPrice { amount currency }\n      previousPrice { amount currency }\n    }\n    lines {\n      quantity\n      available\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      offer { id shop { id name } }\n      product { id name imageUrl requiresPreparation }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCart($guestToken: String) {\n    myCart(guestToken: $guestToken) {\n      ...CartFields\n    }\n  }\n"): (typeof documents)["\n  query MyCart($guestToken: String) {\n    myCart(guestToken: $guestToken) {\n      ...CartFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CartCount($guestToken: String) {\n    myCart(guestToken: $guestToken) { id itemCount }\n  }\n"): (typeof documents)["\n  query CartCount($guestToken: String) {\n    myCart(guestToken: $guestToken) { id itemCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartGuestCart {\n    startGuestCart { token cart { id itemCount } }\n  }\n"): (typeof documents)["\n  mutation StartGuestCart {\n    startGuestCart { token cart { id itemCount } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeGuestCart($guestToken: String!) {\n    mergeGuestCart(guestToken: $guestToken) { ...CartFields }\n  }\n"): (typeof documents)["\n  mutation MergeGuestCart($guestToken: String!) {\n    mergeGuestCart(guestToken: $guestToken) { ...CartFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToCart($offerId: ID!, $quantity: Int!, $guestToken: String) {\n    addToCart(offerId: $offerId, quantity: $quantity, guestToken: $guestToken) { ...CartFields }\n  }\n"): (typeof documents)["\n  mutation AddToCart($offerId: ID!, $quantity: Int!, $guestToken: String) {\n    addToCart(offerId: $offerId, quantity: $quantity, guestToken: $guestToken) { ...CartFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCartLineQuantity($offerId: ID!, $quantity: Int!, $guestToken: String) {\n    setCartLineQuantity(offerId: $offerId, quantity: $quantity, guestToken: $guestToken) {\n      ...CartFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetCartLineQuantity($offerId: ID!, $quantity: Int!, $guestToken: String) {\n    setCartLineQuantity(offerId: $offerId, quantity: $quantity, guestToken: $guestToken) {\n      ...CartFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFromCart($offerId: ID!, $guestToken: String) {\n    removeFromCart(offerId: $offerId, guestToken: $guestToken) { ...CartFields }\n  }\n"): (typeof documents)["\n  mutation RemoveFromCart($offerId: ID!, $guestToken: String) {\n    removeFromCart(offerId: $offerId, guestToken: $guestToken) { ...CartFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplyPromoCode($code: String!, $guestToken: String) {\n    applyPromoCode(code: $code, guestToken: $guestToken) { ...CartFields }\n  }\n"): (typeof documents)["\n  mutation ApplyPromoCode($code: String!, $guestToken: String) {\n    applyPromoCode(code: $code, guestToken: $guestToken) { ...CartFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePromoCode($guestToken: String) {\n    removePromoCode(guestToken: $guestToken) { ...CartFields }\n  }\n"): (typeof documents)["\n  mutation RemovePromoCode($guestToken: String) {\n    removePromoCode(guestToken: $guestToken) { ...CartFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptCartChanges($guestToken: String) {\n    acceptCartChanges(guestToken: $guestToken) { ...CartFields }\n  }\n"): (typeof documents)["\n  mutation AcceptCartChanges($guestToken: String) {\n    acceptCartChanges(guestToken: $guestToken) { ...CartFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckoutData {\n    me {\n      id\n      addresses {\n        id label line1 line2 city postalCode latitude longitude isDefault\n      }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n      }\n    }\n    mySavedCards { id brand last4 expMonth expYear }\n    myCart { ...CartFields }\n  }\n"): (typeof documents)["\n  query CheckoutData {\n    me {\n      id\n      addresses {\n        id label line1 line2 city postalCode latitude longitude isDefault\n      }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n      }\n    }\n    mySavedCards { id brand last4 expMonth expYear }\n    myCart { ...CartFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddAddress($input: AddressInput!) {\n    addAddress(input: $input) {\n      id label line1 line2 city postalCode latitude longitude isDefault\n    }\n  }\n"): (typeof documents)["\n  mutation AddAddress($input: AddressInput!) {\n    addAddress(input: $input) {\n      id label line1 line2 city postalCode latitude longitude isDefault\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCard($input: CardInput!) {\n    addCard(input: $input) { id brand last4 expMonth expYear }\n  }\n"): (typeof documents)["\n  mutation AddCard($input: CardInput!) {\n    addCard(input: $input) { id brand last4 expMonth expYear }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) { id status total { amount currency } }\n  }\n"): (typeof documents)["\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) { id status total { amount currency } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeliveryFields on Delivery {\n    id\n    status\n    attempts\n    eta\n    etaSeconds\n    routeDistanceMeters\n    assignedAt\n    pickedUpAt\n    finishedAt\n    reason\n    destination { latitude longitude }\n    courier {\n      id\n      name\n      vehicle\n      location { latitude longitude }\n    }\n    routeToDoor { latitude longitude }\n  }\n"): (typeof documents)["\n  fragment DeliveryFields on Delivery {\n    id\n    status\n    attempts\n    eta\n    etaSeconds\n    routeDistanceMeters\n    assignedAt\n    pickedUpAt\n    finishedAt\n    reason\n    destination { latitude longitude }\n    courier {\n      id\n      name\n      vehicle\n      location { latitude longitude }\n    }\n    routeToDoor { latitude longitude }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderFields on Order {\n    id\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    promoCode\n    note\n    subtotal { amount currency }\n    discount { amount currency }\n    total { amount currency }\n    failure { code message }\n    deliveryAddress { label line1 line2 city postalCode latitude longitude }\n    lines {\n      quantity\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      product { id name imageUrl requiresPreparation }\n    }\n    statusHistory { from to at reason actor }\n    kitchenTicket {\n      id\n      status\n      readyBy\n      readyAt\n      startedAt\n      reason\n      items { productId quantity station status prepSeconds startedAt dueAt }\n    }\n    payment { id status method card { brand last4 } declineReason }\n  }\n"): (typeof documents)["\n  fragment OrderFields on Order {\n    id\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    promoCode\n    note\n    subtotal { amount currency }\n    discount { amount currency }\n    total { amount currency }\n    failure { code message }\n    deliveryAddress { label line1 line2 city postalCode latitude longitude }\n    lines {\n      quantity\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      product { id name imageUrl requiresPreparation }\n    }\n    statusHistory { from to at reason actor }\n    kitchenTicket {\n      id\n      status\n      readyBy\n      readyAt\n      startedAt\n      reason\n      items { productId quantity station status prepSeconds startedAt dueAt }\n    }\n    payment { id status method card { brand last4 } declineReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Order($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n      delivery { ...DeliveryFields }\n    }\n  }\n"): (typeof documents)["\n  query Order($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n      delivery { ...DeliveryFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderStatusChanged($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) {\n      ...OrderFields\n    }\n  }\n"): (typeof documents)["\n  subscription OrderStatusChanged($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) {\n      ...OrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...DeliveryFields }\n  }\n"): (typeof documents)["\n  subscription DeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...DeliveryFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOrders($first: Int!, $after: String) {\n    myOrders(first: $first, after: $after) {\n      nextCursor\n      orders {\n        id\n        cursor\n        createdAt\n        status\n        paymentMethod\n        total { amount currency }\n        lines { quantity product { id name } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyOrders($first: Int!, $after: String) {\n    myOrders(first: $first, after: $after) {\n      nextCursor\n      orders {\n        id\n        cursor\n        createdAt\n        status\n        paymentMethod\n        total { amount currency }\n        lines { quantity product { id name } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) { ...OrderFields }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) { ...OrderFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Wallet($first: Int!, $after: String) {\n    me {\n      id\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n        entries(first: $first, after: $after) {\n          id\n          kind\n          reference\n          createdAt\n          cursor\n          amount { amount currency }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Wallet($first: Int!, $after: String) {\n    me {\n      id\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n        entries(first: $first, after: $after) {\n          id\n          kind\n          reference\n          createdAt\n          cursor\n          amount { amount currency }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TopUpWallet($amount: Int!, $idempotencyKey: String!) {\n    topUpWallet(amount: $amount, idempotencyKey: $idempotencyKey) {\n      entry { id kind amount { amount currency } }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TopUpWallet($amount: Int!, $idempotencyKey: String!) {\n    topUpWallet(amount: $amount, idempotencyKey: $idempotencyKey) {\n      entry { id kind amount { amount currency } }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadCount {\n    unreadNotificationCount\n  }\n"): (typeof documents)["\n  query UnreadCount {\n    unreadNotificationCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($first: Int!) {\n    myNotifications(first: $first) {\n      unreadCount\n      nextCursor\n      notifications { id title body kind orderId read createdAt }\n    }\n  }\n"): (typeof documents)["\n  query Notifications($first: Int!) {\n    myNotifications(first: $first) {\n      unreadCount\n      nextCursor\n      notifications { id title body kind orderId read createdAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationReceived {\n    notificationReceived { id title body kind orderId read createdAt }\n  }\n"): (typeof documents)["\n  subscription NotificationReceived {\n    notificationReceived { id title body kind orderId read createdAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n"): (typeof documents)["\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
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
    "\n  query SearchProducts(\n    $first: Int\n    $after: String\n    $query: String\n    $categoryId: ID\n    $tags: [String!]\n    $minPrice: Int\n    $maxPrice: Int\n    $inStockOnly: Boolean\n    $sort: ProductSort\n    $withFacets: Boolean! = false\n  ) {\n    searchProducts(\n      first: $first\n      after: $after\n      query: $query\n      categoryId: $categoryId\n      tags: $tags\n      minPrice: $minPrice\n      maxPrice: $maxPrice\n      inStockOnly: $inStockOnly\n      sort: $sort\n    ) {\n      totalCount\n      facets @include(if: $withFacets) {\n        categories { category { id slug name } count }\n        tags { tag count }\n        inStock\n      }\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          name\n          slug\n          imageUrl\n          images { card: url(size: CARD) alt }\n          tags\n          inStock\n          stock\n          requiresPreparation\n          price { amount currency }\n          cheapestOffer { id price { amount currency } shop { id name } }\n          category { id name }\n          options { name }\n          variants { id }\n        }\n      }\n    }\n  }\n": typeof types.SearchProductsDocument,
    "\n  query SearchSuggestions($query: String!, $first: Int!) {\n    searchProducts(query: $query, first: $first) {\n      edges {\n        node {\n          id\n          name\n          imageUrl\n          images { thumb: url(size: THUMB) alt }\n          price { amount currency }\n          cheapestOffer { id price { amount currency } }\n          options { name }\n        }\n      }\n    }\n  }\n": typeof types.SearchSuggestionsDocument,
    "\n  query Product($id: ID!) {\n    product(id: $id) {\n      id\n      name\n      slug\n      description\n      imageUrl\n      images { full: url(size: FULL) thumb: url(size: THUMB) alt }\n      tags\n      archived\n      requiresPreparation\n      inStock\n      stock\n      price { amount currency }\n      category { id name parent { id name } }\n      options { name values }\n      variants {\n        id\n        name\n        options { name value }\n        price { amount currency }\n      }\n      offers {\n        id\n        active\n        inStock\n        stock\n        price { amount currency }\n        shop { id name address openingHours }\n        variant { id }\n      }\n    }\n  }\n": typeof types.ProductDocument,
    "\n  subscription StockChanged($productId: ID!) {\n    stockChanged(productId: $productId) {\n      id\n      stock\n      inStock\n      offers { id stock inStock }\n    }\n  }\n": typeof types.StockChangedDocument,
    "\n  fragment CartFields on Cart {\n    id\n    status\n    itemCount\n    promoCode\n    subtotal { amount currency }\n    discount { amount currency }\n    total { amount currency }\n    warnings {\n      kind\n      message\n      offerId\n      currentPrice { amount currency }\n      previousPrice { amount currency }\n    }\n    lines {\n      quantity\n      available\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      offer { id shop { id name } }\n      product { id name imageUrl images { thumb: url(size: THUMB) alt } requiresPreparation }\n      variant { id name }\n    }\n  }\n": typeof types.CartFieldsFragmentDoc,
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
    "\n  fragment AddressFields on Address {\n    id label line1 line2 city postalCode latitude longitude isDefault\n  }\n": typeof types.AddressFieldsFragmentDoc,
    "\n  query Account {\n    me {\n      id\n      email\n      name\n      phone\n      addresses { ...AddressFields }\n    }\n  }\n": typeof types.AccountDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) { id name phone }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation UpdateAddress($id: ID!, $input: AddressInput!) {\n    updateAddress(id: $id, input: $input) { ...AddressFields }\n  }\n": typeof types.UpdateAddressDocument,
    "\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id)\n  }\n": typeof types.RemoveAddressDocument,
    "\n  query CheckoutData {\n    me {\n      id\n      addresses { ...AddressFields }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n      }\n    }\n    mySavedCards { id brand last4 expMonth expYear }\n    myCart { ...CartFields }\n  }\n": typeof types.CheckoutDataDocument,
    "\n  mutation AddAddress($input: AddressInput!) {\n    addAddress(input: $input) { ...AddressFields }\n  }\n": typeof types.AddAddressDocument,
    "\n  mutation AddCard($input: CardInput!) {\n    addCard(input: $input) { id brand last4 expMonth expYear }\n  }\n": typeof types.AddCardDocument,
    "\n  query DeliveryQuote($addressId: ID!) {\n    deliveryQuote(addressId: $addressId) {\n      itemsTotal { amount currency }\n      deliveryFee { amount currency }\n      total { amount currency }\n      distanceMeters\n      promisedAt\n    }\n  }\n": typeof types.DeliveryQuoteDocument,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) { id status total { amount currency } }\n  }\n": typeof types.CheckoutDocument,
    "\n  fragment DeliveryFields on Delivery {\n    id\n    status\n    attempts\n    eta\n    etaSeconds\n    routeDistanceMeters\n    assignedAt\n    pickedUpAt\n    finishedAt\n    reason\n    destination { latitude longitude }\n    courier {\n      id\n      name\n      vehicle\n      location { latitude longitude }\n    }\n    routeToDoor { latitude longitude }\n  }\n": typeof types.DeliveryFieldsFragmentDoc,
    "\n  fragment OrderFields on Order {\n    id\n    number\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    promoCode\n    note\n    subtotal { amount currency }\n    discount { amount currency }\n    deliveryFee { amount currency }\n    total { amount currency }\n    promisedAt\n    deliveredAt\n    promiseKept\n    failure { code message }\n    deliveryAddress { label line1 line2 city postalCode latitude longitude }\n    lines {\n      quantity\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      product { id name imageUrl requiresPreparation }\n      variant { id name }\n    }\n    statusHistory { from to at reason actor }\n    kitchenTicket {\n      id\n      status\n      readyBy\n      readyAt\n      startedAt\n      reason\n      items { productId variantId variant { id name } quantity station status prepSeconds startedAt dueAt }\n    }\n    payment { id status method card { brand last4 } declineReason }\n  }\n": typeof types.OrderFieldsFragmentDoc,
    "\n  query Order($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n      delivery { ...DeliveryFields }\n    }\n  }\n": typeof types.OrderDocument,
    "\n  query OrderPayment($id: ID!) {\n    order(id: $id) {\n      id\n      payment { id status method card { brand last4 } declineReason }\n    }\n  }\n": typeof types.OrderPaymentDocument,
    "\n  subscription OrderStatusChanged($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) {\n      ...OrderFields\n    }\n  }\n": typeof types.OrderStatusChangedDocument,
    "\n  subscription DeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...DeliveryFields }\n  }\n": typeof types.DeliveryUpdatedDocument,
    "\n  query MyOrders($first: Int!, $after: String) {\n    myOrders(first: $first, after: $after) {\n      nextCursor\n      orders {\n        id\n        number\n        cursor\n        createdAt\n        status\n        paymentMethod\n        total { amount currency }\n        lines { quantity product { id name } variant { id name } }\n      }\n    }\n  }\n": typeof types.MyOrdersDocument,
    "\n  mutation CancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) { ...OrderFields }\n  }\n": typeof types.CancelOrderDocument,
    "\n  query Wallet($first: Int!, $after: String) {\n    me {\n      id\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n        entries(first: $first, after: $after) {\n          id\n          kind\n          reference\n          createdAt\n          cursor\n          amount { amount currency }\n          order { id number }\n        }\n      }\n    }\n  }\n": typeof types.WalletDocument,
    "\n  mutation TopUpWallet($amount: Int!, $idempotencyKey: String!) {\n    topUpWallet(amount: $amount, idempotencyKey: $idempotencyKey) {\n      entry { id kind amount { amount currency } }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n      }\n    }\n  }\n": typeof types.TopUpWalletDocument,
    "\n  query UnreadCount {\n    unreadNotificationCount\n  }\n": typeof types.UnreadCountDocument,
    "\n  query Notifications($first: Int!) {\n    myNotifications(first: $first) {\n      unreadCount\n      nextCursor\n      notifications { id title body kind orderId read createdAt }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  subscription NotificationReceived {\n    notificationReceived { id title body kind orderId read createdAt }\n  }\n": typeof types.NotificationReceivedDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": typeof types.MarkAllNotificationsReadDocument,
    "\n  fragment FinancePaymentFields on Payment {\n    id\n    orderId\n    order { id number }\n    method\n    status\n    amount { amount currency }\n    refundedAmount { amount currency }\n    card { brand last4 }\n    declineReason\n    createdAt\n    updatedAt\n  }\n": typeof types.FinancePaymentFieldsFragmentDoc,
    "\n  query FinancePayments(\n    $first: Int!\n    $after: String\n    $method: PaymentMethod\n    $status: PaymentStatus\n    $customerId: ID\n    $createdFrom: DateTime\n    $createdTo: DateTime\n  ) {\n    payments(\n      first: $first\n      after: $after\n      method: $method\n      status: $status\n      customerId: $customerId\n      createdFrom: $createdFrom\n      createdTo: $createdTo\n    ) {\n      nextCursor\n      payments {\n        ...FinancePaymentFields\n        customer { id name email }\n      }\n    }\n  }\n": typeof types.FinancePaymentsDocument,
    "\n  query FinancePayment($id: ID!) {\n    payment(id: $id) {\n      ...FinancePaymentFields\n      customer { id name email }\n      history { kind at amount { amount currency } note }\n    }\n  }\n": typeof types.FinancePaymentDocument,
    "\n  query FinancePaymentTotals($from: DateTime!, $to: DateTime!) {\n    paymentTotals(from: $from, to: $to) {\n      day\n      method\n      count\n      authorized { amount currency }\n      captured { amount currency }\n      refunded { amount currency }\n      net { amount currency }\n    }\n  }\n": typeof types.FinancePaymentTotalsDocument,
    "\n  mutation FinanceRefundPayment($orderId: ID!, $amount: Int, $reason: String!, $idempotencyKey: String!) {\n    refundPayment(orderId: $orderId, amount: $amount, reason: $reason, idempotencyKey: $idempotencyKey) {\n      ...FinancePaymentFields\n      history { kind at amount { amount currency } note }\n    }\n  }\n": typeof types.FinanceRefundPaymentDocument,
    "\n  query FinanceWalletReconciliation($customerId: ID!) {\n    walletReconciliation(customerId: $customerId) {\n      consistent\n      balance { amount currency }\n      held { amount currency }\n      ledgerBalance { amount currency }\n      ledgerHeld { amount currency }\n    }\n  }\n": typeof types.FinanceWalletReconciliationDocument,
    "\n  fragment SalesOrderRowFields on Order {\n    id\n    number\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    total { amount currency }\n    customer { id name email }\n    lines { quantity shopId product { id name } variant { id name } }\n  }\n": typeof types.SalesOrderRowFieldsFragmentDoc,
    "\n  query SalesOrders(\n    $first: Int!\n    $after: String\n    $status: OrderStatus\n    $shopId: ID\n    $createdFrom: DateTime\n    $createdTo: DateTime\n  ) {\n    orders(\n      first: $first\n      after: $after\n      status: $status\n      shopId: $shopId\n      createdFrom: $createdFrom\n      createdTo: $createdTo\n    ) {\n      nextCursor\n      orders { ...SalesOrderRowFields }\n    }\n  }\n": typeof types.SalesOrdersDocument,
    "\n  subscription SalesOrderUpdated {\n    orderUpdated { ...SalesOrderRowFields }\n  }\n": typeof types.SalesOrderUpdatedDocument,
    "\n  query SalesOrderByNumber($number: Int!) {\n    orderByNumber(number: $number) { id number }\n  }\n": typeof types.SalesOrderByNumberDocument,
    "\n  query SalesShops {\n    shops { id name }\n  }\n": typeof types.SalesShopsDocument,
    "\n  fragment SalesDeliveryFields on Delivery {\n    id\n    orderId\n    status\n    attempts\n    createdAt\n    assignedAt\n    pickedUpAt\n    finishedAt\n    eta\n    reason\n    courier { id name vehicle }\n    history {\n      at\n      status\n      courierId\n      note\n    }\n  }\n": typeof types.SalesDeliveryFieldsFragmentDoc,
    "\n  fragment SalesOrderFields on Order {\n    id\n    number\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    promoCode\n    note\n    subtotal { amount currency }\n    discount { amount currency }\n    deliveryFee { amount currency }\n    total { amount currency }\n    promisedAt\n    deliveredAt\n    promiseKept\n    failure { code message }\n    customer { id name email phone }\n    deliveryAddress { label line1 line2 city postalCode }\n    lines {\n      quantity\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      product { id name requiresPreparation }\n      variant { id name }\n    }\n    statusHistory { from to at reason actor }\n    kitchenTicket {\n      id\n      status\n      priority\n      createdAt\n      startedAt\n      readyBy\n      readyAt\n      reason\n      items { productId variantId variant { id name } quantity station status }\n    }\n    payment {\n      id\n      status\n      method\n      createdAt\n      declineReason\n      amount { amount currency }\n      refundedAmount { amount currency }\n      card { brand last4 }\n      history {\n        at\n        kind\n        note\n        amount { amount currency }\n      }\n    }\n  }\n": typeof types.SalesOrderFieldsFragmentDoc,
    "\n  query SalesOrder($id: ID!) {\n    order(id: $id) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n": typeof types.SalesOrderDocument,
    "\n  subscription SalesOrderStatusChanged($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n": typeof types.SalesOrderStatusChangedDocument,
    "\n  subscription SalesDeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...SalesDeliveryFields }\n  }\n": typeof types.SalesDeliveryUpdatedDocument,
    "\n  query SalesActor($id: ID!) {\n    customer(id: $id) { id name roles }\n  }\n": typeof types.SalesActorDocument,
    "\n  mutation SalesUpdateOrderStatus($orderId: ID!, $status: OrderStatus!, $reason: String) {\n    updateOrderStatus(orderId: $orderId, status: $status, reason: $reason) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n": typeof types.SalesUpdateOrderStatusDocument,
    "\n  mutation SalesCancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n": typeof types.SalesCancelOrderDocument,
    "\n  query SalesCouriers {\n    couriers {\n      id\n      name\n      vehicle\n      capacity\n      available\n      location { latitude longitude }\n      route { distanceMeters stops { position kind } }\n    }\n  }\n": typeof types.SalesCouriersDocument,
    "\n  query SalesDeliveries($first: Int!, $after: String, $status: DeliveryStatus, $courierId: ID) {\n    deliveries(first: $first, after: $after, status: $status, courierId: $courierId) {\n      nextCursor\n      deliveries {\n        id\n        orderId\n        order { id number }\n        status\n        attempts\n        createdAt\n        assignedAt\n        pickedUpAt\n        finishedAt\n        reason\n        courier { id name }\n      }\n    }\n  }\n": typeof types.SalesDeliveriesDocument,
    "\n  fragment CourierDeliveryFields on Delivery {\n    id\n    orderId\n    order { id number }\n    status\n    attempts\n    eta\n    etaSeconds\n    reason\n    createdAt\n    assignedAt\n    pickedUpAt\n    finishedAt\n    routeDistanceMeters\n    destination { latitude longitude }\n  }\n": typeof types.CourierDeliveryFieldsFragmentDoc,
    "\n  fragment CourierProfileFields on Courier {\n    id\n    name\n    vehicle\n    capacity\n    available\n    location { latitude longitude }\n    route {\n      distanceMeters\n      stops { position kind deliveryId shopId legMeters location { latitude longitude } }\n    }\n  }\n": typeof types.CourierProfileFieldsFragmentDoc,
    "\n  query CourierHome {\n    myCourierProfile { ...CourierProfileFields }\n    myDeliveries(first: 50) { deliveries { ...CourierDeliveryFields } }\n  }\n": typeof types.CourierHomeDocument,
    "\n  query CourierStopOrder($id: ID!) {\n    order(id: $id) {\n      id\n      note\n      deliveryAddress { label line1 line2 city postalCode }\n      lines { quantity product { id name } variant { id name } }\n    }\n  }\n": typeof types.CourierStopOrderDocument,
    "\n  query CourierShop($id: ID!) {\n    shop(id: $id) { id name address }\n  }\n": typeof types.CourierShopDocument,
    "\n  subscription CourierDeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...CourierDeliveryFields }\n  }\n": typeof types.CourierDeliveryUpdatedDocument,
    "\n  mutation CourierRegister($input: RegisterCourierInput!) {\n    registerCourier(input: $input) { ...CourierProfileFields }\n  }\n": typeof types.CourierRegisterDocument,
    "\n  mutation CourierSetAvailability($available: Boolean!) {\n    setCourierAvailability(available: $available) { ...CourierProfileFields }\n  }\n": typeof types.CourierSetAvailabilityDocument,
    "\n  mutation CourierUpdateLocation($latitude: Float!, $longitude: Float!) {\n    updateCourierLocation(latitude: $latitude, longitude: $longitude) { ...CourierProfileFields }\n  }\n": typeof types.CourierUpdateLocationDocument,
    "\n  mutation CourierPickUp($deliveryId: ID!) {\n    pickUpDelivery(deliveryId: $deliveryId) { ...CourierDeliveryFields }\n  }\n": typeof types.CourierPickUpDocument,
    "\n  mutation CourierHandOver($deliveryId: ID!) {\n    completeDelivery(deliveryId: $deliveryId) { ...CourierDeliveryFields }\n  }\n": typeof types.CourierHandOverDocument,
    "\n  mutation CourierFailAttempt($deliveryId: ID!, $reason: String!) {\n    failDeliveryAttempt(deliveryId: $deliveryId, reason: $reason) { ...CourierDeliveryFields }\n  }\n": typeof types.CourierFailAttemptDocument,
    "\n  fragment KitchenBoardTicket on KitchenTicket {\n    id\n    orderId\n    order { id number note }\n    status\n    priority\n    createdAt\n    startedAt\n    readyBy\n    readyAt\n    reason\n    items { productId variantId variant { id name } quantity station status prepSeconds startedAt dueAt }\n  }\n": typeof types.KitchenBoardTicketFragmentDoc,
    "\n  fragment KitchenBoardStation on KitchenStation {\n    name\n    capacity\n    paused\n    busy\n    queued\n  }\n": typeof types.KitchenBoardStationFragmentDoc,
    "\n  query KitchenBoard {\n    kitchenStations { ...KitchenBoardStation }\n    kitchenQueue { ...KitchenBoardTicket }\n  }\n": typeof types.KitchenBoardDocument,
    "\n  subscription KitchenTicketUpdated {\n    kitchenTicketUpdated { ...KitchenBoardTicket }\n  }\n": typeof types.KitchenTicketUpdatedDocument,
    "\n  query KitchenProduct($id: ID!) {\n    product(id: $id) { id name }\n  }\n": typeof types.KitchenProductDocument,
    "\n  mutation KitchenBumpTicket($ticketId: ID!) {\n    bumpTicket(ticketId: $ticketId) { ...KitchenBoardTicket }\n  }\n": typeof types.KitchenBumpTicketDocument,
    "\n  mutation KitchenCompleteTicket($ticketId: ID!) {\n    completeTicket(ticketId: $ticketId) { ...KitchenBoardTicket }\n  }\n": typeof types.KitchenCompleteTicketDocument,
    "\n  mutation KitchenFailTicket($ticketId: ID!, $reason: String!) {\n    failTicket(ticketId: $ticketId, reason: $reason) { ...KitchenBoardTicket }\n  }\n": typeof types.KitchenFailTicketDocument,
    "\n  mutation KitchenPauseStation($name: String!, $paused: Boolean!) {\n    pauseStation(name: $name, paused: $paused) { ...KitchenBoardStation }\n  }\n": typeof types.KitchenPauseStationDocument,
    "\n  query SellerShops {\n    myShops {\n      id\n      name\n      slug\n      address\n      openingHours\n      offers { id active }\n    }\n  }\n": typeof types.SellerShopsDocument,
    "\n  mutation SellerCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) { id name slug address openingHours }\n  }\n": typeof types.SellerCreateShopDocument,
    "\n  fragment SellerOfferFields on Offer {\n    id\n    active\n    stock\n    inStock\n    price { amount currency }\n    product { id name slug archived }\n    variant { id name }\n  }\n": typeof types.SellerOfferFieldsFragmentDoc,
    "\n  query SellerShopOffers($shopId: ID!) {\n    shop(id: $shopId) {\n      id\n      name\n      address\n      openingHours\n      ownerId\n      offers { ...SellerOfferFields }\n    }\n  }\n": typeof types.SellerShopOffersDocument,
    "\n  mutation SellerAddOffer($shopId: ID!, $productId: ID!, $variantId: ID, $price: Int!, $count: Int!) {\n    addOfferToShop(shopId: $shopId, productId: $productId, variantId: $variantId, price: $price, count: $count) {\n      ...SellerOfferFields\n    }\n  }\n": typeof types.SellerAddOfferDocument,
    "\n  mutation SellerUpdateOffer($offerId: ID!, $price: Int, $count: Int, $active: Boolean) {\n    updateOffer(offerId: $offerId, price: $price, count: $count, active: $active) {\n      ...SellerOfferFields\n    }\n  }\n": typeof types.SellerUpdateOfferDocument,
    "\n  mutation SellerRemoveOffer($offerId: ID!) {\n    removeOffer(offerId: $offerId)\n  }\n": typeof types.SellerRemoveOfferDocument,
    "\n  query SellerOffer($id: ID!) {\n    offer(id: $id) {\n      ...SellerOfferFields\n      shop { id name ownerId }\n    }\n  }\n": typeof types.SellerOfferDocument,
    "\n  query SellerStockMovements($offerId: ID!, $first: Int!) {\n    stockMovements(offerId: $offerId, first: $first) { actor createdAt delta reason }\n  }\n": typeof types.SellerStockMovementsDocument,
    "\n  mutation SellerAdjustStock($offerId: ID!, $delta: Int!, $reason: String!) {\n    adjustStock(offerId: $offerId, delta: $delta, reason: $reason) { id stock inStock }\n  }\n": typeof types.SellerAdjustStockDocument,
    "\n  query SellerLowStock($threshold: Int!, $first: Int!) {\n    lowStockOffers(threshold: $threshold, first: $first) {\n      id\n      active\n      stock\n      price { amount currency }\n      product { id name }\n      variant { id name }\n      shop { id name ownerId }\n    }\n  }\n": typeof types.SellerLowStockDocument,
    "\n  fragment SellerProductFields on Product {\n    id\n    name\n    slug\n    description\n    tags\n    imageUrl\n    images { thumb: url(size: THUMB) alt }\n    archived\n    requiresPreparation\n    createdAt\n    price { amount currency }\n    category { id name }\n    options { name values }\n    variants { id name options { name value } price { amount currency } }\n  }\n": typeof types.SellerProductFieldsFragmentDoc,
    "\n  query SellerProducts($first: Int!, $offset: Int!, $includeArchived: Boolean!) {\n    myProducts(first: $first, offset: $offset, includeArchived: $includeArchived) {\n      ...SellerProductFields\n    }\n  }\n": typeof types.SellerProductsDocument,
    "\n  query SellerProduct($id: ID!) {\n    product(id: $id) { ...SellerProductFields }\n  }\n": typeof types.SellerProductDocument,
    "\n  mutation SellerCreateProduct($input: ProductInput!) {\n    createProduct(input: $input) { ...SellerProductFields }\n  }\n": typeof types.SellerCreateProductDocument,
    "\n  mutation SellerUpdateProduct($id: ID!, $input: ProductInput!) {\n    updateProduct(id: $id, input: $input) { ...SellerProductFields }\n  }\n": typeof types.SellerUpdateProductDocument,
    "\n  mutation SellerAddProductImage($productId: ID!, $file: Upload!, $alt: String!) {\n    addProductImage(productId: $productId, file: $file, alt: $alt) {\n      id\n      images { thumb: url(size: THUMB) alt }\n    }\n  }\n": typeof types.SellerAddProductImageDocument,
    "\n  mutation SellerAddProductVariant($productId: ID!, $options: [SelectedOptionInput!]!, $price: Int) {\n    addProductVariant(productId: $productId, options: $options, price: $price) {\n      id\n      name\n      product {\n        id\n        options { name values }\n        variants { id name options { name value } price { amount currency } }\n      }\n    }\n  }\n": typeof types.SellerAddProductVariantDocument,
    "\n  mutation SellerArchiveProduct($id: ID!) {\n    archiveProduct(id: $id) { id archived }\n  }\n": typeof types.SellerArchiveProductDocument,
    "\n  query SellerFindProducts($query: String!, $first: Int!) {\n    searchProducts(query: $query, first: $first) {\n      edges {\n        node {\n          id\n          name\n          price { amount currency }\n          category { id name }\n          variants { id name price { amount currency } }\n        }\n      }\n    }\n  }\n": typeof types.SellerFindProductsDocument,
};
const documents: Documents = {
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      customer { id email name roles }\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresIn\n      customer { id email name roles }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken refreshToken expiresIn customer { id email name roles }\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.LogoutDocument,
    "\n  query Categories {\n    categories {\n      id\n      name\n      slug\n      tags\n      parent { id }\n    }\n  }\n": types.CategoriesDocument,
    "\n  query SearchProducts(\n    $first: Int\n    $after: String\n    $query: String\n    $categoryId: ID\n    $tags: [String!]\n    $minPrice: Int\n    $maxPrice: Int\n    $inStockOnly: Boolean\n    $sort: ProductSort\n    $withFacets: Boolean! = false\n  ) {\n    searchProducts(\n      first: $first\n      after: $after\n      query: $query\n      categoryId: $categoryId\n      tags: $tags\n      minPrice: $minPrice\n      maxPrice: $maxPrice\n      inStockOnly: $inStockOnly\n      sort: $sort\n    ) {\n      totalCount\n      facets @include(if: $withFacets) {\n        categories { category { id slug name } count }\n        tags { tag count }\n        inStock\n      }\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          name\n          slug\n          imageUrl\n          images { card: url(size: CARD) alt }\n          tags\n          inStock\n          stock\n          requiresPreparation\n          price { amount currency }\n          cheapestOffer { id price { amount currency } shop { id name } }\n          category { id name }\n          options { name }\n          variants { id }\n        }\n      }\n    }\n  }\n": types.SearchProductsDocument,
    "\n  query SearchSuggestions($query: String!, $first: Int!) {\n    searchProducts(query: $query, first: $first) {\n      edges {\n        node {\n          id\n          name\n          imageUrl\n          images { thumb: url(size: THUMB) alt }\n          price { amount currency }\n          cheapestOffer { id price { amount currency } }\n          options { name }\n        }\n      }\n    }\n  }\n": types.SearchSuggestionsDocument,
    "\n  query Product($id: ID!) {\n    product(id: $id) {\n      id\n      name\n      slug\n      description\n      imageUrl\n      images { full: url(size: FULL) thumb: url(size: THUMB) alt }\n      tags\n      archived\n      requiresPreparation\n      inStock\n      stock\n      price { amount currency }\n      category { id name parent { id name } }\n      options { name values }\n      variants {\n        id\n        name\n        options { name value }\n        price { amount currency }\n      }\n      offers {\n        id\n        active\n        inStock\n        stock\n        price { amount currency }\n        shop { id name address openingHours }\n        variant { id }\n      }\n    }\n  }\n": types.ProductDocument,
    "\n  subscription StockChanged($productId: ID!) {\n    stockChanged(productId: $productId) {\n      id\n      stock\n      inStock\n      offers { id stock inStock }\n    }\n  }\n": types.StockChangedDocument,
    "\n  fragment CartFields on Cart {\n    id\n    status\n    itemCount\n    promoCode\n    subtotal { amount currency }\n    discount { amount currency }\n    total { amount currency }\n    warnings {\n      kind\n      message\n      offerId\n      currentPrice { amount currency }\n      previousPrice { amount currency }\n    }\n    lines {\n      quantity\n      available\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      offer { id shop { id name } }\n      product { id name imageUrl images { thumb: url(size: THUMB) alt } requiresPreparation }\n      variant { id name }\n    }\n  }\n": types.CartFieldsFragmentDoc,
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
    "\n  fragment AddressFields on Address {\n    id label line1 line2 city postalCode latitude longitude isDefault\n  }\n": types.AddressFieldsFragmentDoc,
    "\n  query Account {\n    me {\n      id\n      email\n      name\n      phone\n      addresses { ...AddressFields }\n    }\n  }\n": types.AccountDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) { id name phone }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation UpdateAddress($id: ID!, $input: AddressInput!) {\n    updateAddress(id: $id, input: $input) { ...AddressFields }\n  }\n": types.UpdateAddressDocument,
    "\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id)\n  }\n": types.RemoveAddressDocument,
    "\n  query CheckoutData {\n    me {\n      id\n      addresses { ...AddressFields }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n      }\n    }\n    mySavedCards { id brand last4 expMonth expYear }\n    myCart { ...CartFields }\n  }\n": types.CheckoutDataDocument,
    "\n  mutation AddAddress($input: AddressInput!) {\n    addAddress(input: $input) { ...AddressFields }\n  }\n": types.AddAddressDocument,
    "\n  mutation AddCard($input: CardInput!) {\n    addCard(input: $input) { id brand last4 expMonth expYear }\n  }\n": types.AddCardDocument,
    "\n  query DeliveryQuote($addressId: ID!) {\n    deliveryQuote(addressId: $addressId) {\n      itemsTotal { amount currency }\n      deliveryFee { amount currency }\n      total { amount currency }\n      distanceMeters\n      promisedAt\n    }\n  }\n": types.DeliveryQuoteDocument,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) { id status total { amount currency } }\n  }\n": types.CheckoutDocument,
    "\n  fragment DeliveryFields on Delivery {\n    id\n    status\n    attempts\n    eta\n    etaSeconds\n    routeDistanceMeters\n    assignedAt\n    pickedUpAt\n    finishedAt\n    reason\n    destination { latitude longitude }\n    courier {\n      id\n      name\n      vehicle\n      location { latitude longitude }\n    }\n    routeToDoor { latitude longitude }\n  }\n": types.DeliveryFieldsFragmentDoc,
    "\n  fragment OrderFields on Order {\n    id\n    number\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    promoCode\n    note\n    subtotal { amount currency }\n    discount { amount currency }\n    deliveryFee { amount currency }\n    total { amount currency }\n    promisedAt\n    deliveredAt\n    promiseKept\n    failure { code message }\n    deliveryAddress { label line1 line2 city postalCode latitude longitude }\n    lines {\n      quantity\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      product { id name imageUrl requiresPreparation }\n      variant { id name }\n    }\n    statusHistory { from to at reason actor }\n    kitchenTicket {\n      id\n      status\n      readyBy\n      readyAt\n      startedAt\n      reason\n      items { productId variantId variant { id name } quantity station status prepSeconds startedAt dueAt }\n    }\n    payment { id status method card { brand last4 } declineReason }\n  }\n": types.OrderFieldsFragmentDoc,
    "\n  query Order($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n      delivery { ...DeliveryFields }\n    }\n  }\n": types.OrderDocument,
    "\n  query OrderPayment($id: ID!) {\n    order(id: $id) {\n      id\n      payment { id status method card { brand last4 } declineReason }\n    }\n  }\n": types.OrderPaymentDocument,
    "\n  subscription OrderStatusChanged($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) {\n      ...OrderFields\n    }\n  }\n": types.OrderStatusChangedDocument,
    "\n  subscription DeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...DeliveryFields }\n  }\n": types.DeliveryUpdatedDocument,
    "\n  query MyOrders($first: Int!, $after: String) {\n    myOrders(first: $first, after: $after) {\n      nextCursor\n      orders {\n        id\n        number\n        cursor\n        createdAt\n        status\n        paymentMethod\n        total { amount currency }\n        lines { quantity product { id name } variant { id name } }\n      }\n    }\n  }\n": types.MyOrdersDocument,
    "\n  mutation CancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) { ...OrderFields }\n  }\n": types.CancelOrderDocument,
    "\n  query Wallet($first: Int!, $after: String) {\n    me {\n      id\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n        entries(first: $first, after: $after) {\n          id\n          kind\n          reference\n          createdAt\n          cursor\n          amount { amount currency }\n          order { id number }\n        }\n      }\n    }\n  }\n": types.WalletDocument,
    "\n  mutation TopUpWallet($amount: Int!, $idempotencyKey: String!) {\n    topUpWallet(amount: $amount, idempotencyKey: $idempotencyKey) {\n      entry { id kind amount { amount currency } }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n      }\n    }\n  }\n": types.TopUpWalletDocument,
    "\n  query UnreadCount {\n    unreadNotificationCount\n  }\n": types.UnreadCountDocument,
    "\n  query Notifications($first: Int!) {\n    myNotifications(first: $first) {\n      unreadCount\n      nextCursor\n      notifications { id title body kind orderId read createdAt }\n    }\n  }\n": types.NotificationsDocument,
    "\n  subscription NotificationReceived {\n    notificationReceived { id title body kind orderId read createdAt }\n  }\n": types.NotificationReceivedDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": types.MarkAllNotificationsReadDocument,
    "\n  fragment FinancePaymentFields on Payment {\n    id\n    orderId\n    order { id number }\n    method\n    status\n    amount { amount currency }\n    refundedAmount { amount currency }\n    card { brand last4 }\n    declineReason\n    createdAt\n    updatedAt\n  }\n": types.FinancePaymentFieldsFragmentDoc,
    "\n  query FinancePayments(\n    $first: Int!\n    $after: String\n    $method: PaymentMethod\n    $status: PaymentStatus\n    $customerId: ID\n    $createdFrom: DateTime\n    $createdTo: DateTime\n  ) {\n    payments(\n      first: $first\n      after: $after\n      method: $method\n      status: $status\n      customerId: $customerId\n      createdFrom: $createdFrom\n      createdTo: $createdTo\n    ) {\n      nextCursor\n      payments {\n        ...FinancePaymentFields\n        customer { id name email }\n      }\n    }\n  }\n": types.FinancePaymentsDocument,
    "\n  query FinancePayment($id: ID!) {\n    payment(id: $id) {\n      ...FinancePaymentFields\n      customer { id name email }\n      history { kind at amount { amount currency } note }\n    }\n  }\n": types.FinancePaymentDocument,
    "\n  query FinancePaymentTotals($from: DateTime!, $to: DateTime!) {\n    paymentTotals(from: $from, to: $to) {\n      day\n      method\n      count\n      authorized { amount currency }\n      captured { amount currency }\n      refunded { amount currency }\n      net { amount currency }\n    }\n  }\n": types.FinancePaymentTotalsDocument,
    "\n  mutation FinanceRefundPayment($orderId: ID!, $amount: Int, $reason: String!, $idempotencyKey: String!) {\n    refundPayment(orderId: $orderId, amount: $amount, reason: $reason, idempotencyKey: $idempotencyKey) {\n      ...FinancePaymentFields\n      history { kind at amount { amount currency } note }\n    }\n  }\n": types.FinanceRefundPaymentDocument,
    "\n  query FinanceWalletReconciliation($customerId: ID!) {\n    walletReconciliation(customerId: $customerId) {\n      consistent\n      balance { amount currency }\n      held { amount currency }\n      ledgerBalance { amount currency }\n      ledgerHeld { amount currency }\n    }\n  }\n": types.FinanceWalletReconciliationDocument,
    "\n  fragment SalesOrderRowFields on Order {\n    id\n    number\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    total { amount currency }\n    customer { id name email }\n    lines { quantity shopId product { id name } variant { id name } }\n  }\n": types.SalesOrderRowFieldsFragmentDoc,
    "\n  query SalesOrders(\n    $first: Int!\n    $after: String\n    $status: OrderStatus\n    $shopId: ID\n    $createdFrom: DateTime\n    $createdTo: DateTime\n  ) {\n    orders(\n      first: $first\n      after: $after\n      status: $status\n      shopId: $shopId\n      createdFrom: $createdFrom\n      createdTo: $createdTo\n    ) {\n      nextCursor\n      orders { ...SalesOrderRowFields }\n    }\n  }\n": types.SalesOrdersDocument,
    "\n  subscription SalesOrderUpdated {\n    orderUpdated { ...SalesOrderRowFields }\n  }\n": types.SalesOrderUpdatedDocument,
    "\n  query SalesOrderByNumber($number: Int!) {\n    orderByNumber(number: $number) { id number }\n  }\n": types.SalesOrderByNumberDocument,
    "\n  query SalesShops {\n    shops { id name }\n  }\n": types.SalesShopsDocument,
    "\n  fragment SalesDeliveryFields on Delivery {\n    id\n    orderId\n    status\n    attempts\n    createdAt\n    assignedAt\n    pickedUpAt\n    finishedAt\n    eta\n    reason\n    courier { id name vehicle }\n    history {\n      at\n      status\n      courierId\n      note\n    }\n  }\n": types.SalesDeliveryFieldsFragmentDoc,
    "\n  fragment SalesOrderFields on Order {\n    id\n    number\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    promoCode\n    note\n    subtotal { amount currency }\n    discount { amount currency }\n    deliveryFee { amount currency }\n    total { amount currency }\n    promisedAt\n    deliveredAt\n    promiseKept\n    failure { code message }\n    customer { id name email phone }\n    deliveryAddress { label line1 line2 city postalCode }\n    lines {\n      quantity\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      product { id name requiresPreparation }\n      variant { id name }\n    }\n    statusHistory { from to at reason actor }\n    kitchenTicket {\n      id\n      status\n      priority\n      createdAt\n      startedAt\n      readyBy\n      readyAt\n      reason\n      items { productId variantId variant { id name } quantity station status }\n    }\n    payment {\n      id\n      status\n      method\n      createdAt\n      declineReason\n      amount { amount currency }\n      refundedAmount { amount currency }\n      card { brand last4 }\n      history {\n        at\n        kind\n        note\n        amount { amount currency }\n      }\n    }\n  }\n": types.SalesOrderFieldsFragmentDoc,
    "\n  query SalesOrder($id: ID!) {\n    order(id: $id) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n": types.SalesOrderDocument,
    "\n  subscription SalesOrderStatusChanged($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n": types.SalesOrderStatusChangedDocument,
    "\n  subscription SalesDeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...SalesDeliveryFields }\n  }\n": types.SalesDeliveryUpdatedDocument,
    "\n  query SalesActor($id: ID!) {\n    customer(id: $id) { id name roles }\n  }\n": types.SalesActorDocument,
    "\n  mutation SalesUpdateOrderStatus($orderId: ID!, $status: OrderStatus!, $reason: String) {\n    updateOrderStatus(orderId: $orderId, status: $status, reason: $reason) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n": types.SalesUpdateOrderStatusDocument,
    "\n  mutation SalesCancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n": types.SalesCancelOrderDocument,
    "\n  query SalesCouriers {\n    couriers {\n      id\n      name\n      vehicle\n      capacity\n      available\n      location { latitude longitude }\n      route { distanceMeters stops { position kind } }\n    }\n  }\n": types.SalesCouriersDocument,
    "\n  query SalesDeliveries($first: Int!, $after: String, $status: DeliveryStatus, $courierId: ID) {\n    deliveries(first: $first, after: $after, status: $status, courierId: $courierId) {\n      nextCursor\n      deliveries {\n        id\n        orderId\n        order { id number }\n        status\n        attempts\n        createdAt\n        assignedAt\n        pickedUpAt\n        finishedAt\n        reason\n        courier { id name }\n      }\n    }\n  }\n": types.SalesDeliveriesDocument,
    "\n  fragment CourierDeliveryFields on Delivery {\n    id\n    orderId\n    order { id number }\n    status\n    attempts\n    eta\n    etaSeconds\n    reason\n    createdAt\n    assignedAt\n    pickedUpAt\n    finishedAt\n    routeDistanceMeters\n    destination { latitude longitude }\n  }\n": types.CourierDeliveryFieldsFragmentDoc,
    "\n  fragment CourierProfileFields on Courier {\n    id\n    name\n    vehicle\n    capacity\n    available\n    location { latitude longitude }\n    route {\n      distanceMeters\n      stops { position kind deliveryId shopId legMeters location { latitude longitude } }\n    }\n  }\n": types.CourierProfileFieldsFragmentDoc,
    "\n  query CourierHome {\n    myCourierProfile { ...CourierProfileFields }\n    myDeliveries(first: 50) { deliveries { ...CourierDeliveryFields } }\n  }\n": types.CourierHomeDocument,
    "\n  query CourierStopOrder($id: ID!) {\n    order(id: $id) {\n      id\n      note\n      deliveryAddress { label line1 line2 city postalCode }\n      lines { quantity product { id name } variant { id name } }\n    }\n  }\n": types.CourierStopOrderDocument,
    "\n  query CourierShop($id: ID!) {\n    shop(id: $id) { id name address }\n  }\n": types.CourierShopDocument,
    "\n  subscription CourierDeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...CourierDeliveryFields }\n  }\n": types.CourierDeliveryUpdatedDocument,
    "\n  mutation CourierRegister($input: RegisterCourierInput!) {\n    registerCourier(input: $input) { ...CourierProfileFields }\n  }\n": types.CourierRegisterDocument,
    "\n  mutation CourierSetAvailability($available: Boolean!) {\n    setCourierAvailability(available: $available) { ...CourierProfileFields }\n  }\n": types.CourierSetAvailabilityDocument,
    "\n  mutation CourierUpdateLocation($latitude: Float!, $longitude: Float!) {\n    updateCourierLocation(latitude: $latitude, longitude: $longitude) { ...CourierProfileFields }\n  }\n": types.CourierUpdateLocationDocument,
    "\n  mutation CourierPickUp($deliveryId: ID!) {\n    pickUpDelivery(deliveryId: $deliveryId) { ...CourierDeliveryFields }\n  }\n": types.CourierPickUpDocument,
    "\n  mutation CourierHandOver($deliveryId: ID!) {\n    completeDelivery(deliveryId: $deliveryId) { ...CourierDeliveryFields }\n  }\n": types.CourierHandOverDocument,
    "\n  mutation CourierFailAttempt($deliveryId: ID!, $reason: String!) {\n    failDeliveryAttempt(deliveryId: $deliveryId, reason: $reason) { ...CourierDeliveryFields }\n  }\n": types.CourierFailAttemptDocument,
    "\n  fragment KitchenBoardTicket on KitchenTicket {\n    id\n    orderId\n    order { id number note }\n    status\n    priority\n    createdAt\n    startedAt\n    readyBy\n    readyAt\n    reason\n    items { productId variantId variant { id name } quantity station status prepSeconds startedAt dueAt }\n  }\n": types.KitchenBoardTicketFragmentDoc,
    "\n  fragment KitchenBoardStation on KitchenStation {\n    name\n    capacity\n    paused\n    busy\n    queued\n  }\n": types.KitchenBoardStationFragmentDoc,
    "\n  query KitchenBoard {\n    kitchenStations { ...KitchenBoardStation }\n    kitchenQueue { ...KitchenBoardTicket }\n  }\n": types.KitchenBoardDocument,
    "\n  subscription KitchenTicketUpdated {\n    kitchenTicketUpdated { ...KitchenBoardTicket }\n  }\n": types.KitchenTicketUpdatedDocument,
    "\n  query KitchenProduct($id: ID!) {\n    product(id: $id) { id name }\n  }\n": types.KitchenProductDocument,
    "\n  mutation KitchenBumpTicket($ticketId: ID!) {\n    bumpTicket(ticketId: $ticketId) { ...KitchenBoardTicket }\n  }\n": types.KitchenBumpTicketDocument,
    "\n  mutation KitchenCompleteTicket($ticketId: ID!) {\n    completeTicket(ticketId: $ticketId) { ...KitchenBoardTicket }\n  }\n": types.KitchenCompleteTicketDocument,
    "\n  mutation KitchenFailTicket($ticketId: ID!, $reason: String!) {\n    failTicket(ticketId: $ticketId, reason: $reason) { ...KitchenBoardTicket }\n  }\n": types.KitchenFailTicketDocument,
    "\n  mutation KitchenPauseStation($name: String!, $paused: Boolean!) {\n    pauseStation(name: $name, paused: $paused) { ...KitchenBoardStation }\n  }\n": types.KitchenPauseStationDocument,
    "\n  query SellerShops {\n    myShops {\n      id\n      name\n      slug\n      address\n      openingHours\n      offers { id active }\n    }\n  }\n": types.SellerShopsDocument,
    "\n  mutation SellerCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) { id name slug address openingHours }\n  }\n": types.SellerCreateShopDocument,
    "\n  fragment SellerOfferFields on Offer {\n    id\n    active\n    stock\n    inStock\n    price { amount currency }\n    product { id name slug archived }\n    variant { id name }\n  }\n": types.SellerOfferFieldsFragmentDoc,
    "\n  query SellerShopOffers($shopId: ID!) {\n    shop(id: $shopId) {\n      id\n      name\n      address\n      openingHours\n      ownerId\n      offers { ...SellerOfferFields }\n    }\n  }\n": types.SellerShopOffersDocument,
    "\n  mutation SellerAddOffer($shopId: ID!, $productId: ID!, $variantId: ID, $price: Int!, $count: Int!) {\n    addOfferToShop(shopId: $shopId, productId: $productId, variantId: $variantId, price: $price, count: $count) {\n      ...SellerOfferFields\n    }\n  }\n": types.SellerAddOfferDocument,
    "\n  mutation SellerUpdateOffer($offerId: ID!, $price: Int, $count: Int, $active: Boolean) {\n    updateOffer(offerId: $offerId, price: $price, count: $count, active: $active) {\n      ...SellerOfferFields\n    }\n  }\n": types.SellerUpdateOfferDocument,
    "\n  mutation SellerRemoveOffer($offerId: ID!) {\n    removeOffer(offerId: $offerId)\n  }\n": types.SellerRemoveOfferDocument,
    "\n  query SellerOffer($id: ID!) {\n    offer(id: $id) {\n      ...SellerOfferFields\n      shop { id name ownerId }\n    }\n  }\n": types.SellerOfferDocument,
    "\n  query SellerStockMovements($offerId: ID!, $first: Int!) {\n    stockMovements(offerId: $offerId, first: $first) { actor createdAt delta reason }\n  }\n": types.SellerStockMovementsDocument,
    "\n  mutation SellerAdjustStock($offerId: ID!, $delta: Int!, $reason: String!) {\n    adjustStock(offerId: $offerId, delta: $delta, reason: $reason) { id stock inStock }\n  }\n": types.SellerAdjustStockDocument,
    "\n  query SellerLowStock($threshold: Int!, $first: Int!) {\n    lowStockOffers(threshold: $threshold, first: $first) {\n      id\n      active\n      stock\n      price { amount currency }\n      product { id name }\n      variant { id name }\n      shop { id name ownerId }\n    }\n  }\n": types.SellerLowStockDocument,
    "\n  fragment SellerProductFields on Product {\n    id\n    name\n    slug\n    description\n    tags\n    imageUrl\n    images { thumb: url(size: THUMB) alt }\n    archived\n    requiresPreparation\n    createdAt\n    price { amount currency }\n    category { id name }\n    options { name values }\n    variants { id name options { name value } price { amount currency } }\n  }\n": types.SellerProductFieldsFragmentDoc,
    "\n  query SellerProducts($first: Int!, $offset: Int!, $includeArchived: Boolean!) {\n    myProducts(first: $first, offset: $offset, includeArchived: $includeArchived) {\n      ...SellerProductFields\n    }\n  }\n": types.SellerProductsDocument,
    "\n  query SellerProduct($id: ID!) {\n    product(id: $id) { ...SellerProductFields }\n  }\n": types.SellerProductDocument,
    "\n  mutation SellerCreateProduct($input: ProductInput!) {\n    createProduct(input: $input) { ...SellerProductFields }\n  }\n": types.SellerCreateProductDocument,
    "\n  mutation SellerUpdateProduct($id: ID!, $input: ProductInput!) {\n    updateProduct(id: $id, input: $input) { ...SellerProductFields }\n  }\n": types.SellerUpdateProductDocument,
    "\n  mutation SellerAddProductImage($productId: ID!, $file: Upload!, $alt: String!) {\n    addProductImage(productId: $productId, file: $file, alt: $alt) {\n      id\n      images { thumb: url(size: THUMB) alt }\n    }\n  }\n": types.SellerAddProductImageDocument,
    "\n  mutation SellerAddProductVariant($productId: ID!, $options: [SelectedOptionInput!]!, $price: Int) {\n    addProductVariant(productId: $productId, options: $options, price: $price) {\n      id\n      name\n      product {\n        id\n        options { name values }\n        variants { id name options { name value } price { amount currency } }\n      }\n    }\n  }\n": types.SellerAddProductVariantDocument,
    "\n  mutation SellerArchiveProduct($id: ID!) {\n    archiveProduct(id: $id) { id archived }\n  }\n": types.SellerArchiveProductDocument,
    "\n  query SellerFindProducts($query: String!, $first: Int!) {\n    searchProducts(query: $query, first: $first) {\n      edges {\n        node {\n          id\n          name\n          price { amount currency }\n          category { id name }\n          variants { id name price { amount currency } }\n        }\n      }\n    }\n  }\n": types.SellerFindProductsDocument,
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
export function graphql(source: "\n  query SearchProducts(\n    $first: Int\n    $after: String\n    $query: String\n    $categoryId: ID\n    $tags: [String!]\n    $minPrice: Int\n    $maxPrice: Int\n    $inStockOnly: Boolean\n    $sort: ProductSort\n    $withFacets: Boolean! = false\n  ) {\n    searchProducts(\n      first: $first\n      after: $after\n      query: $query\n      categoryId: $categoryId\n      tags: $tags\n      minPrice: $minPrice\n      maxPrice: $maxPrice\n      inStockOnly: $inStockOnly\n      sort: $sort\n    ) {\n      totalCount\n      facets @include(if: $withFacets) {\n        categories { category { id slug name } count }\n        tags { tag count }\n        inStock\n      }\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          name\n          slug\n          imageUrl\n          images { card: url(size: CARD) alt }\n          tags\n          inStock\n          stock\n          requiresPreparation\n          price { amount currency }\n          cheapestOffer { id price { amount currency } shop { id name } }\n          category { id name }\n          options { name }\n          variants { id }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchProducts(\n    $first: Int\n    $after: String\n    $query: String\n    $categoryId: ID\n    $tags: [String!]\n    $minPrice: Int\n    $maxPrice: Int\n    $inStockOnly: Boolean\n    $sort: ProductSort\n    $withFacets: Boolean! = false\n  ) {\n    searchProducts(\n      first: $first\n      after: $after\n      query: $query\n      categoryId: $categoryId\n      tags: $tags\n      minPrice: $minPrice\n      maxPrice: $maxPrice\n      inStockOnly: $inStockOnly\n      sort: $sort\n    ) {\n      totalCount\n      facets @include(if: $withFacets) {\n        categories { category { id slug name } count }\n        tags { tag count }\n        inStock\n      }\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id\n          name\n          slug\n          imageUrl\n          images { card: url(size: CARD) alt }\n          tags\n          inStock\n          stock\n          requiresPreparation\n          price { amount currency }\n          cheapestOffer { id price { amount currency } shop { id name } }\n          category { id name }\n          options { name }\n          variants { id }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchSuggestions($query: String!, $first: Int!) {\n    searchProducts(query: $query, first: $first) {\n      edges {\n        node {\n          id\n          name\n          imageUrl\n          images { thumb: url(size: THUMB) alt }\n          price { amount currency }\n          cheapestOffer { id price { amount currency } }\n          options { name }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchSuggestions($query: String!, $first: Int!) {\n    searchProducts(query: $query, first: $first) {\n      edges {\n        node {\n          id\n          name\n          imageUrl\n          images { thumb: url(size: THUMB) alt }\n          price { amount currency }\n          cheapestOffer { id price { amount currency } }\n          options { name }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Product($id: ID!) {\n    product(id: $id) {\n      id\n      name\n      slug\n      description\n      imageUrl\n      images { full: url(size: FULL) thumb: url(size: THUMB) alt }\n      tags\n      archived\n      requiresPreparation\n      inStock\n      stock\n      price { amount currency }\n      category { id name parent { id name } }\n      options { name values }\n      variants {\n        id\n        name\n        options { name value }\n        price { amount currency }\n      }\n      offers {\n        id\n        active\n        inStock\n        stock\n        price { amount currency }\n        shop { id name address openingHours }\n        variant { id }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Product($id: ID!) {\n    product(id: $id) {\n      id\n      name\n      slug\n      description\n      imageUrl\n      images { full: url(size: FULL) thumb: url(size: THUMB) alt }\n      tags\n      archived\n      requiresPreparation\n      inStock\n      stock\n      price { amount currency }\n      category { id name parent { id name } }\n      options { name values }\n      variants {\n        id\n        name\n        options { name value }\n        price { amount currency }\n      }\n      offers {\n        id\n        active\n        inStock\n        stock\n        price { amount currency }\n        shop { id name address openingHours }\n        variant { id }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StockChanged($productId: ID!) {\n    stockChanged(productId: $productId) {\n      id\n      stock\n      inStock\n      offers { id stock inStock }\n    }\n  }\n"): (typeof documents)["\n  subscription StockChanged($productId: ID!) {\n    stockChanged(productId: $productId) {\n      id\n      stock\n      inStock\n      offers { id stock inStock }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CartFields on Cart {\n    id\n    status\n    itemCount\n    promoCode\n    subtotal { amount currency }\n    discount { amount currency }\n    total { amount currency }\n    warnings {\n      kind\n      message\n      offerId\n      currentPrice { amount currency }\n      previousPrice { amount currency }\n    }\n    lines {\n      quantity\n      available\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      offer { id shop { id name } }\n      product { id name imageUrl images { thumb: url(size: THUMB) alt } requiresPreparation }\n      variant { id name }\n    }\n  }\n"): (typeof documents)["\n  fragment CartFields on Cart {\n    id\n    status\n    itemCount\n    promoCode\n    subtotal { amount currency }\n    discount { amount currency }\n    total { amount currency }\n    warnings {\n      kind\n      message\n      offerId\n      currentPrice { amount currency }\n      previousPrice { amount currency }\n    }\n    lines {\n      quantity\n      available\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      offer { id shop { id name } }\n      product { id name imageUrl images { thumb: url(size: THUMB) alt } requiresPreparation }\n      variant { id name }\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment AddressFields on Address {\n    id label line1 line2 city postalCode latitude longitude isDefault\n  }\n"): (typeof documents)["\n  fragment AddressFields on Address {\n    id label line1 line2 city postalCode latitude longitude isDefault\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Account {\n    me {\n      id\n      email\n      name\n      phone\n      addresses { ...AddressFields }\n    }\n  }\n"): (typeof documents)["\n  query Account {\n    me {\n      id\n      email\n      name\n      phone\n      addresses { ...AddressFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) { id name phone }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) { id name phone }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAddress($id: ID!, $input: AddressInput!) {\n    updateAddress(id: $id, input: $input) { ...AddressFields }\n  }\n"): (typeof documents)["\n  mutation UpdateAddress($id: ID!, $input: AddressInput!) {\n    updateAddress(id: $id, input: $input) { ...AddressFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id)\n  }\n"): (typeof documents)["\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckoutData {\n    me {\n      id\n      addresses { ...AddressFields }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n      }\n    }\n    mySavedCards { id brand last4 expMonth expYear }\n    myCart { ...CartFields }\n  }\n"): (typeof documents)["\n  query CheckoutData {\n    me {\n      id\n      addresses { ...AddressFields }\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n      }\n    }\n    mySavedCards { id brand last4 expMonth expYear }\n    myCart { ...CartFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddAddress($input: AddressInput!) {\n    addAddress(input: $input) { ...AddressFields }\n  }\n"): (typeof documents)["\n  mutation AddAddress($input: AddressInput!) {\n    addAddress(input: $input) { ...AddressFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCard($input: CardInput!) {\n    addCard(input: $input) { id brand last4 expMonth expYear }\n  }\n"): (typeof documents)["\n  mutation AddCard($input: CardInput!) {\n    addCard(input: $input) { id brand last4 expMonth expYear }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeliveryQuote($addressId: ID!) {\n    deliveryQuote(addressId: $addressId) {\n      itemsTotal { amount currency }\n      deliveryFee { amount currency }\n      total { amount currency }\n      distanceMeters\n      promisedAt\n    }\n  }\n"): (typeof documents)["\n  query DeliveryQuote($addressId: ID!) {\n    deliveryQuote(addressId: $addressId) {\n      itemsTotal { amount currency }\n      deliveryFee { amount currency }\n      total { amount currency }\n      distanceMeters\n      promisedAt\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment OrderFields on Order {\n    id\n    number\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    promoCode\n    note\n    subtotal { amount currency }\n    discount { amount currency }\n    deliveryFee { amount currency }\n    total { amount currency }\n    promisedAt\n    deliveredAt\n    promiseKept\n    failure { code message }\n    deliveryAddress { label line1 line2 city postalCode latitude longitude }\n    lines {\n      quantity\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      product { id name imageUrl requiresPreparation }\n      variant { id name }\n    }\n    statusHistory { from to at reason actor }\n    kitchenTicket {\n      id\n      status\n      readyBy\n      readyAt\n      startedAt\n      reason\n      items { productId variantId variant { id name } quantity station status prepSeconds startedAt dueAt }\n    }\n    payment { id status method card { brand last4 } declineReason }\n  }\n"): (typeof documents)["\n  fragment OrderFields on Order {\n    id\n    number\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    promoCode\n    note\n    subtotal { amount currency }\n    discount { amount currency }\n    deliveryFee { amount currency }\n    total { amount currency }\n    promisedAt\n    deliveredAt\n    promiseKept\n    failure { code message }\n    deliveryAddress { label line1 line2 city postalCode latitude longitude }\n    lines {\n      quantity\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      product { id name imageUrl requiresPreparation }\n      variant { id name }\n    }\n    statusHistory { from to at reason actor }\n    kitchenTicket {\n      id\n      status\n      readyBy\n      readyAt\n      startedAt\n      reason\n      items { productId variantId variant { id name } quantity station status prepSeconds startedAt dueAt }\n    }\n    payment { id status method card { brand last4 } declineReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Order($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n      delivery { ...DeliveryFields }\n    }\n  }\n"): (typeof documents)["\n  query Order($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n      delivery { ...DeliveryFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderPayment($id: ID!) {\n    order(id: $id) {\n      id\n      payment { id status method card { brand last4 } declineReason }\n    }\n  }\n"): (typeof documents)["\n  query OrderPayment($id: ID!) {\n    order(id: $id) {\n      id\n      payment { id status method card { brand last4 } declineReason }\n    }\n  }\n"];
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
export function graphql(source: "\n  query MyOrders($first: Int!, $after: String) {\n    myOrders(first: $first, after: $after) {\n      nextCursor\n      orders {\n        id\n        number\n        cursor\n        createdAt\n        status\n        paymentMethod\n        total { amount currency }\n        lines { quantity product { id name } variant { id name } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyOrders($first: Int!, $after: String) {\n    myOrders(first: $first, after: $after) {\n      nextCursor\n      orders {\n        id\n        number\n        cursor\n        createdAt\n        status\n        paymentMethod\n        total { amount currency }\n        lines { quantity product { id name } variant { id name } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) { ...OrderFields }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) { ...OrderFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Wallet($first: Int!, $after: String) {\n    me {\n      id\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n        entries(first: $first, after: $after) {\n          id\n          kind\n          reference\n          createdAt\n          cursor\n          amount { amount currency }\n          order { id number }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Wallet($first: Int!, $after: String) {\n    me {\n      id\n      wallet {\n        balance { amount currency }\n        available { amount currency }\n        held { amount currency }\n        entries(first: $first, after: $after) {\n          id\n          kind\n          reference\n          createdAt\n          cursor\n          amount { amount currency }\n          order { id number }\n        }\n      }\n    }\n  }\n"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FinancePaymentFields on Payment {\n    id\n    orderId\n    order { id number }\n    method\n    status\n    amount { amount currency }\n    refundedAmount { amount currency }\n    card { brand last4 }\n    declineReason\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment FinancePaymentFields on Payment {\n    id\n    orderId\n    order { id number }\n    method\n    status\n    amount { amount currency }\n    refundedAmount { amount currency }\n    card { brand last4 }\n    declineReason\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FinancePayments(\n    $first: Int!\n    $after: String\n    $method: PaymentMethod\n    $status: PaymentStatus\n    $customerId: ID\n    $createdFrom: DateTime\n    $createdTo: DateTime\n  ) {\n    payments(\n      first: $first\n      after: $after\n      method: $method\n      status: $status\n      customerId: $customerId\n      createdFrom: $createdFrom\n      createdTo: $createdTo\n    ) {\n      nextCursor\n      payments {\n        ...FinancePaymentFields\n        customer { id name email }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FinancePayments(\n    $first: Int!\n    $after: String\n    $method: PaymentMethod\n    $status: PaymentStatus\n    $customerId: ID\n    $createdFrom: DateTime\n    $createdTo: DateTime\n  ) {\n    payments(\n      first: $first\n      after: $after\n      method: $method\n      status: $status\n      customerId: $customerId\n      createdFrom: $createdFrom\n      createdTo: $createdTo\n    ) {\n      nextCursor\n      payments {\n        ...FinancePaymentFields\n        customer { id name email }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FinancePayment($id: ID!) {\n    payment(id: $id) {\n      ...FinancePaymentFields\n      customer { id name email }\n      history { kind at amount { amount currency } note }\n    }\n  }\n"): (typeof documents)["\n  query FinancePayment($id: ID!) {\n    payment(id: $id) {\n      ...FinancePaymentFields\n      customer { id name email }\n      history { kind at amount { amount currency } note }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FinancePaymentTotals($from: DateTime!, $to: DateTime!) {\n    paymentTotals(from: $from, to: $to) {\n      day\n      method\n      count\n      authorized { amount currency }\n      captured { amount currency }\n      refunded { amount currency }\n      net { amount currency }\n    }\n  }\n"): (typeof documents)["\n  query FinancePaymentTotals($from: DateTime!, $to: DateTime!) {\n    paymentTotals(from: $from, to: $to) {\n      day\n      method\n      count\n      authorized { amount currency }\n      captured { amount currency }\n      refunded { amount currency }\n      net { amount currency }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FinanceRefundPayment($orderId: ID!, $amount: Int, $reason: String!, $idempotencyKey: String!) {\n    refundPayment(orderId: $orderId, amount: $amount, reason: $reason, idempotencyKey: $idempotencyKey) {\n      ...FinancePaymentFields\n      history { kind at amount { amount currency } note }\n    }\n  }\n"): (typeof documents)["\n  mutation FinanceRefundPayment($orderId: ID!, $amount: Int, $reason: String!, $idempotencyKey: String!) {\n    refundPayment(orderId: $orderId, amount: $amount, reason: $reason, idempotencyKey: $idempotencyKey) {\n      ...FinancePaymentFields\n      history { kind at amount { amount currency } note }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FinanceWalletReconciliation($customerId: ID!) {\n    walletReconciliation(customerId: $customerId) {\n      consistent\n      balance { amount currency }\n      held { amount currency }\n      ledgerBalance { amount currency }\n      ledgerHeld { amount currency }\n    }\n  }\n"): (typeof documents)["\n  query FinanceWalletReconciliation($customerId: ID!) {\n    walletReconciliation(customerId: $customerId) {\n      consistent\n      balance { amount currency }\n      held { amount currency }\n      ledgerBalance { amount currency }\n      ledgerHeld { amount currency }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SalesOrderRowFields on Order {\n    id\n    number\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    total { amount currency }\n    customer { id name email }\n    lines { quantity shopId product { id name } variant { id name } }\n  }\n"): (typeof documents)["\n  fragment SalesOrderRowFields on Order {\n    id\n    number\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    total { amount currency }\n    customer { id name email }\n    lines { quantity shopId product { id name } variant { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SalesOrders(\n    $first: Int!\n    $after: String\n    $status: OrderStatus\n    $shopId: ID\n    $createdFrom: DateTime\n    $createdTo: DateTime\n  ) {\n    orders(\n      first: $first\n      after: $after\n      status: $status\n      shopId: $shopId\n      createdFrom: $createdFrom\n      createdTo: $createdTo\n    ) {\n      nextCursor\n      orders { ...SalesOrderRowFields }\n    }\n  }\n"): (typeof documents)["\n  query SalesOrders(\n    $first: Int!\n    $after: String\n    $status: OrderStatus\n    $shopId: ID\n    $createdFrom: DateTime\n    $createdTo: DateTime\n  ) {\n    orders(\n      first: $first\n      after: $after\n      status: $status\n      shopId: $shopId\n      createdFrom: $createdFrom\n      createdTo: $createdTo\n    ) {\n      nextCursor\n      orders { ...SalesOrderRowFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SalesOrderUpdated {\n    orderUpdated { ...SalesOrderRowFields }\n  }\n"): (typeof documents)["\n  subscription SalesOrderUpdated {\n    orderUpdated { ...SalesOrderRowFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SalesOrderByNumber($number: Int!) {\n    orderByNumber(number: $number) { id number }\n  }\n"): (typeof documents)["\n  query SalesOrderByNumber($number: Int!) {\n    orderByNumber(number: $number) { id number }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SalesShops {\n    shops { id name }\n  }\n"): (typeof documents)["\n  query SalesShops {\n    shops { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SalesDeliveryFields on Delivery {\n    id\n    orderId\n    status\n    attempts\n    createdAt\n    assignedAt\n    pickedUpAt\n    finishedAt\n    eta\n    reason\n    courier { id name vehicle }\n    history {\n      at\n      status\n      courierId\n      note\n    }\n  }\n"): (typeof documents)["\n  fragment SalesDeliveryFields on Delivery {\n    id\n    orderId\n    status\n    attempts\n    createdAt\n    assignedAt\n    pickedUpAt\n    finishedAt\n    eta\n    reason\n    courier { id name vehicle }\n    history {\n      at\n      status\n      courierId\n      note\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SalesOrderFields on Order {\n    id\n    number\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    promoCode\n    note\n    subtotal { amount currency }\n    discount { amount currency }\n    deliveryFee { amount currency }\n    total { amount currency }\n    promisedAt\n    deliveredAt\n    promiseKept\n    failure { code message }\n    customer { id name email phone }\n    deliveryAddress { label line1 line2 city postalCode }\n    lines {\n      quantity\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      product { id name requiresPreparation }\n      variant { id name }\n    }\n    statusHistory { from to at reason actor }\n    kitchenTicket {\n      id\n      status\n      priority\n      createdAt\n      startedAt\n      readyBy\n      readyAt\n      reason\n      items { productId variantId variant { id name } quantity station status }\n    }\n    payment {\n      id\n      status\n      method\n      createdAt\n      declineReason\n      amount { amount currency }\n      refundedAmount { amount currency }\n      card { brand last4 }\n      history {\n        at\n        kind\n        note\n        amount { amount currency }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SalesOrderFields on Order {\n    id\n    number\n    status\n    createdAt\n    updatedAt\n    paymentMethod\n    promoCode\n    note\n    subtotal { amount currency }\n    discount { amount currency }\n    deliveryFee { amount currency }\n    total { amount currency }\n    promisedAt\n    deliveredAt\n    promiseKept\n    failure { code message }\n    customer { id name email phone }\n    deliveryAddress { label line1 line2 city postalCode }\n    lines {\n      quantity\n      shopId\n      unitPrice { amount currency }\n      lineTotal { amount currency }\n      product { id name requiresPreparation }\n      variant { id name }\n    }\n    statusHistory { from to at reason actor }\n    kitchenTicket {\n      id\n      status\n      priority\n      createdAt\n      startedAt\n      readyBy\n      readyAt\n      reason\n      items { productId variantId variant { id name } quantity station status }\n    }\n    payment {\n      id\n      status\n      method\n      createdAt\n      declineReason\n      amount { amount currency }\n      refundedAmount { amount currency }\n      card { brand last4 }\n      history {\n        at\n        kind\n        note\n        amount { amount currency }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SalesOrder($id: ID!) {\n    order(id: $id) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n"): (typeof documents)["\n  query SalesOrder($id: ID!) {\n    order(id: $id) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SalesOrderStatusChanged($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n"): (typeof documents)["\n  subscription SalesOrderStatusChanged($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SalesDeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...SalesDeliveryFields }\n  }\n"): (typeof documents)["\n  subscription SalesDeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...SalesDeliveryFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SalesActor($id: ID!) {\n    customer(id: $id) { id name roles }\n  }\n"): (typeof documents)["\n  query SalesActor($id: ID!) {\n    customer(id: $id) { id name roles }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SalesUpdateOrderStatus($orderId: ID!, $status: OrderStatus!, $reason: String) {\n    updateOrderStatus(orderId: $orderId, status: $status, reason: $reason) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n"): (typeof documents)["\n  mutation SalesUpdateOrderStatus($orderId: ID!, $status: OrderStatus!, $reason: String) {\n    updateOrderStatus(orderId: $orderId, status: $status, reason: $reason) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SalesCancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n"): (typeof documents)["\n  mutation SalesCancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) {\n      ...SalesOrderFields\n      delivery { ...SalesDeliveryFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SalesCouriers {\n    couriers {\n      id\n      name\n      vehicle\n      capacity\n      available\n      location { latitude longitude }\n      route { distanceMeters stops { position kind } }\n    }\n  }\n"): (typeof documents)["\n  query SalesCouriers {\n    couriers {\n      id\n      name\n      vehicle\n      capacity\n      available\n      location { latitude longitude }\n      route { distanceMeters stops { position kind } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SalesDeliveries($first: Int!, $after: String, $status: DeliveryStatus, $courierId: ID) {\n    deliveries(first: $first, after: $after, status: $status, courierId: $courierId) {\n      nextCursor\n      deliveries {\n        id\n        orderId\n        order { id number }\n        status\n        attempts\n        createdAt\n        assignedAt\n        pickedUpAt\n        finishedAt\n        reason\n        courier { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SalesDeliveries($first: Int!, $after: String, $status: DeliveryStatus, $courierId: ID) {\n    deliveries(first: $first, after: $after, status: $status, courierId: $courierId) {\n      nextCursor\n      deliveries {\n        id\n        orderId\n        order { id number }\n        status\n        attempts\n        createdAt\n        assignedAt\n        pickedUpAt\n        finishedAt\n        reason\n        courier { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CourierDeliveryFields on Delivery {\n    id\n    orderId\n    order { id number }\n    status\n    attempts\n    eta\n    etaSeconds\n    reason\n    createdAt\n    assignedAt\n    pickedUpAt\n    finishedAt\n    routeDistanceMeters\n    destination { latitude longitude }\n  }\n"): (typeof documents)["\n  fragment CourierDeliveryFields on Delivery {\n    id\n    orderId\n    order { id number }\n    status\n    attempts\n    eta\n    etaSeconds\n    reason\n    createdAt\n    assignedAt\n    pickedUpAt\n    finishedAt\n    routeDistanceMeters\n    destination { latitude longitude }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CourierProfileFields on Courier {\n    id\n    name\n    vehicle\n    capacity\n    available\n    location { latitude longitude }\n    route {\n      distanceMeters\n      stops { position kind deliveryId shopId legMeters location { latitude longitude } }\n    }\n  }\n"): (typeof documents)["\n  fragment CourierProfileFields on Courier {\n    id\n    name\n    vehicle\n    capacity\n    available\n    location { latitude longitude }\n    route {\n      distanceMeters\n      stops { position kind deliveryId shopId legMeters location { latitude longitude } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CourierHome {\n    myCourierProfile { ...CourierProfileFields }\n    myDeliveries(first: 50) { deliveries { ...CourierDeliveryFields } }\n  }\n"): (typeof documents)["\n  query CourierHome {\n    myCourierProfile { ...CourierProfileFields }\n    myDeliveries(first: 50) { deliveries { ...CourierDeliveryFields } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CourierStopOrder($id: ID!) {\n    order(id: $id) {\n      id\n      note\n      deliveryAddress { label line1 line2 city postalCode }\n      lines { quantity product { id name } variant { id name } }\n    }\n  }\n"): (typeof documents)["\n  query CourierStopOrder($id: ID!) {\n    order(id: $id) {\n      id\n      note\n      deliveryAddress { label line1 line2 city postalCode }\n      lines { quantity product { id name } variant { id name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CourierShop($id: ID!) {\n    shop(id: $id) { id name address }\n  }\n"): (typeof documents)["\n  query CourierShop($id: ID!) {\n    shop(id: $id) { id name address }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CourierDeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...CourierDeliveryFields }\n  }\n"): (typeof documents)["\n  subscription CourierDeliveryUpdated($orderId: ID!) {\n    deliveryUpdated(orderId: $orderId) { ...CourierDeliveryFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CourierRegister($input: RegisterCourierInput!) {\n    registerCourier(input: $input) { ...CourierProfileFields }\n  }\n"): (typeof documents)["\n  mutation CourierRegister($input: RegisterCourierInput!) {\n    registerCourier(input: $input) { ...CourierProfileFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CourierSetAvailability($available: Boolean!) {\n    setCourierAvailability(available: $available) { ...CourierProfileFields }\n  }\n"): (typeof documents)["\n  mutation CourierSetAvailability($available: Boolean!) {\n    setCourierAvailability(available: $available) { ...CourierProfileFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CourierUpdateLocation($latitude: Float!, $longitude: Float!) {\n    updateCourierLocation(latitude: $latitude, longitude: $longitude) { ...CourierProfileFields }\n  }\n"): (typeof documents)["\n  mutation CourierUpdateLocation($latitude: Float!, $longitude: Float!) {\n    updateCourierLocation(latitude: $latitude, longitude: $longitude) { ...CourierProfileFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CourierPickUp($deliveryId: ID!) {\n    pickUpDelivery(deliveryId: $deliveryId) { ...CourierDeliveryFields }\n  }\n"): (typeof documents)["\n  mutation CourierPickUp($deliveryId: ID!) {\n    pickUpDelivery(deliveryId: $deliveryId) { ...CourierDeliveryFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CourierHandOver($deliveryId: ID!) {\n    completeDelivery(deliveryId: $deliveryId) { ...CourierDeliveryFields }\n  }\n"): (typeof documents)["\n  mutation CourierHandOver($deliveryId: ID!) {\n    completeDelivery(deliveryId: $deliveryId) { ...CourierDeliveryFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CourierFailAttempt($deliveryId: ID!, $reason: String!) {\n    failDeliveryAttempt(deliveryId: $deliveryId, reason: $reason) { ...CourierDeliveryFields }\n  }\n"): (typeof documents)["\n  mutation CourierFailAttempt($deliveryId: ID!, $reason: String!) {\n    failDeliveryAttempt(deliveryId: $deliveryId, reason: $reason) { ...CourierDeliveryFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KitchenBoardTicket on KitchenTicket {\n    id\n    orderId\n    order { id number note }\n    status\n    priority\n    createdAt\n    startedAt\n    readyBy\n    readyAt\n    reason\n    items { productId variantId variant { id name } quantity station status prepSeconds startedAt dueAt }\n  }\n"): (typeof documents)["\n  fragment KitchenBoardTicket on KitchenTicket {\n    id\n    orderId\n    order { id number note }\n    status\n    priority\n    createdAt\n    startedAt\n    readyBy\n    readyAt\n    reason\n    items { productId variantId variant { id name } quantity station status prepSeconds startedAt dueAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KitchenBoardStation on KitchenStation {\n    name\n    capacity\n    paused\n    busy\n    queued\n  }\n"): (typeof documents)["\n  fragment KitchenBoardStation on KitchenStation {\n    name\n    capacity\n    paused\n    busy\n    queued\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KitchenBoard {\n    kitchenStations { ...KitchenBoardStation }\n    kitchenQueue { ...KitchenBoardTicket }\n  }\n"): (typeof documents)["\n  query KitchenBoard {\n    kitchenStations { ...KitchenBoardStation }\n    kitchenQueue { ...KitchenBoardTicket }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription KitchenTicketUpdated {\n    kitchenTicketUpdated { ...KitchenBoardTicket }\n  }\n"): (typeof documents)["\n  subscription KitchenTicketUpdated {\n    kitchenTicketUpdated { ...KitchenBoardTicket }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KitchenProduct($id: ID!) {\n    product(id: $id) { id name }\n  }\n"): (typeof documents)["\n  query KitchenProduct($id: ID!) {\n    product(id: $id) { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KitchenBumpTicket($ticketId: ID!) {\n    bumpTicket(ticketId: $ticketId) { ...KitchenBoardTicket }\n  }\n"): (typeof documents)["\n  mutation KitchenBumpTicket($ticketId: ID!) {\n    bumpTicket(ticketId: $ticketId) { ...KitchenBoardTicket }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KitchenCompleteTicket($ticketId: ID!) {\n    completeTicket(ticketId: $ticketId) { ...KitchenBoardTicket }\n  }\n"): (typeof documents)["\n  mutation KitchenCompleteTicket($ticketId: ID!) {\n    completeTicket(ticketId: $ticketId) { ...KitchenBoardTicket }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KitchenFailTicket($ticketId: ID!, $reason: String!) {\n    failTicket(ticketId: $ticketId, reason: $reason) { ...KitchenBoardTicket }\n  }\n"): (typeof documents)["\n  mutation KitchenFailTicket($ticketId: ID!, $reason: String!) {\n    failTicket(ticketId: $ticketId, reason: $reason) { ...KitchenBoardTicket }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KitchenPauseStation($name: String!, $paused: Boolean!) {\n    pauseStation(name: $name, paused: $paused) { ...KitchenBoardStation }\n  }\n"): (typeof documents)["\n  mutation KitchenPauseStation($name: String!, $paused: Boolean!) {\n    pauseStation(name: $name, paused: $paused) { ...KitchenBoardStation }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SellerShops {\n    myShops {\n      id\n      name\n      slug\n      address\n      openingHours\n      offers { id active }\n    }\n  }\n"): (typeof documents)["\n  query SellerShops {\n    myShops {\n      id\n      name\n      slug\n      address\n      openingHours\n      offers { id active }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SellerCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) { id name slug address openingHours }\n  }\n"): (typeof documents)["\n  mutation SellerCreateShop($input: CreateShopInput!) {\n    createShop(input: $input) { id name slug address openingHours }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SellerOfferFields on Offer {\n    id\n    active\n    stock\n    inStock\n    price { amount currency }\n    product { id name slug archived }\n    variant { id name }\n  }\n"): (typeof documents)["\n  fragment SellerOfferFields on Offer {\n    id\n    active\n    stock\n    inStock\n    price { amount currency }\n    product { id name slug archived }\n    variant { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SellerShopOffers($shopId: ID!) {\n    shop(id: $shopId) {\n      id\n      name\n      address\n      openingHours\n      ownerId\n      offers { ...SellerOfferFields }\n    }\n  }\n"): (typeof documents)["\n  query SellerShopOffers($shopId: ID!) {\n    shop(id: $shopId) {\n      id\n      name\n      address\n      openingHours\n      ownerId\n      offers { ...SellerOfferFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SellerAddOffer($shopId: ID!, $productId: ID!, $variantId: ID, $price: Int!, $count: Int!) {\n    addOfferToShop(shopId: $shopId, productId: $productId, variantId: $variantId, price: $price, count: $count) {\n      ...SellerOfferFields\n    }\n  }\n"): (typeof documents)["\n  mutation SellerAddOffer($shopId: ID!, $productId: ID!, $variantId: ID, $price: Int!, $count: Int!) {\n    addOfferToShop(shopId: $shopId, productId: $productId, variantId: $variantId, price: $price, count: $count) {\n      ...SellerOfferFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SellerUpdateOffer($offerId: ID!, $price: Int, $count: Int, $active: Boolean) {\n    updateOffer(offerId: $offerId, price: $price, count: $count, active: $active) {\n      ...SellerOfferFields\n    }\n  }\n"): (typeof documents)["\n  mutation SellerUpdateOffer($offerId: ID!, $price: Int, $count: Int, $active: Boolean) {\n    updateOffer(offerId: $offerId, price: $price, count: $count, active: $active) {\n      ...SellerOfferFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SellerRemoveOffer($offerId: ID!) {\n    removeOffer(offerId: $offerId)\n  }\n"): (typeof documents)["\n  mutation SellerRemoveOffer($offerId: ID!) {\n    removeOffer(offerId: $offerId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SellerOffer($id: ID!) {\n    offer(id: $id) {\n      ...SellerOfferFields\n      shop { id name ownerId }\n    }\n  }\n"): (typeof documents)["\n  query SellerOffer($id: ID!) {\n    offer(id: $id) {\n      ...SellerOfferFields\n      shop { id name ownerId }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SellerStockMovements($offerId: ID!, $first: Int!) {\n    stockMovements(offerId: $offerId, first: $first) { actor createdAt delta reason }\n  }\n"): (typeof documents)["\n  query SellerStockMovements($offerId: ID!, $first: Int!) {\n    stockMovements(offerId: $offerId, first: $first) { actor createdAt delta reason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SellerAdjustStock($offerId: ID!, $delta: Int!, $reason: String!) {\n    adjustStock(offerId: $offerId, delta: $delta, reason: $reason) { id stock inStock }\n  }\n"): (typeof documents)["\n  mutation SellerAdjustStock($offerId: ID!, $delta: Int!, $reason: String!) {\n    adjustStock(offerId: $offerId, delta: $delta, reason: $reason) { id stock inStock }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SellerLowStock($threshold: Int!, $first: Int!) {\n    lowStockOffers(threshold: $threshold, first: $first) {\n      id\n      active\n      stock\n      price { amount currency }\n      product { id name }\n      variant { id name }\n      shop { id name ownerId }\n    }\n  }\n"): (typeof documents)["\n  query SellerLowStock($threshold: Int!, $first: Int!) {\n    lowStockOffers(threshold: $threshold, first: $first) {\n      id\n      active\n      stock\n      price { amount currency }\n      product { id name }\n      variant { id name }\n      shop { id name ownerId }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SellerProductFields on Product {\n    id\n    name\n    slug\n    description\n    tags\n    imageUrl\n    images { thumb: url(size: THUMB) alt }\n    archived\n    requiresPreparation\n    createdAt\n    price { amount currency }\n    category { id name }\n    options { name values }\n    variants { id name options { name value } price { amount currency } }\n  }\n"): (typeof documents)["\n  fragment SellerProductFields on Product {\n    id\n    name\n    slug\n    description\n    tags\n    imageUrl\n    images { thumb: url(size: THUMB) alt }\n    archived\n    requiresPreparation\n    createdAt\n    price { amount currency }\n    category { id name }\n    options { name values }\n    variants { id name options { name value } price { amount currency } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SellerProducts($first: Int!, $offset: Int!, $includeArchived: Boolean!) {\n    myProducts(first: $first, offset: $offset, includeArchived: $includeArchived) {\n      ...SellerProductFields\n    }\n  }\n"): (typeof documents)["\n  query SellerProducts($first: Int!, $offset: Int!, $includeArchived: Boolean!) {\n    myProducts(first: $first, offset: $offset, includeArchived: $includeArchived) {\n      ...SellerProductFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SellerProduct($id: ID!) {\n    product(id: $id) { ...SellerProductFields }\n  }\n"): (typeof documents)["\n  query SellerProduct($id: ID!) {\n    product(id: $id) { ...SellerProductFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SellerCreateProduct($input: ProductInput!) {\n    createProduct(input: $input) { ...SellerProductFields }\n  }\n"): (typeof documents)["\n  mutation SellerCreateProduct($input: ProductInput!) {\n    createProduct(input: $input) { ...SellerProductFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SellerUpdateProduct($id: ID!, $input: ProductInput!) {\n    updateProduct(id: $id, input: $input) { ...SellerProductFields }\n  }\n"): (typeof documents)["\n  mutation SellerUpdateProduct($id: ID!, $input: ProductInput!) {\n    updateProduct(id: $id, input: $input) { ...SellerProductFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SellerAddProductImage($productId: ID!, $file: Upload!, $alt: String!) {\n    addProductImage(productId: $productId, file: $file, alt: $alt) {\n      id\n      images { thumb: url(size: THUMB) alt }\n    }\n  }\n"): (typeof documents)["\n  mutation SellerAddProductImage($productId: ID!, $file: Upload!, $alt: String!) {\n    addProductImage(productId: $productId, file: $file, alt: $alt) {\n      id\n      images { thumb: url(size: THUMB) alt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SellerAddProductVariant($productId: ID!, $options: [SelectedOptionInput!]!, $price: Int) {\n    addProductVariant(productId: $productId, options: $options, price: $price) {\n      id\n      name\n      product {\n        id\n        options { name values }\n        variants { id name options { name value } price { amount currency } }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SellerAddProductVariant($productId: ID!, $options: [SelectedOptionInput!]!, $price: Int) {\n    addProductVariant(productId: $productId, options: $options, price: $price) {\n      id\n      name\n      product {\n        id\n        options { name values }\n        variants { id name options { name value } price { amount currency } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SellerArchiveProduct($id: ID!) {\n    archiveProduct(id: $id) { id archived }\n  }\n"): (typeof documents)["\n  mutation SellerArchiveProduct($id: ID!) {\n    archiveProduct(id: $id) { id archived }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SellerFindProducts($query: String!, $first: Int!) {\n    searchProducts(query: $query, first: $first) {\n      edges {\n        node {\n          id\n          name\n          price { amount currency }\n          category { id name }\n          variants { id name price { amount currency } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SellerFindProducts($query: String!, $first: Int!) {\n    searchProducts(query: $query, first: $first) {\n      edges {\n        node {\n          id\n          name\n          price { amount currency }\n          category { id name }\n          variants { id name price { amount currency } }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
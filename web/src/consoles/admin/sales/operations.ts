import { graphql } from '../../../gql';

// The ADMIN console's sales side: the orders board, one order in full, couriers and the
// delivery record. Names start with `Sales` so they never clash with other consoles'.

// ---- orders board -------------------------------------------------------------------------

export const SalesOrderRowFields = graphql(`
  fragment SalesOrderRowFields on Order {
    id
    number
    status
    createdAt
    updatedAt
    paymentMethod
    total { amount currency }
    customer { id name email }
    lines { quantity shopId product { id name } variant { id name } }
  }
`);

export const SalesOrdersQuery = graphql(`
  query SalesOrders(
    $first: Int!
    $after: String
    $status: OrderStatus
    $shopId: ID
    $createdFrom: DateTime
    $createdTo: DateTime
  ) {
    orders(
      first: $first
      after: $after
      status: $status
      shopId: $shopId
      createdFrom: $createdFrom
      createdTo: $createdTo
    ) {
      nextCursor
      orders { ...SalesOrderRowFields }
    }
  }
`);

export const SalesOrderUpdatedSubscription = graphql(`
  subscription SalesOrderUpdated {
    orderUpdated { ...SalesOrderRowFields }
  }
`);

/** The board's "Go to order #": a number to the order's id (NOT_FOUND when there is none). */
export const SalesOrderByNumberQuery = graphql(`
  query SalesOrderByNumber($number: Int!) {
    orderByNumber(number: $number) { id number }
  }
`);

export const SalesShopsQuery = graphql(`
  query SalesShops {
    shops { id name }
  }
`);

// ---- one order ----------------------------------------------------------------------------

export const SalesDeliveryFields = graphql(`
  fragment SalesDeliveryFields on Delivery {
    id
    orderId
    status
    attempts
    createdAt
    assignedAt
    pickedUpAt
    finishedAt
    eta
    reason
    courier { id name vehicle }
    history {
      at
      status
      courierId
      note
    }
  }
`);

export const SalesOrderFields = graphql(`
  fragment SalesOrderFields on Order {
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
    customer { id name email phone }
    deliveryAddress { label line1 line2 city postalCode }
    lines {
      quantity
      shopId
      unitPrice { amount currency }
      lineTotal { amount currency }
      product { id name requiresPreparation }
      variant { id name }
    }
    statusHistory { from to at reason actor }
    kitchenTicket {
      id
      status
      priority
      createdAt
      startedAt
      readyBy
      readyAt
      reason
      items { productId variantId variant { id name } quantity station status }
    }
    payment {
      id
      status
      method
      createdAt
      declineReason
      amount { amount currency }
      refundedAmount { amount currency }
      card { brand last4 }
      history {
        at
        kind
        note
        amount { amount currency }
      }
    }
  }
`);

export const SalesOrderQuery = graphql(`
  query SalesOrder($id: ID!) {
    order(id: $id) {
      ...SalesOrderFields
      delivery { ...SalesDeliveryFields }
    }
  }
`);

export const SalesOrderStatusChangedSubscription = graphql(`
  subscription SalesOrderStatusChanged($orderId: ID!) {
    orderStatusChanged(orderId: $orderId) {
      ...SalesOrderFields
      delivery { ...SalesDeliveryFields }
    }
  }
`);

export const SalesDeliveryUpdatedSubscription = graphql(`
  subscription SalesDeliveryUpdated($orderId: ID!) {
    deliveryUpdated(orderId: $orderId) { ...SalesDeliveryFields }
  }
`);

/** Who an actor id in the history is (staff or customer). */
export const SalesActorQuery = graphql(`
  query SalesActor($id: ID!) {
    customer(id: $id) { id name roles }
  }
`);

export const SalesUpdateOrderStatusMutation = graphql(`
  mutation SalesUpdateOrderStatus($orderId: ID!, $status: OrderStatus!, $reason: String) {
    updateOrderStatus(orderId: $orderId, status: $status, reason: $reason) {
      ...SalesOrderFields
      delivery { ...SalesDeliveryFields }
    }
  }
`);

export const SalesCancelOrderMutation = graphql(`
  mutation SalesCancelOrder($orderId: ID!, $reason: String) {
    cancelOrder(orderId: $orderId, reason: $reason) {
      ...SalesOrderFields
      delivery { ...SalesDeliveryFields }
    }
  }
`);

// ---- couriers and deliveries --------------------------------------------------------------

export const SalesCouriersQuery = graphql(`
  query SalesCouriers {
    couriers {
      id
      name
      vehicle
      capacity
      available
      location { latitude longitude }
      route { distanceMeters stops { position kind } }
    }
  }
`);

export const SalesDeliveriesQuery = graphql(`
  query SalesDeliveries($first: Int!, $after: String, $status: DeliveryStatus, $courierId: ID) {
    deliveries(first: $first, after: $after, status: $status, courierId: $courierId) {
      nextCursor
      deliveries {
        id
        orderId
        order { id number }
        status
        attempts
        createdAt
        assignedAt
        pickedUpAt
        finishedAt
        reason
        courier { id name }
      }
    }
  }
`);

import { graphql } from '../../gql';

// The courier app's operations (COURIER role). Names start with "Courier" so they stay
// unique across the app's trusted documents.

export const CourierDeliveryFields = graphql(`
  fragment CourierDeliveryFields on Delivery {
    id
    orderId
    order { id number }
    status
    attempts
    eta
    etaSeconds
    reason
    createdAt
    assignedAt
    pickedUpAt
    finishedAt
    routeDistanceMeters
    destination { latitude longitude }
  }
`);

export const CourierProfileFields = graphql(`
  fragment CourierProfileFields on Courier {
    id
    name
    vehicle
    capacity
    available
    location { latitude longitude }
    route {
      distanceMeters
      stops { position kind deliveryId shopId legMeters location { latitude longitude } }
    }
  }
`);

export const CourierHomeQuery = graphql(`
  query CourierHome {
    myCourierProfile { ...CourierProfileFields }
    myDeliveries(first: 50) { deliveries { ...CourierDeliveryFields } }
  }
`);

/** What to carry and where: the order's address, note and lines (couriers may read orders). */
export const CourierStopOrderQuery = graphql(`
  query CourierStopOrder($id: ID!) {
    order(id: $id) {
      id
      note
      deliveryAddress { label line1 line2 city postalCode }
      lines { quantity product { id name } variant { id name } }
    }
  }
`);

export const CourierShopQuery = graphql(`
  query CourierShop($id: ID!) {
    shop(id: $id) { id name address }
  }
`);

export const CourierDeliveryUpdatedSubscription = graphql(`
  subscription CourierDeliveryUpdated($orderId: ID!) {
    deliveryUpdated(orderId: $orderId) { ...CourierDeliveryFields }
  }
`);

export const CourierRegisterMutation = graphql(`
  mutation CourierRegister($input: RegisterCourierInput!) {
    registerCourier(input: $input) { ...CourierProfileFields }
  }
`);

export const CourierSetAvailabilityMutation = graphql(`
  mutation CourierSetAvailability($available: Boolean!) {
    setCourierAvailability(available: $available) { ...CourierProfileFields }
  }
`);

export const CourierUpdateLocationMutation = graphql(`
  mutation CourierUpdateLocation($latitude: Float!, $longitude: Float!) {
    updateCourierLocation(latitude: $latitude, longitude: $longitude) { ...CourierProfileFields }
  }
`);

export const CourierPickUpMutation = graphql(`
  mutation CourierPickUp($deliveryId: ID!) {
    pickUpDelivery(deliveryId: $deliveryId) { ...CourierDeliveryFields }
  }
`);

export const CourierHandOverMutation = graphql(`
  mutation CourierHandOver($deliveryId: ID!) {
    completeDelivery(deliveryId: $deliveryId) { ...CourierDeliveryFields }
  }
`);

export const CourierFailAttemptMutation = graphql(`
  mutation CourierFailAttempt($deliveryId: ID!, $reason: String!) {
    failDeliveryAttempt(deliveryId: $deliveryId, reason: $reason) { ...CourierDeliveryFields }
  }
`);

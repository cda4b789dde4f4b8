import { graphql } from '../../gql';

// The kitchen display's operations (KITCHEN or ADMIN). Names start with "Kitchen" so they
// stay unique across the app's trusted documents.

// `order` is the orders subgraph's Order entity: its number and the customer's note ("no
// onions") come with every ticket (the queue, live updates and action answers alike) in one
// batched entity fetch, not one request per ticket.
export const KitchenBoardTicket = graphql(`
  fragment KitchenBoardTicket on KitchenTicket {
    id
    orderId
    order { id number note }
    status
    priority
    createdAt
    startedAt
    readyBy
    readyAt
    reason
    items { productId variantId variant { id name } quantity station status prepSeconds startedAt dueAt }
  }
`);

export const KitchenBoardStation = graphql(`
  fragment KitchenBoardStation on KitchenStation {
    name
    capacity
    paused
    busy
    queued
  }
`);

export const KitchenBoardQuery = graphql(`
  query KitchenBoard {
    kitchenStations { ...KitchenBoardStation }
    kitchenQueue { ...KitchenBoardTicket }
  }
`);

export const KitchenTicketUpdatedSubscription = graphql(`
  subscription KitchenTicketUpdated {
    kitchenTicketUpdated { ...KitchenBoardTicket }
  }
`);

// KitchenItem carries only `productId`: the name comes from the catalog, one (cached) query
// per product, shared by every ticket that has it. The variant's name (the size to make)
// comes with the item (`variant { name }`).
export const KitchenProductQuery = graphql(`
  query KitchenProduct($id: ID!) {
    product(id: $id) { id name }
  }
`);

export const KitchenBumpTicketMutation = graphql(`
  mutation KitchenBumpTicket($ticketId: ID!) {
    bumpTicket(ticketId: $ticketId) { ...KitchenBoardTicket }
  }
`);

export const KitchenCompleteTicketMutation = graphql(`
  mutation KitchenCompleteTicket($ticketId: ID!) {
    completeTicket(ticketId: $ticketId) { ...KitchenBoardTicket }
  }
`);

export const KitchenFailTicketMutation = graphql(`
  mutation KitchenFailTicket($ticketId: ID!, $reason: String!) {
    failTicket(ticketId: $ticketId, reason: $reason) { ...KitchenBoardTicket }
  }
`);

export const KitchenPauseStationMutation = graphql(`
  mutation KitchenPauseStation($name: String!, $paused: Boolean!) {
    pauseStation(name: $name, paused: $paused) { ...KitchenBoardStation }
  }
`);

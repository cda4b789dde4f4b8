// Usage: node compose.mjs ../../schema > ../../tests/fixtures/supergraph.guild.graphql
// Reads every <name>.graphql but supergraph.graphql; URLs are the subgraphs' default ports,
// matching `vitrine compose`.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "graphql";
import { composeServices } from "@theguild/federation-composition";

const ports = { accounts: 4001, catalog: 4002, shops: 4003, inventory: 4004, cart: 4005,
  orders: 4006, payments: 4007, kitchen: 4008, delivery: 4009, notifications: 4010 };
const dir = process.argv[2] ?? "../../schema";
const services = readdirSync(dir)
  .filter((f) => f.endsWith(".graphql") && f !== "supergraph.graphql")
  .sort()
  .map((f) => {
    const name = f.replace(/\.graphql$/, "");
    return { name, typeDefs: parse(readFileSync(join(dir, f), "utf8")), url: `http://localhost:${ports[name]}/graphql` };
  });
const result = composeServices(services);
if (result.errors?.length) {
  for (const e of result.errors) console.error(e.message);
  process.exit(1);
}
process.stdout.write(result.supergraphSdl);

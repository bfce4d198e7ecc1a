// Read-and-order against a running marketplace (the local stack by default), through the generated client only:
// a provider lists a model, anyone finds it by search and reads its listing and plans, a buyer orders it and
// follows the order until settlement has answered. Every path, body and answer is typed by the compiler.
//
//   npm --prefix clients/typescript run example          (after deploy/local/up)
//
// MARKETPLACE_GATEWAY (default http://127.0.0.1:8080) and MARKETPLACE_ISSUER (default
// http://127.0.0.1:8180/realms/marketplace) point it elsewhere; the demo users sign in with the password grant.
import { randomUUID } from "node:crypto";
import { createMarketplaceClient, problemSlug } from "../src/index.js";

const gateway = process.env.MARKETPLACE_GATEWAY ?? "http://127.0.0.1:8080";
const issuer = process.env.MARKETPLACE_ISSUER ?? "http://127.0.0.1:8180/realms/marketplace";

async function token(user: string): Promise<string> {
  const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: "marketplace-web", username: user, password: `${user}-pass` }),
  });
  if (!response.ok) {
    throw new Error(`signing in as ${user} at ${issuer} gave HTTP ${response.status}; is the local stack up (deploy/local/up)?`);
  }
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The answer's data, or a thrown error naming the problem the API gave. */
function ok<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    throw new Error(`${what}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const providerToken = await token("provider1");
  const buyerToken = await token("buyer1");
  const provider = createMarketplaceClient({ baseUrl: gateway, accessToken: () => providerToken });
  const buyer = createMarketplaceClient({ baseUrl: gateway, accessToken: () => buyerToken });
  const anyone = createMarketplaceClient({ baseUrl: gateway });

  // The provider lists a model: a draft, a published version, a one-time plan, then the listing itself.
  const name = `TS client demo ${randomUUID().slice(0, 8)}`;
  const asset = ok("create the asset", await provider.POST("/v1/assets", {
    body: { kind: "MODEL", name, summary: "Listed by the TypeScript client example", licence: "Apache-2.0", tags: ["demo"] },
  }));
  const version = ok("add a version", await provider.POST("/v1/assets/{assetId}/versions", {
    params: { path: { assetId: asset.id! } },
    body: { semver: "1.0.0", digest: "ab".repeat(32), sizeBytes: 1024, storageUri: "s3://models/ts-demo", format: "safetensors" },
  }));
  ok("publish the version", await provider.POST("/v1/assets/{assetId}/versions/{versionId}/publish", {
    params: { path: { assetId: asset.id!, versionId: version.id! } },
  }));
  ok("add a plan", await provider.POST("/v1/assets/{assetId}/plans", {
    params: { path: { assetId: asset.id! } },
    body: { type: "ONE_TIME", price: "1000000" },
  }));
  ok("publish the asset", await provider.POST("/v1/assets/{id}/publish", { params: { path: { id: asset.id! } } }));
  console.log(`listed   ${name} (${asset.id})`);

  // Anyone finds it and reads it: search, the listing (with its ETag), its plans.
  let hit;
  for (let i = 0; i < 30 && !hit; i++) {
    const page = ok("search", await anyone.GET("/v1/search", { params: { query: { q: name, limit: 5 } } }));
    hit = page.items?.find((h) => h.id === asset.id);
    if (!hit) {
      await sleep(1000);
    }
  }
  if (!hit) {
    throw new Error(`search did not find ${name} within 30 s`);
  }
  const read = await anyone.GET("/v1/assets/{id}", { params: { path: { id: asset.id! } } });
  const listing = ok("read the asset", read);
  const plans = ok("read the plans", await anyone.GET("/v1/assets/{assetId}/plans", { params: { path: { assetId: asset.id! } } }));
  console.log(`found    ${listing.name}: ${listing.state}, ETag ${read.response.headers.get("etag")}, from ${hit.minPrice} base units, ${plans.length} plan(s)`);

  // A refusal is a typed problem: ordering a plan that does not exist.
  const refused = await buyer.POST("/v1/orders", { body: { assetId: asset.id!, planId: randomUUID() } });
  if (refused.data !== undefined) {
    throw new Error("an order on an unknown plan was accepted");
  }
  console.log(`refused  an unknown plan: HTTP ${refused.response.status} ${problemSlug(refused.error)}`);

  // The buyer orders (idempotently) and follows the order until settlement has answered.
  const account = ok("read the account", await buyer.GET("/v1/accounts/me"));
  const key = `ts-demo-${randomUUID()}`;
  const placed = ok("place the order", await buyer.POST("/v1/orders", {
    params: { header: { "Idempotency-Key": key } },
    body: { assetId: asset.id!, planId: plans[0].id! },
  }));
  const again = await buyer.POST("/v1/orders", {
    params: { header: { "Idempotency-Key": key } },
    body: { assetId: asset.id!, planId: plans[0].id! },
  });
  if (ok("repeat the order", again).id !== placed.id || again.response.headers.get("idempotent-replayed") !== "true") {
    throw new Error("repeating the order with the same Idempotency-Key did not return the first order");
  }
  console.log(`ordered  ${placed.id} for ${placed.amount} base units (buyer has ${account.available} available)`);
  let order = placed;
  for (let i = 0; i < 60 && (order.state === "PENDING_PAYMENT" || order.state === "PAID"); i++) {
    await sleep(1000);
    order = ok("read the order", await buyer.GET("/v1/orders/{id}", { params: { path: { id: placed.id! } } }));
  }
  if (order.state === "FULFILLED") {
    console.log(`settled  ${order.id}: FULFILLED, the licence is granted`);
  } else if (order.state === "CANCELLED") {
    console.log(`settled  ${order.id}: CANCELLED (${order.cancelReason}); fund the buyer with deploy/local/fund buyer1 5000000 and run again`);
  } else {
    throw new Error(`order ${order.id} is still ${order.state} after 60 s: is settlement-service running?`);
  }
}

main().catch((e: unknown) => {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

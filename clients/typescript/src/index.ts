// The marketplace's public API, typed from its OpenAPI document. Requests go through openapi-fetch: paths,
// parameters, bodies and answers are checked by the compiler against docs/openapi/marketplace-v1.json.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.js";

export type { components, paths };
export type Problem = components["schemas"]["Problem"];

/** Every marketplace problem type starts with this; the rest is its slug in the error catalog (docs/errors.md). */
export const PROBLEM_TYPE_PREFIX = "urn:ai-marketplace:problem:";

export interface MarketplaceOptions {
  /** The gateway, for example http://127.0.0.1:8080 for the local stack. */
  baseUrl: string;
  /** Asked before each request, so a refreshed OIDC access token is used; undefined sends none. */
  accessToken?: () => string | undefined | Promise<string | undefined>;
  fetch?: typeof globalThis.fetch;
}

export function createMarketplaceClient(options: MarketplaceOptions): Client<paths> {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  if (options.accessToken) {
    const token = options.accessToken;
    const bearer: Middleware = {
      async onRequest({ request }) {
        const value = await token();
        if (value) {
          request.headers.set("Authorization", `Bearer ${value}`);
        }
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}

/** The slug of a problem's type (`insufficient-funds`), or undefined when it is not a marketplace problem. */
export function problemSlug(problem: unknown): string | undefined {
  const type = (problem as Problem | undefined)?.type;
  return typeof type === "string" && type.startsWith(PROBLEM_TYPE_PREFIX) ? type.slice(PROBLEM_TYPE_PREFIX.length) : undefined;
}

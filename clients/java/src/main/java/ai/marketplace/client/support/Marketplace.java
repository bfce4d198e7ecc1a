package ai.marketplace.client.support;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

import ai.marketplace.client.ApiClient;
import ai.marketplace.client.ApiException;
import ai.marketplace.client.model.Problem;

/**
 * The two things the generated client leaves to its user: sending the caller's OIDC access token with every
 * request, and reading the problem+json body of a refusal. Everything else is the generated {@code *Api} classes
 * over the {@link ApiClient} this returns.
 */
public final class Marketplace {

    /** The {@code type} of every marketplace problem starts with this; the rest is the slug in the error catalog. */
    public static final String PROBLEM_TYPE_PREFIX = "urn:ai-marketplace:problem:";

    private Marketplace() {
    }

    /**
     * A client of the gateway at {@code baseUri} that asks {@code accessToken} for the bearer token before each
     * request (so a refreshed token is picked up); {@code null} from the supplier sends no Authorization header.
     */
    public static ApiClient client(String baseUri, Supplier<String> accessToken) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(request -> {
            String token = accessToken.get();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
        });
        return client;
    }

    /** An anonymous client: public reads such as search and listings. */
    public static ApiClient anonymous(String baseUri) {
        return client(baseUri, () -> null);
    }

    /** The refusal's problem details, when its body is problem+json. */
    public static Optional<Problem> problem(ApiException e) {
        String body = e.getResponseBody();
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            Problem p = ApiClient.createDefaultObjectMapper().readValue(body, Problem.class);
            return p.getType() == null ? Optional.empty() : Optional.of(p);
        } catch (IOException notProblem) {
            return Optional.empty();
        }
    }

    /** The slug of the refusal's problem type ({@code asset-frozen}), or empty when it carries none. */
    public static Optional<String> problemSlug(ApiException e) {
        return problem(e).map(Problem::getType).filter(t -> t.startsWith(PROBLEM_TYPE_PREFIX))
                .map(t -> t.substring(PROBLEM_TYPE_PREFIX.length()));
    }
}

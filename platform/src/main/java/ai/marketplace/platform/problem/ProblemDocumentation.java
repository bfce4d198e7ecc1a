package ai.marketplace.platform.problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes every service's OpenAPI document with what the annotations leave out and every operation shares: the
 * problem+json {@code Problem} schema, the error responses an operation can give given its shape (a body or
 * parameters can be invalid, a path names something that may not exist, a secured operation needs a token and a
 * role, an {@code If-Match} can be stale, an {@code Idempotency-Key} can be reused, writes are rate limited), each
 * with an example, and operation ids integrators' generated clients can use as method names
 * ({@code AssetResource_create} → {@code createAsset}).
 * <p>
 * Written as an OpenAPI filter rather than as annotations on each of the ~100 operations so that no operation can
 * be added without them; responses an operation documents itself are kept and only given the problem content.
 * Applied at build time: the stored document ({@code target/openapi}) is the one the clients are generated from.
 */
public class ProblemDocumentation implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    private static final String REF = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        addSchemas(openAPI.getComponents());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, op) -> document(path, method, op)));
    }

    private static void document(String path, PathItem.HttpMethod method, Operation op) {
        if (op.getOperationId() != null) {
            op.setOperationId(operationId(op.getOperationId()));
        }
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        op.setResponses(responses);
        List<Parameter> params = op.getParameters() == null ? List.of() : op.getParameters();
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        boolean hasInput = op.getRequestBody() != null
                || params.stream().anyMatch(p -> p.getIn() != Parameter.In.HEADER);
        boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
        boolean ifMatch = params.stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
        boolean idempotent = params.stream().anyMatch(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()));
        String instance = path.replaceAll("\\{[^}]+}", "3f6c2a9e-4b1d-4c8e-9a7f-2d5e8b1c0a47");

        if (hasInput) {
            add(responses, "400", "The request is malformed or a value is invalid; `errors` names each field",
                    example("validation-failed", "Request validation failed", 400,
                            "body.price: must be a decimal string of base units", instance,
                            List.of(fieldError("body.price", "must be a decimal string of base units"))));
        }
        if (secured) {
            add(responses, "401", "No valid bearer token (missing, expired or for another audience)",
                    example("unauthorized", "Authentication required", 401, "A valid bearer token is required",
                            instance, null));
            add(responses, "403", "The token's roles, or its owner, do not allow this operation",
                    example("forbidden", "Forbidden", 403, "Your roles do not allow this operation", instance, null));
        }
        if (path.contains("{")) {
            add(responses, "404", "Nothing with that id, or nothing the caller may see",
                    example("not-found", "Resource not found", 404,
                            "asset 3f6c2a9e-4b1d-4c8e-9a7f-2d5e8b1c0a47 does not exist", instance, null));
        }
        if (op.getRequestBody() != null) {
            add(responses, "415", "The body is not sent as application/json",
                    example("unsupported-media-type", "Unsupported Media Type", 415,
                            "Send the request body as application/json", instance, null));
        }
        add(responses, "406", "The Accept header rules out application/json (errors still come as application/problem+json)",
                example("not-acceptable", "Not Acceptable", 406, "HTTP 406 Not Acceptable", instance, null));
        if (write) {
            add(responses, "409", "The resource's current state does not allow this; `type` names the rule (see the error catalog)",
                    example("concurrent-modification", "Concurrent modification", 409,
                            "The resource was changed by someone else; fetch it again and retry", instance, null));
        }
        if (ifMatch) {
            add(responses, "412", "If-Match names a version that is no longer current: fetch the resource again",
                    example("precondition-failed", "Precondition failed", 412,
                            "If-Match \"3\" is not the current version \"4\" of the asset; fetch it again", instance, null));
            add(responses, "428", "If-Match is required: send the ETag of the version you read",
                    example("precondition-required", "Precondition required", 428,
                            "Send If-Match with the ETag of the asset you are changing (GET it first)", instance, null));
        }
        if (idempotent) {
            add(responses, "422", "The Idempotency-Key was used before with another request body",
                    example("idempotency-key-reused", "Idempotency-Key reused", 422,
                            "This Idempotency-Key was used for a different request; use a new key for a new request", instance, null));
        }
        if (write) {
            add(responses, "429", "Too many writes from this caller: wait for Retry-After seconds",
                    example("rate-limited", "Too Many Requests", 429, "Too many writes from this client; retry after 1 s",
                            instance, null));
        }
        add(responses, "500", "An unexpected failure; report the incident id in `detail` if it persists",
                example("internal-error", "Internal error", 500,
                        "The request could not be completed; report incident 0b6f1d2e-9c4a-4e57-8a1b-6d3c2f0e9a15 if this persists",
                        instance, null));
        // Whatever an operation documents itself as an error gets the problem body, with an example of its status.
        responses.getAPIResponses().forEach((code, r) -> {
            if (code.length() == 3 && (code.startsWith("4") || code.startsWith("5")) && r.getRef() == null
                    && (r.getContent() == null || r.getContent().getMediaTypes() == null
                            || r.getContent().getMediaTypes().isEmpty())) {
                int status = Integer.parseInt(code);
                r.setContent(problemContent(example(slugFor(status), r.getDescription() == null ? "Error" : r.getDescription(),
                        status, r.getDescription(), instance, null)));
            }
        });
    }

    /** {@code OfferResource_publish} → {@code publishOffer}; ids already in that form are kept. */
    static String operationId(String classMethod) {
        int sep = classMethod.indexOf('_');
        if (sep < 0) {
            return classMethod;
        }
        String type = classMethod.substring(0, sep).replaceFirst("Resource$", "");
        String method = classMethod.substring(sep + 1);
        return method + type;
    }

    private static String slugFor(int status) {
        return switch (status) {
            case 400 -> "validation-failed";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "concurrent-modification";
            case 412 -> "precondition-failed";
            case 428 -> "precondition-required";
            case 429 -> "rate-limited";
            case 503 -> "chain-unavailable";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
    }

    /** Ordered like the answers' own members (a Map.of would iterate in a different order on every JVM). */
    private static Map<String, String> fieldError(String field, String message) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("field", field);
        e.put("message", message);
        return e;
    }

    private static void add(APIResponses responses, String code, String description, Map<String, Object> example) {
        APIResponse existing = responses.getAPIResponse(code);
        if (existing != null) {
            // The annotation's own description is more specific than ours (Quarkus writes "Not Authorized" etc.).
            if (existing.getDescription() == null || existing.getDescription().startsWith("Not ")
                    || existing.getDescription().equals("Bad Request")) {
                existing.setDescription(description);
            }
            if (existing.getContent() == null || existing.getContent().getMediaTypes() == null
                    || existing.getContent().getMediaTypes().isEmpty()) {
                existing.setContent(problemContent(example));
            }
            return;
        }
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(problemContent(example)));
    }

    private static Content problemContent(Map<String, Object> example) {
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF + PROBLEM))
                .example(example);
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
    }

    private static Map<String, Object> example(String slug, String title, int status, String detail, String instance,
            List<Map<String, String>> errors) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", Problem.type(slug));
        e.put("title", title);
        e.put("status", status);
        e.put("detail", detail);
        e.put("instance", instance);
        e.put("requestId", "5c1d9e0a7b3f4e21");
        if (errors != null) {
            e.put("errors", new ArrayList<>(errors));
        }
        return e;
    }

    private static void addSchemas(Components components) {
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One invalid input").required(List.of("field", "message"))
                .addProperty("field", string("Where the value is: `body.<path>`, `query.<name>`, or a path or header parameter's name", "body.price"))
                .addProperty("message", string("What is wrong with it", "must be a decimal string of base units"));
        Schema problem = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details, the body of every error (media type application/problem+json). "
                        + "Switch on `type`; show `detail`. Rules that refuse with facts a client can act on add them as "
                        + "further members (for example `maxUsedGpuSeconds`).")
                .required(List.of("type", "title", "status"))
                .addProperty("type", string("Stable identifier of the problem: `" + Problem.TYPE_PREFIX
                        + "<slug>`, each slug listed in the error catalog (docs/errors.md)", Problem.type("asset-frozen")))
                .addProperty("title", string("Short summary, the same for every occurrence of the type", "Conflict with the current state"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .description("The HTTP status code").addExample(409))
                .addProperty("detail", string("What happened this time, in words a person can act on",
                        "asset 3f6c2a9e-4b1d-4c8e-9a7f-2d5e8b1c0a47 is frozen by an open abuse report"))
                .addProperty("instance", string("The request path", "/v1/assets/3f6c2a9e-4b1d-4c8e-9a7f-2d5e8b1c0a47/publish"))
                .addProperty("requestId", string("The request's id (also the X-Request-Id header): quote it when reporting a problem", "5c1d9e0a7b3f4e21"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .description("Each invalid input, for validation-failed").items(OASFactory.createSchema().ref(REF + FIELD_ERROR)))
                .additionalPropertiesBoolean(Boolean.TRUE);
        components.addSchema(FIELD_ERROR, fieldError);
        components.addSchema(PROBLEM, problem);
    }

    private static Schema string(String description, String example) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description)
                .addExample(example);
    }
}

package ai.marketplace.platform.problem;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import ai.marketplace.platform.context.RequestIds;
import ai.marketplace.platform.domain.DomainException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;

/**
 * Every error leaves the service as problem+json. Client mistakes say precisely what to fix; unexpected
 * failures are logged with an incident id and answered with a generic body — never a stack trace or a class
 * name.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return builder(e.status(), e.slug(), e.title(), e.getMessage(), uri, e.errors(), e.extensions()).build();
    }

    /** A domain rule's refusal, answered exactly as the REST layer's own {@link ProblemException} of that kind. */
    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        return problem(ProblemException.of(e), uri);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return respond(400, "validation-failed", "Request validation failed", detail, uri, errors);
    }

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class, ValueInstantiationException.class })
    public Response unreadableJson(Exception e, UriInfo uri) {
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String field = "body." + jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            String message = e instanceof UnrecognizedPropertyException ? "unknown field"
                    : e instanceof ValueInstantiationException vie && vie.getCause() != null
                            ? vie.getCause().getMessage()
                            : "has the wrong type or format";
            return respond(400, "validation-failed", "Request validation failed", field + ": " + message, uri,
                    List.of(new Problem.FieldError(field, message)));
        }
        return respond(400, "malformed-json", "Malformed JSON",
                "The request body is not valid JSON: " + firstLine(((JsonProcessingException) e).getOriginalMessage()),
                uri, List.of());
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response staleUpdate(Exception e, UriInfo uri) {
        return respond(409, "concurrent-modification", "Concurrent modification",
                "The resource was changed by someone else; fetch it again and retry", uri, List.of());
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(Exception e, UriInfo uri, HttpHeaders headers) {
        OffsetDateTime expired = BearerHints.expiredAt(headers.getHeaderString(HttpHeaders.AUTHORIZATION), OffsetDateTime.now(ZoneOffset.UTC));
        String detail = expired == null ? "A valid bearer token is required"
                : "The bearer token expired at " + expired + "; get a new one from the identity provider";
        Response.ResponseBuilder b = builder(401, "unauthorized", "Authentication required", detail, uri, List.of());
        return b.header(HttpHeaders.WWW_AUTHENTICATE, expired == null ? "Bearer"
                : "Bearer error=\"invalid_token\", error_description=\"The access token expired\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "Your roles do not allow this operation", uri, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return unreadableJson(jpe, uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> "bad-request";
        };
        Response.Status s = Response.Status.fromStatusCode(status);
        String title = s != null ? s.getReasonPhrase() : "Client error";
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getPath();
            case 415 -> "Send the request body as application/json";
            default -> e.getMessage() != null ? firstLine(e.getMessage()) : title;
        };
        Response.ResponseBuilder b = builder(status, slug, title, detail, uri, List.of());
        e.getResponse().getHeaders().forEach((k, v) -> {
            if (k.equalsIgnoreCase(HttpHeaders.ALLOW)) {
                v.forEach(value -> b.header(k, value));
            }
        });
        return b.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s, on %s", incident, uri == null ? "?" : uri.getPath());
        return respond(500, "internal-error", "Internal error",
                "The request could not be completed; report incident " + incident + " if this persists", uri,
                List.of());
    }

    private static Response respond(int status, String slug, String title, String detail, UriInfo uri,
            List<Problem.FieldError> errors) {
        return builder(status, slug, title, detail, uri, errors).build();
    }

    private static Response.ResponseBuilder builder(int status, String slug, String title, String detail,
            UriInfo uri, List<Problem.FieldError> errors) {
        return builder(status, slug, title, detail, uri, errors, java.util.Map.of());
    }

    private static Response.ResponseBuilder builder(int status, String slug, String title, String detail,
            UriInfo uri, List<Problem.FieldError> errors, java.util.Map<String, Object> extensions) {
        Problem p = new Problem(Problem.type(slug), title, status, detail, uri == null ? null : uri.getPath(),
                RequestIds.current(), errors, extensions);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(p);
    }

    /** {@code create.arg0.name} → {@code body.name}; query and path parameters keep their names. */
    static String field(Path path) {
        List<String> parts = new ArrayList<>();
        boolean sawParameter = false;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                sawParameter = true;
                parts.add(node.getName());
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null && !parts.isEmpty()) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (name != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                parts.add(name);
            }
        }
        if (sawParameter && parts.size() > 1) {
            // A bean-validated body: the parameter name is an implementation detail.
            parts.set(0, "body");
        }
        return String.join(".", parts);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl >= 0 ? s.substring(0, nl) : s;
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}

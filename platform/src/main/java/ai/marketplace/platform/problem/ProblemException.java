package ai.marketplace.platform.problem;

import java.util.List;

import ai.marketplace.platform.domain.DomainException;

/**
 * A failure the client can act on, with its problem type. Services throw the factory-made ones; the mapper
 * turns them into problem+json.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private java.util.Map<String, Object> extensions = java.util.Map.of();

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false); // no stack trace: these are expected outcomes, not bugs
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** The one mapping from the domain's refusals to problem types, statuses and titles. */
    public static ProblemException of(DomainException e) {
        ProblemException p = switch (e) {
            case DomainException.NotFound n -> new ProblemException(404, "not-found", "Resource not found", n.getMessage());
            case DomainException.Conflict c -> conflict(c.slug(), c.getMessage());
            case DomainException.InvalidInput i -> invalid(i.field(), i.reason());
            case DomainException.Forbidden f -> forbidden(f.getMessage());
            case DomainException.PreconditionFailed f -> preconditionFailed(f.getMessage());
            case DomainException.Unprocessable u -> new ProblemException(422, u.slug(), u.title(), u.getMessage());
        };
        return e.facts().isEmpty() ? p : p.with(e.facts());
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Resource not found", what + " " + id + " does not exist");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation-failed", "Request validation failed", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict with the current state", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    /** The client's If-Match names a version that is no longer current. */
    public static ProblemException staleVersion(String what, long expected, long current) {
        return preconditionFailed("If-Match \"" + expected + "\" is not the current version \"" + current
                + "\" of the " + what + "; fetch it again");
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "precondition-failed", "Precondition failed", detail);
    }

    /** Adds RFC 9457 extension members (e.g. structured reasons a client can act on). */
    public ProblemException with(java.util.Map<String, Object> members) {
        this.extensions = java.util.Map.copyOf(members);
        return this;
    }

    public java.util.Map<String, Object> extensions() {
        return extensions;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}

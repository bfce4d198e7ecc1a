package ai.marketplace.platform.domain;

import java.util.Map;

/**
 * What a domain rule says when it refuses: a small set of kinds that know nothing of HTTP. The REST layer maps each
 * kind to one problem+json answer in one place ({@code ProblemMappers}); a consumer treats them like any other
 * failure of its effect.
 * <p>
 * {@code slug} is the stable name of the rule a client can act on (it becomes the problem {@code type}); facts are
 * the values a client needs to correct itself (for example the most it may report).
 */
public abstract sealed class DomainException extends RuntimeException {

    private Map<String, Object> facts = Map.of();

    DomainException(String detail) {
        super(detail, null, false, false); // no stack trace: these are expected outcomes, not bugs
    }

    /** Adds facts a client can act on. */
    public DomainException with(Map<String, Object> facts) {
        this.facts = Map.copyOf(facts);
        return this;
    }

    public Map<String, Object> facts() {
        return facts;
    }

    /** The thing does not exist, or the caller may not know that it does. */
    public static final class NotFound extends DomainException {
        public NotFound(String what, Object id) {
            super(what + " " + id + " does not exist");
        }
    }

    /** The aggregate's current state does not allow the change. */
    public static final class Conflict extends DomainException {
        private final String slug;

        public Conflict(String slug, String detail) {
            super(detail);
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }
    }

    /** A value the caller gave breaks a rule; {@code field} names it as the caller sent it. */
    public static final class InvalidInput extends DomainException {
        private final String field;
        private final String reason;

        public InvalidInput(String field, String reason) {
            super(field + ": " + reason);
            this.field = field;
            this.reason = reason;
        }

        public String field() {
            return field;
        }

        public String reason() {
            return reason;
        }
    }

    /** The caller is known but this is not theirs to do. */
    public static final class Forbidden extends DomainException {
        public Forbidden(String detail) {
            super(detail);
        }
    }

    /** The caller acted on a version of the aggregate that is no longer current. */
    public static final class PreconditionFailed extends DomainException {
        public PreconditionFailed(String detail) {
            super(detail);
        }
    }

    /** Well-formed and allowed, but the values cannot be true (for example usage beyond what can have run). */
    public static final class Unprocessable extends DomainException {
        private final String slug;
        private final String title;

        public Unprocessable(String slug, String title, String detail) {
            super(detail);
            this.slug = slug;
            this.title = title;
        }

        public String slug() {
            return slug;
        }

        public String title() {
            return title;
        }
    }
}

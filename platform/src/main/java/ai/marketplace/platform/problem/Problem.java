package ai.marketplace.platform.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details. {@code type} is a stable URN that clients may switch on; {@code title} is the
 * same for every occurrence of a type; {@code detail} explains this occurrence.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:ai-marketplace:problem:";

    /** One invalid input: where it is ({@code body.name}, {@code query.limit}) and what is wrong. */
    public record FieldError(String field, String message) {
    }

    public static String type(String slug) {
        return TYPE_PREFIX + slug;
    }
}

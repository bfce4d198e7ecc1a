package ai.marketplace.platform.problem;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details. {@code type} is a stable URN that clients may switch on; {@code title} is the
 * same for every occurrence of a type; {@code detail} explains this occurrence.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        List<FieldError> errors, @JsonIgnore Map<String, Object> extensions) {

    /** RFC 9457 extension members, written at the top level of the problem object. */
    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:ai-marketplace:problem:";

    /** One invalid input: where it is ({@code body.name}, {@code query.limit}) and what is wrong. */
    public record FieldError(String field, String message) {
    }

    public static String type(String slug) {
        return TYPE_PREFIX + slug;
    }
}

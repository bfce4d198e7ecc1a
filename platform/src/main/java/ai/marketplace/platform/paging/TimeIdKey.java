package ai.marketplace.platform.paging;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

import ai.marketplace.platform.problem.ProblemException;

/** The usual keyset for "newest first" lists: (created at, id), compared as a pair so ties are stable. */
public record TimeIdKey(OffsetDateTime at, UUID id) {

    /** The key after which the requested page starts, or null for the first page. */
    public static TimeIdKey after(PageRequest page) {
        if (page.cursor() == null) {
            return null;
        }
        try {
            return new TimeIdKey(OffsetDateTime.parse(page.cursor().get("at")), UUID.fromString(page.cursor().get("id")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor of this list");
        }
    }

    public static Cursor cursor(OffsetDateTime at, UUID id) {
        return Cursor.of(Map.of("at", at.toString(), "id", id.toString()));
    }
}

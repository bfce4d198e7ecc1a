package ai.marketplace.platform.paging;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.marketplace.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

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

    /**
     * One page of the entities whose {@code field} equals {@code value}, newest first by ({@code createdAt}, {@code id}),
     * after {@code after} (null for the first page). The entity needs {@code createdAt} and {@code id} properties.
     */
    public static <E> Uni<List<E>> newestFirst(PanacheRepositoryBase<E, ?> repository, String field, Object value,
            TimeIdKey after, int fetchSize) {
        if (!field.matches("[A-Za-z]+")) {
            throw new IllegalArgumentException("not a property name: " + field);
        }
        if (after == null) {
            return repository.find(field + " = :v order by createdAt desc, id desc", Parameters.with("v", value))
                    .page(0, fetchSize).list();
        }
        return repository.find(field + " = :v and (createdAt < :at or (createdAt = :at and id < :id)) order by createdAt desc, id desc",
                Parameters.with("v", value).and("at", after.at()).and("id", after.id())).page(0, fetchSize).list();
    }

    public static Cursor cursor(OffsetDateTime at, UUID id) {
        return Cursor.of(Map.of("at", at.toString(), "id", id.toString()));
    }
}

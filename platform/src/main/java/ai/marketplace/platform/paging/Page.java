package ai.marketplace.platform.paging;

import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a list. {@code next} is the full link to the following page (absent on the last page);
 * {@code nextCursor} is the same cursor on its own for clients that build their own URLs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, String nextCursor, String next) {

    /**
     * Builds a page from {@code limit + 1} fetched rows: the extra row only tells that a next page exists.
     *
     * @param cursorOf the cursor pointing after a given row (its sort keys)
     */
    public static <T> Page<T> empty() {
        return new Page<>(java.util.List.of(), null, null);
    }

    public static <R, T> Page<T> of(List<R> fetched, PageRequest request, Function<R, Cursor> cursorOf,
            Function<R, T> toApi, UriInfo uri) {
        boolean more = fetched.size() > request.limit();
        List<R> rows = more ? fetched.subList(0, request.limit()) : fetched;
        List<T> items = rows.stream().map(toApi).toList();
        if (!more) {
            return new Page<>(items, null, null);
        }
        String cursor = cursorOf.apply(rows.get(rows.size() - 1)).encode();
        String next = uri == null ? null
                : uri.getRequestUriBuilder().replaceQueryParam("cursor", cursor)
                        .replaceQueryParam("limit", request.limit()).build().toString();
        return new Page<>(items, cursor, next);
    }
}

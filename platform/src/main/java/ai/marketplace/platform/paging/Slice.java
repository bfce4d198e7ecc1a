package ai.marketplace.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list as a service returns it: the rows, and the opaque cursor after the last one (null on the last
 * page). It knows no URLs; the REST layer turns it into a {@link Page} with its {@code next} link.
 */
public record Slice<T>(List<T> items, String nextCursor) {

    /**
     * Builds a slice from {@code limit + 1} fetched rows: the extra row only tells that a next page exists.
     *
     * @param cursorOf the cursor pointing after a given row (its sort keys)
     */
    public static <T> Slice<T> of(List<T> fetched, PageRequest request, Function<T, Cursor> cursorOf) {
        boolean more = fetched.size() > request.limit();
        List<T> rows = more ? List.copyOf(fetched.subList(0, request.limit())) : fetched;
        return new Slice<>(rows, more ? cursorOf.apply(rows.get(rows.size() - 1)).encode() : null);
    }

    public static <T> Slice<T> empty() {
        return new Slice<>(List.of(), null);
    }

    public <R> Slice<R> map(Function<T, R> mapper) {
        return new Slice<>(items.stream().map(mapper).toList(), nextCursor);
    }
}

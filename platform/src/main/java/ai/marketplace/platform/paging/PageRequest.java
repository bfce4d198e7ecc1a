package ai.marketplace.platform.paging;

import ai.marketplace.platform.problem.ProblemException;

/** A bounded page size and an optional decoded cursor. Bad values are the client's error (400). */
public record PageRequest(int limit, Cursor cursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(Integer limit, String cursor) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 1 || l > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(l, cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
    }

    /** Fetch one more than the limit to know whether there is a next page. */
    public int fetchSize() {
        return limit + 1;
    }
}

package ai.marketplace.platform.paging;

import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a list. {@code next} is the full link to the following page (absent on the last page);
 * {@code nextCursor} is the same cursor on its own for clients that build their own URLs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(
        @Schema(description = "This page's items, in the list's order") List<T> items,
        @Schema(description = "Opaque cursor of the following page, for ?cursor=; absent on the last page",
                examples = "MjAyNi0xMi0wM1QxMDoxNTowMFp8M2Y2YzJhOWUtNGIxZA") String nextCursor,
        @Schema(description = "The following page as a full link (cursor and limit set); absent on the last page",
                examples = "http://127.0.0.1:8080/v1/orders?cursor=MjAyNi0xMi0wM1QxMDoxNTowMFp8M2Y2YzJhOWUtNGIxZA&limit=20") String next) {

    /**
     * The API's page of a service's slice: each row as its API record, and the {@code next} link as the request's own
     * URI with the cursor and limit replaced (so it points wherever the caller reached this service).
     */
    public static <R, T> Page<T> of(Slice<R> slice, PageRequest request, Function<R, T> toApi, UriInfo uri) {
        List<T> items = slice.items().stream().map(toApi).toList();
        if (slice.nextCursor() == null) {
            return new Page<>(items, null, null);
        }
        String next = uri == null ? null
                : uri.getRequestUriBuilder().replaceQueryParam("cursor", slice.nextCursor())
                        .replaceQueryParam("limit", request.limit()).build().toString();
        return new Page<>(items, slice.nextCursor(), next);
    }
}

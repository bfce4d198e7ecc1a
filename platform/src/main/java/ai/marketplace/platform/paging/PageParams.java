package ai.marketplace.platform.paging;

import java.util.function.Function;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/**
 * A list endpoint's paging ({@code ?limit=&cursor=}) and the request URI its {@code next} link is built from, taken
 * as one {@code @BeanParam}. A bad limit or cursor is the client's error (400) when the endpoint first asks for the
 * {@link #request()}.
 */
public class PageParams {

    @QueryParam("limit")
    Integer limit;

    @QueryParam("cursor")
    String cursor;

    @Context
    UriInfo uri;

    private PageRequest request;

    public PageRequest request() {
        if (request == null) {
            request = PageRequest.of(limit, cursor);
        }
        return request;
    }

    /** The API's page of a service's slice, each row as {@code toApi} makes it. */
    public <R, T> Function<Slice<R>, Page<T>> toPage(Function<R, T> toApi) {
        PageRequest r = request();
        return slice -> Page.of(slice, r, toApi, uri);
    }
}

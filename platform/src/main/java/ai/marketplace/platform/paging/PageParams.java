package ai.marketplace.platform.paging;

import java.util.function.Function;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * A list endpoint's paging ({@code ?limit=&cursor=}) and the request URI its {@code next} link is built from, taken
 * as one {@code @BeanParam}. A bad limit or cursor is the client's error (400) when the endpoint first asks for the
 * {@link #request()}.
 */
public class PageParams {

    @QueryParam("limit")
    @Parameter(description = "Items per page, 1 to 100; 20 when absent", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", examples = "20"))
    Integer limit;

    @QueryParam("cursor")
    @Parameter(description = "The nextCursor of the previous page; absent for the first page. Opaque: send it back as it came",
            schema = @Schema(type = SchemaType.STRING, examples = "MjAyNi0xMi0wM1QxMDoxNTowMFp8M2Y2YzJhOWUtNGIxZA"))
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

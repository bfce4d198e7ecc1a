package ai.marketplace.catalog.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.catalog.rest.api.SearchHitView;
import ai.marketplace.catalog.service.SearchService;
import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageParams;
import io.smallrye.mutiny.Uni;

@Path("/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search", description = "Published assets by full text, filters and sort")
public class SearchResource {

    @Inject SearchService service;

    @GET
    @PermitAll
    @Operation(operationId = "searchAssets", summary = "Search published assets", description = "q: words, \"phrases\", -exclusions (web search syntax) over name, tags, summary, description. "
            + "Filters: kind, task, tag (repeatable, all must match), licence, publisher (owner subject id), minPrice/maxPrice (base units), minScore (0–1), verified. "
            + "sort: relevance (default with q), score, price, newest (default without q). Cursor paging, limit 1–100.")
    public Uni<Page<SearchHitView>> search(@QueryParam("q") String q, @QueryParam("kind") String kind,
            @QueryParam("task") String task, @QueryParam("tag") List<String> tags, @QueryParam("licence") String licence,
            @QueryParam("publisher") String publisher, @QueryParam("minPrice") String minPrice,
            @QueryParam("maxPrice") String maxPrice, @QueryParam("minScore") String minScore,
            @QueryParam("verified") String verified, @QueryParam("sort") String sort,
            @BeanParam PageParams paging) {
        return service.search(new SearchService.Query(q, kind, task, tags, licence, publisher, minPrice, maxPrice,
                minScore, verified, sort), paging.request()).map(paging.toPage(SearchHitView::of));
    }
}

package ai.marketplace.reputation.rest;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageParams;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.security.Caller;
import ai.marketplace.reputation.rest.api.AssetReputationView;
import ai.marketplace.reputation.rest.api.ProviderReputationView;
import ai.marketplace.reputation.rest.api.ReviewApi.ReviewView;
import ai.marketplace.reputation.rest.api.ReviewApi.ScoreView;
import ai.marketplace.reputation.rest.api.ReviewApi.VersionAttestations;
import ai.marketplace.reputation.service.AttestationService;
import ai.marketplace.reputation.service.ReputationQueries;
import ai.marketplace.reputation.service.ReviewService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/reputation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reputation", description = "What the marketplace's history says about assets and providers")
public class ReputationResource {

    @Inject ReputationQueries queries;
    @Inject ReviewService reviews;
    @Inject AttestationService attestations;
    @Inject Caller caller;

    @GET
    @Path("/scores/{subjectType}/{subjectId}")
    @PermitAll
    @Operation(operationId = "getScore", summary = "A subject's score and its components", description = "subjectType asset, provider or payer; 404 until the subject has a score.")
    public Uni<ScoreView> score(@PathParam("subjectType") String subjectType,
            @PathParam("subjectId") @Size(max = 200) String subjectId) {
        String type = switch (subjectType) {
            case "asset" -> "ASSET";
            case "provider" -> "PROVIDER";
            case "payer" -> "PAYER";
            default -> throw ProblemException.invalid("subjectType", "must be asset, provider or payer");
        };
        return queries.score(type, subjectId).map(ScoreView::of);
    }

    @GET
    @Path("/assets/{assetId}/reviews")
    @PermitAll
    @Operation(operationId = "listAssetReviews", summary = "Reviews of an asset, newest first")
    public Uni<Page<ReviewView>> assetReviews(@PathParam("assetId") UUID assetId, @BeanParam PageParams paging) {
        return reviews.list("ASSET", assetId.toString(), paging.request()).map(paging.toPage(ReviewView::of));
    }

    @GET
    @Path("/providers/{providerId}/reviews")
    @PermitAll
    @Operation(operationId = "listProviderReviews", summary = "Reviews of a provider, newest first")
    public Uni<Page<ReviewView>> providerReviews(@PathParam("providerId") @Size(max = 200) String providerId,
            @BeanParam PageParams paging) {
        return reviews.list("PROVIDER", providerId, paging.request()).map(paging.toPage(ReviewView::of));
    }

    @GET
    @Path("/versions/{versionId}/attestations")
    @PermitAll
    @Operation(operationId = "listVersionAttestations", summary = "Attestations of an asset version and its consensus state")
    public Uni<VersionAttestations> versionAttestations(@PathParam("versionId") UUID versionId) {
        return attestations.view(versionId).map(VersionAttestations::of);
    }

    @GET
    @Path("/assets/{assetId}")
    @PermitAll
    @Operation(operationId = "getAssetReputation", summary = "Reputation of an asset")
    public Uni<AssetReputationView> asset(@PathParam("assetId") UUID assetId) {
        return queries.asset(assetId).map(AssetReputationView::of);
    }

    @GET
    @Path("/providers/me")
    @Authenticated
    @Operation(operationId = "getMyReputation", summary = "The caller's own provider reputation")
    public Uni<ProviderReputationView> me() {
        return queries.provider(caller.subject()).map(ProviderReputationView::of);
    }

    @GET
    @Path("/providers/{providerId}")
    @PermitAll
    @Operation(operationId = "getProviderReputation", summary = "Reputation of a provider, by subject id")
    public Uni<ProviderReputationView> provider(@PathParam("providerId") @Size(max = 200) String providerId) {
        return queries.provider(providerId).map(ProviderReputationView::of);
    }
}

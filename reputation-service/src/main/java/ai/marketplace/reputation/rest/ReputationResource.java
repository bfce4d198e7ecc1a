package ai.marketplace.reputation.rest;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.platform.security.Subjects;
import ai.marketplace.reputation.rest.api.AssetReputationView;
import ai.marketplace.reputation.rest.api.ProviderReputationView;
import ai.marketplace.reputation.service.ReputationQueries;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/v1/reputation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reputation", description = "What the marketplace's history says about assets and providers")
public class ReputationResource {

    private final ReputationQueries queries;
    private final SecurityIdentity identity;

    public ReputationResource(ReputationQueries queries, SecurityIdentity identity) {
        this.queries = queries;
        this.identity = identity;
    }

    @GET
    @Path("/assets/{assetId}")
    @PermitAll
    @Operation(summary = "Reputation of an asset")
    public Uni<AssetReputationView> asset(@PathParam("assetId") UUID assetId) {
        return queries.asset(assetId);
    }

    @GET
    @Path("/providers/me")
    @Authenticated
    @SecurityRequirement(name = "oidc")
    @Operation(summary = "The caller's own provider reputation")
    public Uni<ProviderReputationView> me() {
        return queries.provider(Subjects.of(identity));
    }

    @GET
    @Path("/providers/{providerId}")
    @PermitAll
    @Operation(summary = "Reputation of a provider, by subject id")
    public Uni<ProviderReputationView> provider(@PathParam("providerId") @Size(max = 200) String providerId) {
        return queries.provider(providerId);
    }
}

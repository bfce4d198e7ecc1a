package ai.marketplace.reputation.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.platform.security.Caller;
import ai.marketplace.reputation.rest.api.ReviewApi.AttestationRequest;
import ai.marketplace.reputation.rest.api.ReviewApi.ValidatorView;
import ai.marketplace.reputation.rest.api.ReviewApi.VersionAttestations;
import ai.marketplace.reputation.service.AttestationService;
import io.smallrye.mutiny.Uni;

@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Validators", description = "Staked validators attest to asset versions; consensus is stake-weighted")
public class AttestationResource {

    @Inject AttestationService attestations;
    @Inject Caller caller;

    @POST
    @Path("/attestations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("validator")
    @Operation(operationId = "attestVersion", summary = "Attest to an asset version", description = "digestMatches and an optional reproduced metric. Needs at least the minimum stake locked in settlement (403), once per version (409 already-attested), not after the round closed (409 version-decided). The round opens with its first attestation and can be decided once its window has passed and enough distinct validators and active stake have attested. Returns the round; emits AttestationSubmitted, and when it closes AssetVerified / AssetAttestationDisputed, ValidatorPenalised for validators outside the consensus and AttestationRoundClosed.")
    public Uni<VersionAttestations> attest(@Valid @NotNull AttestationRequest request) {
        return attestations.attest(caller.subject(), request.claim()).map(VersionAttestations::of);
    }

    @GET
    @Path("/validators")
    @PermitAll
    @Operation(operationId = "listValidators", summary = "Validators with their stake, agreement record and weight")
    public Uni<List<ValidatorView>> validators() {
        return attestations.validators().map(all -> all.stream().map(ValidatorView::of).toList());
    }
}

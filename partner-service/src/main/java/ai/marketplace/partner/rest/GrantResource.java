package ai.marketplace.partner.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.partner.rest.api.EndpointApi.GrantRequest;
import ai.marketplace.partner.rest.api.EndpointApi.Grants;
import ai.marketplace.partner.service.EndpointService;
import ai.marketplace.platform.security.Caller;
import io.smallrye.mutiny.Uni;

@Path("/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partner grants", description = "Which event types each partner may receive")
public class GrantResource {

    @Inject EndpointService endpoints;
    @Inject Caller caller;

    @GET
    @Path("/me/grants")
    @RolesAllowed("partner")
    @Operation(operationId = "getMyGrants", summary = "The event types granted to the caller")
    public Uni<Grants> mine() {
        String me = caller.subject();
        return endpoints.grants(me).map(types -> new Grants(me, List.copyOf(types)));
    }

    @GET
    @Path("/{partnerId}/grants")
    @RolesAllowed("operator")
    @Operation(operationId = "getPartnerGrants", summary = "The event types granted to a partner", description = "partnerId is the partner's token subject.")
    public Uni<Grants> of(@PathParam("partnerId") String partner) {
        return endpoints.grants(partner).map(types -> new Grants(partner, List.copyOf(types)));
    }

    @PUT
    @Path("/{partnerId}/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    @Operation(operationId = "setPartnerGrants", summary = "Set the event types a partner may receive", description = "The complete list (empty revokes all); endpoints stop receiving what is no longer granted. Only types of the four public topics. Emits PartnerGrantsChanged.")
    public Uni<Grants> grant(@PathParam("partnerId") String partner, @Valid @NotNull GrantRequest r) {
        return endpoints.grant(caller.subject(), partner, r.eventTypes()).map(types -> new Grants(partner, List.copyOf(types)));
    }
}

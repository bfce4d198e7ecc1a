package ai.marketplace.settlement.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.security.Caller;
import ai.marketplace.settlement.rest.api.AccountApi.HoldView;
import ai.marketplace.settlement.rest.api.AccountApi.LinkRequest;
import ai.marketplace.settlement.rest.api.AccountApi.ThresholdRequest;
import ai.marketplace.settlement.service.AccountService;
import ai.marketplace.settlement.service.AccountService.AccountView;
import ai.marketplace.settlement.service.AccountService.ChallengeView;
import ai.marketplace.settlement.service.AccountService.DepositView;
import ai.marketplace.settlement.service.AccountService.StatementLine;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/v1/accounts/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "oidc")
@Tag(name = "Accounts", description = "The caller's own balance, address, statement, deposits and escrow")
public class AccountResource {

    private final AccountService accounts;
    private final Caller caller;

    public AccountResource(AccountService accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's account (opened on first use)", description = "Available and held balances, the deposit reference to pass to Treasury.deposit, the linked address.")
    public Uni<AccountView> me() {
        return accounts.me(caller.subject());
    }

    @PUT
    @Path("/low-balance-threshold")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set or clear the low-balance threshold", description = "BalanceLow is published once each time the available balance falls below it.")
    public Uni<AccountView> threshold(@Valid @NotNull ThresholdRequest request) {
        return accounts.setLowBalanceThreshold(caller.subject(), request.threshold());
    }

    @POST
    @Path("/address-challenges")
    @Operation(summary = "A message to sign with the address to link (EIP-191), valid 10 minutes")
    public Uni<ChallengeView> challenge() {
        return accounts.challenge(caller.subject());
    }

    @POST
    @Path("/address")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link the address that signed the challenge", description = "400 wrong signature, 409 challenge used/expired or address linked to another account.")
    public Uni<AccountView> link(@Valid @NotNull LinkRequest request) {
        return accounts.link(caller.subject(), request.challengeId(), request.address(), request.signature());
    }

    @GET
    @Path("/transfers")
    @Operation(summary = "The caller's statement, newest first", description = "Every ledger transfer touching the account; cursor-paged.")
    public Uni<Page<StatementLine>> statement(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        return accounts.statement(caller.subject(), page).map(slice -> Page.of(slice, page, line -> line, uri));
    }

    @GET
    @Path("/deposits")
    @Operation(summary = "The caller's credited deposits, newest first (100 most recent)")
    public Uni<List<DepositView>> deposits() {
        return accounts.deposits(caller.subject());
    }

    @GET
    @Path("/holds")
    @Operation(summary = "Escrow holds for the caller's orders and leases, newest first")
    public Uni<Page<HoldView>> holds(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        return accounts.holds(caller.subject(), page).map(slice -> Page.of(slice, page, HoldView::of, uri));
    }
}

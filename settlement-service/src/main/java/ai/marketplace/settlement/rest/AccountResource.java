package ai.marketplace.settlement.rest;


import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.platform.paging.Page;
import ai.marketplace.platform.paging.PageParams;
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
@Tag(name = "Accounts", description = "The caller's own balance, address, statement, deposits and escrow")
public class AccountResource {

    @Inject AccountService accounts;
    @Inject Caller caller;

    @GET
    @Operation(operationId = "getMyAccount", summary = "The caller's account (opened on first use)", description = "Available and held balances, the deposit reference to pass to Treasury.deposit, the linked address.")
    public Uni<AccountView> me() {
        return accounts.me(caller.subject());
    }

    @PUT
    @Path("/low-balance-threshold")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setLowBalanceThreshold", summary = "Set or clear the low-balance threshold", description = "BalanceLow is published once each time the available balance falls below it.")
    public Uni<AccountView> threshold(@Valid @NotNull ThresholdRequest request) {
        return accounts.setLowBalanceThreshold(caller.subject(), request.threshold());
    }

    @POST
    @Path("/address-challenges")
    @Operation(operationId = "createAddressChallenge", summary = "A message to sign with the address to link (EIP-191), valid 10 minutes")
    public Uni<ChallengeView> challenge() {
        return accounts.challenge(caller.subject());
    }

    @POST
    @Path("/address")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "linkAddress", summary = "Link the address that signed the challenge", description = "400 wrong signature, 409 challenge used/expired or address linked to another account.")
    public Uni<AccountView> link(@Valid @NotNull LinkRequest request) {
        return accounts.link(caller.subject(), request.challengeId(), request.address(), request.signature());
    }

    @GET
    @Path("/transfers")
    @Operation(operationId = "listTransfers", summary = "The caller's statement, newest first", description = "Every ledger transfer touching the account; cursor-paged.")
    public Uni<Page<StatementLine>> statement(@BeanParam PageParams paging) {
        return accounts.statement(caller.subject(), paging.request()).map(paging.toPage(line -> line));
    }

    @GET
    @Path("/deposits")
    @Operation(operationId = "listDeposits", summary = "The caller's credited deposits, newest first")
    public Uni<Page<DepositView>> deposits(@BeanParam PageParams paging) {
        return accounts.deposits(caller.subject(), paging.request()).map(paging.toPage(d -> d));
    }

    @GET
    @Path("/holds")
    @Operation(operationId = "listHolds", summary = "Escrow holds for the caller's orders and leases, newest first")
    public Uni<Page<HoldView>> holds(@BeanParam PageParams paging) {
        return accounts.holds(caller.subject(), paging.request()).map(paging.toPage(HoldView::of));
    }
}

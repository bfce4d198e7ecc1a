package ai.marketplace.settlement.service;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import ai.marketplace.platform.money.Amount;
import ai.marketplace.platform.paging.Cursor;
import ai.marketplace.platform.paging.PageRequest;
import ai.marketplace.platform.paging.Slice;
import ai.marketplace.platform.paging.TimeIdKey;
import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.tx.Sql;
import ai.marketplace.platform.tx.Transactions;
import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.client.Contracts;
import ai.marketplace.settlement.domain.Account;
import ai.marketplace.settlement.domain.Hold;
import ai.marketplace.settlement.repository.AccountRepository;
import ai.marketplace.settlement.repository.DepositRepository;
import ai.marketplace.settlement.repository.HoldRepository;
import ai.marketplace.settlement.repository.TransferRepository;
import io.smallrye.mutiny.Uni;

/** A user's own account: opened on first use, its address proven by signature, its statement and escrow. */
@ApplicationScoped
public class AccountService {

    private static final Duration CHALLENGE_TTL = Duration.ofMinutes(10);

    /**
     * {@code available} can be spent or withdrawn; {@code held} is in escrow for orders and leases. Deposit with
     * {@code Treasury.deposit(depositRef, amount)} on {@code treasury} after approving {@code token}.
     */
    public record AccountView(UUID id, String ownerId, Amount available, Amount held, String depositRef,
            String chainAddress, Amount lowBalanceThreshold, String token, String treasury, OffsetDateTime createdAt) {
    }

    /** Sign {@code message} with the address's key (EIP-191 personal_sign) and send it back before {@code expiresAt}. */
    public record ChallengeView(UUID challengeId, String message, OffsetDateTime expiresAt) {
    }

    /** A statement line from the account's point of view: CREDIT adds to it, DEBIT takes from it. */
    public record StatementLine(long seq, UUID transferId, String kind, String direction, Amount amount,
            String correlationId, UUID reverses, OffsetDateTime at) {
    }

    public record DepositView(UUID id, String txHash, int logIndex, long blockNumber, String from, Amount amount,
            String state, OffsetDateTime creditedAt) {
    }

    @Inject AccountRepository accounts;
    @Inject TransferRepository transfers;
    @Inject DepositRepository deposits;
    @Inject HoldRepository holds;
    @Inject Ledger ledger;
    @Inject Contracts contracts;
    @Inject Transactions transactions;

    public Uni<AccountView> me(String owner) {
        return transactions.run(tx -> accounts.openIfAbsent(tx, owner).chain(a -> view(tx, a)));
    }

    public Uni<AccountView> setLowBalanceThreshold(String owner, Amount threshold) {
        return transactions.run(tx -> accounts.openIfAbsent(tx, owner).invoke(a -> a.setLowBalanceThreshold(threshold))
                .call(a -> accounts.saveThreshold(tx, a)).call(a -> ledger.watchBalance(tx, a.id()))
                .chain(a -> view(tx, a)));
    }

    public Uni<ChallengeView> challenge(String owner) {
        UUID id = UUID.randomUUID();
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(CHALLENGE_TTL);
        return transactions.run(tx -> accounts.openIfAbsent(tx, owner).chain(a -> {
            String message = "Link this address to AI marketplace account " + a.id() + "\nChallenge: " + id
                    + "\nExpires: " + expires;
            return accounts.insertChallenge(tx, id, a.id(), message, expires).replaceWith(new ChallengeView(id, message, expires));
        }));
    }

    /** Links the address whose key signed the challenge; one address per account, one account per address. */
    public Uni<AccountView> link(String owner, UUID challengeId, String address, String signature) {
        String claimed = address.toLowerCase(Locale.ROOT);
        return transactions.run(tx -> accounts.openIfAbsent(tx, owner).chain(a -> accounts.useChallenge(tx, challengeId, a.id())
                .chain(message -> {
                    if (message == null) {
                        throw new ProblemException(409, "challenge-invalid", "Challenge not usable",
                                "The challenge does not exist, is not yours, was used or has expired: ask for a new one");
                    }
                    String signer = recover(message, signature);
                    if (!signer.equals(claimed)) {
                        throw ProblemException.invalid("body.signature", "was not made by " + claimed + " over the challenge message");
                    }
                    return accounts.byAddress(tx, claimed);
                })
                .chain(holder -> {
                    if (holder != null && !holder.id().equals(a.id())) {
                        throw ProblemException.conflict("address-taken", "The address is linked to another account");
                    }
                    a.linkAddress(claimed);
                    // Two accounts linking one address at once: the unique constraint decides, the loser hears 409.
                    return accounts.saveAddress(tx, a).onFailure(Sql::isUniqueViolation).transform(e ->
                            ProblemException.conflict("address-taken", "The address is linked to another account"))
                            .chain(() -> view(tx, a));
                })));
    }

    public Uni<Slice<StatementLine>> statement(String owner, PageRequest page) {
        Long before = null;
        if (page.cursor() != null) {
            try {
                before = Long.parseLong(page.cursor().get("s"));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor of this list");
            }
        }
        Long after = before;
        return transactions.read(tx -> accounts.userAccount(tx, owner).chain(a -> a == null
                ? Uni.createFrom().item(Slice.<StatementLine>empty())
                : transfers.statement(tx, a.id(), after, page.fetchSize()).map(rows -> Slice.of(rows, page,
                        t -> Cursor.of(Map.of("s", Long.toString(t.seq()))))
                        .map(t -> new StatementLine(t.seq(), t.id(), t.kind(), t.creditAccount().equals(a.id()) ? "CREDIT" : "DEBIT",
                                new Amount(t.amount()), t.correlationId(), t.reverses(), t.createdAt())))));
    }

    public Uni<Slice<DepositView>> deposits(String owner, PageRequest page) {
        return transactions.read(tx -> deposits.pageByOwner(tx, owner, TimeIdKey.after(page), page.fetchSize()))
                .map(rows -> Slice.of(rows, page, d -> TimeIdKey.cursor(d.createdAt(), d.id()))
                        .map(d -> new DepositView(d.id(), d.txHash(), d.logIndex(), d.blockNumber(), d.from(),
                                new Amount(d.amount().toBigIntegerExact()), d.state(), d.createdAt())));
    }

    public Uni<Slice<Hold>> holds(String owner, PageRequest page) {
        return transactions.read(tx -> holds.pageByPayer(tx, owner, TimeIdKey.after(page), page.fetchSize()))
                .map(rows -> Slice.of(rows, page, h -> TimeIdKey.cursor(h.createdAt(), h.id())));
    }

    private Uni<AccountView> view(Tx tx, Account a) {
        return accounts.balance(tx, a.id()).chain(available -> accounts.held(tx, a.ownerId())
                .map(held -> new AccountView(a.id(), a.ownerId(), new Amount(available), new Amount(held),
                        Numeric.toHexString(a.depositRef()), a.chainAddress(), a.lowBalanceThreshold(), contracts.token(),
                        contracts.treasury(), a.createdAt())));
    }

    /** The address that signed {@code message} with EIP-191 personal_sign. */
    static String recover(String message, String signature) {
        byte[] sig = Numeric.hexStringToByteArray(signature);
        byte v = sig[64];
        if (v < 27) {
            v += 27;
        }
        try {
            BigInteger key = Sign.signedPrefixedMessageToKey(message.getBytes(StandardCharsets.UTF_8),
                    new Sign.SignatureData(v, Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64)));
            return "0x" + Keys.getAddress(key).toLowerCase(Locale.ROOT);
        } catch (SignatureException | RuntimeException e) {
            throw ProblemException.invalid("body.signature", "is not a valid signature");
        }
    }
}

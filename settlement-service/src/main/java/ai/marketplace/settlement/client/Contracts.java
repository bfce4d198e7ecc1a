package ai.marketplace.settlement.client;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import ai.marketplace.settlement.config.ChainConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Where the token and the treasury live. Configured addresses win; on a dev chain with {@code dev-deploy} the
 * service deploys MarketToken and Treasury itself (remembering them per chain id), mints dev funds, and reuses
 * them while the chain keeps their code — a reset Hardhat chain gets fresh contracts. Until resolved, the chain
 * workers wait and readiness says so.
 */
@ApplicationScoped
public class Contracts {

    private static final Logger LOG = Logger.getLogger(Contracts.class);
    private static final BigInteger DEPLOY_GAS = BigInteger.valueOf(3_000_000);
    private static final BigInteger CALL_GAS = BigInteger.valueOf(200_000);

    @Inject ChainConfig config;
    @Inject ChainRpcClient rpc;
    @Inject ChainSigner signer;
    @Inject Pool pool;
    private volatile String token;
    private volatile String treasury;
    private volatile String problem = "not resolved yet";

    /**
     * Without addresses and without dev-deploy the service could never hold custody: refuse to start rather than
     * run unready forever.
     */
    void requireAddresses(@Observes StartupEvent started) {
        if (!config.devDeploy() && (config.tokenAddress().isEmpty() || config.treasuryAddress().isEmpty())) {
            throw new IllegalStateException("Missing chain settings: MARKETPLACE_CHAIN_TOKEN_ADDRESS and "
                    + "MARKETPLACE_CHAIN_TREASURY_ADDRESS are required unless MARKETPLACE_CHAIN_DEV_DEPLOY=true (a dev chain)");
        }
    }

    public boolean ready() {
        return treasury != null;
    }

    public String token() {
        return token;
    }

    public String treasury() {
        return treasury;
    }

    public String problem() {
        return problem;
    }

    @Scheduled(every = "2s", delay = 0, concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Resolved.class)
    Uni<Void> resolve() {
        Uni<Void> attempt;
        if (config.treasuryAddress().isPresent() && config.tokenAddress().isPresent()) {
            attempt = rpc.status().invoke(s -> {
                if (s.chainId() != config.chainId()) {
                    throw new IllegalStateException("node is chain " + s.chainId() + ", expected " + config.chainId());
                }
            }).chain(this::verifyTreasuryCode)
                    .invoke(() -> use(config.tokenAddress().get(), config.treasuryAddress().get(), "configured"));
        } else if (config.devDeploy()) {
            attempt = remembered().chain(found -> found ? Uni.createFrom().voidItem() : deployDev());
        } else {
            problem = "marketplace.chain.token-address and treasury-address are not set (or enable dev-deploy on a dev chain)";
            return Uni.createFrom().voidItem();
        }
        return attempt.onFailure().recoverWithItem(e -> {
            problem = e.getMessage();
            LOG.warnf("Contracts not resolved yet (%s); retrying", e.getMessage());
            return null;
        });
    }

    /**
     * The configured Treasury must run exactly the code this release was built with (the token, its only immutable,
     * filled in): the code a creation with the same token would deploy, simulated on the same node. Anything else —
     * a typo that points at another contract, an older Treasury without replay protection, a look-alike — and the
     * service stops instead of moving money through it.
     */
    Uni<Void> verifyTreasuryCode() {
        String treasury = config.treasuryAddress().get();
        String token = config.tokenAddress().get();
        return rpc.simulateCreation(TreasuryCodec.deployTreasury(token, signer.address(), signer.address()))
                .chain(expected -> rpc.code(treasury).invoke(actual -> {
                    if (actual == null || actual.equals("0x")) {
                        refuse("no contract at MARKETPLACE_CHAIN_TREASURY_ADDRESS " + treasury + " on chain " + config.chainId());
                    } else if (!actual.equalsIgnoreCase(expected)) {
                        refuse("the contract at MARKETPLACE_CHAIN_TREASURY_ADDRESS " + treasury + " is not this release's Treasury "
                                + "for token " + token + " (deploy it with deploy/chain/deploy-contracts)");
                    }
                })).replaceWithVoid();
    }

    private void refuse(String why) {
        problem = why;
        LOG.errorf("Refusing to run: %s", why);
        Quarkus.asyncExit(1);
        throw new IllegalStateException(why);
    }

    private Uni<Boolean> remembered() {
        return pool.preparedQuery("select name, address from chain_contract where chain_id = $1")
                .execute(Tuple.of(config.chainId())).chain(rows -> {
                    String t = null;
                    String tr = null;
                    for (var r : rows) {
                        if ("token".equals(r.getString("name"))) {
                            t = r.getString("address");
                        } else if ("treasury".equals(r.getString("name"))) {
                            tr = r.getString("address");
                        }
                    }
                    if (t == null || tr == null) {
                        return Uni.createFrom().item(false);
                    }
                    String tokenAddress = t;
                    String treasuryAddress = tr;
                    return rpc.code(treasuryAddress).map(code -> {
                        if (code == null || code.equals("0x")) {
                            LOG.warnf("Treasury %s has no code on chain %d: the dev chain was reset; deploying anew. "
                                    + "Ledger custody no longer matches the chain (see /v1/ledger/reconciliation).",
                                    treasuryAddress, config.chainId());
                            return false;
                        }
                        use(tokenAddress, treasuryAddress, "remembered");
                        return true;
                    });
                });
    }

    private Uni<Void> deployDev() {
        String admin = signer.address();
        LOG.infof("Deploying MarketToken and Treasury on dev chain %d from %s", config.chainId(), admin);
        return send(null, TreasuryCodec.deployToken(admin), DEPLOY_GAS).chain(tokenAddr ->
                send(null, TreasuryCodec.deployTreasury(tokenAddr, admin, admin), DEPLOY_GAS).chain(treasuryAddr -> {
                    List<String> funded = config.devFundedAddresses().orElse(List.of());
                    BigInteger amount = new BigInteger(config.devFundingAmount());
                    Uni<Void> mints = Uni.createFrom().voidItem();
                    for (String a : funded) {
                        mints = mints.chain(() -> send(tokenAddr, TreasuryCodec.mint(a, amount), CALL_GAS)).replaceWithVoid();
                    }
                    return mints.chain(() -> pool.preparedQuery("""
                            insert into chain_contract (name, address, chain_id) values ('token', $1, $3), ('treasury', $2, $3)
                            on conflict (name) do update set address = excluded.address, chain_id = excluded.chain_id,
                                deployed_at = now()""").execute(Tuple.of(tokenAddr, treasuryAddr, config.chainId())))
                            .invoke(() -> {
                                use(tokenAddr, treasuryAddr, "deployed");
                                if (!funded.isEmpty()) {
                                    LOG.infof("Minted %s base units to each of %d dev addresses", amount, funded.size());
                                }
                            }).replaceWithVoid();
                }));
    }

    /**
     * Signs with the chain's pending nonce and waits for the receipt: only for the one-off dev deployment, before
     * any ledger transaction exists (those go through ChainTransactions with persisted nonces).
     *
     * @return the created contract's address, or the target for a call
     */
    private Uni<String> send(String to, String data, BigInteger gas) {
        return rpc.pendingNonce(signer.address()).chain(nonce -> rpc.gasPrice().chain(price -> {
            ChainSigner.Signed tx = signer.sign(nonce, price, gas, to, data);
            return rpc.sendRaw(tx.raw()).chain(hash -> receipt(tx.hash(), 0));
        })).map(r -> {
            if (!"0x1".equals(r.getString("status"))) {
                throw new IllegalStateException("dev deployment transaction reverted: " + r.getString("transactionHash"));
            }
            return to != null ? to : r.getString("contractAddress").toLowerCase(Locale.ROOT);
        });
    }

    private Uni<io.vertx.core.json.JsonObject> receipt(String hash, int attempt) {
        return rpc.receipt(hash).chain(r -> {
            if (r != null) {
                return Uni.createFrom().item(r);
            }
            if (attempt > 600) {
                return Uni.createFrom().failure(new IllegalStateException("no receipt for " + hash));
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100)).chain(() -> receipt(hash, attempt + 1));
        });
    }

    private void use(String tokenAddress, String treasuryAddress, String how) {
        token = tokenAddress.toLowerCase(Locale.ROOT);
        treasury = treasuryAddress.toLowerCase(Locale.ROOT);
        problem = null;
        LOG.infof("Contracts %s: token %s, treasury %s", how, token, treasury);
    }

    @ApplicationScoped
    public static class Resolved implements Scheduled.SkipPredicate {
        private final Contracts contracts;

        public Resolved(Contracts contracts) {
            this.contracts = contracts;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return contracts.ready();
        }
    }
}

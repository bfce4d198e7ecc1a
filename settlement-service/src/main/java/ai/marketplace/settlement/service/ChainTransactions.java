package ai.marketplace.settlement.service;

import java.math.BigInteger;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.client.ChainSigner;
import ai.marketplace.settlement.config.ChainConfig;
import ai.marketplace.settlement.domain.ChainTx;
import ai.marketplace.settlement.domain.ChainTxPurpose;
import ai.marketplace.settlement.domain.FeePolicy;
import ai.marketplace.settlement.repository.ChainTxRepository;
import io.smallrye.mutiny.Uni;

/**
 * Signs a transaction and persists it in the caller's transaction; {@link ChainTxTracker} sends it after commit
 * and follows it to a receipt. Because the signed bytes (nonce, hash) are stored before anything is sent, a
 * crash at any point leads to re-sending the very same transaction, which the chain executes at most once.
 */
@ApplicationScoped
public class ChainTransactions {

    private final ChainRpcClient rpc;
    private final ChainSigner signer;
    private final ChainTxRepository txs;
    private final FeePolicy fees;

    public ChainTransactions(ChainRpcClient rpc, ChainSigner signer, ChainTxRepository txs, ChainConfig config) {
        this.fees = new FeePolicy(config.fees().priorityFee(), config.fees().maxFee(), config.fees().bumpPercent());
        this.rpc = rpc;
        this.signer = signer;
        this.txs = txs;
    }

    public Uni<ChainTx> submit(Tx tx, ChainTxPurpose purpose, String to, String data, BigInteger gasLimit) {
        String sender = signer.address();
        return rpc.pendingNonce(sender).chain(pending -> txs.allocateNonce(tx, sender, pending))
                .chain(nonce -> baseFee().chain(base -> {
                    ChainTx.Signing signing = new ChainTx.Signing(to, data, gasLimit, fees.maxFee(base, null), fees.priorityFee(null));
                    return sign(nonce, signing).map(s -> ChainTx.signed(purpose, sender, nonce, s.raw(), s.hash(), signing));
                }))
                .call(signed -> txs.insert(tx, signed));
    }

    /**
     * Signs {@code t} again at its nonce with both fees raised (never above the configured maximum) and stores the
     * new version; false when the fees are already at the maximum, so the transaction can only wait.
     */
    public Uni<Boolean> replace(Tx tx, ChainTx t) {
        ChainTx.Signing old = t.signing();
        return baseFee().chain(base -> {
            ChainTx.Signing next = old.withFees(fees.maxFee(base, old.maxFee()), fees.priorityFee(old.priorityFee()));
            if (next.maxFee().compareTo(old.maxFee()) <= 0) {
                return Uni.createFrom().item(false);
            }
            return sign(t.nonce(), next).chain(s -> {
                t.replaced(s.raw(), s.hash(), next);
                return txs.update(tx, t).chain(() -> txs.version(tx, t)).replaceWith(true);
            });
        });
    }

    private Uni<ChainSigner.Signed> sign(long nonce, ChainTx.Signing s) {
        return signer.sign1559(BigInteger.valueOf(nonce), s.gasLimit(), s.to(), s.data(), s.priorityFee(), s.maxFee());
    }

    /** The base fee of the newest block (0 on a chain without EIP-1559). */
    private Uni<BigInteger> baseFee() {
        return rpc.call("eth_getBlockByNumber", "latest", false).map(b -> {
            String fee = b == null ? null : ((io.vertx.core.json.JsonObject) b).getString("baseFeePerGas");
            return fee == null ? BigInteger.ZERO : ChainRpcClient.quantity(fee);
        });
    }
}

package ai.marketplace.settlement.service;

import java.math.BigInteger;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.tx.Tx;
import ai.marketplace.settlement.client.ChainRpcClient;
import ai.marketplace.settlement.client.ChainSigner;
import ai.marketplace.settlement.domain.ChainTx;
import ai.marketplace.settlement.domain.ChainTxPurpose;
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

    public ChainTransactions(ChainRpcClient rpc, ChainSigner signer, ChainTxRepository txs) {
        this.rpc = rpc;
        this.signer = signer;
        this.txs = txs;
    }

    public Uni<ChainTx> submit(Tx tx, ChainTxPurpose purpose, String to, String data, BigInteger gasLimit) {
        String sender = signer.address();
        return rpc.pendingNonce(sender).chain(pending -> txs.allocateNonce(tx, sender, pending))
                .chain(nonce -> rpc.gasPrice().map(price -> {
                    ChainSigner.Signed s = signer.sign(BigInteger.valueOf(nonce), price, gasLimit, to, data);
                    return ChainTx.signed(purpose, sender, nonce, s.raw(), s.hash());
                }))
                .call(signed -> txs.insert(tx, signed));
    }
}

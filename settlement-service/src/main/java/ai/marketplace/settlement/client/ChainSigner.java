package ai.marketplace.settlement.client;

import java.math.BigInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

import ai.marketplace.settlement.config.ChainConfig;

/**
 * Signs the service's transactions with the operator key; no I/O. Ledger transactions are EIP-1559 (type 2), so
 * their fee follows the base fee and a stuck one can be replaced; the one-off dev deployment is a legacy one.
 */
@ApplicationScoped
public class ChainSigner {

    public record Signed(String raw, String hash) {
    }

    private final Credentials credentials;
    private final long chainId;

    public ChainSigner(ChainConfig config) {
        this.credentials = Credentials.create(config.operatorKey());
        this.chainId = config.chainId();
    }

    public String address() {
        return credentials.getAddress().toLowerCase(java.util.Locale.ROOT);
    }

    /** A type-2 transaction to {@code to}. */
    public Signed sign1559(BigInteger nonce, BigInteger gasLimit, String to, String data, BigInteger priorityFee,
            BigInteger maxFee) {
        RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gasLimit, to, BigInteger.ZERO, data, priorityFee,
                maxFee);
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, credentials));
        return new Signed(raw, Hash.sha3(raw));
    }

    /** Legacy (EIP-155) signing for the dev deployment; {@code to == null} deploys {@code data} as a contract. */
    public Signed sign(BigInteger nonce, BigInteger gasPrice, BigInteger gasLimit, String to, String data) {
        RawTransaction tx = to == null
                ? RawTransaction.createContractTransaction(nonce, gasPrice, gasLimit, BigInteger.ZERO, data)
                : RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, BigInteger.ZERO, data);
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
        return new Signed(raw, Hash.sha3(raw));
    }
}

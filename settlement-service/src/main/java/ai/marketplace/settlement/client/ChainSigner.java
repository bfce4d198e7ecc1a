package ai.marketplace.settlement.client;

import java.math.BigInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

import ai.marketplace.settlement.config.ChainConfig;

/** Signs the service's transactions (EIP-155, legacy gas price) with the operator key; no I/O. */
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

    /** {@code to == null} deploys {@code data} as a contract. */
    public Signed sign(BigInteger nonce, BigInteger gasPrice, BigInteger gasLimit, String to, String data) {
        RawTransaction tx = to == null
                ? RawTransaction.createContractTransaction(nonce, gasPrice, gasLimit, BigInteger.ZERO, data)
                : RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, BigInteger.ZERO, data);
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
        return new Signed(raw, Hash.sha3(raw));
    }
}

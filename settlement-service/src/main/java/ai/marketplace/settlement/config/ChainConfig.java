package ai.marketplace.settlement.config;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.AssertTrue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "marketplace.chain")
public interface ChainConfig {

    /** JSON-RPC endpoint of the EVM node (HTTP). */
    String rpcUrl();

    /** The chain id the service expects; a node answering another id is reported, never used. */
    long chainId();

    @WithDefault("5s")
    Duration timeout();

    /** The ERC-20 token in custody. Unset on a dev chain with {@code dev-deploy}: a MarketToken is deployed. */
    Optional<String> tokenAddress();

    /** The Treasury contract. Unset on a dev chain with {@code dev-deploy}: one is deployed. */
    Optional<String> treasuryAddress();

    /**
     * Private key (hex) of the service's signer: holds PAYOUT_ROLE and ANCHOR_ROLE on the treasury. Production
     * reads it from {@code MARKETPLACE_CHAIN_OPERATOR_KEY} (a Secret), unless a remote signer holds the key
     * ({@link #signer()}); the local profile uses Hardhat's publicly known account #0 (application.properties).
     */
    Optional<String> operatorKey();

    /** A remote signer that holds the operator key instead of the pod (Web3Signer's eth1 JSON-RPC, or compatible). */
    RemoteSigner signer();

    interface RemoteSigner {
        /** JSON-RPC endpoint answering {@code eth_signTransaction} (e.g. Web3Signer's eth1 mode). */
        Optional<String> url();

        /** The address the remote signer signs as (it holds the key; the service never sees it). */
        Optional<String> address();

        @WithDefault("10s")
        Duration timeout();
    }

    /** Start-up refuses a configuration with neither, or both, ways of signing. */
    @AssertTrue(message = "set exactly one of MARKETPLACE_CHAIN_OPERATOR_KEY and MARKETPLACE_CHAIN_SIGNER_URL "
            + "(with MARKETPLACE_CHAIN_SIGNER_ADDRESS)")
    default boolean isSignerConfigured() {
        return operatorKey().isPresent() != signer().url().isPresent()
                && signer().url().isPresent() == signer().address().isPresent();
    }

    /** Deploy MarketToken and Treasury when no addresses are configured (dev chains only). */
    @WithDefault("false")
    boolean devDeploy();

    /** Tokens minted to each of these addresses after a dev deploy, so local users have funds to deposit. */
    Optional<java.util.List<String>> devFundedAddresses();

    @WithDefault("1000000000000000000000")
    String devFundingAmount();

    /**
     * How a block is judged final before a deposit in it is credited or a payout or anchor in it is settled:
     * {@code FINALIZED} asks the node for its {@code finalized} block (proof-of-stake chains, most L2s) and falls
     * back to {@link #confirmations()} when the node does not know the tag; {@code DEPTH} uses the depth only.
     */
    @WithDefault("FINALIZED")
    Finality finality();

    /**
     * Depth that makes a block final when the node offers no {@code finalized} block (1 = the block itself). The
     * default, 64 blocks, is two Ethereum epochs; set it per chain from that chain's reorganisation history. The
     * local stack and the tests use 2.
     */
    @WithDefault("64")
    int confirmations();

    /**
     * How many of the deposit watcher's last scanned blocks it remembers with their hash, to find where the chain
     * it read forked from the chain the node has now. A reorganisation deeper than this rewinds that far and reads
     * again (deposits are credited once whatever is read twice).
     */
    @WithDefault("128")
    int reorgHistory();

    /** Fees of the transactions the service signs: EIP-1559, replaced at the same nonce when they do not mine. */
    Fees fees();

    interface Fees {
        /** The tip offered to the block producer, in wei per gas. */
        @WithDefault("1000000000")
        java.math.BigInteger priorityFee();

        /** Never more than this per gas, however long a transaction waits (500 gwei); the alert fires instead. */
        @WithDefault("500000000000")
        java.math.BigInteger maxFee();

        /** A transaction that has not mined for this long is signed again at the same nonce with higher fees. */
        @WithDefault("3m")
        Duration replaceAfter();

        /** How much each replacement raises both fees, in percent (nodes require at least 10). */
        @WithDefault("50")
        @jakarta.validation.constraints.Min(10)
        int bumpPercent();
    }

    enum Finality {
        FINALIZED, DEPTH
    }

    /** How often the deposit watcher and the transaction tracker look at the chain. */
    @WithDefault("1s")
    Duration pollInterval();
}

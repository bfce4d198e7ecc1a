package ai.marketplace.settlement.service;

/**
 * {@code finality}: what makes a block final (FINALIZED: the node's finalized tag; DEPTH: {@code confirmations}
 * blocks deep, also the fallback when the node has no such tag); {@code depositsCreditedTo}: the last block whose
 * deposits are credited; {@code headSeen}: the newest block the watcher saw.
 */
public record ChainStatusView(long chainId, long expectedChainId, boolean chainIdMatches, String blockNumber,
        String token, String treasury, String finality, int confirmations, long depositsCreditedTo, long headSeen) {
}

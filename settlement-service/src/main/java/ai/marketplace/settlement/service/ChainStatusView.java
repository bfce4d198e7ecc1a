package ai.marketplace.settlement.service;

/** {@code depositsCreditedTo}: the last block whose deposits are credited; {@code headSeen}: the newest block the watcher saw. */
public record ChainStatusView(long chainId, long expectedChainId, boolean chainIdMatches, String blockNumber,
        String token, String treasury, int confirmations, long depositsCreditedTo, long headSeen) {
}

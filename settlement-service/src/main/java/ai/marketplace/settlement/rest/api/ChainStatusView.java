package ai.marketplace.settlement.rest.api;

/** The chain as settlement sees it: block number as a decimal string (it is a uint256 on the wire). */
public record ChainStatusView(long chainId, long expectedChainId, boolean chainIdMatches, String blockNumber) {
}

package ai.marketplace.settlement.domain;

import java.math.BigInteger;

/** A {@code Deposited} log of the Treasury as the chain reported it, with where it sits (for finality and replay). */
public record DepositLog(String txHash, int logIndex, long blockNumber, String blockHash, byte[] accountRef,
        String from, BigInteger amount) {
}

package ai.marketplace.settlement.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "marketplace.settlement")
public interface SettlementConfig {

    /** Platform fee on every capture, in basis points of the captured amount (250 = 2.5 %). */
    @WithDefault("250")
    int feeBps();

    /** How often the ledger monitor refreshes the gauges operators alert on (read by LedgerMonitor's schedule). */
    @WithDefault("60s")
    Duration monitorInterval();

    Payouts payouts();

    Withdrawals withdrawals();

    Anchoring anchoring();

    interface Payouts {
        /**
         * Most withdrawals paid by one payoutBatch transaction. Bounded by the per-transaction gas cap of current EVM
         * nodes (2^24 = 16,777,216): the service budgets 100,000 gas, plus 45,000 per transfer and 30,000 per
         * withdrawal id (about 51,000 are used per new recipient).
         */
        @WithDefault("100")
        @jakarta.validation.constraints.Min(1)
        @jakarta.validation.constraints.Max(200)
        int batchSize();

        /** How often waiting withdrawals are batched (a full batch does not wait for more). */
        @WithDefault("5s")
        Duration interval();
    }

    /**
     * What a withdrawal costs and how many an account may have open. Every withdrawal is a transfer in a payout the
     * platform pays gas for, so dust and spam are refused and each withdrawal pays its share. Amounts are in the
     * token's base units; the defaults assume an 18-decimal token (1 token minimum, 0.1 token fee).
     */
    interface Withdrawals {
        /** The smallest amount a user may withdraw. */
        @WithDefault("1000000000000000000")
        java.math.BigInteger minimum();

        /** Charged on top of the amount, to the platform's fee account: set it to cover a batch's gas share. */
        @WithDefault("100000000000000000")
        java.math.BigInteger fee();

        /** Most withdrawals one account may have requested and not yet paid or failed. */
        @WithDefault("10")
        @jakarta.validation.constraints.Min(1)
        int maxOpen();
    }

    interface Anchoring {
        /** Anchor once this many transfers are waiting … */
        @WithDefault("100")
        int everyTransfers();

        /** … or when the oldest waiting transfer is this old. */
        @WithDefault("60s")
        Duration maxDelay();

        /** How often anchoring checks whether an anchor is due (read by the Anchoring schedule). */
        @WithDefault("2s")
        Duration checkInterval();

        /** Most transfers in one anchor. */
        @WithDefault("1000")
        int maxTransfers();
    }
}

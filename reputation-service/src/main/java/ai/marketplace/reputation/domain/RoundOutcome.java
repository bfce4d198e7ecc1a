package ai.marketplace.reputation.domain;

/** How an attestation round closed: a verdict on the digest, or no quorum before it expired. */
public enum RoundOutcome {
    VERIFIED, DISPUTED, NO_QUORUM
}

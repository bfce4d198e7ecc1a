package ai.marketplace.catalog.domain;

public enum AssetKind {
    MODEL,
    DATASET,
    SERVICE
}

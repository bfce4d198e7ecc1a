package ai.marketplace.catalog.domain;

public enum AssetState {
    DRAFT,
    PUBLISHED,
    DEPRECATED,
    DELISTED
}

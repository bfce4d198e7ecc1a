package ai.marketplace.catalog.domain;

public enum VersionState {
    DRAFT,
    PUBLISHED
}

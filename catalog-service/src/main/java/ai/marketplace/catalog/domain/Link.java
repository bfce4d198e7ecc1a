package ai.marketplace.catalog.domain;

/** A link shown on a listing: documentation, paper, repository, demo. */
public record Link(String rel, String url) {
}

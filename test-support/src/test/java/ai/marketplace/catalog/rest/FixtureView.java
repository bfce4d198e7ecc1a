package ai.marketplace.catalog.rest;

/** Fixture: an API record. */
public record FixtureView(String id) {
}

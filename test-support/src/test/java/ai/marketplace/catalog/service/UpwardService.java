package ai.marketplace.catalog.service;

import jakarta.ws.rs.core.UriInfo;

import ai.marketplace.catalog.rest.FixtureView;

/** Fixture: a service that builds API records, takes a JAX-RS type and reaches into another service's code. */
public class UpwardService {
    public FixtureView view(UriInfo uri) {
        return new FixtureView(uri.getPath() + ai.marketplace.compute.domain.OtherServiceType.name());
    }
}

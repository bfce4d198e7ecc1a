package ai.marketplace.platform.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

/** Injects {@link ProductionSettings}: Quarkus registers (and so validates at start-up) only mappings that are used. */
@Startup
@ApplicationScoped
class ProductionSettingsCheck {

    @Inject
    ProductionSettings settings;
}

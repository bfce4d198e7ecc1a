package ai.marketplace.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the production profile cannot start without. In prod each member is an expression over the real setting
 * ({@code %prod.marketplace.production.database-url=${quarkus.datasource.reactive.url}}), so a missing one makes
 * the configuration check at start-up fail with one line per missing setting ("SRCFG00011: Could not expand value
 * quarkus.datasource.reactive.url …"), before anything connects anywhere — Quarkus's own settings are optional and
 * would fall back to localhost. Outside prod the local profile's values serve and nothing is checked here.
 */
@ConfigMapping(prefix = "marketplace.production")
public interface ProductionSettings {

    String NOT_CHECKED = "not checked outside prod";

    @WithDefault(NOT_CHECKED)
    String databaseUrl();

    @WithDefault(NOT_CHECKED)
    String databaseJdbcUrl();

    @WithDefault(NOT_CHECKED)
    String databaseUsername();

    @WithDefault(NOT_CHECKED)
    String databasePassword();

    @WithDefault(NOT_CHECKED)
    String kafkaBootstrapServers();

    @WithDefault(NOT_CHECKED)
    String oidcAuthServerUrl();
}

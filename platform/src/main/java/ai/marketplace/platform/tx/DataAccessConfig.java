package ai.marketplace.platform.tx;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service reaches its database; each service names its style once (docs/architecture.md says why). */
@ConfigMapping(prefix = "marketplace.data-access")
public interface DataAccessConfig {

    enum Style {
        /** Hibernate Reactive with Panache entities; transactions via {@code @WithTransaction}. */
        ORM_SESSION,
        /** The reactive PostgreSQL client with typed row mappers; transactions via {@code Pool#withTransaction}. */
        SQL_CLIENT
    }

    @WithDefault("orm-session")
    Style style();
}

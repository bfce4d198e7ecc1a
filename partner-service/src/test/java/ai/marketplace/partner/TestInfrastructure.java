package ai.marketplace.partner;

import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Real PostgreSQL, a real Kafka broker and an OIDC server that signs real tokens, for every test here. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "topics",
        value = "marketplace.partner.v1,marketplace.catalog.v1,marketplace.catalog.v1.dlq.partner,marketplace.compute.v1,marketplace.compute.v1.dlq.partner,marketplace.settlement.v1,marketplace.settlement.v1.dlq.partner,marketplace.reputation.v1,marketplace.reputation.v1.dlq.partner"))
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}

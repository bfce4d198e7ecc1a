package ai.marketplace.settlement;

import ai.marketplace.testsupport.HardhatResource;
import ai.marketplace.testsupport.KafkaResource;
import ai.marketplace.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Real PostgreSQL, Kafka, a Hardhat dev chain and an OIDC server that signs real tokens. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "settlement"))
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "topics", value = "marketplace.settlement.v1,marketplace.settlement.private.v1,marketplace.catalog.v1,marketplace.catalog.v1.dlq.settlement,marketplace.compute.v1,marketplace.compute.v1.dlq.settlement,marketplace.reputation.v1,marketplace.reputation.v1.dlq.settlement"))
@QuarkusTestResource(HardhatResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}

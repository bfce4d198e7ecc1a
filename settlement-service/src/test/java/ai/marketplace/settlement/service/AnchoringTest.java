package ai.marketplace.settlement.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

import ai.marketplace.settlement.client.contracts.Treasury;
import ai.marketplace.settlement.domain.MerkleTree;
import ai.marketplace.settlement.support.DevChain;
import ai.marketplace.settlement.support.Funds;
import ai.marketplace.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/** A transfer's proof from the API verifies against the root anchored on chain, by the contract itself. */
@QuarkusTest
class AnchoringTest {

    @Inject
    Anchoring anchoring;

    @Test
    void aProofFromTheApiVerifiesOnChainAndATamperedLeafDoesNot() throws Throwable {
        String user = "an-" + UUID.randomUUID();
        Funds.fund(user, 2_500);
        String token = TestTokens.buyer(user);
        String transfer = given().auth().oauth2(token).get("/v1/accounts/me/transfers").then().statusCode(200)
                .extract().path("items[0].transferId");
        given().auth().oauth2(token).get("/v1/ledger/transfers/" + transfer + "/proof").then().statusCode(404)
                .body("type", org.hamcrest.Matchers.equalTo("urn:ai-marketplace:problem:not-anchored-yet"));

        assertThat(VertxContextSupport.<UUID>subscribeAndAwait(() -> anchoring.anchorDue())).isNotNull();
        Funds.confirmSentTransactions();
        await().atMost(Funds.PATIENCE).until(() -> given().auth().oauth2(token).get("/v1/ledger/transfers/" + transfer + "/proof")
                .statusCode() == 200);
        JsonPath proof = given().auth().oauth2(token).get("/v1/ledger/transfers/" + transfer + "/proof").then().statusCode(200)
                .extract().jsonPath();
        assertThat(proof.getString("amount")).isEqualTo("2500");
        byte[] leaf = Numeric.hexStringToByteArray(proof.getString("leaf"));
        List<byte[]> siblings = proof.getList("proof", String.class).stream().map(Numeric::hexStringToByteArray).toList();
        // The leaf is recomputable from the transfer's public fields…
        assertThat(proof.getString("kind")).isEqualTo("DEPOSIT");
        assertThat(leaf).isEqualTo(MerkleTree.leaf(proof.getLong("seq"), UUID.fromString(transfer),
                UUID.fromString(proof.getString("debitAccount")), UUID.fromString(proof.getString("creditAccount")),
                new BigInteger(proof.getString("amount")), proof.getString("kind"), proof.getString("correlationId")));
        // …and the contract, not this service, hashes the fields and says they are in the anchored tree.
        JsonObject c = Funds.contracts();
        var treasury = DevChain.treasury(c.getString("treasury"), DevChain.funded(0));
        BigInteger index = BigInteger.valueOf(proof.getLong("anchorIndex"));
        assertThat(treasury.leafOf(onChain(proof, new BigInteger(proof.getString("amount")))).send()).isEqualTo(leaf);
        assertThat(treasury.verifyTransfer(index, onChain(proof, new BigInteger(proof.getString("amount"))), siblings).send()).isTrue();
        assertThat(treasury.verifyTransfer(index, onChain(proof, new BigInteger(proof.getString("amount")).add(BigInteger.ONE)),
                siblings).send()).isFalse();
        assertThat(Numeric.toHexString(treasury.anchorAt(index).send().component1())).isEqualTo(proof.getString("root"));

        given().auth().oauth2(TestTokens.buyer("stranger")).get("/v1/ledger/transfers/" + transfer + "/proof").then().statusCode(404);
        given().auth().oauth2(TestTokens.operator("auditor")).get("/v1/ledger/transfers/" + transfer + "/proof").then().statusCode(200);
        assertThat(Funds.sqlLong("select count(*) from transfer t where not exists (select 1 from anchor_leaf l where l.transfer_seq = t.seq)"))
                .isZero();
    }

    @Test
    void anchorsFollowEachOtherWithoutGapOrOverlapAndOneIsInFlightAtATime() throws Throwable {
        Funds.fund("an2-" + UUID.randomUUID(), 10);
        UUID first = VertxContextSupport.<UUID>subscribeAndAwait(() -> anchoring.anchorDue());
        assertThat(first).isNotNull();
        Funds.fund("an3-" + UUID.randomUUID(), 10);
        assertThat(VertxContextSupport.<UUID>subscribeAndAwait(() -> anchoring.anchorDue()))
                .as("the next anchor waits until this one is final").isNull();
        Funds.confirmSentTransactions();
        await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from anchor where state = 'ANCHORED' and id = '"
                + first + "'") == 1);
        UUID second = VertxContextSupport.<UUID>subscribeAndAwait(() -> anchoring.anchorDue());
        assertThat(second).isNotNull();
        assertThat(Funds.sqlLong("select first_seq from anchor where id = '" + second + "'"))
                .isEqualTo(Funds.sqlLong("select last_seq + 1 from anchor where id = '" + first + "'"));
        Funds.confirmSentTransactions();
        await().atMost(Funds.PATIENCE).until(() -> Funds.sqlLong("select count(*) from anchor where state = 'ANCHORED' and id = '"
                + second + "'") == 1);
        assertThat(Funds.sqlLong("select count(*) from anchor where state = 'FAILED'")).as("the Treasury refused none").isZero();
    }

    static Treasury.LedgerTransfer onChain(JsonPath proof, BigInteger amount) {
        return new Treasury.LedgerTransfer(BigInteger.valueOf(proof.getLong("seq")), bytes16(proof.getString("transferId")),
                bytes16(proof.getString("debitAccount")), bytes16(proof.getString("creditAccount")), amount,
                proof.getString("kind"), proof.getString("correlationId"));
    }

    static byte[] bytes16(String uuid) {
        UUID u = UUID.fromString(uuid);
        return java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }
}

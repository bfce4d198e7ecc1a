package ai.marketplace.compute.consumers;

import static ai.marketplace.compute.consumers.LeaseLifecycleTest.count;
import static ai.marketplace.compute.consumers.LeaseLifecycleTest.setup;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A provider withdrawing its offer while renters reserve it: whichever commits first wins, the other gets a 409,
 * and no lease ever holds GPUs of a withdrawn offer (which would later fail as the provider's fault).
 */
@QuarkusTest
class OfferWithdrawalRaceTest {

    @Test
    void aWithdrawalRacingReservationsNeverLeavesALeaseOnAWithdrawnOffer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (int round = 0; round < 8; round++) {
                var s = setup(null);
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(() -> given().auth().oauth2(s.renterToken()).contentType(ContentType.JSON)
                            .body("{\"offerId\":\"" + s.offer() + "\",\"gpus\":1,\"hours\":1}").post("/v1/leases").statusCode());
                }
                calls.add(1, () -> given().auth().oauth2(s.providerToken()).delete("/v1/offers/" + s.offer()).statusCode());
                List<Integer> answers = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    answers.add(f.get());
                }
                statuses.addAll(answers);
                int withdrawal = answers.remove(1);
                long granted = answers.stream().filter(st -> st == 201).count();
                boolean withdrawn = count("select count(*) from offer where id = '" + s.offer() + "' and state = 'WITHDRAWN'") == 1;
                long leases = count("select count(*) from lease where offer_id = '" + s.offer() + "' and state in ('REQUESTED', 'ACTIVE')");
                long allocated = LeaseLifecycleTest.allocated(s.offer());
                // Which side wins depends on scheduling; what each outcome leaves behind does not.
                assertThat(withdrawal).as("the withdrawal's answer").isIn(200, 409);
                assertThat(withdrawn).as("offer withdrawn exactly when the withdrawal said so").isEqualTo(withdrawal == 200);
                if (withdrawn) {
                    assertThat(granted).as("reservations granted on an offer that was then withdrawn").isZero();
                    assertThat(leases).as("open leases on withdrawn offer " + s.offer()).isZero();
                    assertThat(allocated).isZero();
                } else {
                    assertThat(leases).as("a lease for every granted reservation").isEqualTo(granted);
                    assertThat(allocated).as("GPUs held by the offer's open leases").isEqualTo(leases);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // 400: a request naming an offer already withdrawn (it no longer exists for renters); 409: the loser of a race.
        assertThat(statuses).as("every answer a success or a clear refusal, never a 500")
                .allMatch(s -> s == 200 || s == 201 || s == 400 || s == 409);
    }
}

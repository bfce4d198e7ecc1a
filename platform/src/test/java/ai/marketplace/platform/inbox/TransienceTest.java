package ai.marketplace.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import ai.marketplace.platform.events.MalformedEventException;

class TransienceTest {

    @Test
    void unavailableInfrastructureIsTransient() {
        assertThat(Transience.isTransient(new ConnectException("refused"))).isTrue();
        assertThat(Transience.isTransient(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(Transience.isTransient(new io.vertx.pgclient.PgException("shutdown", "FATAL", "57P01", "admin"))).isTrue();
        assertThat(Transience.isTransient(new io.vertx.pgclient.PgException("deadlock", "ERROR", "40P01", ""))).isTrue();
    }

    @Test
    void badDataAndBugsAreNot() {
        assertThat(Transience.isTransient(new MalformedEventException("bad", new JsonParseException(null, "x")))).isFalse();
        assertThat(Transience.isTransient(new io.vertx.pgclient.PgException("dup", "ERROR", "23505", ""))).isFalse();
        assertThat(Transience.isTransient(new IllegalStateException("bug"))).isFalse();
    }
}

package ai.marketplace.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.marketplace.platform.problem.ProblemException;

class CursorTest {

    @Test
    void roundTripsAnyKeyValues() {
        Cursor c = Cursor.of(Map.of("at", "2026-11-28T06:38:16.48357Z", "id", "a&b=c%d"));
        Cursor back = Cursor.decode(c.encode());
        assertThat(back).isEqualTo(c);
        assertThat(back.get("id")).isEqualTo("a&b=c%d");
        assertThat(c.encode()).doesNotContain("=", "+", "/");
    }

    @Test
    void garbageIsAClientErrorNotACrash() {
        for (String bad : new String[] { "%%%", "Zm9v", "x".repeat(2000) }) {
            assertThatThrownBy(() -> Cursor.decode(bad)).as(bad).isInstanceOf(ProblemException.class)
                    .extracting(e -> ((ProblemException) e).status()).isEqualTo(400);
        }
        Cursor foreign = Cursor.decode(Cursor.of(Map.of("x", "1")).encode());
        assertThatThrownBy(() -> foreign.get("id")).isInstanceOf(ProblemException.class);
    }

    @Test
    void pageSizesAreBounded() {
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(PageRequest.DEFAULT_LIMIT);
        assertThat(PageRequest.of(100, "").cursor()).isNull();
        assertThatThrownBy(() -> PageRequest.of(0, null)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PageRequest.of(101, null)).isInstanceOf(ProblemException.class);
    }
}

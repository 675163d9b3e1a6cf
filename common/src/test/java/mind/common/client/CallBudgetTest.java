package mind.common.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class CallBudgetTest {

    static class Gateway {
        @Timeout(2000)
        @Retry(maxRetries = 2, delay = 100, jitter = 50)
        void create() {
        }

        @Timeout(value = 1, unit = ChronoUnit.SECONDS)
        void once() {
        }

        void unbounded() {
        }
    }

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    @Test
    void annotationsGiveTheDefaults() {
        CallBudget budget = CallBudget.of(config(Map.of()), Gateway.class, "create");
        assertEquals(new CallBudget(Duration.ofMillis(2000), 2, Duration.ofMillis(100), Duration.ofMillis(50)), budget);
        assertEquals(Duration.ofMillis(6300), budget.worstCase());
        assertEquals(Duration.ofSeconds(1), CallBudget.of(config(Map.of()), Gateway.class, "once").worstCase());
    }

    @Test
    void configurationOverridesThemMethodKeysBeforeGlobalOnes() {
        String id = "quarkus.fault-tolerance.\"" + Gateway.class.getName() + "/create\".";
        CallBudget budget = CallBudget.of(config(Map.of(
                id + "timeout.value", "3",
                id + "timeout.unit", "seconds",
                id + "retry.max-retries", "1",
                "quarkus.fault-tolerance.global.retry.max-retries", "7",
                "quarkus.fault-tolerance.global.retry.jitter", "0")), Gateway.class, "create");
        assertEquals(new CallBudget(Duration.ofSeconds(3), 1, Duration.ofMillis(100), Duration.ZERO), budget);
        assertEquals(Duration.ofMillis(6100), budget.worstCase());
    }

    @Test
    void aCallWithoutTimeoutHasNoBudget() {
        assertThrows(IllegalStateException.class, () -> CallBudget.of(config(Map.of()), Gateway.class, "unbounded"));
    }
}

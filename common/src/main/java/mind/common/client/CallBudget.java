package mind.common.client;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * How long a fault-tolerant call to another service may take at most: each attempt is cut off at its
 * {@code @Timeout}, and {@code @Retry} adds attempts with delays and jitter between them. Read from the
 * effective values: the annotations, overridden by
 * {@code quarkus.fault-tolerance."<class>/<method>".timeout.value} (and {@code .timeout.unit},
 * {@code .retry.max-retries}, {@code .retry.delay}, {@code .retry.delay-unit}, {@code .retry.jitter},
 * {@code .retry.jitter-unit}), then by {@code quarkus.fault-tolerance.global.*}, as SmallRye Fault
 * Tolerance applies them. Whatever waits for such a call (a claim, a lock, an outer timeout) is
 * checked against {@link #worstCase()}.
 */
public record CallBudget(Duration timeout, int maxRetries, Duration delay, Duration jitter) {

    /** Every attempt timed out or failed just before its timeout, after the longest delays. */
    public Duration worstCase() {
        return timeout.multipliedBy(maxRetries + 1L).plus(delay.plus(jitter).multipliedBy(maxRetries));
    }

    /** The effective budget of {@code beanClass.method} (the only method of that name). */
    public static CallBudget of(Config config, Class<?> beanClass, String method) {
        Method target = Arrays.stream(beanClass.getDeclaredMethods()).filter(m -> m.getName().equals(method))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(beanClass.getName() + " has no method " + method));
        Timeout timeout = Optional.ofNullable(target.getAnnotation(Timeout.class)).orElse(beanClass.getAnnotation(Timeout.class));
        if (timeout == null) {
            throw new IllegalStateException(beanClass.getName() + "." + method + " has no @Timeout: its calls are unbounded");
        }
        Retry retry = Optional.ofNullable(target.getAnnotation(Retry.class)).orElse(beanClass.getAnnotation(Retry.class));
        Keys keys = new Keys(config, beanClass.getName() + "/" + method);

        Duration timeoutValue = Duration.of(keys.number("timeout.value", timeout.value()),
                keys.unit("timeout.unit", timeout.unit()));
        if (retry == null || !keys.bool("retry.enabled", true)) {
            return new CallBudget(timeoutValue, 0, Duration.ZERO, Duration.ZERO);
        }
        int maxRetries = (int) keys.number("retry.max-retries", retry.maxRetries());
        if (maxRetries < 0) {
            // unlimited retries: only maxDuration bounds them
            throw new IllegalStateException(beanClass.getName() + "." + method + " retries without limit");
        }
        Duration delay = Duration.of(keys.number("retry.delay", retry.delay()), keys.unit("retry.delay-unit", retry.delayUnit()));
        Duration jitter = Duration.of(keys.number("retry.jitter", retry.jitter()),
                keys.unit("retry.jitter-unit", retry.jitterDelayUnit()));
        return new CallBudget(timeoutValue, maxRetries, delay, jitter);
    }

    /** Method-level keys first, then global ones. */
    private record Keys(Config config, String id) {

        private Optional<String> value(String key) {
            return config.getOptionalValue("quarkus.fault-tolerance.\"" + id + "\"." + key, String.class)
                    .or(() -> config.getOptionalValue("quarkus.fault-tolerance.global." + key, String.class));
        }

        long number(String key, long annotated) {
            return value(key).map(String::strip).map(Long::parseLong).orElse(annotated);
        }

        boolean bool(String key, boolean annotated) {
            return value(key).map(String::strip).map(Boolean::parseBoolean).orElse(annotated);
        }

        ChronoUnit unit(String key, ChronoUnit annotated) {
            return value(key).map(v -> ChronoUnit.valueOf(v.strip().toUpperCase(Locale.ROOT).replace('-', '_')))
                    .orElse(annotated);
        }
    }
}

package mind.settings.hooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import mind.common.client.Backoff;
import mind.common.client.RemoteCallException;
import mind.common.client.RemoteRejectedException;
import mind.common.metrics.DomainCounters;
import mind.common.time.ApiTime;
import mind.settings.config.HooksConfig;
import mind.settings.hooks.HookRunRepository.Function;
import mind.settings.hooks.HookRunRepository.Leased;
import mind.settings.service.SecretAccess;
import mind.settings.service.SettingsService;

/**
 * Runs due event-hook runs on the executor endpoint. Every replica runs it; each leases due runs
 * ({@code FOR UPDATE SKIP LOCKED}, so no two replicas take the same run), calls the endpoint with no transaction
 * held, then marks the run done, failed, or due again after a backoff that doubles per attempt (only for "not now"
 * failures: unreachable, 5xx, 408, 429, timed out, circuit open; given up after {@code max-attempts}). A run whose
 * lease ran out (a replica died mid-call) is taken again: a function may run twice for one event in that case, never
 * for two sends of one event key. Without {@code mind.settings.hooks.executor-url} nothing runs; the runs wait.
 */
@ApplicationScoped
public class HookRunner {

    private static final Logger LOG = Logger.getLogger(HookRunner.class);
    /** Longest error kept on a run. */
    static final int MAX_ERROR = 500;
    private static final String MASK = "********";

    private final HookRunRepository runs;
    private final HookExecutorGateway executor;
    private final SettingsService settings;
    private final HooksConfig config;
    private final DomainCounters counters;
    private final ObjectMapper json;

    public HookRunner(HookRunRepository runs, HookExecutorGateway executor, SettingsService settings, HooksConfig config,
            DomainCounters counters, ObjectMapper json) {
        this.runs = runs;
        this.executor = executor;
        this.settings = settings;
        this.config = config;
        this.counters = counters;
        this.json = json;
    }

    @Scheduled(every = "${mind.settings.hooks.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Disabled.class)
    void tick() {
        try {
            runDue();
        } catch (RuntimeException e) {
            LOG.warn("event hook round failed; the next round retries", e);
        }
    }

    /** Runs every run due now; answers how many it ran (whatever their outcome). */
    public int runDue() {
        if (!executor.configured()) {
            return 0;
        }
        int ran = 0;
        while (true) {
            List<Leased> leased = QuarkusTransaction.requiringNew().call(() -> runs.lease(config.batch(), config.lease()));
            if (leased.isEmpty()) {
                return ran;
            }
            JsonNode secrets = QuarkusTransaction.requiringNew().call(
                    () -> settings.openedValue(SecretAccess.EXECUTOR_SECRETS).orElse(null));
            for (Leased run : leased) {
                run(run, secrets);
                ran++;
            }
        }
    }

    private void run(Leased run, JsonNode secrets) {
        Function function = QuarkusTransaction.requiringNew().call(() -> runs.function(run.hookId()));
        if (function == null) {
            return; // the hook was deleted meanwhile, and its runs with it
        }
        List<String> secretValues = secretValues(secrets);
        String answer;
        try {
            answer = executor.run(request(run, function, secrets));
        } catch (RemoteRejectedException e) {
            fail(run, e.getMessage());
            return;
        } catch (RemoteCallException | CircuitBreakerOpenException e) {
            retryOrFail(run, e instanceof CircuitBreakerOpenException ? HookExecutorGateway.SERVICE
                    + " failed repeatedly; calls pause for a few seconds" : e.getMessage());
            return;
        } catch (FaultToleranceException e) {
            retryOrFail(run, HookExecutorGateway.SERVICE + " did not answer in time");
            return;
        }
        JsonNode outcome;
        try {
            outcome = answer == null ? null : json.readTree(answer);
        } catch (JsonProcessingException e) {
            outcome = null;
        }
        if (outcome == null || !outcome.path("success").isBoolean()) {
            fail(run, "The executor's answer could not be used (expected {success, error})");
        } else if (outcome.get("success").booleanValue()) {
            QuarkusTransaction.requiringNew().run(() -> runs.finish(run.id(), "done", null));
            counters.countOnCommit("mind.hooks.runs", "Event hook runs by outcome", "outcome", "done");
        } else {
            String error = outcome.path("error").isTextual() ? outcome.get("error").textValue() : "no error given";
            fail(run, "The function reported a failure: " + masked(error, secretValues));
        }
    }

    private byte[] request(Leased run, Function function, JsonNode secrets) {
        ObjectNode body = json.createObjectNode();
        body.put("language", function.language());
        body.put("code", function.code());
        body.put("packages", function.packages());
        body.put("function", function.name());
        try {
            body.set("parameters", json.readTree(run.dataJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event's data is not JSON", e);
        }
        ObjectNode event = body.putObject("event");
        event.put("type", run.event());
        event.put("key", run.key());
        event.put("occurredAt", ApiTime.formatIso(run.occurredAt()));
        event.put("hookId", run.hookId());
        event.put("runId", run.id());
        event.put("attempt", run.attempts());
        body.set("secrets", secrets != null && secrets.isObject() ? secrets : json.createObjectNode());
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the executor request could not be written", e);
        }
    }

    private void fail(Leased run, String error) {
        QuarkusTransaction.requiringNew().run(() -> runs.finish(run.id(), "failed", truncate(error)));
        counters.countOnCommit("mind.hooks.runs", "Event hook runs by outcome", "outcome", "failed");
        LOG.infof("event hook run %d (hook %d, %s) failed: %s", run.id(), run.hookId(), run.event(), truncate(error));
    }

    private void retryOrFail(Leased run, String error) {
        if (run.attempts() >= config.maxAttempts()) {
            fail(run, "Gave up after " + run.attempts() + " attempts: " + error);
            return;
        }
        Duration backoff = backoff(run.attempts());
        QuarkusTransaction.requiringNew().run(() -> runs.retryLater(run.id(), backoff, truncate(error)));
        counters.countOnCommit("mind.hooks.runs", "Event hook runs by outcome", "outcome", "retried");
    }

    Duration backoff(int attempts) {
        return Backoff.doubling(config.backoff(), config.maxBackoff(), attempts);
    }

    /** The secret values (4+ characters) a function might echo in its error. */
    private static List<String> secretValues(JsonNode secrets) {
        List<String> values = new ArrayList<>();
        if (secrets != null) {
            secrets.forEach(v -> {
                if (v.isTextual() && v.textValue().length() >= 4) {
                    values.add(v.textValue());
                }
            });
        }
        return values;
    }

    private static String masked(String text, List<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }

    /** Skips the scheduled round where {@code mind.settings.hooks.enabled=false} (tests run rounds by hand). */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {

        private final HooksConfig config;

        public Disabled(HooksConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}

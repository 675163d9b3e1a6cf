package mind.telephony.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import mind.common.auth.Roles;

/**
 * What clients call to check that Mind answers and their token works ({@code GET /health}), that its
 * background jobs run ({@code GET /health/cron}) and which version answers ({@code GET /version}). The
 * Ingress sends these paths to telephony-svc, the service whose scheduled jobs (call routing, the
 * ticket outbox, agent event streams) keep calls moving. Kubernetes probes use {@code /q/health/*}.
 */
@Path("/")
@Tag(name = "System")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    /** A job whose previous run is this many of its periods ago is behind. */
    private static final int LATE_PERIODS = 3;

    public record Check(String name, String status) {
    }

    public record Health(boolean success, String status, String service, List<Check> checks) {
    }

    public record Job(String id, Instant previousRun, Instant nextRun, boolean paused, boolean overdue) {
    }

    public record CronHealth(boolean success, String status, boolean schedulerRunning, List<Job> jobs) {
    }

    public record Version(boolean success, String name, String version, String service) {
    }

    private final SmallRyeHealthReporter health;
    private final Scheduler scheduler;
    private final String version;

    public SystemResource(SmallRyeHealthReporter health, Scheduler scheduler,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.health = health;
        this.scheduler = scheduler;
        this.version = version;
    }

    @GET
    @Path("/health")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Is Mind up", description = "{success, status UP|DOWN, service, checks:[{name, status}]}: the "
            + "readiness of the service that answers (its database and the services it depends on, as /q/health/ready "
            + "checks them). 200 when UP, 503 when DOWN. Needs a valid token, so it also tells a client that its token or "
            + "API key works (401 otherwise).")
    @APIResponse(responseCode = "200", description = "UP", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Health.class)))
    @APIResponse(responseCode = "503", description = "DOWN", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Health.class)))
    public RestResponse<Health> health() {
        SmallRyeHealth readiness = health.getReadiness();
        List<Check> checks = new ArrayList<>();
        JsonValue list = readiness.getPayload().get("checks");
        if (list != null && list.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue check : list.asJsonArray()) {
                JsonObject c = check.asJsonObject();
                checks.add(new Check(c.getString("name", "?"), c.getString("status", "?")));
            }
        }
        boolean up = !readiness.isDown();
        return RestResponse.status(up ? RestResponse.Status.OK : RestResponse.Status.SERVICE_UNAVAILABLE,
                new Health(up, up ? "UP" : "DOWN", "telephony-svc", checks));
    }

    @GET
    @Path("/health/cron")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Do the background jobs run", description = "{success, status UP|DOWN, schedulerRunning, jobs:[{id, "
            + "previousRun, nextRun, paused, overdue}]}: the scheduled jobs of the answering replica (call routing, the "
            + "ticket outbox, agent event streams and their pruning). DOWN, with 503, when the scheduler is not running, a "
            + "job is paused, or a job is overdue (its next run is due and has not started) or behind (its previous run "
            + "lies more than three of its periods ago).")
    @APIResponse(responseCode = "200", description = "UP", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CronHealth.class)))
    @APIResponse(responseCode = "503", description = "DOWN", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CronHealth.class)))
    public RestResponse<CronHealth> cron() {
        Instant now = Instant.now();
        List<Job> jobs = new ArrayList<>();
        boolean running = scheduler.isRunning();
        boolean healthy = running;
        for (Trigger trigger : scheduler.getScheduledJobs()) {
            boolean paused = scheduler.isPaused(trigger.getId());
            boolean overdue = trigger.isOverdue() || behind(trigger, now);
            healthy &= !paused && !overdue;
            jobs.add(new Job(trigger.getId(), trigger.getPreviousFireTime(), trigger.getNextFireTime(), paused, overdue));
        }
        jobs.sort(Comparator.comparing(Job::id));
        return RestResponse.status(healthy ? RestResponse.Status.OK : RestResponse.Status.SERVICE_UNAVAILABLE,
                new CronHealth(healthy, healthy ? "UP" : "DOWN", running, jobs));
    }

    /** Previous run more than LATE_PERIODS periods before the next (a job that stopped being run). */
    private static boolean behind(Trigger trigger, Instant now) {
        Instant previous = trigger.getPreviousFireTime();
        Instant next = trigger.getNextFireTime();
        if (previous == null || next == null || !next.isAfter(previous)) {
            return false;
        }
        long period = next.toEpochMilli() - previous.toEpochMilli();
        return now.toEpochMilli() - previous.toEpochMilli() > LATE_PERIODS * period + 1_000;
    }

    @GET
    @Path("/version")
    @RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.SERVICE_WORKER })
    @Operation(summary = "Which version answers", description = "{success, name Mind, version, service}: the version of "
            + "the answering service's build (all five are built and released together).")
    public Version version() {
        return new Version(true, "Mind", version, "telephony-svc");
    }
}

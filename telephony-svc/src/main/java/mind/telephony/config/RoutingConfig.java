package mind.telephony.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Native routing's tunables ({@code mind.telephony.routing.*}); the ACD settings themselves live in settings-svc. */
@ConfigMapping(prefix = "mind.telephony.routing")
public interface RoutingConfig {

    /**
     * How often each replica runs the routing pass (declines calls past acdMaxWaitSeconds, assigns
     * waiting calls, oldest first); {@code off} disables it, getRouting still routes the call it is asked about.
     */
    @WithDefault("1s")
    String every();

    /** Waiting calls one pass looks at. */
    @WithDefault("50")
    int batch();

    /**
     * A reservation whose call is still waiting after this long was left by a replica that died between
     * taking the agent and recording the assignment: it is released and the call routed again.
     */
    @WithDefault("10s")
    Duration staleReservation();
}

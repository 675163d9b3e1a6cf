package mind.ticket.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import mind.common.auth.Callers;
import mind.common.time.ApiTime;
import mind.ticket.api.QueueUser;
import mind.ticket.client.RemoteProfile;

/**
 * Who is on a ticket as {@code workedOnBy} lists them (common.md User): the agents present, each with their name and
 * contact fields from their settings-svc profile (cached by {@link QueueSettings}), or only id and lastSeen when the
 * profile cannot be read. {@code GET /ticket/{id}/ping} and {@code GET /ticket/{id}} answer the same list.
 */
@ApplicationScoped
public class WorkedOnBy {

    private final QueueSettings settings;

    public WorkedOnBy(QueueSettings settings) {
        this.settings = settings;
    }

    /** The users present, in the order of {@code present} (by agent id); may call settings-svc, so blocking. */
    public List<QueueUser> users(Map<String, Instant> present) {
        List<QueueUser> users = new ArrayList<>(present.size());
        present.forEach((id, lastSeen) -> users.add(user(id, lastSeen, settings.profileIfReachable(id))));
        return users;
    }

    /**
     * The same without blocking the caller's event loop: at once when nobody is present or every profile is cached,
     * else on a worker thread, which may ask settings-svc.
     */
    public Uni<List<QueueUser>> usersWithoutBlocking(Map<String, Instant> present) {
        if (present.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (present.keySet().stream().allMatch(settings::profileCached)) {
            return Uni.createFrom().item(() -> users(present));
        }
        return VertxContextSupport.executeBlocking(() -> users(present));
    }

    private static QueueUser user(String id, Instant lastSeen, Optional<RemoteProfile> profile) {
        Object wireId = Callers.wireId(id);
        if (profile.isEmpty()) {
            return new QueueUser(wireId, null, null, null, null, ApiTime.format(lastSeen), null, null, null, null, null);
        }
        RemoteProfile p = profile.get();
        return new QueueUser(wireId, p.firstName(), p.lastName(), p.email(), p.phone(), ApiTime.format(lastSeen), p.type(),
                p.isSsoOnly(), p.lang(), p.nameAlias(), p.externalId());
    }
}

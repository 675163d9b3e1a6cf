package mind.settings.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import mind.settings.domain.EventHook;
import mind.settings.domain.EventType;

@ApplicationScoped
public class EventHookRepository implements PanacheRepository<EventHook> {

    /** In id order; {@code event} null means every event. */
    public List<EventHook> list(EventType event) {
        return event == null ? listAll(Sort.by("id")) : list("event", Sort.by("id"), event);
    }

    public boolean exists(EventType event, long udfId) {
        return count("event = ?1 and udfId = ?2", event, udfId) > 0;
    }

    /** The ids of the hooks that run a function, in id order. */
    public List<Long> idsUsing(long udfId) {
        return getEntityManager().createQuery("select h.id from EventHook h where h.udfId = ?1 order by h.id", Long.class)
                .setParameter(1, udfId).getResultList();
    }

    /** Deletes the hook if it still has {@code version}; the count of rows deleted (0 or 1). */
    public long deleteAtVersion(long id, long version) {
        return delete("id = ?1 and version = ?2", id, version);
    }
}

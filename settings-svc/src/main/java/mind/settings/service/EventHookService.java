package mind.settings.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.error.FieldError;
import mind.common.error.KnownFailures;
import mind.common.persistence.ReadOnly;
import mind.common.persistence.Versioned;
import mind.settings.api.EventHookView;
import mind.settings.domain.EventHook;
import mind.settings.domain.EventType;
import mind.settings.domain.UserDefinedFunction;
import mind.settings.repository.EventHookRepository;
import mind.settings.repository.UserDefinedFunctionRepository;

/**
 * Event hooks: which user-defined function runs for which event type. Stored and validated here; running
 * them is the job of the event processing, which Mind does not have yet.
 */
@ApplicationScoped
public class EventHookService {

    /** Lock purpose under which creates of one (event, function) pair are serialized. */
    private static final String PAIR_LOCK = "event-hook.pair";

    private final EventHookRepository hooks;
    private final UserDefinedFunctionRepository functions;
    private final AdvisoryLocks locks;
    private final Clock clock;

    public EventHookService(EventHookRepository hooks, UserDefinedFunctionRepository functions, AdvisoryLocks locks, Clock clock) {
        this.hooks = hooks;
        this.functions = functions;
        this.locks = locks;
        this.clock = clock;
    }

    /** @param event null means every event */
    @ReadOnly
    public List<EventHookView> list(EventType event) {
        List<EventHook> found = hooks.list(event);
        Map<Long, String> names = functions.names(found.stream().map(h -> h.udfId).distinct().toList());
        return found.stream().map(h -> EventHookView.of(h, names.get(h.udfId))).toList();
    }

    @ReadOnly
    public Versioned<EventHookView> get(long id) {
        EventHook hook = hooks.findByIdOptional(id).orElseThrow(() -> notFound(id));
        return new Versioned<>(EventHookView.of(hook, functions.names(List.of(hook.udfId)).get(hook.udfId)), hook.version);
    }

    @Transactional
    public long create(NewEventHook data) {
        // share-locked until commit: the function cannot be deleted under the new hook (see its delete)
        UserDefinedFunction handler = (data.handlerId() != null
                ? functions.findSharedLock(data.handlerId())
                : functions.findByNameSharedLock(data.handlerName()))
                .orElseThrow(() -> ApiException.invalidField("handler", "no user-defined function with "
                        + (data.handlerId() != null ? "id " + data.handlerId() : "this name")));
        // without the lock two creates of one pair would both pass the check and the second would meet the
        // unique index instead
        locks.lock(PAIR_LOCK, data.event().name() + "/" + handler.id);
        if (hooks.exists(data.event(), handler.id)) {
            throw new ApiException(409, KnownFailures.DUPLICATE, "An event hook already runs " + handler.name + " for "
                    + data.event(), List.of(new FieldError("handler", "already runs for " + data.event())), null);
        }
        EventHook hook = new EventHook();
        hook.event = data.event();
        hook.udfId = handler.id;
        hook.createdAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        hooks.persist(hook);
        return hook.id;
    }

    /** Deletes the hook; with {@code ifMatch} only while it still has one of those versions, else 412. */
    @Transactional
    public void delete(long id, Set<Long> ifMatch) {
        EventHook hook = hooks.findByIdOptional(id).orElseThrow(() -> notFound(id));
        if ((ifMatch != null && !ifMatch.contains(hook.version)) || hooks.deleteAtVersion(id, hook.version) == 0) {
            throw new ApiException(412, KnownFailures.PRECONDITION_FAILED,
                    "The event hook was changed since the version named in If-Match; read it again");
        }
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("Event hook " + id + " not found");
    }
}

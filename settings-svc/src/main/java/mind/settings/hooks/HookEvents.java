package mind.settings.hooks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.common.error.ApiException;
import mind.common.paging.PageRequest;
import mind.common.persistence.ReadOnly;
import mind.settings.domain.EventType;
import mind.settings.repository.EventHookRepository;

/**
 * Where events meet event hooks: an event records one pending run per hook of its type, in the transaction that
 * takes it, and {@link HookRunner} runs them. Other services send their events in batches
 * ({@code POST /settings/event-hook/events}); this service's own changes (profiles, settings) record theirs with
 * {@link #emit} inside the change's transaction, so a change and its runs are written together or not at all.
 */
@ApplicationScoped
public class HookEvents {

    /** A page of a hook's runs. */
    public record RunPage(long total, List<HookRunRepository.Row> runs) {
    }

    private final HookRunRepository runs;
    private final EventHookRepository hooks;
    private final ObjectMapper json;
    private final Clock clock;

    public HookEvents(HookRunRepository runs, EventHookRepository hooks, ObjectMapper json, Clock clock) {
        this.runs = runs;
        this.hooks = hooks;
        this.json = json;
        this.clock = clock;
    }

    /** Records the runs of a batch of events, all or nothing; answers how many runs were added. */
    @Transactional
    public int accept(List<HookEvent> events) {
        int added = 0;
        for (HookEvent event : events) {
            added += runs.add(event);
        }
        return added;
    }

    /** Records the runs of an event of this service, in the caller's transaction (the change it describes). */
    @Transactional(TxType.MANDATORY)
    public void emit(EventType type, String key, Map<String, ?> data) {
        try {
            runs.add(new HookEvent(type, key, Instant.now(clock), json.writeValueAsString(data)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's data could not be written", e);
        }
    }

    /** A hook's runs, newest first; 404 when the hook is unknown. */
    @ReadOnly
    public RunPage runs(long hookId, String status, PageRequest page) {
        if (hooks.findByIdOptional(hookId).isEmpty()) {
            throw ApiException.notFound("Event hook " + hookId + " not found");
        }
        return new RunPage(runs.count(hookId, status), runs.page(hookId, status, page.limit(), page.offset()));
    }
}

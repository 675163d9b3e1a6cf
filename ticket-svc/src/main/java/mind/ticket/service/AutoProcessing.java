package mind.ticket.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import mind.common.client.RemoteCallException;
import mind.common.error.ApiException;
import mind.common.paging.PageRequest;
import mind.common.persistence.ReadOnly;
import mind.ticket.client.SettingsGateway;
import mind.ticket.config.ConversationConfig;
import mind.ticket.repository.AutoProcessingRepository;
import mind.ticket.repository.AutoProcessingRepository.Candidate;
import mind.ticket.service.AutoProcessingRules.Settings;
import mind.ticket.service.AutoProcessingRules.Verdict;

/**
 * {@code GET /ticket/detectAutoProcessable}: which open tickets could be auto-processed now
 * ({@link AutoProcessingRules}); {@link AutoProcessingBatch} runs them. The settings are read from settings-svc on every call (no cache: a switched-off
 * enableAiAutoProcessing must stop the next batch); when settings-svc cannot answer, 503.
 */
@ApplicationScoped
public class AutoProcessing {

    private static final Logger LOG = Logger.getLogger(AutoProcessing.class);

    private final AutoProcessingRepository repository;
    private final SettingsGateway settings;
    private final ConversationConfig config;

    public AutoProcessing(AutoProcessingRepository repository, SettingsGateway settings, ConversationConfig config) {
        this.repository = repository;
        this.settings = settings;
        this.config = config;
    }

    /** A page of verdicts and how many tickets the listing has in all. */
    public record Detection(Settings settings, long total, List<Verdict> verdicts) {
    }

    /** Reads the two settings the chain needs; nothing is held open meanwhile. */
    public Settings settings() {
        try {
            return new Settings(enabled(settings.setting("enableAiAutoProcessing")), ids(settings.setting("immediateAiAgents")));
        } catch (RemoteCallException | FaultToleranceException e) {
            LOG.warnf("auto-processing settings could not be read: %s", e.getMessage());
            throw ApiException.unavailable(SettingsGateway.SERVICE + " could not be asked for enableAiAutoProcessing "
                    + "and immediateAiAgents; try again later", config.retryAfterSeconds());
        }
    }

    /** Open tickets (or, with {@code onlyAutoProcessable}, those that can be auto-processed), oldest id first. */
    @ReadOnly
    public Detection detect(Settings s, boolean onlyAutoProcessable, PageRequest page) {
        if (onlyAutoProcessable) {
            if (!s.enabled()) {
                return new Detection(s, 0, List.of());
            }
            return new Detection(s, repository.countPassing(), verdicts(repository.passing(null, page.limit(), page.offset()), s));
        }
        return new Detection(s, repository.countOpen(), verdicts(repository.open(page.limit(), page.offset()), s));
    }

    /** Up to {@code limit} open tickets that can be auto-processed by one of {@code agents}, oldest id first. */
    @ReadOnly
    public List<Candidate> candidates(List<Long> agents, int limit) {
        return repository.passing(agents, limit, 0);
    }

    private static List<Verdict> verdicts(List<Candidate> candidates, Settings s) {
        return candidates.stream().map(c -> AutoProcessingRules.verdict(c, s)).toList();
    }

    private static boolean enabled(Optional<JsonNode> value) {
        return value.map(v -> v.isBoolean() ? v.booleanValue()
                : v.isNumber() ? v.intValue() != 0
                : v.isTextual() && ("true".equalsIgnoreCase(v.textValue().strip()) || "1".equals(v.textValue().strip())))
                .orElse(false);
    }

    private static List<Long> ids(Optional<JsonNode> value) {
        if (value.isEmpty() || !value.get().isArray()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode n : value.get()) {
            if (n.canConvertToLong() && n.isIntegralNumber()) {
                ids.add(n.longValue());
            } else if (n.isTextual() && n.textValue().strip().matches("\\d{1,18}")) {
                ids.add(Long.valueOf(n.textValue().strip()));
            }
        }
        return ids.stream().distinct().toList();
    }
}

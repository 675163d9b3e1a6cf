package mind.settings.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import mind.common.api.Channel;
import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.persistence.ReadOnly;
import mind.settings.api.SubchannelView;
import mind.settings.domain.Subchannel;
import mind.settings.domain.SubchannelInterface;
import mind.settings.repository.SubchannelRepository;

@ApplicationScoped
public class SubchannelService {

    /** Upper bound of {@code data} as compact JSON; mailbox credentials and bot settings fit many times over. */
    public static final int MAX_DATA_BYTES = 64 * 1024;

    /** Lock purpose under which default switches of one channel are serialized. */
    private static final String DEFAULT_SWITCH = "subchannel.default";

    private final SubchannelRepository subchannels;
    private final AdvisoryLocks locks;
    private final ObjectMapper mapper;

    public SubchannelService(SubchannelRepository subchannels, AdvisoryLocks locks, ObjectMapper mapper) {
        this.subchannels = subchannels;
        this.locks = locks;
        this.mapper = mapper;
    }

    /**
     * Subchannels as views, built on a read-only session; secrets in {@code data} masked unless
     * {@code revealSecrets}.
     *
     * @param channels empty means every channel
     */
    @ReadOnly
    public List<SubchannelView> list(Set<Channel> channels, Long id, boolean revealSecrets) {
        return subchannels.list(channels, id).stream().map(s -> SubchannelView.of(s, revealSecrets)).toList();
    }

    /**
     * Adds a subchannel. Defaults: not default, interface internal, enabled, empty data. A new
     * default takes over from the channel's previous default in the same transaction.
     */
    @Transactional
    public Subchannel create(NewSubchannel data) {
        checkDataSize(data);
        Subchannel subchannel = new Subchannel();
        subchannel.channel = data.channel();
        subchannel.name = data.name();
        subchannel.isDefault = Boolean.TRUE.equals(data.isDefault());
        subchannel.subchannelInterface = data.subchannelInterface() == null
                ? SubchannelInterface.internal : data.subchannelInterface();
        subchannel.enabled = data.enabled() == null || data.enabled();
        subchannel.data = data.data() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(data.data());
        subchannel.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (subchannel.isDefault) {
            // Without the lock, two concurrent "new default" creates would both find no default to clear
            // and the second would fail on the unique index instead of taking over.
            locks.lock(DEFAULT_SWITCH, subchannel.channel.name());
            subchannels.clearDefault(subchannel.channel);
        }
        subchannels.persist(subchannel);
        return subchannel;
    }

    /** Deleting a default leaves its channel without one; no other subchannel is promoted. */
    @Transactional
    public void delete(long id) {
        if (!subchannels.deleteById(id)) {
            throw ApiException.notFound("Subchannel " + id + " not found");
        }
    }

    private void checkDataSize(NewSubchannel data) {
        if (data.data() == null) {
            return;
        }
        try {
            if (mapper.writeValueAsString(data.data()).getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
                throw ApiException.invalidField("data", "must be at most " + MAX_DATA_BYTES + " bytes as JSON");
            }
        } catch (JsonProcessingException e) {
            throw ApiException.invalidField("data", "must be a JSON object");
        }
    }
}

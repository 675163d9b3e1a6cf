package mind.settings.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import mind.common.api.Channel;
import mind.common.db.AdvisoryLocks;
import mind.common.error.ApiException;
import mind.common.persistence.ReadOnly;
import mind.settings.api.SubchannelView;
import mind.common.validation.JsonObjectBounds;
import mind.settings.config.SettingsConfig;
import mind.settings.domain.Subchannel;
import mind.settings.domain.SubchannelInterface;
import mind.settings.repository.SubchannelRepository;

@ApplicationScoped
public class SubchannelService {

    /** Lock purpose under which default switches of one channel are serialized. */
    private static final String DEFAULT_SWITCH = "subchannel.default";

    private final SubchannelRepository subchannels;
    private final AdvisoryLocks locks;
    private final Clock clock;
    private final JsonObjectBounds dataBounds;

    public SubchannelService(SubchannelRepository subchannels, AdvisoryLocks locks, Clock clock, SettingsConfig config) {
        this.subchannels = subchannels;
        this.locks = locks;
        this.clock = clock;
        this.dataBounds = new JsonObjectBounds(config.subchannel().maxDataBytes(), config.subchannel().maxDataKeys());
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
        dataBounds.check("data", data.data());
        Subchannel subchannel = new Subchannel();
        subchannel.channel = data.channel();
        subchannel.name = data.name();
        subchannel.isDefault = Boolean.TRUE.equals(data.isDefault());
        subchannel.subchannelInterface = data.subchannelInterface() == null
                ? SubchannelInterface.internal : data.subchannelInterface();
        subchannel.enabled = data.enabled() == null || data.enabled();
        subchannel.data = data.data() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(data.data());
        subchannel.createdAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
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
}

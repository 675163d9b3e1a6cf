package mind.settings.repository;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import mind.common.api.Channel;
import mind.settings.domain.Subchannel;

@ApplicationScoped
public class SubchannelRepository implements PanacheRepository<Subchannel> {

    /**
     * Subchannels in id order, optionally limited to some channels and/or one id.
     *
     * @param channels empty means every channel
     */
    public List<Subchannel> list(Set<Channel> channels, Long id) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (!channels.isEmpty()) {
            query.append(" and channel in :channels");
            params.and("channels", channels);
        }
        if (id != null) {
            query.append(" and id = :id");
            params.and("id", id);
        }
        return find(query.toString(), Sort.by("id"), params).list();
    }

    /**
     * Clears the current default of a channel, giving it a new version (its ETag changes with isDefault);
     * returns how many rows changed (0 or 1).
     */
    public int clearDefault(Channel channel) {
        return update("isDefault = false, version = version + 1 where channel = ?1 and isDefault = true", channel);
    }
}

package mind.settings.api;

import java.util.List;

/** Response of {@code GET /settings/subchannel}. */
public record SubchannelList(boolean success, List<SubchannelView> subchannels) {
}

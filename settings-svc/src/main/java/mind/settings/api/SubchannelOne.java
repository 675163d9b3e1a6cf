package mind.settings.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response of {@code GET /settings/subchannel/{id}}. */
@Schema(name = "SubchannelResponse")
public record SubchannelOne(boolean success, SubchannelView subchannel) {
}

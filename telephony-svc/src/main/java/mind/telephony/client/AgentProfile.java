package mind.telephony.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What telephony reads of a settings-svc profile: work status, call routing status, skills. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentProfile(long id, String type, Settings settings) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Settings(String status, String callRoutingStatus, List<Long> skills) {
    }

    /** At work ({@code available}) and free for a call ({@code idle}). */
    public boolean availableForCalls() {
        return settings != null && "available".equals(settings.status()) && "idle".equals(settings.callRoutingStatus());
    }

    /** Online: at work and not offline for calls. */
    public boolean online() {
        return settings != null && "available".equals(settings.status()) && !"offline".equals(settings.callRoutingStatus());
    }

    /** Has the skill (a tag id); every agent matches a call without primary tag. */
    public boolean hasSkill(Long tagId) {
        return tagId == null || settings != null && settings.skills() != null && settings.skills().contains(tagId);
    }
}

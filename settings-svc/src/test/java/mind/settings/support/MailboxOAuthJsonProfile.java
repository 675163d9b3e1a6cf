package mind.settings.support;

import java.util.HashMap;
import java.util.Map;

/** The Microsoft app of {@link MailboxOAuthProfile} without a frontend redirect: the callback answers JSON. */
public class MailboxOAuthJsonProfile extends MailboxOAuthProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.remove("mind.settings.microsoft.frontend-redirect");
        return config;
    }
}

package mind.settings.service;

import io.quarkus.security.identity.SecurityIdentity;
import mind.common.auth.Roles;
import mind.settings.domain.SettingDefinition;

/**
 * Who may see and change which settings: the one place that says it. Admins may everything. The
 * {@code updateAiAgent} permission may see (with {@code showSecrets=true}) and change
 * {@code executorSecrets}, as enneo documents for that setting. Everyone who may read settings (admin,
 * agent, serviceWorker, updateAiAgent) reads every non-secret value; secrets are masked for them.
 */
public final class SecretAccess {

    /** The secret setting enneo lets holders of {@code updateAiAgent} read and write. */
    public static final String EXECUTOR_SECRETS = "executorSecrets";

    private SecretAccess() {
    }

    /** Whether the caller may see this setting's value in clear when asking with {@code showSecrets=true}. */
    public static boolean maySee(SecurityIdentity caller, SettingDefinition setting) {
        return !setting.secret() || mayChange(caller, setting);
    }

    /** Whether the caller may write this setting. */
    public static boolean mayChange(SecurityIdentity caller, SettingDefinition setting) {
        return caller.hasRole(Roles.ADMIN)
                || (EXECUTOR_SECRETS.equals(setting.name()) && caller.hasRole(Roles.UPDATE_AI_AGENT));
    }

    /** Whether {@code showSecrets=true} can reveal anything to this caller at all (else it is a 403). */
    public static boolean mayAskForSecrets(SecurityIdentity caller) {
        return caller.hasRole(Roles.ADMIN) || caller.hasRole(Roles.UPDATE_AI_AGENT);
    }
}

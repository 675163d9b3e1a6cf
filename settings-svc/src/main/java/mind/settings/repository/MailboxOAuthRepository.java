package mind.settings.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import mind.settings.domain.MailboxOAuth;

@ApplicationScoped
public class MailboxOAuthRepository implements PanacheRepositoryBase<MailboxOAuth, Long> {
}

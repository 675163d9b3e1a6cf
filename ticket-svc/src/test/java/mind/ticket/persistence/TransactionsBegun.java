package mind.ticket.persistence;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionScoped;

/** Counts the JTA transactions begun in this service (Narayana fires the scope's initialisation at each begin). */
@ApplicationScoped
public class TransactionsBegun {

    static final AtomicInteger COUNT = new AtomicInteger();

    void begun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        COUNT.incrementAndGet();
    }
}

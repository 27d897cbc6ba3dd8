package io.loginguard.notification.db;

import io.agroal.api.AgroalDataSource;
import io.loginguard.kit.db.Retrying;
import io.loginguard.kit.db.Transactions;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service-kit's plain JDBC transactions over notification's own database, and the retry through its outages. */
@Singleton
public class DatabaseBeans {

    @Produces
    @Singleton
    Transactions transactions(AgroalDataSource dataSource) {
        return new Transactions(dataSource);
    }

    @Produces
    @Singleton
    Retrying retrying() {
        return new Retrying();
    }
}

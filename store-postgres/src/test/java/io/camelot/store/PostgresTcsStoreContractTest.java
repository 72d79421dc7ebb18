package io.camelot.store;

import io.camelot.store.postgres.PostgresTcsStore;
import io.camelot.store.postgres.TestPostgres;

/** The whole store contract, unchanged, against PostgreSQL: each test on a new database. */
class PostgresTcsStoreContractTest extends TcsStoreContractTest {

    @Override
    protected TcsStore newStore() {
        return PostgresTcsStore.open(TestPostgres.get().newDatabase(4));
    }
}

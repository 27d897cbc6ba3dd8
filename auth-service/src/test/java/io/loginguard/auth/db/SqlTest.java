package io.loginguard.auth.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loginguard.auth.account.Account;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** auth's SQL on the real PostgreSQL: statements join the JTA transaction, rows come back as written, stale writes are refused. */
@QuarkusTest
class SqlTest {

    @Test
    void everyColumnComesBackAsItWasWritten() {
        Account master = account("master");
        master.insert();
        Account a = account("sub");
        a.phone = "+4915" + (100_000_000 + (long) (Math.random() * 899_999_999L));
        a.phoneVerified = true;
        a.frozenAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        a.antiPhishingCode = "blue-kettle";
        a.masterAccountId = master.id;
        a.riskLockoutThreshold = 3;
        a.riskLockMinutes = 120;
        a.status = Account.Status.FROZEN;
        a.insert();

        assertThat(Account.findByIdOptional(a.id)).get().usingRecursiveComparison().isEqualTo(a);
        assertThat(Account.findByPhone(a.phone)).get().extracting(x -> x.id).isEqualTo(a.id);
        Account plain = Account.findByIdOptional(master.id).orElseThrow();
        assertThat(plain.phone).isNull();
        assertThat(plain.frozenAt).isNull();
        assertThat(plain.riskLockoutThreshold).isNull();
        assertThat(plain.riskLockMinutes).isNull();
        assertThat(Account.subAccountsOf(master.id)).extracting(x -> x.id).containsExactly(a.id);
    }

    @Test
    void statementsCommitAndRollBackWithTheirTransaction() {
        Account kept = account("kept");
        Account lost = account("lost");
        QuarkusTransaction.requiringNew().run(() -> {
            kept.insert();
            // the same transaction sees its own row; another one does not, before the commit
            assertThat(Account.findByIdOptional(kept.id)).isPresent();
            assertThat(QuarkusTransaction.requiringNew().call(() -> Account.findByIdOptional(kept.id))).isEmpty();
        });
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            lost.insert();
            throw new IllegalStateException("the change failed after its insert");
        })).hasMessageContaining("the change failed");

        assertThat(Account.findByIdOptional(kept.id)).isPresent();
        assertThat(Account.findByIdOptional(lost.id)).isEmpty();
    }

    @Test
    void anUpdateOverAChangeItHasNotReadIsRefused() {
        Account a = account("stale");
        a.insert();
        Account first = Account.findByIdOptional(a.id).orElseThrow();
        Account second = Account.findByIdOptional(a.id).orElseThrow();
        first.antiPhishingCode = "first";
        first.update();
        second.antiPhishingCode = "second";
        assertThatThrownBy(second::update).isInstanceOf(StaleRowException.class);

        Account stored = Account.findByIdOptional(a.id).orElseThrow();
        assertThat(stored.antiPhishingCode).isEqualTo("first");
        assertThat(stored.version).isEqualTo(a.version + 1).isEqualTo(first.version);
    }

    @Test
    void aFailedStatementNamesItsSqlAndKeepsTheDriversState() {
        Account a = account("twice");
        a.insert();
        Account same = account("twice-again");
        same.email = a.email;
        assertThatThrownBy(same::insert).isInstanceOfSatisfying(DataAccessException.class, e -> {
            assertThat(e.sqlState()).isEqualTo("23505"); // unique_violation
            assertThat(e.getMessage()).contains("INSERT INTO accounts").contains("23505")
                    .doesNotContain(a.email); // PostgreSQL's detail line quotes the value
            assertThat(e.getCause().getMessage()).contains(a.email);
        });
    }

    private static Account account(String who) {
        Account a = new Account();
        a.id = UUID.randomUUID();
        a.email = who + "-" + a.id + "@example.com";
        a.passwordHash = "$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
        a.status = Account.Status.ACTIVE;
        a.emailVerified = true;
        a.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        a.updatedAt = a.createdAt;
        return a;
    }
}

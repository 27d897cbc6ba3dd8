package io.loginguard.ticket.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.ticket.support.Policies;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupChecksTest {
    @Test
    void productionRefusesTheDevelopmentKeys() {
        assertThat(StartupChecks.problems(true, Policies.defaults())).hasSize(2)
                .anyMatch(p -> p.contains("encryption-key")).anyMatch(p -> p.contains("sealing.key"));
        assertThat(StartupChecks.problems(false, Policies.defaults())).isEmpty();
    }

    @Test
    void productionStartsWithKeysOfItsOwn() {
        assertThat(StartupChecks.problems(true, Policies.with(Map.of(
                "loginguard.ticket.uploads.encryption-key", "cHJvZC1maWxlcy1rZXktMDEyMzQ1Njc4OWFiY2RlZmc=",
                "loginguard.ticket.sealing.key", "cHJvZC1zZWFsaW5nLWtleS0wMTIzNDU2Nzg5YWJjZGU=")))).isEmpty();
        assertThat(StartupChecks.problems(true, Policies.with(Map.of(
                "loginguard.ticket.uploads.encryption-key", "cHJvZC1maWxlcy1rZXktMDEyMzQ1Njc4OWFiY2RlZmc=",
                "loginguard.ticket.sealing.key", "cHJvZC1zZWFsaW5nLWtleS0wMTIzNDU2Nzg5YWJjZGU=",
                "loginguard.ticket.reviewers.bootstrap-password", "dev-only-reviewer-password")))).hasSize(1);
    }
}

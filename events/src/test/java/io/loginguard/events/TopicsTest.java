package io.loginguard.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesAreUnique() {
        assertThat(Topics.ALL).extracting(TopicSpec::name).doesNotHaveDuplicates();
    }

    @Test
    void theStateTopicsAreCompactedAndTheStreamsAreNot() {
        assertThat(Topics.find(Topics.ACCOUNTS).orElseThrow().configs()).containsEntry("cleanup.policy", "compact");
        assertThat(Topics.find(Topics.RISK_ACCOUNT_STATE).orElseThrow().compacted()).isTrue();
        assertThat(Topics.find(Topics.LOGIN_ATTEMPTS).orElseThrow().configs()).containsEntry("cleanup.policy", "delete");
        assertThat(Topics.ALL.stream().filter(TopicSpec::compacted)).hasSize(2);
    }

    @Test
    void everyServiceHasADeadLetterTopic() {
        for (String service : new String[] {"auth", "risk", "notification", "ticket"}) {
            assertThat(Topics.find(service + ".dlq")).isPresent();
        }
    }
}

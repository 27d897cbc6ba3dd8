package io.loginguard.ticket.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.events.TicketEvent;
import org.junit.jupiter.api.Test;

class CaseTypeTest {
    @Test
    void theIssuesNameAndTheEventsNameOfReverificationAreOneType() {
        assertThat(CaseType.parse("IDENTITY_REVERIFICATION")).contains(CaseType.IDENTITY_REVERIFICATION);
        assertThat(CaseType.parse("identity_verification")).contains(CaseType.IDENTITY_REVERIFICATION);
        assertThat(CaseType.IDENTITY_REVERIFICATION.kind()).isEqualTo(TicketEvent.CaseKind.IDENTITY_VERIFICATION);
        assertThat(CaseType.of(TicketEvent.CaseKind.IDENTITY_VERIFICATION)).isEqualTo(CaseType.IDENTITY_REVERIFICATION);
        assertThat(CaseType.parse("unlock-please")).isEmpty();
        assertThat(CaseType.parse(null)).isEmpty();
    }

    @Test
    void eachTypeAsksForItsApproval() {
        assertThat(CaseType.UNABLE_TO_LOG_IN.onApproval()).isEqualTo(TicketEvent.ApprovedAction.RESTRICTION_LIFTED);
        assertThat(CaseType.TWO_FACTOR_RESET.onApproval()).isEqualTo(TicketEvent.ApprovedAction.TWO_FACTOR_RESET);
        assertThat(CaseType.REACTIVATION.onApproval()).isEqualTo(TicketEvent.ApprovedAction.REACTIVATE);
        assertThat(CaseType.PHONE_CHANGE.onApproval()).isEqualTo(TicketEvent.ApprovedAction.PHONE_CHANGE);
        assertThat(CaseType.IDENTITY_REVERIFICATION.onApproval()).isEqualTo(TicketEvent.ApprovedAction.IDENTITY_CONFIRMED);
    }
}

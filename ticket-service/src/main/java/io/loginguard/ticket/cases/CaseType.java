package io.loginguard.ticket.cases;

import static io.loginguard.ticket.cases.DocumentPart.ID_BACK;
import static io.loginguard.ticket.cases.DocumentPart.ID_FRONT;
import static io.loginguard.ticket.cases.DocumentPart.SELFIE;

import io.loginguard.events.TicketEvent.ApprovedAction;
import io.loginguard.events.TicketEvent.CaseKind;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of case, by their API names, with what each needs and what its approval asks of auth and risk. The
 * events call IDENTITY_REVERIFICATION {@code IDENTITY_VERIFICATION}; both names are accepted.
 */
public enum CaseType {
    UNABLE_TO_LOG_IN(CaseKind.UNABLE_TO_LOG_IN, ApprovedAction.RESTRICTION_LIFTED, Set.of(ID_FRONT, ID_BACK, SELFIE)),
    TWO_FACTOR_RESET(CaseKind.TWO_FACTOR_RESET, ApprovedAction.TWO_FACTOR_RESET, Set.of(ID_FRONT, ID_BACK, SELFIE)),
    REACTIVATION(CaseKind.REACTIVATION, ApprovedAction.REACTIVATE, Set.of(ID_FRONT, SELFIE)),
    PHONE_CHANGE(CaseKind.PHONE_CHANGE, ApprovedAction.PHONE_CHANGE, Set.of(ID_FRONT, SELFIE)),
    IDENTITY_REVERIFICATION(CaseKind.IDENTITY_VERIFICATION, ApprovedAction.IDENTITY_CONFIRMED, Set.of(SELFIE));

    private final CaseKind kind;
    private final ApprovedAction onApproval;
    private final Set<DocumentPart> requiredParts;

    CaseType(CaseKind kind, ApprovedAction onApproval, Set<DocumentPart> requiredParts) {
        this.kind = kind;
        this.onApproval = onApproval;
        this.requiredParts = requiredParts;
    }

    public CaseKind kind() {
        return kind;
    }

    public ApprovedAction onApproval() {
        return onApproval;
    }

    public Set<DocumentPart> requiredParts() {
        return requiredParts;
    }

    /** A registered phone must be proven too (reactivation: "codes to phone and email"). */
    public boolean provesRegisteredPhone() {
        return this == REACTIVATION;
    }

    /** A new number must be given and proven. */
    public boolean needsNewPhone() {
        return this == PHONE_CHANGE;
    }

    public static Optional<CaseType> parse(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (n.equals("IDENTITY_VERIFICATION")) {
            return Optional.of(IDENTITY_REVERIFICATION);
        }
        for (CaseType t : values()) {
            if (t.name().equals(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static CaseType of(CaseKind kind) {
        for (CaseType t : values()) {
            if (t.kind == kind) {
                return t;
            }
        }
        throw new IllegalArgumentException("no case type for " + kind);
    }
}

package io.loginguard.ticket.web.pages;

import io.loginguard.ticket.TicketPolicy;
import io.loginguard.ticket.cases.CaseType;
import io.loginguard.ticket.cases.DocumentPart;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pages say of each case type and which file fields its form has. The accepted types and the size limit
 * are written into every file field ({@code accept}, {@code data-max-bytes}) so the browser checks them first; the
 * server checks them again (files.Uploads).
 */
final class CaseForms {
    /** The {@code accept} of every file field: the three formats the server accepts. */
    static final String ACCEPT = "image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf";
    static final String ACCEPT_TYPES = "image/jpeg image/png application/pdf";

    private CaseForms() {
    }

    /** A file field of a form. */
    record FileField(String part, String label, boolean required) {
    }

    /** A case type as the types page lists it. */
    record TypeChoice(String name, String title, String intro) {
    }

    static String title(PageMessages m, CaseType t) {
        return switch (t) {
            case UNABLE_TO_LOG_IN -> m.type_UNABLE_TO_LOG_IN();
            case TWO_FACTOR_RESET -> m.type_TWO_FACTOR_RESET();
            case REACTIVATION -> m.type_REACTIVATION();
            case PHONE_CHANGE -> m.type_PHONE_CHANGE();
            case IDENTITY_REVERIFICATION -> m.type_IDENTITY_REVERIFICATION();
        };
    }

    static String intro(CaseMessages m, CaseType t) {
        return switch (t) {
            case UNABLE_TO_LOG_IN -> m.intro_UNABLE_TO_LOG_IN();
            case TWO_FACTOR_RESET -> m.intro_TWO_FACTOR_RESET();
            case REACTIVATION -> m.intro_REACTIVATION();
            case PHONE_CHANGE -> m.intro_PHONE_CHANGE();
            case IDENTITY_REVERIFICATION -> m.intro_IDENTITY_REVERIFICATION();
        };
    }

    static String status(PageMessages m, io.loginguard.ticket.cases.CaseStatus s) {
        return switch (s) {
            case OPEN -> m.status_OPEN();
            case IN_REVIEW -> m.status_IN_REVIEW();
            case WAITING_FOR_PERSON -> m.status_WAITING_FOR_PERSON();
            case APPROVED -> m.status_APPROVED();
            case REJECTED -> m.status_REJECTED();
        };
    }

    static List<TypeChoice> choices(PageWords w) {
        List<TypeChoice> out = new ArrayList<>();
        for (CaseType t : CaseType.values()) {
            out.add(new TypeChoice(t.name(), title(w.msg(), t), intro(w.cases(), t)));
        }
        return out;
    }

    /** The type's required documents first, in the order a person holds them, then the optional ones. */
    static List<FileField> fileFields(PageSupport.Req r, CaseType t) {
        List<FileField> out = new ArrayList<>();
        for (DocumentPart p : DocumentPart.values()) {
            out.add(new FileField(p.partName(), r.partLabel(p.partName()), t.requiredParts().contains(p)));
        }
        return out;
    }

    /** The fields of an upload a reviewer asked for: every part, none required. */
    static List<FileField> addFields(PageSupport.Req r) {
        List<FileField> out = new ArrayList<>();
        for (DocumentPart p : DocumentPart.values()) {
            out.add(new FileField(p.partName(), r.partLabel(p.partName()), false));
        }
        return out;
    }

    static String limits(PageSupport.Req r, TicketPolicy policy) {
        return r.cases().file_rules(PageSupport.mib(policy.uploads().maxFileBytes()), PageSupport.mib(policy.uploads().maxCaseBytes()));
    }
}

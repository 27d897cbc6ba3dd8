package io.loginguard.ticket.cases;

import java.util.List;

/**
 * The text parts of {@code POST /api/v1/cases}. {@code identifier} is the registered email; {@code code} the code sent
 * to it; {@code phoneCode} the code sent to the registered phone (reactivation) or to {@code newPhone} (phone change).
 */
public record OpenCaseForm(String type, String identifier, String code, String phoneCode, String newPhone,
                           String description, List<String> securityAnswers) {

    public OpenCaseForm(String type, String identifier, String code, String phoneCode, String newPhone,
                        String description) {
        this(type, identifier, code, phoneCode, newPhone, description, List.of());
    }
}

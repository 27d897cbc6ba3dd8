package io.loginguard.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Prove an identifier with the code sent to it. */
public record VerificationRequest(
        @Email @Size(max = 254) String email,
        @Size(max = 20) String phone,
        @NotBlank @Pattern(regexp = "[0-9]{4,10}", message = "must be the digits of the code") String code) {
}

package io.loginguard.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** Ask for a new code for an identifier whose registration is not verified yet. */
public record CodeRequest(
        @Email @Size(max = 254) String email,
        @Size(max = 20) String phone) {
}

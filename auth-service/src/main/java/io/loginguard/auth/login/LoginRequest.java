package io.loginguard.auth.login;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Log in with an email or a phone number (E.164), and the password. */
public record LoginRequest(
        @Email @Size(max = 254) String email,
        @Size(max = 20) String phone,
        @NotBlank @Size(max = 128) String password) {
}

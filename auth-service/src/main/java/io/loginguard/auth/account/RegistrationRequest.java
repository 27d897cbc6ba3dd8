package io.loginguard.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Register with an email or a phone number (E.164), a password, and optionally the language of our messages. */
public record RegistrationRequest(
        @Email @Size(max = 254) String email,
        @Size(max = 20) String phone,
        @NotBlank @Size(max = 128) String password,
        @Pattern(regexp = "[a-z]{2}(-[A-Za-z]{2,4})?", message = "must be a language tag like en or zh-CN") String locale) {
}

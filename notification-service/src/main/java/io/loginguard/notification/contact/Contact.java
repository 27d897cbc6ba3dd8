package io.loginguard.notification.contact;

/** How to reach an account's owner, from the newest {@code AccountSnapshot} seen. */
public record Contact(String accountId, String email, String phone, String locale, String antiPhishingCode, long version) {
}

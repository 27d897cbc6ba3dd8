package io.loginguard.testinfra.sms;

import java.time.Instant;

/** A message the SMS simulator accepted. */
public record SmsMessage(String id, String destination, String text, Instant receivedAt, String idempotencyKey) {
}

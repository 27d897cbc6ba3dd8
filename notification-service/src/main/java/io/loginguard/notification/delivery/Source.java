package io.loginguard.notification.delivery;

/** What asked for a message. */
public enum Source { REQUEST, DECISION, SECURITY_EVENT, DIGEST }

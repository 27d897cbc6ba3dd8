package io.loginguard.ticket.files;

import java.nio.file.Path;

/** A file part of a request as the HTTP layer received it: its part name, where it was spooled, its size. */
public record IncomingFile(String part, Path path, long size) {
}

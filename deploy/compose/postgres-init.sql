-- docker-compose.yml: one database per service (each migrates its own schema with Flyway at start).
CREATE DATABASE loginguard_auth;
CREATE DATABASE loginguard_notification;
CREATE DATABASE loginguard_ticket;

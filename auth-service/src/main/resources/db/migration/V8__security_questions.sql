-- Security questions an account may set (optional); only the Argon2id hash of each normalised answer is kept.
CREATE TABLE security_questions (
    account_id   UUID         NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position     SMALLINT     NOT NULL,
    question     VARCHAR(200) NOT NULL,
    answer_hash  VARCHAR(255) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (account_id, position)
);

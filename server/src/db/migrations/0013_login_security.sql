-- Sign-in hardening (issue 9): failure counters that parallel attempts cannot race past, TOTP challenges that die
-- after a few wrong codes and are consumed by their success, a TOTP code accepted once in its time step, and the
-- account-security notification that tells an owner about wrong passwords instead of telling the caller.

-- Failures decay: a failure more than one lock window after the previous one starts the count again. The count is
-- only ever changed by single UPDATE … RETURNING statements (see modules/auth/repository.ts).
ALTER TABLE users
  ADD COLUMN last_failed_at timestamptz,
  -- The last TOTP time step (unix seconds / 30) a code of this user was accepted for: a code is good once.
  ADD COLUMN totp_last_step bigint;

-- Attempts per client address in the current window. A request takes its slot before any password is checked
-- (INSERT … ON CONFLICT DO UPDATE … RETURNING) and gives it back when it succeeds, so however many arrive at once
-- only the limit are evaluated. In the database, so several server processes share it.
CREATE TABLE login_address_counters (
  ip text PRIMARY KEY,
  window_ends timestamptz NOT NULL,
  attempts integer NOT NULL
);
CREATE INDEX login_address_counters_window ON login_address_counters (window_ends);

-- User names that do not exist count failures and lock exactly like accounts, so neither the answer nor the lock
-- tells a caller whether a name exists. Rows whose last failure is older than a lock window carry no state.
CREATE TABLE login_name_counters (
  username text PRIMARY KEY,
  failed_attempts integer NOT NULL,
  last_failed_at timestamptz NOT NULL,
  locked_until timestamptz
);
CREATE INDEX login_name_counters_last ON login_name_counters (last_failed_at);

-- One row per TOTP challenge (the second sign-in step, the administrator's enrolment at first sign-in, and the
-- enrolment from the account page): every code tried takes one of its few tries before it is checked, its success
-- consumes it, and a consumed or exhausted challenge is refused however valid its signature. secret_digest (SHA-256) binds an account-page
-- enrolment to the secret the server issued.
CREATE TABLE login_challenges (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  purpose text NOT NULL CHECK (purpose IN ('totp', 'totpSetup', 'totpEnrol')),
  secret_digest text,
  tries integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz
);
CREATE INDEX login_challenges_user ON login_challenges (user_id, purpose, secret_digest);
CREATE INDEX login_challenges_expiry ON login_challenges (expires_at);

-- The account-security notification (wrong passwords or codes, the account locked) to the account's owner.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('hazardAssigned', 'hazardDueSoon', 'hazardOverdue', 'recheckRequested', 'recheckFailed',
                  'extensionRequested', 'extensionDecided', 'accountSecurity'));
